#!/usr/bin/env bash
# Load benchmark of `tribune serve` with wrk (Debian's wrk package) over a store of synthetic
# events (the store benchmark's generator), on loopback only, each run bounded in time.
#
#   scripts/bench-serve.sh [EVENTS] [STORE]
#
# EVENTS defaults to 1,000,000; STORE (kept and reused if it exists) to a temporary file.
# For each endpoint it prints requests/s and latency percentiles at full load (wrk, 2 threads,
# 16 connections) and at a paced ~200 requests/s (20 connections, each waiting 100 ms
# between requests, through wrk's Lua delay(): wrk2's fixed rate is not in Debian).
# TRIBUNE=path/to/tribune uses that binary instead of a release build in .build-release.
set -euo pipefail
cd "$(dirname "$0")/.."

events=${1:-1000000}
command -v wrk >/dev/null || { echo "bench-serve: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
if [ -z "${TRIBUNE:-}" ]; then
    scratch=${TRIBUNE_SCRATCH:-.build-release}
    swift build -c release --scratch-path "$scratch" --product tribune >/dev/null
    TRIBUNE="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/tribune"
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
db=${2:-$work/store.sqlite}

if [ ! -f "$db" ]; then
    echo "== filling $db with $events synthetic events"
    "$TRIBUNE" bench store --events "$events" --sqlite "$db" --no-ingest --repetitions 1
fi

"$TRIBUNE" serve --db "$db" --port 0 >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
    grep -q "serving" "$work/serve.log" 2>/dev/null && break
    sleep 0.1
done
base=$(grep -o 'http://[^ ]*/' "$work/serve.log" | head -1)
[ -n "$base" ] || { echo "bench-serve: the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
base=${base%/}
echo "== $(curl -sf "$base/api/stats")"
echo "== load: $(uptime)"

cat >"$work/paced.lua" <<'LUA'
-- Each connection waits 100 ms after every answer: 20 connections make about 200 requests/s.
function delay() return 100 end
LUA

report() {
    # wrk --latency prints 50/75/90/99% lines; keep requests/s and those.
    awk '/Requests\/sec/ {print "  requests/s " $2} /^ +(50|90|99)%/ {print "  p" substr($1, 1, length($1) - 1) " " $2}
         /Non-2xx/ {print "  non-2xx " $NF} /Socket errors/ {print "  " $0}'
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

for path in "/api/events?limit=50" "/api/events?limit=50&actor=PAK&quad=4" "/api/events?limit=50&offset=5000" \
    "/api/aggregates/timeline?interval=month" "/api/aggregates/countries" "/api/actors/pairs?limit=60"; do
    # One request first: the answer's size, and (for aggregates) the uncached time.
    first=$(curl -s -o /dev/null -w '%{time_total} s, %{size_download} bytes' "$base$path")
    echo "== $path (first request: $first)"
    before=$(cpu_ticks)
    echo " full load (wrk -t2 -c16 -d${WRK_SECONDS:-15}s):"
    wrk -t2 -c16 -d"${WRK_SECONDS:-15}s" --latency "$base$path" | report
    echo " paced, about 200 requests/s (wrk -t2 -c20, 100 ms between requests per connection):"
    wrk -t2 -c20 -d"${WRK_SECONDS:-15}s" --latency -s "$work/paced.lua" "$base$path" | report
    after=$(cpu_ticks)
    echo "  server CPU for both runs: $(( (after - before) * 10 )) ms"
done
