#!/usr/bin/env bash
# Installs what is missing, builds the release preset and runs the server on the embedded SQLite
# default (data/drop.db). Extra arguments are passed to `drop`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release -DDROP_BUILD_TESTS=OFF -DDROP_BUILD_BENCH=OFF >/dev/null
cmake --build --preset release --target drop
if [ $# -gt 0 ]; then exec build/release/app/drop "$@"; fi
exec build/release/app/drop serve
