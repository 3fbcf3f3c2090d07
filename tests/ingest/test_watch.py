"""flashpoint watch: files coded as they arrive, resume from state, never an article coded twice."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from flashpoint.ingest.watch import FolderWatcher, StateError, StreamCounts, load_state, ready_files
from flashpoint.settings import Settings
from flashpoint.store.db import Store
from tests.conftest import SAMPLES


def _age(path: Path, seconds: float = 60) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def _record(i: int, text: str) -> str:
    return json.dumps({"id": f"w-{i}", "published": "2026-11-02", "text": text}) + "\n"


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    d = tmp_path / "inbox"
    d.mkdir()
    return d


def make_watcher(inbox: Path, pipeline: Any, settle: float = 0.0) -> FolderWatcher:
    return FolderWatcher(inbox, inbox.parent / "w.duckdb", Settings(), settle=settle, pipeline=pipeline)


def counts(db: Path) -> dict[str, int]:
    with Store(db) as s:
        return s.counts()


def test_codes_new_files_once_and_then_only_new_ones(inbox: Path, pipeline: Any) -> None:
    w = make_watcher(inbox, pipeline)
    shutil.copy(SAMPLES / "01-kremlin-threat.txt", inbox)
    shutil.copy(SAMPLES / "03-sanctions.txt", inbox)
    first = StreamCounts()
    w.poll(first)
    assert (first.sources, first.new_articles) == (2, 2) and first.new_events > 0
    again = StreamCounts()
    w.poll(again)
    assert (again.sources, again.new_articles, again.new_events) == (0, 0, 0)
    shutil.copy(SAMPLES / "04-protest.txt", inbox)
    third = StreamCounts()
    w.poll(third)
    assert (third.sources, third.new_articles) == (1, 1)
    assert counts(w.db)["articles"] == 3
    assert sorted(Path(p).name for p in load_state(w.state_path)["files"]) == [
        "01-kremlin-threat.txt", "03-sanctions.txt", "04-protest.txt"]


def test_appended_jsonl_codes_only_the_new_records(inbox: Path, pipeline: Any) -> None:
    w = make_watcher(inbox, pipeline)
    f = inbox / "wire.jsonl"
    f.write_text(_record(1, "Turkey accused Greece of violating its airspace."))
    c1 = StreamCounts()
    w.poll(c1)
    with f.open("a") as fh:
        fh.write(_record(2, "Japan pledged humanitarian aid to Sudan on Thursday."))
    _age(f, 5)  # a different mtime even on coarse clocks
    c2 = StreamCounts()
    w.poll(c2)
    assert c1.new_articles == 1 and (c2.new_articles, c2.already_stored) == (1, 1)
    with Store(w.db) as s:
        ids = [r[0] for r in s.con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()]
    assert ids == ["w-1", "w-2"]


def test_lost_state_does_not_code_anything_twice(inbox: Path, pipeline: Any) -> None:
    w = make_watcher(inbox, pipeline)
    shutil.copy(SAMPLES / "10-wire.jsonl", inbox)
    w.poll(StreamCounts())
    before = counts(w.db)
    w.state_path.unlink()
    again = StreamCounts()
    w.poll(again)
    assert again.sources == 1 and again.new_articles == 0 and again.already_stored == before["articles"] > 0
    assert counts(w.db) == before


def test_waits_for_files_to_settle_and_ignores_partial_files(inbox: Path, pipeline: Any) -> None:
    w = make_watcher(inbox, pipeline, settle=30.0)
    f = inbox / "fresh.txt"
    shutil.copy(SAMPLES / "05-aid.txt", f)
    (inbox / "download.txt.part").write_text("Japan pledged aid to Sudan.")
    (inbox / ".hidden.txt").write_text("Japan pledged aid to Sudan.")
    c = StreamCounts()
    w.poll(c)
    assert c.sources == 0 and not w.db.exists()
    _age(f)
    w.poll(c)
    assert c.sources == 1 and c.new_articles == 1


def test_ready_files_compares_size_and_mtime() -> None:
    seen: dict[str, Any] = {"a": [10, 5], "b": [10, 5]}
    current = {"a": (10, 5), "b": (11, 6), "c": (3, 1)}
    assert ready_files(seen, current, settle=0, now_ns=10) == ["b", "c"]
    assert ready_files(seen, current, settle=1, now_ns=10) == []


def test_corrupt_state_file_is_a_named_error(inbox: Path, pipeline: Any) -> None:
    w = make_watcher(inbox, pipeline)
    w.state_path.write_text("{not json")
    with pytest.raises(StateError, match="cannot read state file"):
        w.poll(StreamCounts())


def test_cli_watch_once(inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from flashpoint.cli import main

    shutil.copy(SAMPLES / "02-tunnels.txt", inbox)
    db = inbox.parent / "cli.duckdb"
    assert main(["watch", str(inbox), "--db", str(db), "--once", "--settle", "0", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["polls"] == 1 and out["new_articles"] == 1 and out["new_events"] > 0
    assert main(["watch", str(inbox), "--db", str(db), "--max-polls", "2", "--interval", "0", "--settle", "0"]) == 0
    assert "0 new articles" in capsys.readouterr().out
