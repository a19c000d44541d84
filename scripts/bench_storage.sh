#!/usr/bin/env bash
# Durable-transfer benchmarks on a fresh throwaway PostgreSQL (fsync on, default settings) and on
# SQLite (synchronous=FULL), printed as markdown rows for docs/performance.md:
#   - pgbench -b tpcb-like (a one-transfer-per-transaction banking workload), 64 clients;
#   - drop_bench_storage: 64 callers posting one transfer each through the group-commit writer,
#     over 100,000 accounts, uniform and with one hot credit account; p50/p99 per call;
#   - bytes per transfer on disk in PostgreSQL (tables + indexes);
#   - SQLite with the same callers.
# Usage: scripts/bench_storage.sh [seconds per run, default 15]   (figures are never asserted)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
build_dir=${DROP_BUILD_DIR:-build/bench}
scripts/deps.sh test
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDROP_BUILD_TESTS=ON >/dev/null
cmake --build "$build_dir" -j2 --target drop_bench_storage >/dev/null
bench="$build_dir/tests/bench/drop_bench_storage"

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_dir=$(mktemp -d /tmp/drop-bench-pg.XXXXXX)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
port=56432
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -o \
      "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
trap 'as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1; rm -rf "$pg_dir" /tmp/drop-bench-sqlite.db*' EXIT
url="postgresql://postgres@127.0.0.1:$port"
fresh() { psql "$url/postgres" -qXc "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null 2>&1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'), fsync on, synchronous_commit on; ${seconds}s per run"
fresh pgb
"$pg_bin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -i -s 64 -q pgb >/dev/null 2>&1
tps=$("$pg_bin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -b tpcb-like -c 64 -j 2 -T "$seconds" pgb 2>/dev/null |
      awk '/^tps/ {print $3}')
lat=$("$pg_bin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -b tpcb-like -c 64 -j 2 -T 5 pgb 2>/dev/null |
      awk '/latency average/ {print $4}')
echo "| pgbench tpcb-like | 64 clients | scale 64 | ${tps%.*} transactions/s | latency avg ${lat} ms |"
fresh drop_uniform
"$bench" "$url/drop_uniform" 64 100000 "$seconds" 0
fresh drop_hot
"$bench" "$url/drop_hot" 64 100000 "$seconds" 1
rm -f /tmp/drop-bench-sqlite.db*
"$bench" sqlite:/tmp/drop-bench-sqlite.db 64 10000 "$seconds" 0
rm -f /tmp/drop-bench-sqlite.db*
"$bench" sqlite:/tmp/drop-bench-sqlite.db 64 100000 "$seconds" 0
