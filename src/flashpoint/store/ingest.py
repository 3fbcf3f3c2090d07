"""Ingest: run the pipeline over inputs and write each batch to the store in one transaction.

Crash safety: a batch is committed as a whole or not at all, and every row has a content-derived key
(article id, event id, quarantine id), so re-running the same command after a crash (even kill -9)
skips what was committed and writes the rest: the database ends exactly as after one clean run.

Concurrency: the run holds `IngestLock` (a second ingest waits up to `lock_timeout`, then fails with
a StoreError) and opens the database only while it writes a batch, so that short-lived read-only
connections (the API, the dashboard, `duckdb -readonly`) can read between batches.
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import duckdb

from flashpoint.errors import StoreError
from flashpoint.models import Quarantined
from flashpoint.pipeline import ArticleResult, Pipeline, RunSummary
from flashpoint.settings import Settings
from flashpoint.store.db import Store
from flashpoint.store.lock import IngestLock

log = logging.getLogger(__name__)

#: seconds an ingest waits for another ingest (or a reader) to release the database.
DEFAULT_LOCK_TIMEOUT = 30.0
#: DuckDB memory for a batch write's first attempt, if below `Settings.store_memory_limit`, with one DuckDB
#: thread. A batch write scans columns of the whole store (its cluster refresh touches row groups all over
#: it), and DuckDB keeps what it read cached up to its limit, so the writer's memory grew with the store
#: up to the limit. 24MB is enough for every 64-article batch of the last 1,024 articles of a 50,000-article
#: store since the join filters are off and results are streamed (docs/benchmarks.md, session 7: peak
#: 216-217 MB at 32MB, 209 MB at 24MB); at 16MB one batch in 16 failed and was written again at 64MB (250 MB).
FIRST_TRY_MEMORY = "24MB"
#: the capped tries, in order (each only if below the configured limit): a batch that fails at 24MB is
#: written again at 64MB, still lean, before the configured limit (128MB, a ~300 MB peak at 50,000 articles).
CAPPED_TRIES = (FIRST_TRY_MEMORY, "64MB")
FIRST_TRY_THREADS = 1
#: DuckDB optimizers off for the first try: join filter pushdown gives every hash join a filter sized to
#: the probe side (a table scan), ~8 MB per refresh query at 50,000 articles, so it grew with the store.
FIRST_TRY_DISABLED_OPTIMIZERS = "join_filter_pushdown"
_UNITS = {"KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}


def memory_bytes(limit: str) -> float:
    """Bytes in a DuckDB memory setting such as "128MB" or "1.5GiB" (the form Settings validates)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B)\s*", limit, re.IGNORECASE)
    if match is None:
        raise StoreError(f"not a memory size: {limit!r}")
    return float(match[1]) * _UNITS[match[2].upper()]


def first_try_limit(configured: str | None) -> str | None:
    """The memory limit of a batch write's first attempt: FIRST_TRY_MEMORY, or the configured one if lower;
    None (DuckDB's default) when none is configured (no cap asked for, so none is imposed)."""
    return try_limits(configured)[0][0]


def try_limits(configured: str | None) -> list[tuple[str | None, bool]]:
    """(memory limit, lean) of each attempt to write a batch: the CAPPED_TRIES below the configured limit,
    lean (FIRST_TRY_THREADS, FIRST_TRY_DISABLED_OPTIMIZERS), then the configured limit with DuckDB's
    threads; the configured one alone if it is lower than every capped try or None (no cap asked for)."""
    if configured is None:
        return [(None, False)]
    capped: list[tuple[str | None, bool]] = [
        (limit, True) for limit in CAPPED_TRIES if memory_bytes(limit) < memory_bytes(configured)]
    return capped + [(configured, False)] if capped else [(configured, True)]


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, or None on other C libraries."""
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def release_free_heap() -> None:
    """Hand the C heap's free pages back to the OS (glibc `malloc_trim(0)`; a no-op elsewhere).

    A batch write allocates tens of MB in DuckDB's threads (their own malloc arenas) and frees them when
    the store closes; glibc keeps much of it mapped, more as the store grows, and the parse phase of the
    next batch then sits on top of it. Trimming after each batch gives it back (docs/benchmarks.md, issue 7
    benchmark 3)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@dataclass
class IngestSummary:
    run: RunSummary = field(default_factory=RunSummary)
    new_articles: int = 0
    new_events: int = 0
    new_quarantined: int = 0
    batches: int = 0
    duplicate_ids: int = 0  # records whose id was already stored with a different text (quarantined)


@dataclass
class BatchWriter:
    """Buffers results and writes them in one transaction per batch, opening the store per batch."""

    db: Path
    summary: IngestSummary
    lock_timeout: float
    on_quarantine: Callable[[Quarantined], None] | None = None
    memory_limit: str | None = None  # the most DuckDB may use for a batch (Settings.store_memory_limit); see flush
    results: list[ArticleResult] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.results) + len(self.quarantined)

    def add(self, item: ArticleResult | Quarantined) -> None:
        (self.quarantined if isinstance(item, Quarantined) else self.results).append(item)  # type: ignore[arg-type]

    def flush(self) -> None:
        """Write the buffered batch: with DuckDB at each of `try_limits` in turn (24MB and 64MB with one
        thread, then the configured limit) until one succeeds; if all fail, record by record (a record that
        cannot be stored is quarantined)."""
        if not self.results and not self.quarantined:
            return
        tries = try_limits(self.memory_limit)
        counts_or_error = self._write_batch(*tries[0])
        for (failed_at, _), (limit, lean) in itertools.pairwise(tries):
            if not isinstance(counts_or_error, StoreError):
                break
            log.info("batch write failed with DuckDB's memory at %s (%s); writing it again with %s", failed_at,
                     counts_or_error, limit or "DuckDB's default")
            counts_or_error = self._write_batch(limit, lean)
        if isinstance(counts_or_error, StoreError):
            failed = counts_or_error
            # a fresh connection: a failure (out of memory, say) can leave the old one refusing every statement
            # ("transaction is aborted"), which would quarantine every record for the wrong reason
            log.warning("batch write failed (%s); writing its records one by one", failed)
            with Store(self.db, lock_timeout=self.lock_timeout, memory_limit=self.memory_limit) as store:
                counts = self._write_one_by_one(store)
        else:
            counts = counts_or_error
        release_free_heap()
        self._count(counts)
        self.summary.batches += 1
        log.info("committed batch %d (%d articles, %d quarantined) to %s", self.summary.batches,
                 len(self.results), len(self.quarantined), self.db)
        self.results.clear()
        self.quarantined.clear()

    def _write_batch(self, memory_limit: str | None, lean: bool) -> tuple[int, int, int] | StoreError:
        """Write the batch in one transaction on a new connection: its counts, or the error that rolled it back.
        `lean`: a capped try, with FIRST_TRY_THREADS and FIRST_TRY_DISABLED_OPTIMIZERS."""
        threads = FIRST_TRY_THREADS if lean else None
        with Store(self.db, lock_timeout=self.lock_timeout, memory_limit=memory_limit, threads=threads) as store:
            if lean:
                store.con.execute(f"SET disabled_optimizers = '{FIRST_TRY_DISABLED_OPTIMIZERS}'")
            try:
                self._quarantine_duplicate_ids(store)
            except duckdb.OutOfMemoryException as exc:  # the id check ran out of memory: a higher limit may do
                return StoreError(f"checking the batch's ids in {self.db} failed: {' '.join(str(exc).split())[:300]}")
            try:
                return store.write(self.results, self.quarantined)
            except StoreError as exc:
                return exc

    def _quarantine_duplicate_ids(self, store: Store) -> None:
        """An id already stored (or earlier in this batch) with a different text: the first text stays,
        the later record is quarantined with a one-line reason. The same id with the same text is the
        same article again and is skipped (deduplicated)."""
        keep, clashes, again = store.split_new_articles(self.results)
        for q in clashes:
            self._quarantine(q)
        for r in again:
            log.info("%s: article '%s' is already stored; skipped", r.article.origin, r.article.article_id)
        self.results[:] = keep

    def _quarantine(self, q: Quarantined) -> None:
        self.summary.duplicate_ids += 1
        self.summary.run.quarantined += 1
        self.summary.run.quarantine_reasons["duplicate id"] += 1
        self.quarantined.append(q)
        log.info("%s", q.message())
        if self.on_quarantine:
            self.on_quarantine(q)

    def _write_one_by_one(self, store: Store) -> tuple[int, int, int]:
        """Isolate the record that cannot be stored: it is quarantined (stage "store"), the rest written.

        If even a quarantine row cannot be written, the database itself is failing: the error is raised.
        """
        totals = [0, 0, 0]
        for r in self.results:
            try:
                counts = store.write([r])
            except StoreError as exc:
                q = Quarantined(r.article.origin, "store", f"cannot be stored: {exc}", article_id=r.article.article_id)
                log.warning("%s", q.message())
                self.summary.run.quarantined += 1
                self.summary.run.quarantine_reasons["cannot be stored"] += 1
                if self.on_quarantine:
                    self.on_quarantine(q)
                counts = store.write([], [q])
            totals = [t + c for t, c in zip(totals, counts, strict=True)]
        counts = store.write([], self.quarantined)
        return totals[0] + counts[0], totals[1] + counts[1], totals[2] + counts[2]

    def _count(self, counts: tuple[int, int, int]) -> None:
        self.summary.new_articles += counts[0]
        self.summary.new_events += counts[1]
        self.summary.new_quarantined += counts[2]


def ingest(inputs: Iterable[str | Path], settings: Settings, db: Path,
           on_quarantine: Callable[[Quarantined], None] | None = None,
           pipeline: Pipeline | None = None,
           lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> tuple[IngestSummary, dict[str, int]]:
    """Code `inputs` and store them in `db`; returns the summary and the table counts afterwards."""
    db = Path(db)
    summary = IngestSummary()
    pipe = pipeline or Pipeline(settings)  # load models before taking the lock: hold it only to write
    with IngestLock(db, lock_timeout):
        Store(db, lock_timeout=lock_timeout, memory_limit=settings.store_memory_limit).close()  # create and
        # migrate up front: fail before parsing
        writer = BatchWriter(db, summary, lock_timeout, on_quarantine, settings.store_memory_limit)
        log.info("ingest into %s started", db)
        for item in pipe.run(inputs):
            summary.run.add(item)
            if isinstance(item, Quarantined) and on_quarantine:
                on_quarantine(item)
            writer.add(item)
            if len(writer) >= settings.batch_size:
                writer.flush()
        writer.flush()
        with Store(db, lock_timeout=lock_timeout, memory_limit=settings.store_memory_limit) as store:
            counts = store.counts()
    log.info("ingest into %s finished: %d batches", db, summary.batches)
    return summary, counts
