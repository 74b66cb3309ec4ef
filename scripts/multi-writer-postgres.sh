#!/usr/bin/env bash
# Several `tribune ingest` processes (machines, simulated) writing to one PostgreSQL at once, on
# overlapping inputs; then the counts, against one process ingesting every page alone.
#
#   scripts/multi-writer-postgres.sh [PROCESSES] [PAGES]
#
# PROCESSES (default 4) each ingest half the PAGES (default 400) distinct pages made from the
# repository's samples, so that every page is given to two processes or more. The database is
# $TRIBUNE_POSTGRES (a postgres:// URL; emptied first: name a throwaway one), or a throwaway
# cluster that .ci/postgres.sh starts and this script stops. Tribune is built in release mode with
# the Postgres trait in $SCRATCH (default .build-pg), unless $TRIBUNE names a tribune executable
# built with it. Prints the documents, distinct ids, events and
# failures stored, and "ok" when they equal the single process's; exits 1 otherwise.
set -euo pipefail

cd "$(dirname "$0")/.."
PROCESSES="${1:-4}"
PAGES="${2:-400}"
SCRATCH="${SCRATCH:-.build-pg}"

if [ -n "${TRIBUNE:-}" ]; then
    tribune=$TRIBUNE
else
    swift build -c release --traits Postgres --scratch-path "$SCRATCH" --product tribune >&2
    tribune="$SCRATCH/release/tribune"
fi

work=$(mktemp -d /tmp/tribune-multi-writer.XXXXXX)
cluster_dir=""
cleanup() {
    rm -rf "$work"
    [ -n "$cluster_dir" ] && bash .ci/postgres.sh stop "$cluster_dir"
    return 0
}
trap cleanup EXIT

if [ -n "${TRIBUNE_POSTGRES:-}" ]; then
    url=$TRIBUNE_POSTGRES
else
    read -r cluster_dir url < <(bash .ci/postgres.sh)
fi
psql_bin=$(command -v psql || echo "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql")
psql_url() { "$psql_bin" "$url" -X -q -t -A -c "$1"; }

# Distinct pages: each sample page with a line of its own at the end.
samples=(samples/rferl-pakistan-imu.txt samples/wikinews/*)
mkdir -p "$work/pages"
for ((i = 0; i < PAGES; i++)); do
    page="${samples[$((i % ${#samples[@]}))]}"
    { cat "$page"; printf '\n\nDispatch %d of the multi-writer run.\n' "$i"; } >"$work/pages/$(printf 'page-%05d.txt' "$i")"
done
# Process p takes half the pages, starting at p/PROCESSES of the way round.
for ((p = 0; p < PROCESSES; p++)); do
    mkdir -p "$work/slice-$p"
    for ((k = 0; k < PAGES / 2; k++)); do
        i=$(((p * PAGES / PROCESSES + k) % PAGES))
        ln "$work/pages/$(printf 'page-%05d.txt' "$i")" "$work/slice-$p/"
    done
done

# An empty database: the first tribune command creates the schema.
"$tribune" ingest --db "$url" --quiet "$work/pages/page-00000.txt" >/dev/null
psql_url "TRUNCATE documents, sources, entities, mentions, events, quotes, times, places, counts, failures RESTART IDENTITY" >/dev/null

echo "== $PROCESSES tribune ingest processes at once into $url, $((PAGES / 2)) pages each, $PAGES distinct"
uptime
start=$(date +%s.%N)
pids=()
for ((p = 0; p < PROCESSES; p++)); do
    "$tribune" ingest --db "$url" "$work/slice-$p" >"$work/out-$p.txt" 2>"$work/err-$p.txt" &
    pids+=($!)
done
failed=0
for ((p = 0; p < PROCESSES; p++)); do
    if ! wait "${pids[$p]}"; then
        failed=$((failed + 1))
        echo "process $p failed:" && cat "$work/err-$p.txt"
    fi
    sed -n '1,3p' "$work/out-$p.txt" | sed "s/^/  process $p: /"
done
end=$(date +%s.%N)
read -r documents ids events failures < <(psql_url "SELECT count(*), count(DISTINCT id),
    (SELECT count(*) FROM events), (SELECT count(*) FROM failures) FROM documents" | tr '|' ' ')
printf 'together: %s documents (%s distinct ids), %s events, %s failures, %d processes failed, %.1f s\n' \
    "$documents" "$ids" "$events" "$failures" "$failed" "$(echo "$end - $start" | bc)"

echo "== one process, every page, into a new SQLite store (the reference)"
# The summary's last line: "store PATH: N documents, M events, …".
summary=$("$tribune" ingest --db "$work/reference.sqlite" "$work/pages" | tail -1)
ref_documents=$(sed -E 's/.*: ([0-9,]+) documents.*/\1/; s/,//g' <<<"$summary")
ref_events=$(sed -E 's/.* ([0-9,]+) events.*/\1/; s/,//g' <<<"$summary")
echo "alone: $ref_documents documents, $ref_events events"

if [ "$documents" = "$PAGES" ] && [ "$ids" = "$PAGES" ] && [ "$ref_documents" = "$PAGES" ] && [ "$events" = "$ref_events" ] && [ "$failures" = 0 ] \
    && [ "$failed" = 0 ]; then
    echo "ok: no duplicate, no loss"
else
    echo "MISMATCH"
    exit 1
fi
