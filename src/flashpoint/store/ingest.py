"""Ingest: run the pipeline over inputs and write each batch to the store in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from flashpoint.models import Quarantined
from flashpoint.pipeline import ArticleResult, Pipeline, RunSummary
from flashpoint.settings import Settings
from flashpoint.store.db import Store


@dataclass
class IngestSummary:
    run: RunSummary = field(default_factory=RunSummary)
    new_articles: int = 0
    new_events: int = 0
    new_quarantined: int = 0


def ingest(inputs: Iterable[str | Path], settings: Settings, db: Path,
           on_quarantine: Callable[[Quarantined], None] | None = None,
           pipeline: Pipeline | None = None) -> tuple[IngestSummary, dict[str, int]]:
    pipe = pipeline or Pipeline(settings)
    summary = IngestSummary()
    with Store(db) as store:
        results: list[ArticleResult] = []
        quarantined: list[Quarantined] = []

        def flush() -> None:
            a, e, q = store.write(results, quarantined)
            summary.new_articles += a
            summary.new_events += e
            summary.new_quarantined += q
            results.clear()
            quarantined.clear()

        for item in pipe.run(inputs):
            summary.run.add(item)
            if isinstance(item, Quarantined):
                quarantined.append(item)
                if on_quarantine:
                    on_quarantine(item)
            else:
                results.append(item)
            if len(results) + len(quarantined) >= settings.batch_size:
                flush()
        flush()
        counts = store.counts()
    return summary, counts
