"""Ingest's batch writer: a small DuckDB memory limit first, the configured one for a batch that needs more."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.errors import StoreError
from flashpoint.models import CleanArticle
from flashpoint.pipeline import ArticleResult
from flashpoint.store.db import Store
from flashpoint.store.ingest import (
    FIRST_TRY_MEMORY,
    BatchWriter,
    IngestSummary,
    first_try_limit,
    memory_bytes,
    try_limits,
)

GOOD = ArticleResult(CleanArticle("g1", "Russia threatened Ukraine.", "feed.jsonl:1", content_hash="h1"), (), (), True)


def _settings_seen(monkeypatch: pytest.MonkeyPatch, fail_first: bool | int) -> list[tuple[str, int]]:
    """(memory_limit, threads) of every connection that writes a batch; the first `fail_first` writes fail."""
    real_write = Store.write
    seen: list[tuple[str, int]] = []

    def write(self, results, quarantined=()):  # type: ignore[no-untyped-def]
        seen.append(self.con.execute("SELECT current_setting('memory_limit'), current_setting('threads')").fetchone())
        if len(seen) <= int(fail_first):
            raise StoreError("write failed and was rolled back: OutOfMemoryException: failed to pin block")
        return real_write(self, results, quarantined)

    monkeypatch.setattr(Store, "write", write)
    return seen


def test_a_batch_is_written_with_the_small_limit_and_one_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "w.duckdb"
    Store(db).close()
    seen = _settings_seen(monkeypatch, fail_first=False)
    writer = BatchWriter(db, IngestSummary(), lock_timeout=1.0, memory_limit="128MB")
    writer.add(GOOD)
    writer.flush()
    assert seen == [("22.8 MiB", 1)]  # 24 MB
    with Store(db, read_only=True) as st:
        assert st.con.execute("SELECT article_id FROM articles").fetchall() == [("g1",)]


def _write_good_failing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fails: int
                        ) -> tuple[Path, list[tuple[str, int]], IngestSummary]:
    """Write one good article with a 128MB limit while the first `fails` tries run out of memory."""
    db = tmp_path / "w.duckdb"
    Store(db).close()
    seen = _settings_seen(monkeypatch, fail_first=fails)
    summary = IngestSummary()
    writer = BatchWriter(db, summary, lock_timeout=1.0, memory_limit="128MB")
    writer.add(GOOD)
    writer.flush()
    return db, seen, summary


def test_a_batch_that_needs_more_memory_is_written_again_with_64mb_then_the_configured_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, seen, summary = _write_good_failing(tmp_path, monkeypatch, 2)
    assert [limit for limit, _ in seen] == ["22.8 MiB", "61.0 MiB", "122.0 MiB"]  # 24 MB, 64 MB, then 128 MB
    assert seen[1][1] == 1 and seen[2][1] >= 1  # 64 MB is still a lean try (one thread)
    with Store(db, read_only=True) as st:
        assert st.con.execute("SELECT article_id FROM articles").fetchall() == [("g1",)]
        assert st.con.execute("SELECT count(*) FROM quarantine").fetchone() == (0,)
    assert (summary.new_articles, summary.run.quarantined, summary.batches) == (1, 0, 1)


def test_a_batch_that_fails_at_24mb_is_written_at_64mb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, seen, summary = _write_good_failing(tmp_path, monkeypatch, 1)
    assert seen == [("22.8 MiB", 1), ("61.0 MiB", 1)]
    with Store(db, read_only=True) as st:
        assert st.con.execute("SELECT article_id FROM articles").fetchall() == [("g1",)]
    assert (summary.new_articles, summary.run.quarantined, summary.batches) == (1, 0, 1)


def test_the_tries_never_exceed_the_configured_limit() -> None:
    assert try_limits("128MB") == [("24MB", True), ("64MB", True), ("128MB", False)]
    assert try_limits("48MB") == [("24MB", True), ("48MB", False)]
    assert try_limits("32MB") == [("24MB", True), ("32MB", False)]
    assert try_limits("24MB") == [("24MB", True)]
    assert try_limits("16MB") == [("16MB", True)]
    assert try_limits(None) == [(None, False)]


def test_first_try_limit_never_exceeds_the_configured_one() -> None:
    assert memory_bytes("128MB") == 128e6 and memory_bytes("1.5GiB") == 1.5 * 2**30 and memory_bytes("16 mb") == 16e6
    assert first_try_limit("128MB") == FIRST_TRY_MEMORY == "24MB"
    assert first_try_limit("16MB") == "16MB"
    assert first_try_limit(None) is None  # no cap configured: none imposed
    with pytest.raises(StoreError, match="not a memory size"):
        memory_bytes("lots")


def test_without_a_configured_limit_a_batch_is_written_with_duckdbs_defaults(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "w.duckdb"
    Store(db).close()
    seen = _settings_seen(monkeypatch, fail_first=False)
    writer = BatchWriter(db, IngestSummary(), lock_timeout=1.0, memory_limit=None)
    writer.add(GOOD)
    writer.flush()
    assert len(seen) == 1 and seen[0][0] != "22.8 MiB"


def test_a_batch_whose_id_check_runs_out_of_memory_is_written_with_the_next_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    db = tmp_path / "w.duckdb"
    Store(db).close()
    real_split = Store.split_new_articles
    limits: list[str] = []

    def split(self, results):  # type: ignore[no-untyped-def]
        limits.append(self.con.execute("SELECT current_setting('memory_limit')").fetchone()[0])
        if len(limits) == 1:
            raise duckdb.OutOfMemoryException("Out of Memory Error: failed to pin block")
        return real_split(self, results)

    monkeypatch.setattr(Store, "split_new_articles", split)
    summary = IngestSummary()
    writer = BatchWriter(db, summary, lock_timeout=1.0, memory_limit="128MB")
    writer.add(GOOD)
    writer.flush()
    assert limits[:2] == ["22.8 MiB", "61.0 MiB"]
    with Store(db, read_only=True) as st:
        assert st.con.execute("SELECT article_id FROM articles").fetchall() == [("g1",)]
    assert (summary.new_articles, summary.run.quarantined, summary.batches) == (1, 0, 1)
