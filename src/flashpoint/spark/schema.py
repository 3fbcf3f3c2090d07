"""Table schemas of the Parquet output, derived from the DuckDB store itself (never copied).

An in-memory database migrated by `flashpoint.store.db.Store` is the source of truth: whatever columns
the store's migrations create, the Spark output carries. Events follow `EVENT_COLUMNS`, the column list
the store's writer uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from flashpoint.errors import FlashpointError
from flashpoint.store.db import EVENT_COLUMNS, Store

#: store tables written by the Spark job, in write order
TABLES = ("articles", "sentences", "events", "quarantine")
#: the Hive partition column added to the date-partitioned datasets (not a store column)
PARTITION_COLUMN = "date"
UNKNOWN_DATE = "unknown"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


class SchemaError(FlashpointError):
    """A store column type has no Parquet/Spark equivalent, or the store lacks an expected column."""


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, DuckDB type)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.columns)


def describe(store: Store, table: str) -> tuple[tuple[str, str], ...]:
    rows = store.con.execute(f"DESCRIBE {table}").fetchall()  # table names are ours, not input
    return tuple((str(r[0]), str(r[1])) for r in rows)


def _ordered(table: str, described: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    if table != "events":
        return described
    types = dict(described)
    missing = [c for c in EVENT_COLUMNS if c not in types]
    if missing:
        raise SchemaError(f"store table events lacks columns named in EVENT_COLUMNS: {missing}")
    return tuple((c, types[c]) for c in EVENT_COLUMNS)


@lru_cache(maxsize=1)
def store_schemas() -> dict[str, TableSchema]:
    """Schemas of the tables the job writes, read from a freshly migrated in-memory store."""
    with Store(":memory:") as mem:
        return {t: TableSchema(t, _ordered(t, describe(mem, t))) for t in TABLES}


def date_key(value: Any) -> str:
    """Partition value for a date-like value: 'YYYY-MM-DD' or 'unknown'."""
    if value is None:
        return UNKNOWN_DATE
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    m = _ISO_DATE.match(text.strip())
    return m.group(0) if m else UNKNOWN_DATE


def spark_type(duck_type: str) -> Any:
    """The Spark SQL type for a DuckDB column type (pyspark imported here only)."""
    from pyspark.sql import types as T

    if duck_type.endswith("[]"):
        return T.ArrayType(spark_type(duck_type[:-2]), containsNull=True)
    simple: dict[str, Any] = {
        "VARCHAR": T.StringType(), "INTEGER": T.IntegerType(), "BIGINT": T.LongType(),
        "SMALLINT": T.ShortType(), "TINYINT": T.ByteType(), "DOUBLE": T.DoubleType(), "FLOAT": T.FloatType(),
        "BOOLEAN": T.BooleanType(), "DATE": T.DateType(), "TIMESTAMP": T.TimestampNTZType(),
        "TIMESTAMP WITH TIME ZONE": T.TimestampType(), "BLOB": T.BinaryType(),
    }
    if duck_type in simple:
        return simple[duck_type]
    if duck_type.startswith("DECIMAL"):
        p, s = (int(x) for x in re.findall(r"\d+", duck_type)[:2])
        return T.DecimalType(p, s)
    raise SchemaError(f"store column type {duck_type!r} has no Spark equivalent; extend flashpoint.spark.schema")


def spark_struct(schema: TableSchema) -> Any:
    from pyspark.sql import types as T

    return T.StructType([T.StructField(n, spark_type(t), nullable=True) for n, t in schema.columns])


def coded_row_schema() -> Any:
    """Schema of one coded record: an article with its sentences, events and quarantined records."""
    from pyspark.sql import types as T

    s = store_schemas()
    return T.StructType([
        T.StructField(PARTITION_COLUMN, T.StringType(), nullable=False),
        T.StructField("article", spark_struct(s["articles"]), nullable=True),
        T.StructField("sentences", T.ArrayType(spark_struct(s["sentences"])), nullable=False),
        T.StructField("events", T.ArrayType(spark_struct(s["events"])), nullable=False),
        T.StructField("quarantine", T.ArrayType(spark_struct(s["quarantine"])), nullable=False),
    ])
