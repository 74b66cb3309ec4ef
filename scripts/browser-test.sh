#!/usr/bin/env bash
# The dashboard in a real browser: ingests the bundled samples (and synthetic events from the
# store benchmark's generator, so every chart has marks whatever the pipeline codes today) into
# a temporary store, serves it, loads each view in headless Chromium, checks the rendered DOM
# and saves screenshots.
#
#   scripts/browser-test.sh OUTPUT_DIR
#
# Needs Debian's chromium (apt-get install chromium). TRIBUNE=path/to/tribune uses that binary
# instead of building one; TRIBUNE_SCRATCH names the build folder (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:?usage: scripts/browser-test.sh OUTPUT_DIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "browser-test: chromium is not installed (apt-get install chromium)" >&2; exit 2; }

if [ -z "${TRIBUNE:-}" ]; then
    scratch=${TRIBUNE_SCRATCH:-.build}
    swift build --scratch-path "$scratch" --product tribune >/dev/null
    TRIBUNE="$(swift build --scratch-path "$scratch" --show-bin-path)/tribune"
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

db="$work/store.sqlite"
echo "== store: synthetic events, then the samples"
"$TRIBUNE" bench store --events "${SYNTHETIC_EVENTS:-3000}" --sqlite "$db" --no-ingest --repetitions 1 >"$work/bench.log"
"$TRIBUNE" ingest samples/rferl-pakistan-imu.txt --published 2008-07-01 --db "$db" --quiet
"$TRIBUNE" ingest samples/wikinews samples/wikinews.jsonl --db "$db" --quiet || true
"$TRIBUNE" events --db "$db" --limit 0 --format jsonl | wc -l | xargs echo "events in the store:"

echo "== serve"
"$TRIBUNE" serve --db "$db" --port 0 >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    grep -q "serving" "$work/serve.log" 2>/dev/null && break
    sleep 0.1
done
base=$(grep -o 'http://[^ ]*/' "$work/serve.log" | head -1)
[ -n "$base" ] || { echo "browser-test: the server did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
echo "serving at $base"
sample_id=$(curl -sf "${base}api/documents?q=Waziristan&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')

# Loads a page, lets its scripts run, saves the DOM and a screenshot.
render() {
    local name=$1 url=$2 height=${3:-1800}
    local flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars
        --no-first-run --user-data-dir="$work/profile" --virtual-time-budget=15000 --window-size=1400,"$height")
    "$browser" "${flags[@]}" --dump-dom "$url" >"$out/$name.html" 2>"$work/$name.dom.log"
    "$browser" "${flags[@]}" --screenshot="$out/$name.png" "$url" >/dev/null 2>"$work/$name.png.log"
}

render overview "${base}#/" 1900
render pakistan "${base}#/?country=PK" 1900
render article "${base}#/doc/${sample_id}" 2600
render quotes "${base}#/quotes" 1400
render documents "${base}#/documents" 1000

echo "== checks"
python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
def page(name):
    return open(f"{out}/{name}.html", encoding="utf-8").read()
failures = []
def check(what, count, least=1):
    print(f"{'ok  ' if count >= least else 'FAIL'} {what}: {count}")
    if count < least:
        failures.append(what)
overview = page("overview")
check("overview: rendered", overview.count('data-ready="true"'))
check("overview: event table rows", len(re.findall(r'<tr data-seq="', overview)), 10)
check("overview: timeline bars", len(re.findall(r'<rect class="bar q[1-4]"', overview)), 3)
check("overview: map countries", len(re.findall(r'<path class="land"', overview)), 100)
check("overview: map points", len(re.findall(r'<circle class="point"', overview)), 3)
check("overview: network nodes", len(re.findall(r'<circle class="node"', overview)), 3)
check("overview: network edges", len(re.findall(r'<path class="edge (?:coop|conf)"', overview)), 2)
pakistan = page("pakistan")
points = re.findall(r'<circle class="point"[^>]*>\s*<title>([^<]*)</title>', pakistan)
check("Pakistan: map points", len(points))
check("Pakistan: every point in Pakistan", sum("(PK)" in title for title in points), len(points) or 1)
check("Pakistan: event rows", len(re.findall(r'<tr data-seq="', pakistan)))
article = page("article")
check("article: text shown", int("Waziristan" in article))
check("article: entity marks", len(re.findall(r'class="seg ann[^"]*\bent\b', article)), 5)
check("article: quote marks", len(re.findall(r'class="seg ann[^"]*\bquote\b', article)))
check("article: time marks", len(re.findall(r'class="seg ann[^"]*\btime\b', article)))
check("article: event triggers", len(re.findall(r'class="seg ann[^"]*\btrig\b', article)), 0)
quotes = page("quotes")
check("quotes: speakers", len(re.findall(r'<li class="(?:active)?"', quotes)))
documents = page("documents")
check("documents: rows", len(re.findall(r'href="#/doc/', documents)), 3)
if failures:
    print("browser-test: failed: " + ", ".join(failures))
    sys.exit(1)
print("browser-test: passed")
PY
echo "screenshots: $out/overview.png $out/pakistan.png $out/article.png $out/quotes.png $out/documents.png"
