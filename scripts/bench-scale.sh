#!/usr/bin/env bash
# Linearity and memory bounds of one document's analysis, from a release build:
#   scripts/bench-scale.sh [SIZES]     (default 10k,100k,1M,10M,50M)
# 1. `tribune bench scale`: CPU ms per MB of pages from 10 KB to 50 MB, in one process, with
#    the ratio to the smallest page's (flat when every stage is linear);
# 2. the 50 MB page analyzed alone by `tribune analyze` under `/usr/bin/time -v`: its peak
#    resident memory (the bar: under 1 GiB) and wall time.
# Builds `tribune` in release into TRIBUNE_SCRATCH (default .build-rel) first (several minutes
# the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then export PATH=/opt/swift/usr/bin:$PATH; fi
scratch=${TRIBUNE_SCRATCH:-.build-rel}
sizes=${1:-10k,100k,1M,10M,50M}
[ -x /usr/bin/time ] || { echo "bench-scale: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
swift build -c release --scratch-path "$scratch" --product tribune >&2
tribune=$scratch/release/tribune
pages=$(mktemp -d)
trap 'rm -rf "$pages"' EXIT

echo "== time per MB, one document per size, one thread ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
"$tribune" bench scale --sizes "$sizes" --write "$pages"

largest=$(ls -S "$pages" | head -1)
echo
echo "== peak memory: tribune analyze $largest ($(du -m "$pages/$largest" | cut -f1) MB) alone"
/usr/bin/time -v "$tribune" analyze --format jsonl --threads 1 "$pages/$largest" >"$pages/out.jsonl" 2>"$pages/time.txt" || {
    cat "$pages/time.txt" >&2
    exit 1
}
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$pages/time.txt")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$pages/time.txt")
echo "peak RSS $((rss / 1024)) MB ($rss kB), wall $wall, output $(du -m "$pages/out.jsonl" | cut -f1) MB of JSON"
if [ "$rss" -ge $((1024 * 1024)) ]; then
    echo "bench-scale: peak memory is over 1 GiB" >&2
    exit 1
fi
