#!/usr/bin/env bash
# HTTP benchmark: wrk against GET /api/health and GET /api/rates of `drop serve`, nginx serving
# the same bytes as static files, and a minimal Node.js http server answering the same bytes --
# same machine, same wrk settings, one run each. /api/rates is rate limited (120/min/IP), so
# every wrk request carries an X-Forwarded-For from a rotating set of 20,000 client addresses
# (drop runs with DROP_TRUSTED_PROXY_HOPS=1, as behind a load balancer): the responses are 200s,
# each one a real rate-limit decision; nginx and Node get the same request bytes. Also: idle RSS of drop after start, and the time from exec to the first 200 on
# /api/health. Prints a Markdown table for docs/performance.md. Figures are for reading only.
#
# Each path is measured with one request per write (keep-alive, the next request after the
# answer) and with 16 pipelined requests per write (TechEmpower's plaintext setting), and the
# CPU time each server used is recorded, so requests per CPU-second can be compared too.
#
# Usage: scripts/bench_http.sh [path/to/drop]   (default: builds the release preset)
# Needs: wrk, nginx, node (Debian packages wrk, nginx, nodejs), python3.
# Environment: BENCH_DURATION (10s), BENCH_CONNECTIONS (64), BENCH_THREADS (2).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in wrk nginx node python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install wrk nginx nodejs)" >&2; exit 1; }
done
drop=${1:-}
if [ -z "$drop" ]; then
  cmake --preset release -DDROP_BUILD_TESTS=OFF -DDROP_BUILD_BENCH=OFF >/dev/null
  cmake --build --preset release --target drop >/dev/null
  drop=build/release/app/drop
fi
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
work=$(mktemp -d /tmp/drop-bench.XXXXXX)
pids=()
cat >"$work/clients.lua" <<'LUA'
-- Requests from 20,000 client addresses (X-Forwarded-For), prepared once in init() so the load
-- generator spends no time formatting. `-- N` (default 1) sends N requests per write: HTTP/1.1
-- pipelining, as in TechEmpower's plaintext test (depth 16); 1 is one request per round trip.
local batches = {}
local next_batch = 0
init = function(args)
  local depth = tonumber(args[1] or "1")
  local counter = 0
  for b = 1, 20000 / depth do
    local parts = {}
    for i = 1, depth do
      counter = counter + 1
      local ip = string.format("10.0.%d.%d", math.floor(counter / 256) % 256, counter % 256)
      parts[i] = wrk.format("GET", nil, {["X-Forwarded-For"] = ip})
    end
    batches[b] = table.concat(parts)
  end
end
request = function()
  next_batch = next_batch % #batches + 1
  return batches[next_batch]
end
LUA
# bench <url> <output> [depth]: also records the server's CPU seconds during the run.
bench() {
  local before after
  before=$(cpu_ticks "$server_pid")
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/clients.lua" "$1" -- "${3:-1}" >"$2"
  after=$(cpu_ticks "$server_pid")
  echo "$((after - before))" >"$2.cpu"
}
# User + system CPU of a process and its threads, in clock ticks.
cpu_ticks() {
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
# Every path at both depths against one server: bench_all <name> <port>.
bench_all() {
  local path depth
  for path in health rates; do
    for depth in 1 16; do
      bench "http://127.0.0.1:$2/api/$path" "$work/$1_${path}_$depth.txt" "$depth"
    done
  done
}
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts a command and prints "<milliseconds to first 200 on $url>" (exec to answer).
start_and_time() {
  local url=$1; shift
  python3 - "$url" "$@" <<'PY'
import subprocess, sys, time, urllib.request
url, argv = sys.argv[1], sys.argv[2:]
start = time.monotonic()
process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
while True:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            if response.status == 200:
                break
    except Exception:
        time.sleep(0.0005)
    if time.monotonic() - start > 10:
        sys.exit("no 200 within 10 s")
print(f"{(time.monotonic() - start) * 1000:.1f} {process.pid}")
PY
}

p99() { awk '/ 99%/ {print $2}' "$1"; }

# --- drop ----------------------------------------------------------------------------------
drop_port=$(free_port)
read -r start_ms drop_pid < <(start_and_time "http://127.0.0.1:$drop_port/api/health" env \
  PORT="$drop_port" DROP_ENV=development DROP_TRUSTED_PROXY_HOPS=1 JWT_SECRET=bench-secret-bench-secret-bench-secret-00 \
  DATABASE_URL="sqlite:$work/drop.db" "$drop" serve)
pids+=("$drop_pid")
sleep 0.5
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$drop_pid/status")
curl -s "http://127.0.0.1:$drop_port/api/health" >"$work/health.json"
curl -s "http://127.0.0.1:$drop_port/api/rates" >"$work/rates.json"
server_pid=$drop_pid
bench_all drop "$drop_port"
rss_after_kb=$(awk '/VmRSS/ {print $2}' "/proc/$drop_pid/status")
kill -TERM "$drop_pid"
while kill -0 "$drop_pid" 2>/dev/null; do sleep 0.05; done
# A second start on the now-migrated database (the usual restart).
read -r restart_ms drop_pid < <(start_and_time "http://127.0.0.1:$drop_port/api/health" env \
  PORT="$drop_port" DROP_ENV=development DROP_TRUSTED_PROXY_HOPS=1 JWT_SECRET=bench-secret-bench-secret-bench-secret-00 \
  DATABASE_URL="sqlite:$work/drop.db" "$drop" serve)
pids+=("$drop_pid")
kill -TERM "$drop_pid"

# --- nginx (same bytes, static file) ----------------------------------------------------------
nginx_port=$(free_port)
mkdir -p "$work/nginx/api" "$work/nginx/logs"
cp "$work/health.json" "$work/nginx/api/health"
cp "$work/rates.json" "$work/nginx/api/rates"
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 4096; }
http {
  access_log $work/nginx/logs/access.log;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server {
    listen 127.0.0.1:$nginx_port;
    location = /api/health { root $work/nginx; default_type application/json; }
    location = /api/rates { root $work/nginx; default_type application/json; }
  }
}
CONF
nginx -c "$work/nginx.conf" -g 'daemon off;' 2>/dev/null &
pids+=("$!")
sleep 0.5
server_pid=$(cat "$work/nginx.pid")
bench_all nginx "$nginx_port"

# --- Node.js ----------------------------------------------------------------------------------
node_port=$(free_port)
HEALTH=$(cat "$work/health.json") RATES=$(cat "$work/rates.json") node -e '
const health = process.env.HEALTH, rates = process.env.RATES;
require("http").createServer((request, response) => {
  response.writeHead(200, {"Content-Type": "application/json"});
  response.end(request.url === "/api/rates" ? rates : health);
}).listen(Number(process.argv[1]), "127.0.0.1");' "$node_port" &
node_pid=$!
pids+=("$node_pid")
sleep 0.5
server_pid=$node_pid
bench_all node "$node_port"

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
non2xx() { awk '/Non-2xx/ {n = $5} END {print n + 0}' "$1"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); wrk -t$threads -c$connections -d$duration"
echo
echo "| path | requests per write | drop req/s | nginx req/s | Node req/s | drop / nginx | drop / Node | drop p99 | drop non-2xx |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for path in health rates; do
  for depth in 1 16; do
    d=$(rps "$work/drop_${path}_$depth.txt"); n=$(rps "$work/nginx_${path}_$depth.txt"); j=$(rps "$work/node_${path}_$depth.txt")
    echo "| GET /api/$path | $depth | $d | $n | $j | $(ratio "$d" "$n") | $(ratio "$d" "$j") | $(p99 "$work/drop_${path}_$depth.txt") | $(non2xx "$work/drop_${path}_$depth.txt") |"
  done
done
echo
# Requests per CPU second of the server process (and its workers) during each run: what each
# server gets out of the cores it used, whatever share of them wrk took.
hz=$(getconf CLK_TCK)
per_cpu() { python3 -c "t=$(cat "$1.cpu"); print(f'{$(rps "$1") * ${duration%s} * $hz / t:,.0f}' if t else '-')"; }
echo "| path | requests per write | drop req per CPU-s | nginx req per CPU-s | Node req per CPU-s |"
echo "| --- | ---: | ---: | ---: | ---: |"
for path in health rates; do
  for depth in 1 16; do
    echo "| GET /api/$path | $depth | $(per_cpu "$work/drop_${path}_$depth.txt") | $(per_cpu "$work/nginx_${path}_$depth.txt") | $(per_cpu "$work/node_${path}_$depth.txt") |"
  done
done
echo
echo "drop: exec to first 200 on /api/health: ${start_ms} ms with a new database (migrations applied), ${restart_ms} ms on a migrated one; idle RSS after start: $((rss_kb / 1024)).$(((rss_kb % 1024) * 10 / 1024)) MB (after the wrk run: $((rss_after_kb / 1024)) MB)"
