"""Issue 8: a batch is written in one transaction; a record the database refuses is quarantined (stage
"store") and the rest of its batch is written; duplicate ids keep the first text."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.errors import StoreError
from flashpoint.models import CleanArticle, Quarantined
from flashpoint.pipeline import ArticleResult
from flashpoint.settings import Settings
from flashpoint.store.db import Store
from flashpoint.store.ingest import BatchWriter, IngestSummary, ingest


def _result(article_id: str, text: str, origin: str) -> ArticleResult:
    return ArticleResult(CleanArticle(article_id, text, origin, content_hash=f"h-{text}"), (), (), True)


GOOD = _result("g1", "Russia threatened Ukraine.", "feed.jsonl:1")
UNSTORABLE = _result("b1", "Lone \ud800 surrogate.", "feed.jsonl:2")  # DuckDB refuses it


def test_failed_batch_is_rolled_back_entirely(tmp_path: Path) -> None:
    with Store(tmp_path / "t.duckdb") as st:
        with pytest.raises(StoreError, match=r"failed and was rolled back: .*surrogate"):
            st.write([GOOD, UNSTORABLE], [Quarantined("x", "ingest", "bad")])
        assert st.counts() == {"articles": 0, "sentences": 0, "events": 0, "quarantine": 0}


def test_record_the_database_refuses_is_quarantined_and_the_batch_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    Store(db).close()
    reported: list[str] = []
    summary = IngestSummary()
    writer = BatchWriter(db, summary, lock_timeout=1.0, on_quarantine=lambda q: reported.append(q.message()))
    for item in (GOOD, UNSTORABLE, Quarantined("feed.jsonl:3", "ingest", "invalid JSON")):
        writer.add(item)
    writer.flush()
    with Store(db, read_only=True) as st:
        articles = st.con.execute("SELECT article_id FROM articles").fetchall()
        q = st.con.execute("SELECT origin, stage, reason FROM quarantine ORDER BY origin").fetchall()
    assert articles == [("g1",)]
    assert [(o, s) for o, s, _ in q] == [("feed.jsonl:2", "store"), ("feed.jsonl:3", "ingest")]
    assert "cannot be stored" in q[0][2] and "\n" not in q[0][2]
    assert len(reported) == 1 and reported[0].startswith("quarantined feed.jsonl:2: [store] cannot be stored")
    assert (summary.new_articles, summary.new_quarantined, summary.batches) == (1, 2, 1)


def test_duplicate_ids_in_one_batch_keep_the_first_text(tmp_path: Path) -> None:
    db = tmp_path / "d.duckdb"
    Store(db).close()
    summary = IngestSummary()
    writer = BatchWriter(db, summary, lock_timeout=1.0)
    for item in (GOOD, _result("g1", "Another text.", "feed.jsonl:9"), GOOD):
        writer.add(item)
    writer.flush()
    with Store(db, read_only=True) as st:
        assert st.con.execute("SELECT article_id, text FROM articles").fetchall() == [("g1", GOOD.article.text)]
        assert st.con.execute("SELECT origin, stage FROM quarantine").fetchall() == [("feed.jsonl:9", "store")]
    assert summary.duplicate_ids == 1



def test_ingest_into_a_missing_folder_fails_cleanly(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    feed = tmp_path / "a.txt"
    feed.write_text("Russia threatened Ukraine.")
    with pytest.raises(StoreError, match=r"cannot create the ingest lock .*missing.*No such file"):
        ingest([feed], Settings(), tmp_path / "missing" / "db.duckdb", pipeline=pipeline, lock_timeout=0)


def test_records_are_retried_on_a_fresh_connection_after_a_failed_batch(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A batch failure that leaves its connection refusing every statement (DuckDB after an out-of-memory
    error) must not quarantine the good records: they are retried one by one on a new connection."""
    db = tmp_path / "f.duckdb"
    Store(db).close()
    real_write = Store.write
    poisoned: list[Store] = []

    def failing_once(self, results, quarantined=()):  # type: ignore[no-untyped-def]
        if not poisoned:
            poisoned.append(self)
            self.con.close()  # every later statement on this connection fails
            raise StoreError("write failed and was rolled back: OutOfMemoryException")
        if self in poisoned:
            raise StoreError("Current transaction is aborted (please ROLLBACK)")
        return real_write(self, results, quarantined)

    monkeypatch.setattr(Store, "write", failing_once)
    summary = IngestSummary()
    writer = BatchWriter(db, summary, lock_timeout=1.0)
    writer.add(GOOD)
    writer.flush()
    monkeypatch.undo()
    with Store(db, read_only=True) as st:
        assert st.con.execute("SELECT article_id FROM articles").fetchall() == [("g1",)]
        assert st.con.execute("SELECT count(*) FROM quarantine").fetchone() == (0,)
