"""Synthetic events written straight into a DuckDB store, for tests where the right answer is known."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from flashpoint.coding.ontology import cameo_table
from flashpoint.store.db import Store

#: Default CAMEO code and quad class per PLOVER type for synthetic rows.
TYPE_CAMEO = {"AGREE": "030", "CONSULT": "040", "ASSAULT": "190", "THREATEN": "130", "MOBILIZE": "153",
              "ACCUSE": "112", "SANCTION": "160", "COERCE": "170", "REQUEST": "020"}


@dataclass
class Ev:
    source: str
    target: str
    day: date
    plover_type: str
    modality: str = "asserted"
    cameo: str | None = None
    confidence: float = 1.0
    sentence: str | None = None
    lat: float | None = None
    lon: float | None = None
    article_title: str | None = None
    source_text: str | None = None
    target_text: str | None = None
    trigger: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def week(n: int, start: date = date(2024, 1, 1)) -> date:
    """Monday of week n after 2024-01-01 (a Monday)."""
    return start + timedelta(days=7 * n)


def insert(db: Path, events: Iterable[Ev]) -> list[str]:
    """Write synthetic events (one article each); returns their event ids in order."""
    ids = []
    now = datetime(2024, 6, 1, tzinfo=UTC)
    with Store(db) as store:
        con = store.con
        n0 = int(con.execute("SELECT count(*) FROM events").fetchone()[0])  # type: ignore[index]
        for i, e in enumerate(events, n0):
            cameo = e.cameo or TYPE_CAMEO.get(e.plover_type, "010")
            info = cameo_table().get(cameo)
            quad = info.quad_class if info else 1
            gold = info.goldstein if info else 0.0
            sentence = e.sentence or f"{e.source} {e.plover_type.lower()} {e.target}."
            eid, aid = f"syn{i:06d}", f"synart{i:06d}"
            src, tgt = e.source_text or e.source, e.target_text or e.target
            trig = e.trigger or e.plover_type.lower()
            s_start, t_start, g_start = sentence.find(src), sentence.rfind(tgt), sentence.find(trig)
            con.execute("INSERT INTO articles (article_id, origin, title, published, source, language, text, "
                        "coded, ingested_at) VALUES (?, 'synthetic', ?, ?, 'Synthetic Wire', 'en', ?, true, ?)",
                        [aid, e.article_title or f"Synthetic {i}", e.day.isoformat(), sentence, now])
            con.execute(
                "INSERT INTO events (event_id, article_id, sentence_index, sentence, source_text, source_code, "
                "source_country, source_start, source_end, target_text, target_code, target_country, target_start, "
                "target_end, cameo, cameo_root, goldstein, quad_class, plover_type, modality, event_date, "
                "confidence, trigger_text, trigger_start, trigger_end, rule, evidence, lat, lon, location_name, "
                "location_country, ingested_at) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?, ?, ?, 'synthetic', ['synthetic row'], ?, ?, ?, ?, ?)",
                [eid, aid, sentence, src, e.source, e.source, *_span(s_start, src), tgt, e.target, e.target,
                 *_span(t_start, tgt), cameo, cameo[:2], gold, quad, e.plover_type, e.modality, e.day,
                 e.confidence, trig, *_span(g_start, trig), e.lat, e.lon, "Somewhere" if e.lat is not None else None,
                 e.source if e.lat is not None else None, now])
            ids.append(eid)
    return ids


def _span(start: int, text: str) -> tuple[int | None, int | None]:
    return (start, start + len(text)) if start >= 0 else (None, None)
