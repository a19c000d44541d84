#!/usr/bin/env bash
# HTTP benchmark of the money path: POST /api/transfers on PostgreSQL with wrk at 64
# connections -- throughput and p50/p99 latency of whole requests (auth, rate limit,
# Idempotency-Key, quote use, the linked ledger chain through group commit, the remittance row).
#
# Setup (not timed): a throwaway PostgreSQL (or $BENCH_DATABASE_URL), `drop serve` on it, USERS
# KYC-approved users (dev-login) with a deposit each and QUOTES_PER_USER quotes each (so every
# transfer uses a fresh quote and the per-user limit of 300/min is not what is measured). Then
# wrk posts one transfer per request, each with its own quote and Idempotency-Key, cycling over
# the users. A run that used up the quotes reports non-2xx (409 quote_used): raise the counts.
# Afterwards the ledger is verified. Figures are for reading only (docs/performance.md).
#
# Usage: scripts/bench_transfers.sh [path/to/drop]   Needs: wrk, python3, PostgreSQL 15 server.
# Environment: BENCH_DURATION (10s), BENCH_CONNECTIONS (64), BENCH_THREADS (2), USERS (1000),
# QUOTES_PER_USER (40), BENCH_DATABASE_URL (else a throwaway server is started).
set -euo pipefail
cd "$(dirname "$0")/.."
drop=${1:-build/ci/app/drop}
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
users=${USERS:-1000}
quotes=${QUOTES_PER_USER:-40}
work=$(mktemp -d /tmp/drop-bench-transfers.XXXXXX)
chmod 755 "$work"
pids=()
pg_bin=/usr/lib/postgresql/15/bin
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -d "$work/pg" ]; then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

database_url=${BENCH_DATABASE_URL:-}
if [ -z "$database_url" ]; then
  pg_port=$(free_port)
  mkdir -p "$work/pg" "$work/pglog" && chown postgres "$work/pg" "$work/pglog"
  runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pglog/pg.log" -w \
    -o "-p $pg_port -k $work/pglog -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  database_url="postgresql://postgres@127.0.0.1:$pg_port/postgres"
fi

admin=bench-admin-token-0123456789abcdef
port=$(free_port)
PORT=$port DATABASE_URL="$database_url" DROP_ENV=development DROP_WORKER_THREADS=${DROP_WORKER_THREADS:-16} DROP_ADMIN_TOKEN=$admin \
  DROP_TRUSTED_PROXY_HOPS=1 DROP_QUOTE_TTL_S=3600 DROP_SANDBOX_PAYOUT_DELAY_MS=100 \
  JWT_SECRET=bench-secret-bench-secret-bench-secret-00 "$drop" serve >/dev/null 2>"$work/drop.err" &
pids+=("$!")
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done

# Users, deposits and quotes over keep-alive connections (auth is 10/min per client address, so
# each sign-in comes from its own X-Forwarded-For).
python3 - "$port" "$admin" "$users" "$quotes" "$work/requests.txt" <<'PY'
import http.client, json, sys, concurrent.futures
port, admin, users, quotes, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
def post(connection, path, body, headers):
    connection.request("POST", path, json.dumps(body), {"Content-Type": "application/json", **headers})
    response = connection.getresponse()
    data = response.read()
    if response.status >= 300:
        sys.exit(f"{path}: {response.status} {data[:200]!r}")
    return json.loads(data)
def setup(index):
    connection = http.client.HTTPConnection("127.0.0.1", int(port))
    ip = {"X-Forwarded-For": f"10.1.{index // 256}.{index % 256}"}
    login = post(connection, "/api/auth/dev-login", {"name": f"Bench {index}", "kyc_status": "approved"}, ip)
    token, user_id = login["token"], login["user"]["id"]
    post(connection, "/api/admin/deposits",
         {"user_id": user_id, "amount": {"amount": 100_000_000, "currency": "NOK"}, "reference": "bench"},
         {"Authorization": f"Bearer {admin}", "Idempotency-Key": f"dep-{index}", **ip})
    lines = []
    for q in range(quotes):
        quote = post(connection, "/api/quotes",
                     {"source_currency": "NOK", "target_currency": "EUR", "source_amount": 10000 + q},
                     {"Authorization": f"Bearer {token}", **ip})
        lines.append(f"{token} {quote['id']} 10.2.{index // 256}.{index % 256}")
    return lines
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    rows = list(pool.map(setup, range(users)))
with open(out, "w") as f:
    # Interleave users so consecutive requests come from different users.
    for q in range(quotes):
        for lines in rows:
            f.write(lines[q] + "\n")
PY

cat >"$work/transfers.lua" <<LUA
-- Each request: the next (token, quote) pair, a fresh Idempotency-Key.
local requests = {}
for line in io.lines("$work/requests.txt") do
  local token, quote, ip = line:match("(%S+) (%S+) (%S+)")
  requests[#requests + 1] = {token = token, quote = quote, ip = ip}
end
local counter = 0
local next_thread = 0
-- thread_id is a global each thread gets from setup() (wrk runs one Lua state per thread).
thread_id = 0
setup = function(thread) thread:set("thread_id", next_thread); next_thread = next_thread + 1 end
request = function()
  counter = counter + 1
  local index = ((counter - 1) * $threads + thread_id) % #requests + 1
  local r = requests[index]
  local body = '{"quote_id":"' .. r.quote .. '","recipient":{"name":"Hans Muster",' ..
               '"iban":"DE89370400440532013000","country":"DE"},"reference":"bench"}'
  return wrk.format("POST", "/api/transfers", {
    ["Authorization"] = "Bearer " .. r.token, ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. thread_id .. "-" .. counter, ["X-Forwarded-For"] = r.ip}, body)
end
-- The first answer of each non-2xx status goes to errors.txt (to tell why).
local seen = {}
response = function(status, headers, body)
  if status >= 300 and not seen[status] then
    seen[status] = true
    local file = io.open("$work/errors.txt", "a")
    file:write(status .. " " .. body:sub(1, 300) .. "\n")
    file:close()
  end
end
LUA
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/transfers.lua" \
  "http://127.0.0.1:$port" >"$work/wrk.txt"
sleep 1
verify=$(curl -s -H "Authorization: Bearer $admin" "http://127.0.0.1:$port/api/admin/ledger/verify")

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); wrk -t$threads -c$connections -d$duration; $users users x $quotes quotes"
echo
echo "| POST /api/transfers (PostgreSQL) | figure |"
echo "| --- | ---: |"
echo "| transfers/s | $(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") |"
echo "| p50 latency | $(awk '/ 50%/ {print $2}' "$work/wrk.txt") |"
echo "| p99 latency | $(awk '/ 99%/ {print $2}' "$work/wrk.txt") |"
echo "| requests | $(awk '/requests in/ {print $1}' "$work/wrk.txt") |"
echo "| non-2xx | $(awk '/Non-2xx/ {n = $5} END {print n + 0}' "$work/wrk.txt") |"
echo
echo "ledger verify after the run: $verify" | cut -c1-120
if [ -s "$work/errors.txt" ]; then echo "first non-2xx answers:"; sort -u "$work/errors.txt" | cut -c1-300; fi
