"""DuckDB store: the one module that owns the schema. Numbered migrations are recorded in the DB.

Writes go through `Store.write` (one transaction per batch); re-writing the same input adds nothing:
every row has a content-derived key (`KEYS`), and a write inserts only rows whose key is not stored yet,
found by one semi-join query per table. The tables have no PRIMARY KEY constraints (migration 3 dropped
them): DuckDB checks those through in-memory ART indexes that grow with the store (~1.5 MB per 1,000
articles) and were the largest part of ingest's memory growth (issue 7, benchmark 3).
Reads for the API/dashboard go through flashpoint.store.queries.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from flashpoint.errors import StoreError
from flashpoint.ids import stable_hash
from flashpoint.models import Event, Quarantined
from flashpoint.store.dedup import dedup_key, registered
from flashpoint.store.window import refresh_clusters
from flashpoint.time.dates import parse_published

log = logging.getLogger(__name__)

MIGRATIONS: list[tuple[int, str]] = [
    (1, """
    CREATE TABLE IF NOT EXISTS articles (
        article_id VARCHAR PRIMARY KEY, origin VARCHAR, title VARCHAR, url VARCHAR, published VARCHAR,
        source VARCHAR, language VARCHAR, content_hash VARCHAR, text VARCHAR, n_sentences INTEGER,
        coded BOOLEAN, skip_reason VARCHAR, ingested_at TIMESTAMP);
    CREATE TABLE IF NOT EXISTS sentences (
        article_id VARCHAR, sentence_index INTEGER, start_char INTEGER, text VARCHAR,
        PRIMARY KEY (article_id, sentence_index));
    CREATE TABLE IF NOT EXISTS events (
        event_id VARCHAR PRIMARY KEY, article_id VARCHAR, sentence_index INTEGER, sentence VARCHAR,
        source_text VARCHAR, source_code VARCHAR, source_country VARCHAR, source_sector VARCHAR,
        source_start INTEGER, source_end INTEGER,
        target_text VARCHAR, target_code VARCHAR, target_country VARCHAR, target_sector VARCHAR,
        target_start INTEGER, target_end INTEGER,
        cameo VARCHAR, cameo_root VARCHAR, goldstein DOUBLE, quad_class INTEGER,
        plover_type VARCHAR, plover_mode VARCHAR, plover_context VARCHAR[], modality VARCHAR,
        attribution_text VARCHAR, attribution_code VARCHAR, event_date DATE, event_date_source VARCHAR,
        location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
        confidence DOUBLE, trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
        rule VARCHAR, evidence VARCHAR[], ingested_at TIMESTAMP);
    CREATE TABLE IF NOT EXISTS quarantine (
        qid VARCHAR PRIMARY KEY, origin VARCHAR, stage VARCHAR, reason VARCHAR, article_id VARCHAR,
        preview VARCHAR, quarantined_at TIMESTAMP);
    """),
    # issue 5: dates/places/tone on mentions, deduplicated events (clusters). Documented in docs/schema.md.
    (2, """
    ALTER TABLE articles ADD COLUMN tone DOUBLE;
    ALTER TABLE events ADD COLUMN tone DOUBLE;
    ALTER TABLE events ADD COLUMN cluster_id VARCHAR;
    ALTER TABLE events ADD COLUMN location_admin1 VARCHAR;
    ALTER TABLE events ADD COLUMN location_city VARCHAR;
    ALTER TABLE events ADD COLUMN published DATE;
    ALTER TABLE events ADD COLUMN outlet VARCHAR;
    ALTER TABLE events ADD COLUMN location_feature_id VARCHAR;
    ALTER TABLE events ADD COLUMN dedup_key VARCHAR;
    CREATE TABLE IF NOT EXISTS clusters (
        cluster_id VARCHAR PRIMARY KEY, source_code VARCHAR, target_code VARCHAR, source_text VARCHAR,
        target_text VARCHAR, plover_type VARCHAR, cameo VARCHAR, cameo_root VARCHAR, quad_class INTEGER,
        goldstein DOUBLE, modality VARCHAR, event_date DATE, location_name VARCHAR, location_country VARCHAR,
        lat DOUBLE, lon DOUBLE, num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER,
        first_seen TIMESTAMP, last_seen TIMESTAMP, confidence DOUBLE, corroboration DOUBLE,
        corroboration_reason VARCHAR,
        dedup_key VARCHAR, source_country VARCHAR, source_sector VARCHAR, target_country VARCHAR,
        target_sector VARCHAR, location_admin1 VARCHAR, location_city VARCHAR, location_feature_id VARCHAR,
        tone DOUBLE, num_independent INTEGER, source_url VARCHAR);
    """),
    # issue 7: no PRIMARY KEY constraints (their ART indexes grew with the store); keys are checked by
    # Store.write / flashpoint load instead. Same columns, types and rows; tables rebuilt in order.
    (3, "\n".join(f"""
    CREATE TABLE _m3_{t} AS SELECT * FROM {t};
    DROP TABLE {t};
    ALTER TABLE _m3_{t} RENAME TO {t};""" for t in ("articles", "sentences", "events", "quarantine", "clusters"))),
]

#: the key of each table's rows (formerly its primary key): a write never adds a second row with a stored key.
KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",), "sentences": ("article_id", "sentence_index"), "events": ("event_id",),
    "quarantine": ("qid",), "clusters": ("cluster_id",),
}

EVENT_COLUMNS = [
    "event_id", "article_id", "sentence_index", "sentence", "source_text", "source_code", "source_country",
    "source_sector", "source_start", "source_end", "target_text", "target_code", "target_country",
    "target_sector", "target_start", "target_end", "cameo", "cameo_root", "goldstein", "quad_class",
    "plover_type", "plover_mode", "plover_context", "modality", "attribution_text", "attribution_code",
    "event_date", "event_date_source", "location_name", "location_country", "lat", "lon", "confidence",
    "trigger_text", "trigger_start", "trigger_end", "rule", "evidence", "ingested_at",
    # migration 2
    "tone", "cluster_id", "location_admin1", "location_city", "published", "outlet", "location_feature_id",
    "dedup_key",
]
ARTICLE_COLUMNS = [
    "article_id", "origin", "title", "url", "published", "source", "language", "content_hash", "text",
    "n_sentences", "coded", "skip_reason", "ingested_at", "tone",
]


def event_row(e: Event, now: datetime, published: date | None = None, outlet: str | None = None) -> tuple[Any, ...]:
    """One events row (a mention); `published` and `outlet` come from the mention's article."""
    s, t, a, loc = e.source, e.target, e.attribution, e.location
    return (
        e.event_id, e.article_id, e.sentence_index, e.sentence,
        s.text if s else None, s.code if s else None, s.country if s else None, s.sector if s else None,
        s.start if s else None, s.end if s else None,
        t.text if t else None, t.code if t else None, t.country if t else None, t.sector if t else None,
        t.start if t else None, t.end if t else None,
        e.cameo, e.cameo_root, e.goldstein, e.quad_class, e.plover_type, e.plover_mode, list(e.plover_context),
        e.modality, a.text if a else None, a.code if a else None, e.event_date, e.event_date_source,
        loc.name if loc else None, loc.country if loc else None, loc.lat if loc else None, loc.lon if loc else None,
        e.confidence, e.trigger.text, e.trigger.start, e.trigger.end, e.rule, list(e.evidence), now,
        e.tone, None, loc.admin1 if loc else None, loc.city if loc else None, published, outlet,
        loc.feature_id if loc else None, dedup_key(e),
    )


def article_outlet(source: str | None, url: str | None) -> str | None:
    """The outlet of an article: its source name, else its URL's host (without www.)."""
    if source and source.strip():
        return " ".join(source.split())
    if url:
        from urllib.parse import urlsplit

        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


SENTENCE_COLUMNS = ["article_id", "sentence_index", "start_char", "text"]
QUARANTINE_COLUMNS = ["qid", "origin", "stage", "reason", "article_id", "preview", "quarantined_at"]


def _unique(rows: Iterable[tuple[Any, ...]], key_width: int) -> list[tuple[Any, ...]]:
    """`rows` without repeats of a primary key (their first `key_width` columns); the first one stays."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for row in rows:
        if row[:key_width] not in seen:
            seen.add(row[:key_width])
            out.append(row)
    return out


def _article_row(r: Any, now: datetime) -> list[Any]:
    """An articles row without its tone (the last column)."""
    a = r.article
    return [a.article_id, a.origin, a.title, a.url, a.published, a.source, a.language, a.content_hash, a.text,
            len(r.sentences), r.coded, r.skip_reason, now]


def _event_rows(r: Any, now: datetime) -> list[tuple[Any, ...]]:
    if not r.events:
        return []
    a = r.article
    pub, outlet = parse_published(a.published), article_outlet(a.source, a.url)
    return [event_row(e, now, pub, outlet) for e in r.events]


def _quarantine_row(q: Quarantined, now: datetime) -> tuple[Any, ...]:
    return (quarantine_id(q), q.origin, q.stage, q.reason, q.article_id, q.payload_preview, now)


def quarantine_id(q: Quarantined) -> str:
    return stable_hash(f"{q.origin}|{q.stage}|{q.reason}|{q.payload_preview}")[:24]


class Store:
    """A DuckDB database file holding articles, sentences, events and quarantined records."""

    _tone: Any = None  # ToneScorer, loaded on the first write (VADER lexicon)

    def __init__(self, path: str | Path, read_only: bool = False, lock_timeout: float = 0.0,
                 memory_limit: str | None = None, threads: int | None = None) -> None:
        """Open (and migrate, unless read-only) `path`. If another process holds the file's lock, retry
        for up to `lock_timeout` seconds, then raise StoreError naming the holder (see store.lock).
        `memory_limit` (e.g. "128MB", validated by Settings) caps DuckDB's buffer pool for this database;
        `threads` sets DuckDB's worker threads (None: one per core)."""
        from flashpoint.store.lock import connect

        self.path = Path(path)
        self.con = connect(self.path, read_only=read_only, timeout=lock_timeout)
        if not read_only:
            try:
                if memory_limit is not None:
                    self.con.execute(f"SET memory_limit = '{memory_limit}'")
                if threads is not None:
                    self.con.execute(f"SET threads = {int(threads)}")
                self.migrate()
            except Exception:
                self.con.close()
                raise

    def close(self) -> None:
        """Close the connection (idempotent); DuckDB checkpoints the WAL into the file here."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                         "applied_at TIMESTAMP)")
        done = {r[0] for r in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        for version, sql in MIGRATIONS:
            if version in done:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [version, datetime.now(UTC)])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise

    def existing_hashes(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Content hash of each of these articles that is stored."""
        ids = sorted(set(article_ids))
        if not ids:
            return {}
        return dict(self.con.execute("SELECT article_id, content_hash FROM articles "
                                     "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall())

    def existing_hash(self, article_id: str) -> str | None:
        rows = self.con.execute("SELECT content_hash FROM articles WHERE article_id = ?", [article_id]).fetchall()
        return rows[0][0] if rows else None  # fetchall: a half-read result blocks con.register (DuckDB 2)

    def write(self, results: Sequence[Any], quarantined: Iterable[Quarantined] = ()) -> tuple[int, int, int]:
        """Write a batch in one transaction. Returns (new articles, new events, new quarantined).

        Rows go in with one bulk INSERT per table (row-at-a-time inserts cost ~0.1 s per article)."""
        now = datetime.now(UTC)
        q_rows = [_quarantine_row(q, now) for q in quarantined]
        self.con.execute("BEGIN TRANSACTION")
        try:
            before_q, before_ev = self._count("quarantine"), self._count("events")
            new, clashes, _ = self.split_new_articles(results)
            q_rows += [_quarantine_row(q, now) for q in clashes]
            events = _unique((row for r in new for row in _event_rows(r, now)), 1)
            self._insert("articles", ARTICLE_COLUMNS,  # `new`: ids neither stored nor repeated in the batch
                         [[*_article_row(r, now), self._article_tone(r)] for r in new])
            self._insert_new("sentences", SENTENCE_COLUMNS,
                             _unique(((s.article_id, s.index, s.start, s.text) for r in new for s in r.sentences), 2))
            self._insert_new("events", EVENT_COLUMNS, events)
            n_ev = self._count("events") - before_ev
            refresh_clusters(self.con, {row[-1] for row in events})  # only the dates the new mentions can change
            self._insert_new("quarantine", QUARANTINE_COLUMNS, _unique(q_rows, 1))
            n_q = self._count("quarantine") - before_q
            self.con.execute("COMMIT")
        except Exception as exc:
            try:
                self.con.execute("ROLLBACK")
            except Exception as rollback_exc:  # connection gone: DuckDB drops the open transaction anyway
                log.error("rollback on %s failed: %s", self.path, rollback_exc)
            detail = " ".join(str(exc).split())[:300]
            raise StoreError(f"write to {self.path} failed and was rolled back: {type(exc).__name__}: {detail}") from exc
        return len(new), n_ev, n_q

    def split_new_articles(self, results: Sequence[Any]) -> tuple[list[Any], list[Quarantined], list[Any]]:
        """(new, clashes, again): results whose id is not stored yet (first of the batch wins); a quarantine
        record for each later one whose id is stored or earlier in the batch with a different text; and the
        results that are the same article again (same id, same text)."""
        from flashpoint.pipeline import ArticleResult

        known = self.existing_hashes(r.article.article_id for r in results)
        new: list[ArticleResult] = []
        clashes: list[Quarantined] = []
        again: list[ArticleResult] = []
        for r in results:
            assert isinstance(r, ArticleResult)
            a = r.article
            old = known.get(a.article_id)
            if old is None:
                known[a.article_id] = a.content_hash
                new.append(r)
            elif old != a.content_hash:
                clashes.append(Quarantined(a.origin, "store", f"duplicate id '{a.article_id}' with different text",
                                           article_id=a.article_id, payload_preview=a.text[:80]))
            else:
                again.append(r)
        return new, clashes, again

    def _insert_new(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert the `rows` whose key (`KEYS[table]`, their first columns; unique among `rows`) is not stored."""
        width = len(KEYS[table])
        assert tuple(columns[:width]) == KEYS[table]
        stored = self.stored_keys(table, {row[0] for row in rows})
        self._insert(table, columns, [row for row in rows if tuple(row[:width]) not in stored] if stored else rows)

    def stored_keys(self, table: str, first: Iterable[str]) -> set[tuple[Any, ...]]:
        """The stored keys of `table` whose first column is one of `first` (a semi join: DuckDB hashes the
        given values and streams the key column, so memory does not grow with the table)."""
        values = sorted(set(first))
        if not values:
            return set()
        key = KEYS[table]
        rows = self.con.execute(f"SELECT {', '.join(key)} FROM {table} "  # table and columns are ours
                                f"WHERE {key[0]} IN (SELECT unnest(?::VARCHAR[]))", [values]).fetchall()
        return {tuple(r) for r in rows}

    def _insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """One bulk INSERT of `rows` (tuples in `columns` order) through an Arrow table."""
        import pyarrow as pa

        if not rows:
            return
        data = pa.table({c: [row[i] for row in rows] for i, c in enumerate(columns)})
        cols = ", ".join(columns)
        with registered(self.con, "_fp_rows", data):
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _fp_rows")

    def _article_tone(self, r: Any) -> float | None:
        """Mean VADER tone of a coded article's sentences (None for articles that were not coded)."""
        if not r.coded or not r.sentences:
            return None
        if self._tone is None:
            from flashpoint.tone import ToneScorer

            self._tone = ToneScorer()
        tone: float | None = self._tone.mean(s.text for s in r.sentences)
        return tone

    def _count(self, table: str) -> int:
        rows = self.con.execute(f"SELECT count(*) FROM {table}").fetchall()  # table names are ours, not input
        return int(rows[0][0]) if rows else 0

    def counts(self) -> dict[str, int]:
        return {t: self._count(t) for t in ("articles", "sentences", "events", "quarantine")}

    def events(self, limit: int = 100) -> list[dict[str, Any]]:
        cur = self.con.execute(f"SELECT * FROM events ORDER BY article_id, sentence_index, trigger_start LIMIT {int(limit)}")
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def dump(self) -> str:
        """Deterministic JSON dump of the content (without timestamps), for comparisons in tests."""
        out: dict[str, Any] = {}
        for table, key in (("articles", "article_id"), ("sentences", "article_id, sentence_index"),
                           ("events", "event_id"), ("quarantine", "qid")):
            cur = self.con.execute(f"SELECT * FROM {table} ORDER BY {key}")
            cols = [d[0] for d in cur.description]
            out[table] = [{c: v for c, v in zip(cols, row, strict=True) if not c.endswith("_at")}
                          for row in cur.fetchall()]
        return json.dumps(out, default=str, sort_keys=True)
