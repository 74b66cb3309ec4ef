"""Run Tribune over a JSONL corpus with Apache Spark's RDD.pipe, and check it against one machine.

Usage (scripts/spark-pipe.sh sets this up):
    python spark_pipe.py --tribune PATH --input corpus.jsonl --output DIR [--partitions N] [--master local[2]]

Spark hands each partition's records to `tribune analyze --format jsonl -` on its standard input and
reads one document per line back (errors are lines of their own, so records and outputs stay
aligned). The events of every document are flattened into one record per event and written as
JSONL (and Parquet when --parquet is given). Then the same corpus goes through one
`tribune analyze` process on this machine, and the two event sets must be equal.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys


def events_of(line):
    """One record per event: the document's id and URI with the event's fields."""
    document = json.loads(line)
    if "error" in document:
        return []
    rows = []
    for event in document.get("events", []):
        row = {"document": document["id"], "uri": document["source"]["uri"]}
        row.update(event)
        rows.append(json.dumps(row, sort_keys=True))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tribune", required=True)
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--parquet", action="store_true")
    args = parser.parse_args()

    from pyspark import SparkConf, SparkContext

    context = SparkContext(conf=SparkConf().setMaster(args.master).setAppName("tribune-pipe"))
    context.setLogLevel("ERROR")
    records = context.textFile(os.path.abspath(args.input), minPartitions=args.partitions)
    command = [os.path.abspath(args.tribune), "analyze", "--format", "jsonl", "--threads", "1", "-"]
    # Cached: the events, the count and the comparison read the documents once.
    documents = records.pipe(" ".join(shlex.quote(part) for part in command)).cache()
    events = documents.flatMap(events_of)
    events.saveAsTextFile(os.path.join(args.output, "events-jsonl"))
    count_documents = documents.filter(lambda line: "error" not in json.loads(line)).count()
    spark_events = sorted(events.collect())
    if args.parquet:
        from pyspark.sql import SparkSession

        spark = SparkSession(context)
        spark.read.json(events).write.parquet(os.path.join(args.output, "events-parquet"))
    context.stop()

    with open(args.input, "rb") as corpus:
        single = subprocess.run(command, stdin=corpus, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    local_events = sorted(row for line in single.stdout.decode().splitlines() for row in events_of(line))

    print(f"records: {sum(1 for _ in open(args.input))}; documents from Spark: {count_documents}")
    print(f"events: Spark {len(spark_events)}, one machine {len(local_events)}")
    if spark_events != local_events:
        only_spark = len(set(spark_events) - set(local_events))
        only_local = len(set(local_events) - set(spark_events))
        print(f"MISMATCH: {only_spark} events only from Spark, {only_local} only from one machine")
        sys.exit(1)
    print("the events are equal")


if __name__ == "__main__":
    main()
