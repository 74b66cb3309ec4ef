#!/usr/bin/env bash
# Runs Tribune over a corpus with Apache Spark (PySpark, local mode) through RDD.pipe, and checks
# that the events equal a single-machine run. Needs Java and network access to PyPI once.
#
#   scripts/spark-pipe.sh [DOCUMENTS] [OUTPUT_DIR]
#
# DOCUMENTS (default 2000) records are made from the WCXB dev pages in ../shared/data (HTML) and the
# bundled samples (text), cycled with distinct ids. Set TRIBUNE to use another binary, SPARK_VENV
# for the virtualenv (default /tmp/tribune-spark), SPARK_MASTER for a cluster (default local[2]).
set -euo pipefail
cd "$(dirname "$0")/.."
documents=${1:-2000}
output=${2:-$(mktemp -d /tmp/tribune-spark-out.XXXXXX)}
venv=${SPARK_VENV:-/tmp/tribune-spark}
tribune=${TRIBUNE:-.build/release/tribune}

if [ ! -x "$tribune" ]; then
    swift build -c release --product tribune
fi
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q pyspark==3.5.3
fi
mkdir -p "$output"
corpus="$output/corpus.jsonl"
python3 scripts/make-corpus.py --count "$documents" --output "$corpus"
rm -rf "$output/events-jsonl" "$output/events-parquet"
"$venv/bin/python" scripts/spark_pipe.py --tribune "$tribune" --input "$corpus" --output "$output" \
    --master "${SPARK_MASTER:-local[2]}" ${SPARK_PARQUET:+--parquet}
echo "events written under $output"
