#!/usr/bin/env bash
# Tribune's HTML extraction against trafilatura and readability-lxml, on the same pages, in one run.
#
#   scripts/bench-extraction-peers.sh [DIR] [LIMIT]
#
# DIR is a WCXB-layout folder (html/*.html.gz + ground-truth/*.json), by default
# ../shared/data/dev/extraction/wcxb-dev. The peers are installed from PyPI into a virtualenv
# ($TRIBUNE_PEERS_VENV, default /tmp/tribune-peers) the first time. Tribune is built in release
# mode ($SCRATCH, default .build). Every extractor runs on one core, one pass, pages gunzipped in
# memory first; each prints pages/s and its macro bag-of-words F1 (the WCXB metric), and the last
# lines give Tribune's speed as a multiple of each peer's. Not part of `swift test`.
set -euo pipefail

cd "$(dirname "$0")/.."
DIR="${1:-../shared/data/dev/extraction/wcxb-dev}"
LIMIT="${2:-}"
VENV="${TRIBUNE_PEERS_VENV:-/tmp/tribune-peers}"
SCRATCH="${SCRATCH:-.build}"

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import trafilatura, readability' 2>/dev/null; then
    echo "installing trafilatura and readability-lxml into $VENV" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade pip
    "$VENV/bin/pip" install -q trafilatura readability-lxml lxml_html_clean
fi

swift build -c release --scratch-path "$SCRATCH" --product tribune >&2
TRIBUNE="$SCRATCH/release/tribune"

LIMIT_FLAG=()
[ -n "$LIMIT" ] && LIMIT_FLAG=(--limit "$LIMIT")

# One core for everyone.
PIN=()
command -v taskset >/dev/null && PIN=(taskset -c 0)

RESULTS="$(mktemp)"
trap 'rm -f "$RESULTS"' EXIT
echo "Tribune (release, one pass)..." >&2
TRIBUNE_JSON="$("${PIN[@]}" "$TRIBUNE" eval extraction "$DIR" --passes 1 --json "${LIMIT_FLAG[@]}")"
echo "{\"peer\": \"tribune\", \"tribune\": $TRIBUNE_JSON}" >"$RESULTS"
echo "peers (one pass each)..." >&2
"${PIN[@]}" "$VENV/bin/python" scripts/bench_extraction_peers.py "$DIR" "$LIMIT" >>"$RESULTS"

"$VENV/bin/python" - "$RESULTS" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
tribune = rows[0]["tribune"]
cpu, wall, f1 = tribune["cpu_pages_per_second"], tribune["pages_per_second"], tribune["f1"]
print(f"{'extractor':<20}{'pages/s CPU':>12}{'pages/s wall':>13}{'body F1':>9}")
print(f"{'tribune':<20}{cpu:>12.1f}{wall:>13.1f}{f1:>9.3f}")
peers = []
for row in rows[1:]:
    if "error" in row:
        print(f"{row['peer']:<20}  not run: {row['error']}")
        continue
    row["cpu_pps"] = row["pages"] / row["cpu_seconds"] if row["cpu_seconds"] else 0
    peers.append(row)
    print(f"{row['peer']:<20}{row['cpu_pps']:>12.1f}{row['pages_per_second']:>13.1f}{row['f1']:>9.3f}")
print()
for row in peers:
    if row["cpu_pps"]:
        print(f"tribune is {cpu / row['cpu_pps']:.0f}x as fast as {row['peer']} by CPU time "
              f"({wall / row['pages_per_second']:.0f}x by wall clock); body F1 {f1:.3f} vs {row['f1']:.3f}, "
              f"same {row['pages']} pages")
PY
