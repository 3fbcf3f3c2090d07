"""SparkSession for the CLI and tests. Under spark-submit the master and conf come from spark-submit."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from flashpoint.errors import FlashpointError


class SparkUnavailable(FlashpointError):
    """pyspark or a Java runtime is missing."""


def check_spark() -> None:
    """Raise SparkUnavailable with the fix when pyspark or Java is absent."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise SparkUnavailable("pyspark is not installed: pip install 'flashpoint[spark]'") from exc
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise SparkUnavailable("no Java runtime found (install one, e.g. scripts/install-system-deps.sh)")


def get_session(master: str | None = None, conf: Mapping[str, str] | None = None,
                app_name: str = "flashpoint") -> Any:
    """Get or create the SparkSession. Executors run this interpreter's Python unless told otherwise."""
    check_spark()
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


@contextmanager
def spark_session(master: str | None = None, conf: Mapping[str, str] | None = None) -> Iterator[Any]:
    """A SparkSession that is stopped on exit only if this call created it (tests share one)."""
    check_spark()
    from pyspark.sql import SparkSession

    existing = SparkSession.getActiveSession()
    spark = get_session(master, conf)
    try:
        yield spark
    finally:
        if existing is None:
            spark.stop()
