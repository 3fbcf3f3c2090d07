"""Peak RSS of one ingest run in a fresh process (benchmark 3; bench/run_all.py section 3 runs these).

    python bench/rss_probe.py 1000                        # end to end: `ingest` of N generated articles
    python bench/rss_probe.py 4000 --no-store             # parse side: the pipeline alone, no database
    python bench/rss_probe.py --make-pool 512 POOL        # code 512 generated articles once (pickled results)
    python bench/rss_probe.py 1024 --store-only POOL      # store side: N pre-coded articles into an empty store
    python bench/rss_probe.py 48976 --store-only POOL --build DB   # fill DB (not measured, large batches)
    python bench/rss_probe.py 1024 --store-only POOL --into DB     # store side: N more into a copy of DB
    python bench/rss_probe.py 1024 --sequence                      # end to end: N sequence articles, empty store
    python bench/rss_probe.py 1024 --sequence --into DB            # end to end: N more into a copy of DB

Each prints one JSON line with `peak_rss_mb` (ru_maxrss of the process) and `baseline_rss_mb` (RSS before
the first article: interpreter, imports, models or the pool).

The store side (`--store-only`) does not load spaCy: it writes `bench/rss_growth.synthetic` articles (the
pool's coded articles under new ids, texts marked, all dates shifted by a seeded -182..+182 days, so dedup
keys recur and each key's mentions per day grow with the store) through the same `BatchWriter` as `ingest`,
`Settings.batch_size` (64) per transaction, with `Settings.store_memory_limit`. `--into DB` copies DB and
continues the same sequence after the articles it holds, so "1,024 into a 48,976-article store" is exactly
the last 1,024 articles of a 50,000-article run, measured in a fresh process. `--build` writes the first N
with 4,096 per transaction and clusters them once at the end (`dedup.update_clusters` over every key)
instead of after every batch: the same rows and clusters (clustering does not depend on batch boundaries,
tests/store/test_window.py), in linear instead of quadratic time. It reports no memory figure.

`--sequence` is the whole job on the same sequence: `ingest` (clean, parse, code, enrich, store) of the
articles the store side writes, as raw input: article i of the sequence is the pool's source article
i mod 512 (`bench/corpus.py`, seed 11, the articles `--make-pool` codes) under the id `<id>~i`, its text
marked ` [i]` and its published date shifted by the same seeded -182..+182 days as `rss_growth.synthetic`
(which shifts the coded event dates instead; here the pipeline resolves them from the shifted date).
With `--into DB` (a store filled by `--store-only --build`), the run continues the sequence after the
articles DB holds: `1024 --sequence --into` a 48,976-article store is the last 1,024 articles of a
50,000-article run, end to end, against `1024 --sequence`, the first 1,024 into an empty store. Both
runs parse the same 512 texts twice each; only ids, markers and date shifts differ.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import pickle
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate, write_corpus  # noqa: E402
from rss_growth import make_pool, status_mb, synthetic  # noqa: E402

from flashpoint.pipeline import Pipeline  # noqa: E402
from flashpoint.settings import Settings  # noqa: E402
from flashpoint.store.db import Store  # noqa: E402
from flashpoint.store.ingest import BatchWriter, IngestSummary, ingest  # noqa: E402

#: the pool's size (`--make-pool 512`): the sequence cycles through this many source articles.
POOL_ARTICLES = 512


class RetryCount(logging.Handler):
    """Counts the batches ingest's writer had to write again with a higher DuckDB memory limit."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "writing it again" in record.getMessage():
            self.count += 1


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def end_to_end(n: int, settings: Settings) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        src = write_corpus(Path(tmp) / "corpus.jsonl", n, seed=11)
        pipe = Pipeline(settings)
        base = status_mb("VmRSS")
        t = time.perf_counter()
        summary, counts = ingest([src], settings, Path(tmp) / "rss.duckdb", pipeline=pipe)
        seconds = time.perf_counter() - t
    return {"mode": "end_to_end", "articles": n, "sentences": summary.run.sentences, "events": counts["events"],
            "baseline_rss_mb": base, "peak_rss_mb": peak_mb(), "seconds": round(seconds, 1)}


def sequence_records(start: int, n: int, seed: int = 5) -> Iterator[dict[str, str]]:
    """Raw input records start..start+n-1 of the sequence (see the module doc), as `bench/corpus.py` writes
    them; the same ids, texts and date shifts as `rss_growth.synthetic` over a pool made by `--make-pool 512`."""
    from datetime import date, timedelta

    base = list(generate(POOL_ARTICLES, seed=11))
    rng = random.Random(seed)
    for i in range(start + n):
        delta = timedelta(days=rng.randrange(-182, 183))  # drawn for every i, as synthetic() does
        if i < start:
            continue
        rec = base[i % len(base)]
        yield {**rec, "id": f"{rec['id']}~{i}", "text": f"{rec['text']} [{i}]",
               "published": (date.fromisoformat(rec["published"]) + delta).isoformat()}


def end_to_end_sequence(n: int, db: Path, settings: Settings) -> dict[str, Any]:
    """`ingest` of sequence articles S..S+n-1 into `db` (S: the articles it holds), with the full pipeline."""
    with Store(db, memory_limit=settings.store_memory_limit) as store:
        start = store.counts()["articles"]
    src = db.with_name("sequence.jsonl")
    with src.open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(rec, ensure_ascii=False) + "\n" for rec in sequence_records(start, n))
    pipe = Pipeline(settings)
    base = status_mb("VmRSS")
    t = time.perf_counter()
    summary, counts = ingest([src], settings, db, pipeline=pipe)
    return {"mode": "end_to_end_sequence", "store_before": start, "articles": n, "store_after": counts["articles"],
            "sentences": summary.run.sentences, "new_events": summary.new_events, "events_after": counts["events"],
            "baseline_rss_mb": base, "peak_rss_mb": peak_mb(), "seconds": round(time.perf_counter() - t, 1)}


def parse_side(n: int, settings: Settings) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        src = write_corpus(Path(tmp) / "corpus.jsonl", n, seed=11)
        pipe = Pipeline(settings)
        base = status_mb("VmRSS")
        t = time.perf_counter()
        events = sum(len(getattr(r, "events", ())) for r in pipe.run([src]))
        seconds = time.perf_counter() - t
    return {"mode": "parse_side", "articles": n, "events": events, "baseline_rss_mb": base,
            "peak_rss_mb": peak_mb(), "seconds": round(seconds, 1)}


def write_synthetic(pool_file: Path, db: Path, n: int, batch: int, settings: Settings) -> dict[str, Any]:
    """Write synthetic articles S..S+n (S: articles already in `db`) through ingest's BatchWriter."""
    pool = pickle.loads(pool_file.read_bytes())
    with Store(db, memory_limit=settings.store_memory_limit) as store:  # create or open it first, as ingest
        start = store.counts()["articles"]  # does: the baseline includes DuckDB itself (~40 MB) at any size
    base = status_mb("VmRSS")
    t = time.perf_counter()
    writer = BatchWriter(db, IngestSummary(), 30.0, None, settings.store_memory_limit)
    for item in itertools.islice(synthetic(pool, start + n), start, None):
        writer.add(item)
        if len(writer) >= batch:
            writer.flush()
    writer.flush()
    with Store(db, memory_limit=settings.store_memory_limit) as store:
        counts = store.counts()
    return {"mode": "store_side", "store_before": start, "articles": n, "store_after": counts["articles"],
            "events_after": counts["events"], "batch": batch, "baseline_rss_mb": base, "peak_rss_mb": peak_mb(),
            "seconds": round(time.perf_counter() - t, 1)}


def build(pool_file: Path, db: Path, n: int, settings: Settings) -> dict[str, Any]:
    """Fill `db` with the first `n` synthetic articles, clustered once at the end (see the module doc).
    Not measured, so without DuckDB's memory cap (4,096-article transactions need more than 128MB)."""
    import flashpoint.store.db as store_db
    from flashpoint.store.dedup import update_clusters

    refresh = store_db.refresh_clusters
    store_db.refresh_clusters = lambda con, keys: None  # type: ignore[assignment,return-value]
    settings = settings.replace(store_memory_limit=None)
    try:
        out = write_synthetic(pool_file, db, n, 4096, settings)
    finally:
        store_db.refresh_clusters = refresh
    t = time.perf_counter()
    with Store(db, memory_limit=settings.store_memory_limit) as store:
        store.con.execute("BEGIN TRANSACTION")
        keys = [r[0] for r in store.con.execute("SELECT DISTINCT dedup_key FROM events").fetchall()]
        clusters = update_clusters(store.con, keys)
        store.con.execute("COMMIT")
    return {"mode": "build", "articles": out["store_after"], "events": out["events_after"], "clusters": clusters,
            "write_s": out["seconds"], "cluster_s": round(time.perf_counter() - t, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=0)
    ap.add_argument("--no-store", action="store_true", help="the pipeline alone (parse side)")
    ap.add_argument("--make-pool", nargs=2, metavar=("N", "FILE"), help="code N articles and pickle them to FILE")
    ap.add_argument("--store-only", type=Path, metavar="POOL", help="write pre-coded articles from this pool")
    ap.add_argument("--sequence", action="store_true", help="end to end over the store side's article sequence")
    ap.add_argument("--into", type=Path, metavar="DB", help="with --store-only or --sequence: write into a copy of DB")
    ap.add_argument("--build", type=Path, metavar="DB", help="with --store-only: fill DB, 4,096 per batch")
    args = ap.parse_args()
    settings = Settings()
    retries = RetryCount()
    logging.getLogger("flashpoint.store.ingest").addHandler(retries)
    logging.getLogger("flashpoint.store.ingest").setLevel(logging.INFO)
    if args.make_pool:
        make_pool(int(args.make_pool[0]), Path(args.make_pool[1]))
        return
    if args.store_only and args.build:
        out = build(args.store_only, args.build, args.n, settings)
    elif args.store_only:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "rss.duckdb"
            if args.into:
                shutil.copyfile(args.into, db)
            out = write_synthetic(args.store_only, db, args.n, settings.batch_size, settings)
    elif args.sequence:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "rss.duckdb"
            if args.into:
                shutil.copyfile(args.into, db)
            out = end_to_end_sequence(args.n, db, settings)
    elif args.no_store:
        out = parse_side(args.n, settings)
    else:
        out = end_to_end(args.n, settings)
    if out.get("mode") != "build":
        out["retried_batches"] = retries.count  # batches written again with a higher memory limit
    print(json.dumps(out))


if __name__ == "__main__":
    main()
