"""A test database: the bundled sample corpus plus synthetic rows (escalation history, hostile text, places)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from flashpoint.demo import samples_dir
from flashpoint.settings import Settings
from flashpoint.store.ingest import ingest
from tests.analytics.synthetic import Ev, insert

XSS_SENTENCE = 'Mallory <script>window.__xss=1</script> attacked <img src=x onerror="window.__xss=2"> Bob.'
XSS_TITLE = '<script>window.__xss=3</script><img src=x onerror="window.__xss=4">'
HEADLINE = "Northland troops shelled border posts in Southia on Monday, officials said."
HOSTILE = "'; DROP TABLE events; --"


def build_db(path: Path, settings: Settings, pipeline: Any) -> dict[str, Any]:
    """Ingest the sample corpus, then add synthetic rows; returns the ids tests need."""
    ingest([samples_dir()], settings, path, pipeline=pipeline)
    start = date(2026, 9, 7)
    evs = [Ev("NTH", "STH", start + timedelta(days=7 * i), "CONSULT", lat=32.0, lon=35.0) for i in range(8)]
    evs += [Ev("NTH", "STH", start + timedelta(days=56), "ASSAULT", lat=35.7, lon=51.4) for _ in range(2)]
    evs += [Ev("NTH", "STH", start + timedelta(days=56), "ASSAULT", lat=35.7, lon=51.4, sentence=HEADLINE,
               source_text="Northland troops", target_text="Southia", trigger="shelled", confidence=0.95)]
    evs += [Ev("STH", "NTH", start + timedelta(days=57), "THREATEN", cameo="1385", lat=35.7, lon=51.4)]
    evs += [Ev("STH", "NTH", start + timedelta(days=57), "ASSAULT", modality="threatened")]
    xss = Ev("MAL", "BOB", start + timedelta(days=58), "ASSAULT", sentence=XSS_SENTENCE, article_title=XSS_TITLE,
             lat=-33.9, lon=18.4)
    ids = insert(path, [*evs, xss])
    return {"escalation_ids": ids[8:13], "headline_id": ids[10], "xss_id": ids[-1]}
