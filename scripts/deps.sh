#!/usr/bin/env bash
# Installs the Debian 12 packages Drop needs that are missing (as root; a no-op when all are
# present). Usage: scripts/deps.sh [build|test]   (test adds the PostgreSQL server and tools)
set -euo pipefail
build_packages=(g++ cmake ninja-build ccache pkg-config libboost1.81-dev libpq-dev libsqlite3-dev
                libcpp-jwt-dev rapidjson-dev libssl-dev libfmt-dev libqrcodegencpp-dev catch2
                libzxing-dev)
# python3 (3.11: tomllib) runs tests/tools/check_deploy_configs.py and check_settings_documented.
test_packages=(postgresql-15 postgresql-client-15 clang libclang-rt-14-dev python3)
packages=("${build_packages[@]}")
[ "${1:-build}" = test ] && packages+=("${test_packages[@]}")

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages (run as root to install): ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
