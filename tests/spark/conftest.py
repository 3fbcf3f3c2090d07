"""One local[2] SparkSession per test session, loopback only, no UI. Skips when Java or pyspark is absent."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from typing import Any

import pytest

SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.python.worker.reuse": "true",
}


def spark_unavailable() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -e .[test] installs it)"
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        return "no Java runtime (scripts/install-system-deps.sh installs one)"
    return None


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    reason = spark_unavailable()
    if reason:
        pytest.skip(reason)
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from flashpoint.spark.session import get_session

    session = get_session("local[2]", SPARK_CONF, app_name="flashpoint-tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
