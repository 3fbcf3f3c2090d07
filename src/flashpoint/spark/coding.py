"""Code one partition of articles: the function Spark's `mapPartitions` runs on every executor.

Heavy resources load once per process: `pipeline_for` caches one `Pipeline` (spaCy model, lexicons,
type model) per Settings in each executor's Python worker, which Spark reuses across tasks.

Rows are produced by the store's own writer: each batch is written with `Store.write` into an in-memory
DuckDB database and read back, so the Parquet rows have exactly the values and columns the DuckDB store
would hold (`flashpoint.spark.schema`). No pyspark import here: the local runner uses it too.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any

from flashpoint.models import Article, Quarantined
from flashpoint.pipeline import ArticleResult, Pipeline
from flashpoint.settings import Settings
from flashpoint.spark.schema import TABLES, UNKNOWN_DATE, date_key, store_schemas
from flashpoint.store.db import Store

log = logging.getLogger(__name__)

#: (date, article row | None, sentence rows, event rows, quarantine rows) -- see schema.coded_row_schema
CodedRow = tuple[str, tuple[Any, ...] | None, list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]
#: an input record as shipped between Spark stages: ("article" | "quarantined", to_dict())
InputRecord = tuple[str, dict[str, Any]]
#: event columns that depend on every stored mention, not on one partition: left NULL in the Parquet
#: output and computed by `flashpoint load` with the store's own dedup (flashpoint.store.dedup).
GLOBAL_EVENT_COLUMNS = ("cluster_id",)


@lru_cache(maxsize=2)
def pipeline_for(settings: Settings) -> Pipeline:
    """One Pipeline per process and Settings (spaCy model and lexicons load once per executor)."""
    log.info("loading pipeline %s in this process", settings.spacy_model)
    return Pipeline(settings)


def to_record(item: Article | Quarantined) -> InputRecord:
    return ("quarantined", item.to_dict()) if isinstance(item, Quarantined) else ("article", item.to_dict())


def from_record(rec: InputRecord) -> Article | Quarantined:
    kind, data = rec
    return Quarantined(**data) if kind == "quarantined" else Article.from_dict(data)


def _select(store: Store, table: str) -> list[tuple[Any, ...]]:
    cols = ", ".join(store_schemas()[table].names)
    rows: list[tuple[Any, ...]] = store.con.execute(f"SELECT {cols} FROM {table}").fetchall()  # store's names
    return rows


def drain(store: Store) -> Iterator[CodedRow]:
    """Read every row of the in-memory store grouped by article, then empty it."""
    names = {t: store_schemas()[t].names for t in TABLES}
    rows = {t: _select(store, t) for t in TABLES}
    by_article: dict[str, dict[str, list[tuple[Any, ...]]]] = defaultdict(lambda: defaultdict(list))
    blank = [i for i, c in enumerate(names["events"]) if c in GLOBAL_EVENT_COLUMNS]
    rows["events"] = [tuple(None if i in blank else v for i, v in enumerate(r)) for r in rows["events"]]
    for table in ("sentences", "events"):
        key = names[table].index("article_id")
        for row in rows[table]:
            by_article[row[key]][table].append(row)
    published, art_id = names["articles"].index("published"), names["articles"].index("article_id")
    for art in rows["articles"]:
        parts = by_article.get(art[art_id], {})
        yield date_key(art[published]), art, parts.get("sentences", []), parts.get("events", []), []
    for q in rows["quarantine"]:
        yield UNKNOWN_DATE, None, [], [], [q]
    _empty(store)


def _empty(store: Store) -> None:
    """Delete every row except the migration log (clusters included) so memory stays flat."""
    for (table,) in store.con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall():
        if table != "schema_migrations":
            store.con.execute(f'DELETE FROM "{table}"')


def code_partition(items: Iterable[Article | Quarantined], settings: Settings) -> Iterator[CodedRow]:
    """Code a stream of articles; yield store rows grouped per article (one batch in memory at a time)."""
    pipe = pipeline_for(settings)
    results_iter = pipe.process(items)
    with Store(":memory:") as mem:
        while chunk := list(islice(results_iter, settings.batch_size)):
            results = [r for r in chunk if isinstance(r, ArticleResult)]
            quarantined = [q for q in chunk if isinstance(q, Quarantined)]
            mem.write(results, quarantined)
            yield from drain(mem)


def code_records(records: Iterable[InputRecord], settings: Settings) -> Iterator[CodedRow]:
    """`code_partition` over shipped records (what `mapPartitions` calls)."""
    return code_partition((from_record(r) for r in records), settings)
