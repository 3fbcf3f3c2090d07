"""Who may write a database file, and how long the others wait.

DuckDB lets one process hold a database file read-write, or any number of processes hold it
read-only, never both. Flashpoint builds on that:

* `connect` opens a DuckDB connection and, when another process holds a conflicting lock, retries
  until `timeout` seconds have passed, then raises a `StoreError` naming the file and the holder's PID.
* `IngestLock` is an advisory lock on `<db>.ingest.lock` held for a whole ingest run, so that two
  ingests into one database run one after the other (or the second fails cleanly after `timeout`),
  even though each ingest opens the database only while it writes a batch.
"""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from flashpoint.errors import StoreError

log = logging.getLogger(__name__)

_PID = re.compile(r"\(PID (\d+)\)")
_MAX_DELAY = 0.25


def is_lock_conflict(exc: BaseException) -> bool:
    """True for DuckDB's "Could not set lock on file ... Conflicting lock is held" error."""
    msg = str(exc)
    return "Could not set lock" in msg or "Conflicting lock" in msg


def _holder(exc: BaseException) -> str:
    m = _PID.search(str(exc))
    return f"PID {m.group(1)}" if m else "another process"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def connect(path: Path, read_only: bool = False, timeout: float = 0.0) -> Any:
    """A DuckDB connection to `path`, waiting up to `timeout` seconds for another process's lock."""
    import duckdb

    deadline = time.monotonic() + max(0.0, timeout)
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            if not is_lock_conflict(exc):
                raise StoreError(f"cannot open database {path}: {_one_line(exc)}") from exc
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                mode = "read" if read_only else "write"
                raise StoreError(
                    f"database {path} is locked by {_holder(exc)} (DuckDB allows one writer or many readers "
                    f"per file); could not open it to {mode} within {timeout:g}s, retry when it is done"
                ) from exc
            time.sleep(min(delay, remaining))
            delay = min(delay * 2, _MAX_DELAY)


def ingest_lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".ingest.lock")


class IngestLock:
    """Exclusive advisory lock (flock) that serialises ingest runs into one database file.

    The kernel drops the lock when the holder dies (even on kill -9), so a crashed run never leaves
    a stale lock behind. The lock file itself is left in place on purpose (deleting it would race).
    """

    def __init__(self, db: Path, timeout: float = 0.0) -> None:
        self.db = db
        self.path = ingest_lock_path(db)
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            import fcntl
        except ImportError:  # not POSIX: DuckDB's own file lock still keeps writers apart per batch
            log.warning("no fcntl on this platform; ingests into %s are not serialised", self.db)
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot create the ingest lock {self.path}: {exc.strerror or exc}") from exc
        deadline = time.monotonic() + max(0.0, self.timeout)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                    os.close(fd)
                    raise StoreError(f"another ingest (PID {holder}) is writing to {self.db}; waited "
                                     f"{self.timeout:g}s for it to finish, retry later") from None
                time.sleep(_MAX_DELAY)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        import fcntl

        os.ftruncate(self._fd, 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> IngestLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
