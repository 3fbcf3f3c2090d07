"""`flashpoint load DIR --db PATH`: merge the Spark job's Parquet datasets into a DuckDB store.

Idempotent, with the store writer's rules (`Store.write`): an article whose id is already stored is
skipped together with its sentences and events (a different text under the same id is quarantined as
"duplicate id ... with different text"); every insert skips rows whose key (`store.db.KEYS`) is stored
or repeated earlier in the Parquet data (the first stays), in one transaction. Loading the same folder
twice adds nothing. Columns are matched by name between the Parquet files and the store's tables, so
output written before a schema migration still loads (new columns stay NULL).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flashpoint.errors import FlashpointError, StoreError
from flashpoint.models import Quarantined
from flashpoint.spark.schema import PARTITION_COLUMN, TABLES, describe
from flashpoint.store.db import KEYS, Store, quarantine_id
from flashpoint.store.dedup import update_clusters

log = logging.getLogger(__name__)


class LoadError(FlashpointError):
    """The folder is not a complete output of `flashpoint spark`."""


@dataclass(frozen=True)
class LoadSummary:
    new_articles: int
    new_sentences: int
    new_events: int
    new_quarantined: int
    counts: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def dataset_sources(folder: Path) -> dict[str, str | None]:
    """read_parquet(...) expression per table, None when the dataset has no rows. Checks completeness."""
    if not folder.is_dir():
        raise LoadError(f"{folder} is not a folder")
    out: dict[str, str | None] = {}
    for table in TABLES:
        ds = folder / table
        if not (ds / "_SUCCESS").is_file():
            raise LoadError(f"{ds} is missing or incomplete (no _SUCCESS marker): is {folder} the --out of "
                            f"a finished `flashpoint spark` run?")
        files = sorted(ds.rglob("*.parquet"))
        out[table] = (f"read_parquet({_sql_str(str(ds))} || '/**/*.parquet', hive_partitioning = true, "
                      f"union_by_name = true)") if files else None
    return out


def _columns(store: Store, table: str, source: str) -> list[str]:
    have = {str(r[0]) for r in store.con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    return [c for c, _ in describe(store, table) if c in have and c != PARTITION_COLUMN]


def _stage_articles(store: Store, source: str) -> None:
    """Temp table `staged`: one Parquet row per article id (first by origin), marked new or conflicting."""
    store.con.execute(f"""
        CREATE OR REPLACE TEMP TABLE staged AS
        SELECT p.*, a.content_hash AS stored_hash, a.article_id IS NULL AS is_new
        FROM (SELECT * FROM {source} QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY origin) = 1) p
        LEFT JOIN articles a USING (article_id)""")


def _conflicts(store: Store, now: datetime) -> list[tuple[Any, ...]]:
    rows = store.con.execute("SELECT origin, article_id, text FROM staged "
                             "WHERE NOT is_new AND stored_hash IS DISTINCT FROM content_hash").fetchall()
    out = []
    for origin, aid, text in rows:
        q = Quarantined(origin, "store", f"duplicate id '{aid}' with different text", article_id=aid,
                        payload_preview=(text or "")[:80])
        out.append((quarantine_id(q), q.origin, q.stage, q.reason, q.article_id, q.payload_preview, now))
    return out


def _insert(store: Store, table: str, source: str, only_new: bool) -> int:
    """Insert the rows of `source` whose key is not stored, the first of each key in scan order (what an
    INSERT OR IGNORE on a primary key did before migration 3)."""
    cols = ", ".join(_columns(store, table, source))
    where = " WHERE article_id IN (SELECT article_id FROM staged WHERE is_new)" if only_new else ""
    key = KEYS[table]
    on = " AND ".join(f"t.{k} = s.{k}" for k in key)
    store.con.execute(f"CREATE OR REPLACE TEMP TABLE _fp_load AS SELECT {cols} FROM {source}{where}")
    before = store.counts()[table]
    store.con.execute(f"""
        INSERT INTO {table} ({cols})
        SELECT {cols} FROM (SELECT *, rowid AS _fp_pos FROM _fp_load) s
        WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {on})
        QUALIFY row_number() OVER (PARTITION BY {", ".join(f"s.{k}" for k in key)} ORDER BY _fp_pos) = 1
        ORDER BY _fp_pos""")
    store.con.execute("DROP TABLE _fp_load")
    return store.counts()[table] - before


def _recluster(store: Store) -> None:
    """Recompute the store's clusters for every dedup key that received new mentions (as Store.write does)."""
    if "dedup_key" not in {c for c, _ in describe(store, "events")}:
        return
    keys = [r[0] for r in store.con.execute(
        "SELECT DISTINCT dedup_key FROM events WHERE dedup_key IS NOT NULL "
        "AND article_id IN (SELECT article_id FROM staged WHERE is_new)").fetchall()]
    update_clusters(store.con, keys)


def _merge(store: Store, sources: dict[str, str | None]) -> tuple[int, int, int, int]:
    now = datetime.now(UTC)
    n = {t: 0 for t in TABLES}
    if sources["articles"]:
        _stage_articles(store, sources["articles"])
        conflicts = _conflicts(store, now)
        n["articles"] = _insert(store, "articles", "staged", only_new=True)
        for table in ("sentences", "events"):
            if sources[table]:
                n[table] = _insert(store, table, str(sources[table]), only_new=True)
        _recluster(store)
        if conflicts:
            stored = store.stored_keys("quarantine", (q[0] for q in conflicts))
            seen = {k[0] for k in stored}
            fresh = []
            for q in conflicts:
                if q[0] not in seen:
                    seen.add(q[0])
                    fresh.append(q)
            if fresh:
                store.con.executemany("INSERT INTO quarantine VALUES (?,?,?,?,?,?,?)", fresh)
            n["quarantine"] += len(fresh)
    if sources["quarantine"]:
        n["quarantine"] += _insert(store, "quarantine", sources["quarantine"], only_new=False)
    return n["articles"], n["sentences"], n["events"], n["quarantine"]


def load_parquet(folder: Path, db: Path) -> LoadSummary:
    """Merge a `flashpoint spark` output folder into the DuckDB store at `db` in one transaction."""
    sources = dataset_sources(folder)
    with Store(db) as store:
        store.con.execute("BEGIN TRANSACTION")
        try:
            counts = _merge(store, sources)
            store.con.execute("COMMIT")
        except Exception as exc:
            store.con.execute("ROLLBACK")
            raise StoreError(f"loading {folder} into {db} failed and was rolled back: {exc}") from exc
        summary = LoadSummary(*counts, counts=store.counts())
    log.info("loaded %s into %s: %s", folder, db, summary)
    return summary
