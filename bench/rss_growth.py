"""Where does ingest's memory go as the database grows? RSS after every N articles, with the suspects.

    python bench/rss_growth.py 8000 --every 500 [--tracemalloc] [--no-store] [--trim]

Runs `flashpoint.store.ingest.ingest` over a generated corpus (same generator and seed as
bench/rss_probe.py) and, every `--every` articles, prints one JSON line with:

* rss_mb / hwm_mb: current and peak resident set (/proc/self/status VmRSS, VmHWM);
* phase peaks since the previous line: the peak RSS while parsing/coding and while writing a batch
  (VmHWM is reset through /proc/self/clear_refs before each phase, where the kernel allows it);
* cluster_rows: mentions the cross-article cluster refresh loaded in the last batch (and the largest
  single dedup key), cluster_s: its seconds;
* vocab_strings: len(nlp.vocab.strings) (spaCy's StringStore grows with every new token string);
* db_mb: the DuckDB file size; py_objects: gc-tracked Python objects;
* with --trim: RSS after glibc's malloc_trim(0) (what the C heap held free, i.e. fragmentation);
* with --tracemalloc: the Python heap and the top growing allocation sites since the previous line.

`--no-store` runs the pipeline only (no DuckDB), to separate the pipeline's growth from the store's.

Store side alone (the coding side is known flat), to reach large stores within a session:

    python bench/rss_growth.py --make-pool 512 /tmp/pool.pkl        # code 512 articles once, save them
    python bench/rss_growth.py 50000 --every 2048 --store-only /tmp/pool.pkl [--full-refresh]

`--store-only` does not load spaCy: it writes N synthetic articles through the same `BatchWriter` that
`ingest` uses (batches of `Settings.batch_size`), each a coded pool article under a new id with its text
marked and all its dates (published, event dates) shifted by a seeded random -182..+182 days, so dedup
keys recur and mentions spread over two years like a growing feed. `--full-refresh` makes the store
re-cluster touched keys in full (the refresh before the date window) for before/after comparisons.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

import flashpoint.store.db as store_db  # noqa: E402
from flashpoint.pipeline import ArticleResult, Pipeline  # noqa: E402
from flashpoint.settings import Settings  # noqa: E402
from flashpoint.store.dedup import update_clusters  # noqa: E402
from flashpoint.store.ingest import BatchWriter, IngestSummary, ingest  # noqa: E402


def status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def reset_hwm() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


class Probe:
    def __init__(self, pipe: Pipeline | None, db: Path | None, every: int, trace: bool, trim: bool) -> None:
        self.pipe, self.db, self.every, self.trace, self.trim = pipe, db, every, trace, trim
        self.t0 = time.perf_counter()
        self.phase_peak = {"pipeline": 0.0, "write": 0.0}
        self.cluster_rows = self.cluster_max_key = self.batches = 0
        self.cluster_s = 0.0
        self.overall_peak = 0.0
        self.snap = tracemalloc.take_snapshot() if trace else None

    def phase(self, name: str) -> None:
        """Close the running phase (its peak) and start `name`."""
        hwm = status_mb("VmHWM")
        self.phase_peak[name] = max(self.phase_peak[name], hwm)
        self.overall_peak = max(self.overall_peak, hwm)
        reset_hwm()

    def wrap_store(self, full_refresh: bool = False) -> None:
        """Time the cluster refresh inside Store.write and count the mentions it read."""
        real_write, real_refresh = store_db.Store.write, store_db.refresh_clusters
        probe = self

        def write(store: Any, *a: Any, **k: Any) -> Any:
            probe.phase("pipeline")
            try:
                return real_write(store, *a, **k)
            finally:
                probe.phase("write")

        def refresh(con: Any, keys: Any) -> Any:
            t = time.perf_counter()
            if full_refresh:  # the refresh before the date window: every mention of every touched key
                keys = sorted(set(keys))
                sizes = [n for _, n in con.execute(
                    "SELECT dedup_key, count(*) FROM events WHERE dedup_key IN (SELECT unnest(?::VARCHAR[])) "
                    "GROUP BY ALL", [keys]).fetchall()] if keys else []
                update_clusters(con, keys)
                probe.cluster_rows += sum(sizes)
                probe.cluster_max_key = max([probe.cluster_max_key, *sizes])
                result = None
            else:
                result = real_refresh(con, keys)
                probe.cluster_rows += result.mentions_read
            probe.cluster_s += time.perf_counter() - t
            probe.batches += 1
            return result

        store_db.Store.write = write  # type: ignore[method-assign]
        store_db.refresh_clusters = refresh

    def report(self, n: int) -> None:
        self.phase("pipeline")
        line: dict[str, Any] = {
            "articles": n, "s": round(time.perf_counter() - self.t0, 1),
            "rss_mb": status_mb("VmRSS"), "hwm_pipeline_mb": self.phase_peak["pipeline"],
            "hwm_write_mb": self.phase_peak["write"], "cluster_rows": self.cluster_rows,
            "cluster_max_key": self.cluster_max_key, "cluster_s": round(self.cluster_s, 2),
            "cluster_s_per_batch": round(self.cluster_s / max(self.batches, 1), 3),
            "vocab_strings": len(self.pipe.parser.nlp.vocab.strings) if self.pipe else None,
            "db_mb": round(self.db.stat().st_size / 2**20, 1) if self.db and self.db.exists() else None,
            "py_objects": len(gc.get_objects()),
        }
        if self.trim:  # memory the C heap holds free: RSS that malloc_trim gives back
            import ctypes

            ctypes.CDLL("libc.so.6").malloc_trim(0)
            line["rss_after_trim_mb"] = status_mb("VmRSS")
        if self.snap is not None:
            snap = tracemalloc.take_snapshot()
            line["py_heap_mb"] = round(tracemalloc.get_traced_memory()[0] / 2**20, 1)
            line["top_growth"] = [f"{s.traceback[0].filename.split('site-packages/')[-1]}:{s.traceback[0].lineno} "
                                  f"{s.size_diff / 1024:+.0f} KiB"
                                  for s in snap.compare_to(self.snap, "lineno")[:6]]
            self.snap = snap
        print(json.dumps(line), flush=True)
        self.phase_peak = {"pipeline": 0.0, "write": 0.0}
        self.cluster_rows = self.cluster_max_key = self.batches = 0
        self.cluster_s = 0.0

    def watch(self, items: Iterator[Any]) -> Iterator[Any]:
        for n, item in enumerate(items, 1):
            yield item
            if n % self.every == 0:
                self.report(n)


def make_pool(n: int, out: Path) -> None:
    """Code `n` benchmark articles once and pickle their results (for --store-only)."""
    import pickle

    pipe = Pipeline(Settings())
    with tempfile.TemporaryDirectory() as tmp:
        src = write_corpus(Path(tmp) / "corpus.jsonl", n, seed=11)
        results = [r for r in pipe.run([src]) if isinstance(r, ArticleResult)]
    out.write_bytes(pickle.dumps(results))
    print(json.dumps({"pool": len(results), "events": sum(len(r.events) for r in results), "file": str(out)}))


def synthetic(pool: list[ArticleResult], n: int, seed: int = 5) -> Iterator[ArticleResult]:
    """`n` new articles from the coded pool: new ids, marked texts, all dates shifted together."""
    import dataclasses
    import random
    from datetime import date, timedelta

    from flashpoint.ids import stable_hash

    def shift(day: str | None, delta: timedelta) -> str | None:
        return (date.fromisoformat(day[:10]) + delta).isoformat() if day else day

    rng = random.Random(seed)
    for i in range(n):
        base = pool[i % len(pool)]
        delta = timedelta(days=rng.randrange(-182, 183))
        aid = f"{base.article.article_id}~{i}"
        text = f"{base.article.text} [{i}]"
        article = dataclasses.replace(base.article, article_id=aid, text=text, content_hash=stable_hash(text),
                                      published=shift(base.article.published, delta))
        sentences = tuple(dataclasses.replace(s, article_id=aid) for s in base.sentences)
        events = tuple(dataclasses.replace(e, article_id=aid, event_date=shift(e.event_date, delta))
                       for e in base.events)
        yield dataclasses.replace(base, article=article, sentences=sentences, events=events)


def store_only(args: argparse.Namespace, settings: Settings) -> Probe:
    import pickle

    pool = pickle.loads(args.store_only.read_bytes())
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "growth.duckdb"
        probe = Probe(None, db, args.every, args.tracemalloc, args.trim)
        probe.wrap_store(full_refresh=args.full_refresh)
        reset_hwm()
        writer = BatchWriter(db, IngestSummary(), 30.0, None, settings.store_memory_limit)
        for item in probe.watch(synthetic(pool, args.n)):
            writer.add(item)
            if len(writer) >= settings.batch_size:
                writer.flush()
        writer.flush()
    return probe


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=0)
    ap.add_argument("--every", type=int, default=500)
    ap.add_argument("--tracemalloc", action="store_true")
    ap.add_argument("--no-store", action="store_true")
    ap.add_argument("--trim", action="store_true", help="call malloc_trim(0) at every report and print RSS after it")
    ap.add_argument("--make-pool", nargs=2, metavar=("N", "FILE"), help="code N articles and pickle them to FILE")
    ap.add_argument("--store-only", type=Path, metavar="FILE", help="write synthetic articles from this pool")
    ap.add_argument("--full-refresh", action="store_true", help="with --store-only: the refresh before the window")
    args = ap.parse_args()
    if args.make_pool:
        make_pool(int(args.make_pool[0]), Path(args.make_pool[1]))
        return
    if args.tracemalloc:
        tracemalloc.start()
    settings = Settings()
    if args.store_only:
        probe = store_only(args, settings)
    else:
        probe = pipeline_and_store(args, settings)
    print(json.dumps({"done": args.n, "peak_rss_mb": max(probe.overall_peak, status_mb("VmHWM")),
                      "s": round(time.perf_counter() - probe.t0, 1)}))


def pipeline_and_store(args: argparse.Namespace, settings: Settings) -> Probe:
    pipe = Pipeline(settings)
    with tempfile.TemporaryDirectory() as tmp:
        src = write_corpus(Path(tmp) / "corpus.jsonl", args.n, seed=11)
        db = None if args.no_store else Path(tmp) / "growth.duckdb"
        probe = Probe(pipe, db, args.every, args.tracemalloc, args.trim)
        reset_hwm()
        if db is None:
            for _ in probe.watch(pipe.run([src])):
                pass
        else:
            probe.wrap_store()
            real_run = pipe.run
            pipe.run = lambda inputs, stdin=None: probe.watch(real_run(inputs, stdin))  # type: ignore[method-assign]
            ingest([src], settings, db, pipeline=pipe)
    return probe


if __name__ == "__main__":
    main()
