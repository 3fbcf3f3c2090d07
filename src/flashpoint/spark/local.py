"""Local multi-process coding: the Spark job's partition model on one machine's cores.

`code_parallel(items, settings)` splits the article stream into chunks, codes each chunk in one of
`settings.workers` processes (each holding one Pipeline: spaCy model and lexicons loaded once per
process, never per item) and yields the results in input order. Everything -- cleaning, parsing, coding
-- runs in the workers; the calling process only reads and writes, so the speed-up is close to the number
of cores (see bench/). Results are plain picklable records (ArticleResult / Quarantined).
"""

from __future__ import annotations

import logging
import multiprocessing as mp
from collections.abc import Iterable, Iterator
from itertools import islice

from flashpoint.models import Article, Quarantined
from flashpoint.pipeline import ArticleResult
from flashpoint.settings import Settings
from flashpoint.spark.coding import pipeline_for

log = logging.getLogger(__name__)

Result = ArticleResult | Quarantined


def _code_chunk(args: tuple[list[Article | Quarantined], Settings]) -> list[Result]:
    chunk, settings = args
    return list(pipeline_for(settings).process(chunk))


def _chunks(items: Iterable[Article | Quarantined], size: int, settings: Settings
            ) -> Iterator[tuple[list[Article | Quarantined], Settings]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk, settings


def code_parallel(items: Iterable[Article | Quarantined], settings: Settings,
                  chunk_size: int | None = None) -> Iterator[Result]:
    """Code items with settings.workers processes (1 = in this process); results in input order."""
    one = settings.replace(workers=1)
    if settings.workers == 1:
        yield from pipeline_for(one).process(items)
        return
    size = chunk_size or one.batch_size
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(settings.workers) as pool:
        for results in pool.imap(_code_chunk, _chunks(items, size, one), chunksize=1):
            yield from results
