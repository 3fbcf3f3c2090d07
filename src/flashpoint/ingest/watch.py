"""Streaming ingest from a folder: `flashpoint watch DIR` codes files as they arrive.

Polls the folder (no OS-specific file events, so it works on network mounts too). A file is coded once it
has stopped changing for `settle` seconds; a file that grows later (an appended JSONL) is read again and
only its new articles are coded. State -- each file's size and mtime -- lives in a JSON file beside the
database (`<db>.watch.json`), written atomically after the database commit; and no article is coded
twice even if the state is lost: articles whose id is already stored are skipped before parsing.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from flashpoint.errors import FlashpointError
from flashpoint.ingest.readers import iter_files, read_inputs
from flashpoint.models import Article, Quarantined
from flashpoint.pipeline import ArticleResult, Pipeline
from flashpoint.settings import Settings
from flashpoint.store.db import Store

log = logging.getLogger(__name__)

#: names of files still being written by common tools; never read
PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".swp")


class StateError(FlashpointError):
    """A streaming state file cannot be read or written."""


@dataclass
class StreamCounts:
    """What one or more polls did (watch and feed)."""

    polls: int = 0
    sources: int = 0  # files read (watch) or feed documents fetched (feed)
    new_articles: int = 0
    new_events: int = 0
    already_stored: int = 0  # articles skipped before parsing because their id is in the database
    quarantined: int = 0

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def load_state(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise StateError(f"cannot read state file {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise StateError(f"state file {path} does not hold a JSON object")
    return data


def save_state(path: Path, state: dict[str, Any]) -> None:
    """Write atomically (temp file + rename) so a crash never leaves half a state file."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise StateError(f"cannot write state file {path}: {exc}") from exc


def code_new(items: Iterable[Article | Quarantined], pipe: Pipeline, store: Store, counts: StreamCounts) -> None:
    """Code the articles whose id is not stored yet; write results and quarantined records in batches."""
    def fresh() -> Iterable[Article | Quarantined]:
        for item in items:
            if isinstance(item, Article) and store.existing_hash(item.article_id) is not None:
                counts.already_stored += 1
                continue
            yield item

    results = pipe.process(fresh())
    while chunk := list(islice(results, pipe.settings.batch_size)):
        done = [r for r in chunk if isinstance(r, ArticleResult)]
        bad = [q for q in chunk if isinstance(q, Quarantined)]
        for item in bad:
            log.warning("%s", item.message())
        n_art, n_ev, n_q = store.write(done, bad)
        counts.new_articles += n_art
        counts.new_events += n_ev
        counts.quarantined += n_q


def _is_partial(path: Path) -> bool:
    return path.name.startswith(".") or path.suffix.lower() in PARTIAL_SUFFIXES


def scan(folder: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime_ns) of every readable input file under folder."""
    out: dict[str, tuple[int, int]] = {}
    for f in iter_files([folder]):
        if isinstance(f, Path) and not _is_partial(f):
            try:
                st = f.stat()
            except OSError:
                continue  # removed between listing and stat
            out[str(f)] = (st.st_size, st.st_mtime_ns)
    return out


def ready_files(seen: dict[str, Any], current: dict[str, tuple[int, int]], settle: float,
                now_ns: int) -> list[str]:
    """Files that are new or changed since they were coded and have not been touched for `settle` seconds."""
    out = []
    for path, (size, mtime) in sorted(current.items()):
        if seen.get(path) == [size, mtime]:
            continue
        if now_ns - mtime >= settle * 1e9:
            out.append(path)
    return out


class FolderWatcher:
    """Polls one folder and codes new files into one database."""

    def __init__(self, folder: Path, db: Path, settings: Settings, state_path: Path | None = None,
                 settle: float = 1.0, pipeline: Pipeline | None = None) -> None:
        if not folder.is_dir():
            raise FlashpointError(f"{folder} is not a folder")
        self.folder, self.db, self.settings, self.settle = folder.resolve(), db, settings, settle
        self.state_path = state_path or db.with_name(db.name + ".watch.json")
        self._pipeline = pipeline

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:  # loaded once, on the first file that needs coding
            self._pipeline = Pipeline(self.settings)
        return self._pipeline

    def poll(self, counts: StreamCounts) -> None:
        state = load_state(self.state_path)
        seen: dict[str, Any] = state.setdefault("files", {})
        current = scan(self.folder)
        todo = ready_files(seen, current, self.settle, time.time_ns())
        counts.polls += 1
        if not todo:
            return
        with Store(self.db) as store:
            for path in todo:
                code_new(read_inputs([path], self.settings), self.pipeline, store, counts)
                counts.sources += 1
                seen[path] = list(current[path])  # changed since the scan? then the next poll reads it again
                save_state(self.state_path, state)
                log.info("coded %s", path)

    def run(self, max_polls: int | None = None, interval: float = 2.0,
            sleep: Callable[[float], None] = time.sleep) -> StreamCounts:
        """Poll until max_polls (None = forever); returns what was done."""
        return run_polls(self.poll, max_polls, interval, sleep)


def watch(folder: Path, db: Path, settings: Settings, max_polls: int | None = None, interval: float = 2.0,
          settle: float = 1.0, state_path: Path | None = None) -> StreamCounts:
    """Code files arriving in `folder` into the store at `db`; see the module doc."""
    return FolderWatcher(folder, db, settings, state_path, settle).run(max_polls, interval)


def summary_line(counts: StreamCounts, what: Sequence[str] = ("files", "polls")) -> str:
    return (f"{counts.polls} {what[1]}, {counts.sources} {what[0]} read: {counts.new_articles} new articles, "
            f"{counts.new_events} new events, {counts.already_stored} already stored (not coded again), "
            f"{counts.quarantined} quarantined")


def run_polls(poll: Callable[[StreamCounts], None], max_polls: int | None, interval: float,
              sleep: Callable[[float], None]) -> StreamCounts:
    """Call poll(counts) until max_polls polls (None = forever), sleeping `interval` between polls."""
    counts = StreamCounts()
    while max_polls is None or counts.polls < max_polls:
        poll(counts)
        if max_polls is None or counts.polls < max_polls:
            sleep(interval)
    return counts
