#!/usr/bin/env bash
# Runs a libFuzzer target of Fuzz/ for SECONDS: scripts/fuzz.sh TARGET SECONDS [libFuzzer options…]
#
# TARGET is one of: html charset warc jsonl segmenter time dictionaries, or `all` (each in turn
# for SECONDS). The library modules are built once with `-sanitize=fuzzer,address` into their own
# scratch folder (TRIBUNE_FUZZ_SCRATCH, default .build-fuzz; several minutes the first time), the
# target file is linked against them, and it runs over a seed corpus made from samples/, the
# shipped dictionaries and, when it is there, ../shared/data (real WCXB pages, Phoenix files).
# New inputs libFuzzer finds stay in SCRATCH/corpus/TARGET for the next run. A crash, a hang
# (over 10 s on one input) or memory over 2 GiB stops the run with the input saved under
# SCRATCH/crashes/ and a non-zero exit; otherwise the last line says how many executions ran.
# `-jobs`/`-workers` and other libFuzzer flags pass through after SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(html charset warc jsonl segmenter time dictionaries)
[ $# -ge 2 ] || { echo "usage: scripts/fuzz.sh TARGET|all SECONDS [libFuzzer options…]  (TARGET: ${targets[*]})" >&2; exit 2; }
target=$1 seconds=$2
shift 2
if [ "$target" = all ]; then
    status=0
    for t in "${targets[@]}"; do bash "$0" "$t" "$seconds" "$@" || status=1; done
    exit $status
fi
[ -f "Fuzz/$target.swift" ] || { echo "fuzz: no target \"$target\" (one of: ${targets[*]})" >&2; exit 2; }
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then export PATH=/opt/swift/usr/bin:$PATH; fi

scratch=${TRIBUNE_FUZZ_SCRATCH:-.build-fuzz}
shared=${TRIBUNE_DATA:-../shared/data}
flags=(-Xswiftc -sanitize=fuzzer,address -Xswiftc -g)
# The modules every target links, built once (a no-op when nothing changed; TRIBUNE_FUZZ_NO_BUILD=1
# keeps what is built, so that a long run is not rebuilt under it when sources change).
if [ -z "${TRIBUNE_FUZZ_NO_BUILD:-}" ] || [ ! -d "$scratch/release/TribuneCoding.build" ]; then
    swift build -c release --scratch-path "$scratch" --target Tribune "${flags[@]}" >&2
fi
bin=$scratch/release
objects=()
for module in TribuneCore TribuneExtract TribuneNLP TribuneCoding; do objects+=("$bin/$module.build"/*.o); done
binary=$bin/fuzz-$target
if [ ! -x "$binary" ] || [ -n "$(find "Fuzz/$target.swift" "${objects[@]}" -newer "$binary" 2>/dev/null | head -1)" ]; then
    rm -f "$binary"
    # ld.gold warns of every ASan helper it cannot export: noise.
    swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name "fuzz_$target" \
        -I "$bin/Modules" -I "$bin" "Fuzz/$target.swift" "${objects[@]}" -o "$binary" 2>&1 |
        grep -v "Cannot export local symbol" >&2 || true
    [ -x "$binary" ] || { echo "fuzz: linking $target failed" >&2; exit 1; }
fi

# Seeds: real inputs of the target's kind, cut to at most 64 KB (the longest input tried).
seeds=$scratch/seeds/$target
corpus=$scratch/corpus/$target
crashes=$scratch/crashes
mkdir -p "$seeds" "$corpus" "$crashes"
if [ -z "$(ls -A "$seeds")" ]; then
    # A seed is named by its contents' hash (as libFuzzer names inputs); the rest of a longer
    # input is drained, so that the writer does not die of SIGPIPE.
    seed() {
        local incoming=$seeds/.incoming.$BASHPID
        head -c 65536 >"$incoming"
        cat >/dev/null
        mv "$incoming" "$seeds/$(sha1sum "$incoming" | cut -c1-16)"
    }
    texts() {  # text files and their pieces
        for f in samples/*.txt samples/wikinews/*.txt; do seed <"$f"; done
        split -C 4000 samples/rferl-pakistan-imu.txt "$seeds/rferl-"
    }
    case $target in
    html)
        seed <Tests/TribuneExtractTests/Fixtures/wikinews-bird-flu.html
        printf '<p>One<p>Two<table><tr><td>a<td>b</table><ul><li>x<li>y</ul>' | seed
        printf '<!doctype html><meta charset=windows-1252><title>T &amp; U</title><svg><p>y</svg><script>a<b</script>' | seed
        if [ -d "$shared/dev/extraction/wcxb-dev/html" ]; then
            for f in $(ls "$shared"/dev/extraction/wcxb-dev/html/*.html.gz | awk 'NR % 8 == 1'); do gzip -dc "$f" | seed; done
        fi
        ;;
    charset)
        texts
        printf 'windows-1252\ncaf\xe9 na\xefve \x93quoted\x94\r\nline\r' | seed
        printf 'utf-8\ncaf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d then \xe9 broken' | seed
        printf '\xff\xfeh\x00i\x00 \x00\x3d\xd8\x00\xde' | seed
        printf '\xfe\xff\x00h\x00i\x00\r\x00\n' | seed
        printf 'h\x00i\x00 \x00t\x00h\x00e\x00r\x00e\x00' | seed
        printf '\xef\xbb\xbf<meta charset="iso-8859-1"><p>\xe9t\xe9</p>' | seed
        printf '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis"><p>\x82\xa0</p>' | seed
        printf '\x89PNG\r\n\x1a\n\x00\x00' | seed
        printf '%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n' | seed
        ;;
    warc)
        body='<html><head><title>T</title></head><body><p>A page in a crawl.</p></body></html>'
        http="HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${#body}\r\n\r\n$body"
        chunked="HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n<p>sixteen byte\r\n4\r\ns</p>\r\n0\r\n\r\n"
        record() {  # TYPE PAYLOAD
            local payload length
            payload=$(printf "$2" | base64 -w0)
            length=$(printf '%s' "$payload" | base64 -d | wc -c)
            printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: https://example.org/%s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n' \
                "$1" "$1" "$RANDOM" "$length"
            printf '%s' "$payload" | base64 -d
            printf '\r\n\r\n'
        }
        info='software: tribune-fuzz\r\nformat: WARC File Format 1.0\r\n'
        { record warcinfo "$info"; record response "$http"; record response "$chunked"; } >"$seeds/plain.warc"
        { record warcinfo "$info" | gzip -c; record response "$http" | gzip -c; record response "$chunked" | gzip -c; } >"$seeds/compressed.warc.gz"
        gz=$(printf '%s' "$body" | gzip -c | base64 -w0)
        { printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n'; printf '%s' "$gz" | base64 -d; } >"$seeds/.payload"
        { record response "$(od -An -v -tx1 "$seeds/.payload" | tr -d ' \n' | sed 's/../\\x&/g')"; } >"$seeds/content-encoding.warc"
        rm -f "$seeds/.payload"
        head -c 300 "$seeds/plain.warc" | seed   # truncated
        gzip -c <samples/rferl-pakistan-imu.txt | seed
        ;;
    jsonl)
        head -c 20000 samples/wikinews.jsonl | seed
        split -l 1 samples/wikinews.jsonl "$seeds/wikinews-"
        printf '{"id": 1, "html": "<p>x</p>", "published": "2008-06-30"}\nnot json\n{"text": "\\u00e9\\ud83d\\ude00 ok"}\n[1, 2.5e3, null, true]\n' | seed
        printf '[{"id": "a", "text": "One."}, {"url": "https://example.org/b", "html": "<p>Two.</p>"}]' | seed
        [ -f "$shared/dev/events/plover-gsr-dev.json" ] && head -c 30000 "$shared/dev/events/plover-gsr-dev.json" | seed
        ;;
    segmenter | time)
        texts
        printf 'On June 28, 2008, at 10:30 a.m. Friday, officials said late 2001 and the 1990s; two weeks ago, last year.\n\nDr. Smith met U.S. officials on Jan. 5. "Why?" he asked... e.g. http://example.org/a.b?c=d. 3.5%% rose.' | seed
        printf 'the third quarter a year earlier; every year; for a week; early this year; on Monday morning; Christmas 2004; mid-March' | seed
        if [ -d "$shared/dev/time/tempeval3/TBAQ-cleaned/TimeBank" ]; then
            for f in $(ls "$shared"/dev/time/tempeval3/TBAQ-cleaned/TimeBank/*.tml | head -20); do sed 's/<[^>]*>//g' "$f" | seed; done
        fi
        ;;
    dictionaries)
        seed <Sources/TribuneCoding/Resources/actors-tribune.txt
        split -C 6000 Sources/TribuneCoding/Resources/cameo-verbs.txt "$seeds/verbs-"
        if [ -d "$shared/dictionaries/petrarch2" ]; then
            for f in Phoenix.agents.txt Phoenix.MilNonState.actors.txt CAMEO.2.0.txt; do
                head -c 24000 "$shared/dictionaries/petrarch2/$f" | split -C 6000 - "$seeds/${f%%.txt}-"
            done
        fi
        ;;
    esac
fi

log=$scratch/fuzz-$target.log
echo "== fuzz $target for ${seconds}s ($(ls "$seeds" | wc -l) seeds, $(ls "$corpus" | wc -l) corpus inputs)" >&2
set +e
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$binary" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$crashes/$target-" "$@" \
    "$corpus" "$seeds" >"$log" 2>&1
status=$?
set -e
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
if [ $status -ne 0 ]; then
    tail -40 "$log" >&2
    echo "fuzz $target: FAILED after ${runs:-?} executions (log $log; input saved under $crashes/)" >&2
    exit 1
fi
echo "fuzz $target: ${runs:-?} executions in ${seconds}s, no crash (log $log)"
