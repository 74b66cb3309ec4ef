#!/usr/bin/env bash
# Issue 12's order check: COPIES (default 400) copies of the sample page, each with its own URL,
# piped as JSONL through `tribune analyze --format jsonl -` on THREADS threads (default 2); passes
# when there is exactly one output line per input, in input order.
#
#   scripts/stream-order.sh [COPIES] [THREADS]
#
# Set TRIBUNE to the binary to run (default .build/release/tribune, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-400}
threads=${2:-2}
tribune=${TRIBUNE:-.build/release/tribune}
[ -x "$tribune" ] || swift build -c release --product tribune >&2

work=$(mktemp -d /tmp/tribune-stream-order.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - "$copies" "$work/in.jsonl" <<'PY'
import json, sys
copies, path = int(sys.argv[1]), sys.argv[2]
text = open("samples/rferl-pakistan-imu.txt", encoding="utf-8").read()
with open(path, "w", encoding="utf-8") as out:
    for i in range(copies):
        out.write(json.dumps({"id": f"copy-{i:05d}", "url": f"https://example.org/copy/{i}", "text": text}) + "\n")
PY
start=$(date +%s.%N)
"$tribune" analyze --format jsonl --threads "$threads" --published 2008-07-01 - <"$work/in.jsonl" >"$work/out.jsonl"
end=$(date +%s.%N)
python3 - "$copies" "$work/out.jsonl" "$start" "$end" <<'PY'
import json, sys
copies, path, start, end = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
uris = [json.loads(line).get("source", {}).get("uri") for line in open(path, encoding="utf-8")]
expected = [f"https://example.org/copy/{i}" for i in range(copies)]
print(f"{len(uris)} outputs for {copies} inputs in {end - start:.1f} s")
if uris != expected:
    wrong = next((i for i, (a, b) in enumerate(zip(uris, expected)) if a != b), min(len(uris), copies))
    print(f"FAIL: output {wrong} is {uris[wrong] if wrong < len(uris) else 'missing'}, expected {expected[wrong] if wrong < copies else 'nothing'}")
    sys.exit(1)
print("ok: one output per input, in input order")
PY
