"""Enrichment stage: fill event dates, places and tone on the events of one article.

Called by the pipeline once per coded article, after coding. Issue "When, where, how many sources"
owns this module; until then events keep their dates/places empty.
"""

from __future__ import annotations

from flashpoint.models import CleanArticle, Event, ParsedSentence
from flashpoint.settings import Settings


class Enricher:
    """Stage: (CleanArticle, sentences, events) -> events with event_date/location filled."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, article: CleanArticle, sentences: tuple[ParsedSentence, ...],
                 events: list[Event]) -> list[Event]:
        return events
