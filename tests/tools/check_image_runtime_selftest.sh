#!/usr/bin/env bash
# Proves the runtime-stage checker can fail: on copies of docker/Dockerfile with a needed package
# removed (a direct one, libpq5, and a transitive one, libkrb5-3), with the runtime stage no longer
# installing the list, and with a package the distroless base lacks claimed as part of it, the
# checker must exit 1; on the unmodified Dockerfile it must exit 0.
# Usage: check_image_runtime_selftest.sh <checker> <Dockerfile> <drop binary>
set -u
checker=${1:?usage: check_image_runtime_selftest.sh <checker> <Dockerfile> <drop binary>}
dockerfile=${2:?}
binary=${3:?}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$checker" "$dockerfile" "$binary" >"$scratch/out" ||
  { cat "$scratch/out"; echo "the unmodified Dockerfile was reported incomplete"; exit 1; }
status=0
plant() {  # plant <description> <sed expression>
  sed -e "$2" "$dockerfile" >"$scratch/Dockerfile"
  if cmp -s "$dockerfile" "$scratch/Dockerfile"; then
    echo "the edit for '$1' changed nothing (the self-test is stale)"
    status=1
  elif "$checker" "$scratch/Dockerfile" "$binary" >"$scratch/out" 2>&1; then
    echo "not caught: $1"
    status=1
  else
    echo "caught: $1: $(grep -m1 -v '^note:' "$scratch/out")"
  fi
}
plant "libpq5 removed" '/^    libpq5 \\$/d'
plant "libkrb5-3 (transitive) removed" '/^    libkrb5-3 \\$/d'
plant "libsqlite3-0 removed" '/^    libsqlite3-0 \\$/d'
plant "runtime stage installs a fixed list" \
      '/^FROM debian:12-slim AS runtime$/,$ s/\${RUNTIME_PACKAGES}/libpq5/'
plant "distroless base claims libpq5" 's/^ARG DISTROLESS_BASE_PACKAGES="/&libpq5 /'
[ $status -eq 0 ] && echo "every planted gap was caught"
exit $status
