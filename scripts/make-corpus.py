#!/usr/bin/env python3
"""Writes a JSONL corpus for throughput and scale-out runs: the WCXB dev pages in ../shared/data
(raw HTML) and the bundled samples (text), cycled with distinct ids up to --count records.

    python3 scripts/make-corpus.py --count 2000 --output corpus.jsonl [--data ../shared/data]
"""
import argparse
import glob
import gzip
import json
import os

parser = argparse.ArgumentParser()
parser.add_argument("--count", type=int, default=2000)
parser.add_argument("--output", required=True)
parser.add_argument("--data", default=os.path.join("..", "shared", "data"))
args = parser.parse_args()

sources = []
for path in sorted(glob.glob(os.path.join(args.data, "dev/extraction/wcxb-dev/html/*.html.gz"))):
    with gzip.open(path, "rb") as page:
        sources.append({"html": page.read().decode("utf-8", "replace"), "url": "wcxb:" + os.path.basename(path)})
for path in sorted(glob.glob("samples/*.txt")):
    with open(path, encoding="utf-8") as text:
        sources.append({"text": text.read(), "url": "sample:" + os.path.basename(path), "published": "2008-07-01"})
if not sources:
    raise SystemExit("no pages found: run from the repository root, with ../shared/data present")

with open(args.output, "w", encoding="utf-8") as out:
    for number in range(args.count):
        record = dict(sources[number % len(sources)])
        record["id"] = f"doc{number}"
        record["url"] = f"{record['url']}#{number}"
        out.write(json.dumps(record) + "\n")
print(f"{args.count} records from {len(sources)} pages in {args.output}")
