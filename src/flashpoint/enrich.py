"""Enrichment stage: fill event dates, places and tone on the events of one article.

Called by the pipeline once per coded article, after coding. Dates come from flashpoint.time.dates,
places from flashpoint.geo.locate, tone from flashpoint.tone. Heavy resources (gazetteer, VADER
lexicon) load once per Enricher.
"""

from __future__ import annotations

import logging

from flashpoint.geo.locate import Locator
from flashpoint.models import CleanArticle, Event, ParsedSentence, evolve
from flashpoint.settings import Settings
from flashpoint.time.dates import DateResolver, parse_published
from flashpoint.tone import ToneScorer

log = logging.getLogger(__name__)


class Enricher:
    """Stage: (CleanArticle, sentences, events) -> events with event_date, location and tone filled."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.dates = DateResolver()
        self.locator = Locator()
        self.tone = ToneScorer()

    def __call__(self, article: CleanArticle, sentences: tuple[ParsedSentence, ...],
                 events: list[Event]) -> list[Event]:
        if not events:
            return events
        published = parse_published(article.published)
        by_index = {s.index: s for s in sentences}
        mentions = self.locator.mentions(sentences)
        ctx = self.locator.context(mentions, events)
        out = []
        tones: dict[int, float] = {}  # a sentence's tone is scored once, however many events it holds
        for e in events:
            sent = by_index.get(e.sentence_index)
            if sent is None:
                out.append(e)
                continue
            if sent.index not in tones:
                tones[sent.index] = self.tone(sent.text)
            when = self.dates.resolve(sent, e.trigger.start, e.modality, published)
            where, why = self.locator.locate(e, sent, mentions, ctx)
            evidence = e.evidence + tuple(x for x in (
                f"date: {when.source}" + (f" '{when.expression}'" if when.expression else ""),
                f"place: {why}" if why else "") if x)
            out.append(evolve(e, event_date=when.date, event_date_source=when.source,
                              location=where, tone=tones[sent.index], evidence=evidence))
        return out

    def pipe(self, items: list[tuple[CleanArticle, tuple[ParsedSentence, ...], list[Event]]],
             batch_size: int = 64) -> list[list[Event]]:
        return [self(a, s, e) for a, s, e in items]
