"""CLI commands `flashpoint spark` (the batch job on a local or remote Spark master) and `flashpoint load`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

SPARK_EXAMPLE = "flashpoint spark news/ --out coded/ --master 'local[2]' && flashpoint load coded/ --db news.duckdb"
LOAD_EXAMPLE = "flashpoint load coded/ --db flashpoint.duckdb"


def cmd_spark(args: argparse.Namespace) -> int:
    from flashpoint.spark.job import job_settings, run_job
    from flashpoint.spark.session import spark_session

    conf = dict(kv.split("=", 1) for kv in args.conf or [])
    with spark_session(args.master, conf) as spark:
        summary = run_job(spark, args.inputs, args.out, job_settings(args), args.partitions, args.input_format,
                          args.overwrite)
    if args.output_format == "json":
        print(json.dumps(summary.to_dict()))
    else:
        print(f"coded {summary.articles} articles ({summary.sentences} sentences, {summary.events} events, "
              f"{summary.quarantined} quarantined) in {summary.partitions} partitions -> {summary.out}")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from flashpoint.spark.load import load_parquet

    summary = load_parquet(Path(args.folder), Path(args.db))
    if args.output_format == "json":
        print(json.dumps(summary.to_dict()))
        return 0
    print(f"loaded {args.folder} into {args.db}: {summary.new_articles} new articles, {summary.new_sentences} "
          f"new sentences, {summary.new_events} new events, {summary.new_quarantined} new quarantined records")
    print("database now holds: " + ", ".join(f"{v} {k}" for k, v in summary.counts.items()))
    return 0


def register(sub: Any) -> None:
    """Add `spark` and `load` to the flashpoint command line (skips a name another plugin took)."""
    from flashpoint.spark.job import add_job_arguments

    if "spark" not in sub.choices:
        help_ = "code articles with Spark (mapPartitions) into Parquet datasets partitioned by date"
        sp = sub.add_parser("spark", help=help_, description=help_, epilog=f"example: {SPARK_EXAMPLE}")
        add_job_arguments(sp)
        sp.add_argument("--master", help="Spark master URL (default: local[*], or spark-submit's)")
        sp.add_argument("--conf", action="append", metavar="KEY=VALUE", help="extra Spark configuration")
        sp.add_argument("--format", dest="output_format", choices=["text", "json"], default="text")
        sp.set_defaults(func=cmd_spark)
    if "load" not in sub.choices:
        help_ = "merge the Parquet output of `flashpoint spark` into a DuckDB store (idempotent)"
        lp = sub.add_parser("load", help=help_, description=help_, epilog=f"example: {LOAD_EXAMPLE}")
        lp.add_argument("folder", help="the --out folder of a finished `flashpoint spark` run")
        lp.add_argument("--db", default="flashpoint.duckdb")
        lp.add_argument("--format", dest="output_format", choices=["text", "json"], default="text")
        lp.set_defaults(func=cmd_load)
