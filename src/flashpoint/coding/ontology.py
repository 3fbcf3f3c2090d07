"""CAMEO codes (name, Goldstein, quad class) and the CAMEO -> PLOVER crosswalk, loaded from package data."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from flashpoint.errors import LexiconError
from flashpoint.models import PLOVER_TYPES


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int


@dataclass(frozen=True)
class PloverMapping:
    type: str
    mode: str | None
    context: tuple[str, ...]


#: The default CAMEO code used when only a PLOVER type is known (e.g. chosen by the type model).
DEFAULT_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "051", "CONCEDE": "080", "COOPERATE": "060", "AID": "070",
    "RETREAT": "084", "REQUEST": "100", "ACCUSE": "112", "REJECT": "120", "THREATEN": "130", "PROTEST": "140",
    "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170", "ASSAULT": "190",
}

#: CAMEO 02 (APPEAL) has no entry in the 2021 crosswalk; PLOVER folds appeals into REQUEST.
_APPEAL = PloverMapping("REQUEST", None, ())


def _data_text(name: str) -> str:
    return resources.files("flashpoint.data.ontology").joinpath(name).read_text(encoding="utf-8")


@cache
def cameo_table() -> dict[str, CameoCode]:
    out: dict[str, CameoCode] = {}
    rows = csv.DictReader(_data_text("cameo_eventcodes.tsv").splitlines(), delimiter="\t")
    for n, row in enumerate(rows, 2):
        try:
            out[row["code"]] = CameoCode(row["code"], row["root"], row["name"], float(row["goldstein"]),
                                         int(row["quadclass"]))
        except (KeyError, ValueError) as exc:
            raise LexiconError(f"cameo_eventcodes.tsv line {n}: {exc}") from exc
    return out


_XWALK_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?")


@cache
def crosswalk() -> dict[str, PloverMapping]:
    out: dict[str, PloverMapping] = {}
    for line in _data_text("CAMEO2PLOVER-2021.txt").splitlines():
        m = _XWALK_LINE.match(line.strip())
        if not m:
            continue
        code, ptype, mode, ctx = m.groups()
        if ptype not in PLOVER_TYPES:
            continue
        mode_s = (mode or "").strip() or None
        contexts = tuple(c.strip() for c in (ctx or "").split(";") if c.strip())
        out.setdefault(code, PloverMapping(ptype, mode_s, contexts))
    out.update(plover_overrides())
    return out


@cache
def plover_overrides() -> dict[str, PloverMapping]:
    """Flashpoint's own departures from the crosswalk (`plover_overrides.tsv`, each row with its reason)."""
    out: dict[str, PloverMapping] = {}
    for n, line in enumerate(_data_text("plover_overrides.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 5 or parts[1] not in PLOVER_TYPES or not parts[4].strip():
            raise LexiconError(f"plover_overrides.tsv line {n}: want code, PLOVER type, mode, context, reason")
        code, ptype, mode, ctx, _reason = parts
        out[code] = PloverMapping(ptype, mode or None, tuple(c for c in ctx.split(";") if c))
    return out


def plover_for(code: str) -> PloverMapping | None:
    """PLOVER type/mode/context for a CAMEO code, falling back to its parents."""
    xw = crosswalk()
    for k in (code, code[:3], code[:2]):
        if k in xw:
            m = xw[k]
            if k != code and len(code) > 3 and code[:3] in xw:
                return xw[code[:3]]
            return m
    if code.startswith("02"):
        return _APPEAL
    return None


def cameo_info(code: str) -> CameoCode:
    table = cameo_table()
    for k in (code, code[:3], code[:2]):
        if k in table:
            c = table[k]
            return CameoCode(code, c.root, c.name, c.goldstein, c.quad_class)
    raise LexiconError(f"unknown CAMEO code {code!r}")


def is_known_code(code: str) -> bool:
    return code in cameo_table()
