"""The Spark batch job: articles (JSONL/JSON/text/HTML files or Parquet) -> coded Parquet datasets.

    flashpoint spark news/ --out coded/                 # local[*] on this machine
    spark-submit --master yarn .../flashpoint/spark/job.py hdfs:///news --out hdfs:///coded

Input files are read by Spark (any Hadoop file system) and turned into Article records by the same
readers the single-machine pipeline uses; records are spread over partitions and coded with
`mapPartitions` (one Pipeline per executor process, see `flashpoint.spark.coding`). The output folder
holds one Parquet dataset per store table -- `articles/`, `sentences/`, `events/` (partitioned by
`date=YYYY-MM-DD`) and `quarantine/` -- with the DuckDB store's columns; `flashpoint load` merges it.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

from flashpoint.errors import FlashpointError
from flashpoint.ingest.readers import read_bytes, record_to_article
from flashpoint.settings import Settings
from flashpoint.spark.coding import InputRecord, code_records, to_record
from flashpoint.spark.schema import PARTITION_COLUMN, coded_row_schema

log = logging.getLogger(__name__)

#: file names the job reads from folders (the single-machine readers' formats)
FILE_GLOB = "*.{txt,text,html,htm,xhtml,jsonl,ndjson,json}"
#: columns of a Parquet input that become Article fields (see readers.record_to_article)
PARQUET_FIELDS = ("id", "text", "body", "content", "title", "url", "published", "date", "source", "outlet",
                  "format")
DATE_PARTITIONED = ("articles", "sentences", "events")


class SparkJobError(FlashpointError):
    """The Spark job cannot run as asked (bad input, existing output, ...)."""


@dataclass(frozen=True)
class JobSummary:
    out: str
    partitions: int
    articles: int
    sentences: int
    events: int
    quarantined: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def local_path(uri: str) -> str:
    """'file:/x/y' -> '/x/y' so origins match the single-machine pipeline's; other URIs unchanged."""
    if uri.startswith("file://"):
        return uri[len("file://"):]
    if uri.startswith("file:"):
        return uri[len("file:"):]
    return uri


def file_records(path: str, content: bytes, settings: Settings) -> Iterator[InputRecord]:
    origin = local_path(path)
    for item in read_bytes(content, origin, Path(origin).suffix.lower(), settings):
        yield to_record(item)


def parquet_record(row: dict[str, Any]) -> InputRecord:
    origin = local_path(str(row.pop("_file")))
    rid = row.get("id")
    return to_record(record_to_article(row, f"{origin}:{rid}" if rid is not None else origin))


def detect_format(inputs: Sequence[str]) -> str:
    """'parquet' when an input is a .parquet file or a local folder holding one, else 'files'."""
    for raw in inputs:
        path = Path(local_path(raw))
        if path.suffix == ".parquet" or (path.is_dir() and next(path.rglob("*.parquet"), None) is not None):
            return "parquet"
    return "files"


def read_records(spark: Any, inputs: Sequence[str], settings: Settings, fmt: str = "auto") -> Any:
    """RDD of InputRecords (articles and quarantined input errors) from files or Parquet."""
    from pyspark.sql import functions as F

    fmt = detect_format(inputs) if fmt == "auto" else fmt
    if fmt == "parquet":
        df = spark.read.parquet(*inputs)
        cols = [c for c in df.columns if c in PARQUET_FIELDS]
        if not any(c in cols for c in ("text", "body", "content")):
            raise SparkJobError(f"Parquet input {list(inputs)} has no text/body/content column")
        df = df.select(*cols, F.input_file_name().alias("_file"))
        return df.rdd.map(lambda r: parquet_record(r.asDict()))
    df = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
          .option("pathGlobFilter", FILE_GLOB).load(list(inputs)))
    return df.select("path", "content").rdd.flatMap(lambda r: file_records(r.path, bytes(r.content), settings))


def code(spark: Any, records: Any, settings: Settings, partitions: int) -> Any:
    """DataFrame of coded rows (schema.coded_row_schema), computed once and persisted."""
    from pyspark import StorageLevel

    coded = records.repartition(partitions).mapPartitions(partial(code_records, settings=settings))
    df = spark.createDataFrame(coded, coded_row_schema(), verifySchema=False)
    return df.persist(StorageLevel.MEMORY_AND_DISK)


def datasets(coded: Any) -> dict[str, Any]:
    """One DataFrame per store table; the date-partitioned ones carry the `date` partition column."""
    from pyspark.sql import functions as F

    d = PARTITION_COLUMN
    event_date = F.coalesce(F.date_format(F.col("e.event_date"), "yyyy-MM-dd"), F.col("_adate"))
    return {
        "articles": coded.where(F.col("article").isNotNull()).select("article.*", d),
        "sentences": coded.select(d, F.explode("sentences").alias("s")).select("s.*", d),
        "events": (coded.select(F.col(d).alias("_adate"), F.explode("events").alias("e"))
                   .select("e.*", event_date.alias(d))),
        "quarantine": coded.select(F.explode("quarantine").alias("q")).select("q.*"),
    }


def _check_out(out: str, overwrite: bool) -> None:
    path = Path(local_path(out))
    if "://" in out or not path.exists() or overwrite:
        return
    if any(path.iterdir()):
        raise SparkJobError(f"output folder {out} is not empty (pass --overwrite to replace it)")


def summarize(coded: Any, out: str, partitions: int) -> JobSummary:
    from pyspark.sql import functions as F

    row = coded.agg(F.count("article").alias("a"), F.sum(F.size("sentences")).alias("s"),
                    F.sum(F.size("events")).alias("e"), F.sum(F.size("quarantine")).alias("q")).first()
    return JobSummary(out, partitions, int(row["a"] or 0), int(row["s"] or 0), int(row["e"] or 0),
                      int(row["q"] or 0))


def run_job(spark: Any, inputs: Sequence[str], out: str, settings: Settings, partitions: int | None = None,
            fmt: str = "auto", overwrite: bool = False) -> JobSummary:
    """Read, code and write. Returns counts of what was written."""
    if not inputs:
        raise SparkJobError("no input given")
    _check_out(out, overwrite)
    n = partitions or max(2, spark.sparkContext.defaultParallelism * 2)
    settings = settings.replace(workers=1)  # Spark's partitions are the parallelism
    coded = code(spark, read_records(spark, inputs, settings, fmt), settings, n)
    try:
        mode = "overwrite" if overwrite else "errorifexists"
        for name, df in datasets(coded).items():
            target = f"{out.rstrip('/')}/{name}"
            if name in DATE_PARTITIONED:
                df.repartition(n, PARTITION_COLUMN).write.mode(mode).partitionBy(PARTITION_COLUMN).parquet(target)
            else:
                df.coalesce(1).write.mode(mode).parquet(target)
        summary = summarize(coded, out, n)
    finally:
        coded.unpersist()
    log.info("spark job wrote %s", summary)
    return summary


def add_job_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", help="files or folders: .jsonl/.json/.txt/.html, or Parquet")
    p.add_argument("--out", required=True, help="output folder (Parquet datasets per store table)")
    p.add_argument("--partitions", type=int, help="coding partitions (default: 2 x default parallelism)")
    p.add_argument("--input-format", choices=["auto", "files", "parquet"], default="auto")
    p.add_argument("--overwrite", action="store_true", help="replace an existing output folder")
    p.add_argument("--batch-size", type=int, help="articles per nlp.pipe batch inside a partition")
    p.add_argument("--model", help="spaCy pipeline to load on the executors")
    p.add_argument("--rules-only", action="store_true", help="do not use the learned type model")


def job_settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(spacy_model=args.model, batch_size=args.batch_size,
                             use_classifier=False if args.rules_only else None)


def main(argv: Sequence[str] | None = None) -> int:
    """spark-submit entry point: master and conf come from spark-submit."""
    from flashpoint.spark.session import spark_session

    p = argparse.ArgumentParser(prog="flashpoint-spark", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    add_job_arguments(p)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        with spark_session() as spark:
            summary = run_job(spark, args.inputs, args.out, job_settings(args), args.partitions,
                              args.input_format, args.overwrite)
    except FlashpointError as exc:
        log.error("%s", exc)
        return 2
    log.info("spark job done: %s", json.dumps(summary.to_dict()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
