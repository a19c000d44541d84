#!/usr/bin/env bash
# Installs what is missing, builds everything with -Werror, starts a throwaway PostgreSQL on a
# free port (initdb + pg_ctl as the postgres user), and runs every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scripts/deps.sh test

build_dir=${DROP_BUILD_DIR:-$root/build/ci}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDROP_WERROR=ON \
      ${DROP_CMAKE_ARGS:-}
cmake --build "$build_dir" -j "${DROP_JOBS:-2}"

# --- throwaway PostgreSQL ---------------------------------------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_dir=$(mktemp -d /tmp/drop-pg.XXXXXX)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
port=55432
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -o \
      "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start \
      >/dev/null
stop_pg() { as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
            rm -rf "$pg_dir"; }
trap stop_pg EXIT
export DROP_TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"
export DROP_TEST_PG_BIN="$pg_bin" DROP_TEST_PG_DATA="$pg_dir/data"
echo "throwaway PostgreSQL on 127.0.0.1:$port"

cd "$build_dir"
ctest --output-on-failure -j "${DROP_JOBS:-2}" ${DROP_CTEST_ARGS:-}
