"""Issue 8: readers while an ingest writes; two ingests on one database serialise or fail cleanly.

Real processes: DuckDB locks a database file per process, so threads would prove nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from flashpoint.errors import StoreError
from flashpoint.settings import Settings
from flashpoint.store.db import Store
from flashpoint.store.ingest import ingest
from flashpoint.store.lock import IngestLock

from .corpus import write_feed
from .test_crash_safety import command, dump, start


def _holder(code: str, ready: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """A helper process that runs `code` (which must create `ready`), then sleeps until killed."""
    script = textwrap.dedent(code) + f"\nimport pathlib, time\npathlib.Path({str(ready)!r}).touch()\ntime.sleep(60)\n"
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.02)
    return proc


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.kill()
    proc.wait()


def test_second_writer_fails_cleanly_or_waits(tmp_path: Path, cli_env: dict[str, str]) -> None:
    db = tmp_path / "w.duckdb"
    Store(db).close()
    holder = _holder(f"from flashpoint.store.db import Store\ns = Store({str(db)!r})", tmp_path / "ready", cli_env)
    try:
        for read_only in (False, True):
            t0 = time.monotonic()
            with pytest.raises(StoreError) as err:
                Store(db, read_only=read_only, lock_timeout=0.5)
            assert 0.5 <= time.monotonic() - t0 < 5
            msg = str(err.value)
            assert f"PID {holder.pid}" in msg and str(db) in msg and "\n" not in msg
            assert "within 0.5s" in msg
    finally:
        _stop(holder)
    with Store(db, read_only=True, lock_timeout=5) as st:  # the lock dies with its holder
        assert st.counts()["articles"] == 0


def test_writer_waits_for_the_lock_within_its_timeout(tmp_path: Path, cli_env: dict[str, str]) -> None:
    db = tmp_path / "wait.duckdb"
    Store(db).close()
    code = f"""
        import threading, os
        from flashpoint.store.db import Store
        s = Store({str(db)!r})
        threading.Timer(1.0, lambda: (s.close(), os._exit(0))).start()
    """
    holder = _holder(code, tmp_path / "ready", cli_env)
    t0 = time.monotonic()
    with Store(db, lock_timeout=30) as st:  # waits about a second, then gets in
        assert st.counts()["articles"] == 0
    assert 0.5 < time.monotonic() - t0 < 30
    holder.wait()


def test_second_ingest_fails_cleanly_with_a_message(tmp_path: Path, settings: Settings, pipeline,  # type: ignore[no-untyped-def]
                                                    cli_env: dict[str, str]) -> None:
    feed = write_feed(tmp_path / "feed", n_records=8)
    db = tmp_path / "i.duckdb"
    code = f"""
        from pathlib import Path
        from flashpoint.store.lock import IngestLock
        lock = IngestLock(Path({str(db)!r}))
        lock.acquire()
    """
    holder = _holder(code, tmp_path / "ready", cli_env)
    try:
        with pytest.raises(StoreError, match=rf"another ingest \(PID {holder.pid}\) is writing to .*i\.duckdb"):
            ingest([feed], settings, db, pipeline=pipeline, lock_timeout=0.3)
    finally:
        _stop(holder)
    assert not db.exists() or Store(db, read_only=True).counts()["articles"] == 0  # nothing half-written
    with IngestLock(db, timeout=5):  # released by the kernel when its holder died
        pass
    summary, counts = ingest([feed], settings, db, pipeline=pipeline, lock_timeout=5)
    assert counts["articles"] == summary.new_articles > 0


def test_two_ingests_at_once_serialise(tmp_path: Path, settings: Settings, pipeline,  # type: ignore[no-untyped-def]
                                       cli_env: dict[str, str]) -> None:
    feed_a = write_feed(tmp_path / "a", n_records=10, seed=1)
    feed_b = tmp_path / "b"
    feed_b.mkdir()
    texts = [json.loads(line)["text"] for line in (feed_a / "wire.jsonl").read_text().splitlines()
             if line.startswith('{"id": "r0') and '"text"' in line]
    (feed_b / "b.jsonl").write_text("\n".join(
        json.dumps({"id": f"b{i}", "text": text + " Officials confirmed it on Tuesday."})
        for i, text in enumerate(texts[:8])))
    db = tmp_path / "both.duckdb"
    procs = [subprocess.Popen(command(feed, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=cli_env)
             for feed in (feed_a, feed_b)]
    errors = [p.communicate(timeout=300)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    ingest([feed_a, feed_b], settings, tmp_path / "ref.duckdb", pipeline=pipeline)
    assert dump(db) == dump(tmp_path / "ref.duckdb")


def test_readers_read_while_an_ingest_writes(tmp_path: Path, cli_env: dict[str, str]) -> None:
    feed = write_feed(tmp_path / "feed", n_records=30)
    db = tmp_path / "r.duckdb"
    proc = start(feed, db, tmp_path / "ingest.log", cli_env)
    seen: list[int] = []
    while proc.poll() is None:
        with Store(db, read_only=True, lock_timeout=10) as st:  # how the API reads: short-lived, read-only
            seen.append(st.counts()["articles"])
        time.sleep(0.05)
    assert proc.returncode == 0, (tmp_path / "ingest.log").read_text()[-2000:]
    with Store(db, read_only=True, lock_timeout=10) as st:
        final = st.counts()["articles"]
    assert len(seen) >= 3 and seen == sorted(seen) and seen[-1] <= final
    assert len(set(seen)) >= 2  # reads happened between batches, not only before or after the run
