"""Readers for the gold formats: plv, PLOVER GSR, Multi-CoPED, CAMEO codebook examples."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from flashpoint.coding.typemodel import norm_label
from flashpoint.errors import FlashpointError


@dataclass(frozen=True)
class GoldActor:
    text: str
    code: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class GoldRow:
    id: str
    text: str
    event: str | None = None  # PLOVER type, current names with YIELD for CONCEDE/RETREAT
    sources: tuple[GoldActor, ...] = ()
    targets: tuple[GoldActor, ...] = ()
    cameo: str | None = None
    penta: int | None = None
    reciprocal: bool = False
    extra: dict[str, object] = field(default_factory=dict)


_DETOK = [(re.compile(r"(?<=\w) - (?=\w)"), "-"),          # "Japanese - drafted" -> "Japanese-drafted"
          (re.compile(r"(?<=\w) '(?=s\b)"), "'"),          # "Catalonia 's" -> "Catalonia's"
          (re.compile(r"(?<=\b\w) \. (?=\w\b)"), "."),     # "U . K" -> "U.K"
          (re.compile(r"(?<=\d) , (?=\d)"), ","),          # "1 , 500" -> "1,500"
          (re.compile(r"\( "), "("), (re.compile(r" \)"), ")")]


def detokenize(text: str) -> str:
    """Some gold files give actor spans as space-separated tokens ("the U . K", "Catalonia 's"): the span as
    it stands in the sentence."""
    for pattern, repl in _DETOK:
        text = pattern.sub(repl, text)
    return text

def _actors(value: object) -> tuple[GoldActor, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (GoldActor(detokenize(value)),) if value.strip() else ()
    if isinstance(value, list):
        out: list[GoldActor] = []
        for v in value:
            if isinstance(v, dict):
                out.append(GoldActor(detokenize(str(v.get("text", ""))), v.get("code"), v.get("sector")))
            elif isinstance(v, str) and v.strip():
                out.append(GoldActor(detokenize(v)))
        return tuple(out)
    return ()


def parse_row(r: dict[str, object], n: int) -> GoldRow | None:
    rid = str(r.get("id") or r.get("cameo_code") or n)
    if "example" in r and "cameo_code" in r:
        ex = r.get("example")
        if not ex:
            return None
        from flashpoint.coding.ontology import plover_for

        m = plover_for(str(r["cameo_code"]))
        return GoldRow(rid, str(ex), norm_label(m.type) if m else None, cameo=str(r["cameo_code"]))
    text = str(r.get("text") or "")
    if not text:
        return None
    if "penta_class" in r:
        recip = _actors(r.get("reciprocal_spans"))
        return GoldRow(rid, text, None, _actors(r.get("source_spans")) + recip,
                       _actors(r.get("target_spans")) + recip,
                       penta=r.get("penta_class") if isinstance(r.get("penta_class"), int) else None)
    ev = r.get("event")
    return GoldRow(rid, text, norm_label(str(ev)) if ev else None, _actors(r.get("source")),
                   _actors(r.get("target")), reciprocal=bool(r.get("reciprocal")))


def read_gold(path: Path) -> list[GoldRow]:
    rows: list[GoldRow] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise FlashpointError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FlashpointError(f"{path}:{n}: invalid JSON ({exc.msg})") from exc
        row = parse_row(r, n)
        if row is not None:
            rows.append(row)
    return rows
