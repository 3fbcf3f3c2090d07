"""Tone: lexicon-based sentiment (VADER) per sentence/mention and per article.

Values are VADER compound scores in [-1, 1] (negative = hostile/bad news). An article's tone is the
mean of its sentences' scores (VADER saturates on long texts, so we do not score the whole text at
once). The GDELT export multiplies by 10 to land in GDELT's usual AvgTone range (docs/exports.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


class ToneScorer:
    """Loads the VADER lexicon once per process; scores texts."""

    def __init__(self) -> None:
        self.analyzer = _analyzer()

    def __call__(self, text: str) -> float:
        if not text.strip():
            return 0.0
        return round(float(self.analyzer.polarity_scores(text)["compound"]), 4)

    def mean(self, texts: Iterable[str]) -> float | None:
        scores = [self(t) for t in texts if t.strip()]
        return round(sum(scores) / len(scores), 4) if scores else None
