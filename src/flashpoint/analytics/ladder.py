"""The escalation ladder: how much one coded event pushes a dyad toward (or away from) conflict.

An event's weight is `rung weight x modality factor x confidence x corroboration x dedup`:

* the **rung** comes from its PLOVER type and CAMEO code (for THREATEN, from what is threatened);
* the **modality factor** discounts what did not (yet) happen: a threat is not an attack, a
  hypothetical is less than a threat, a negated event did not happen;
* **confidence** is the coder's confidence (0..1);
* **corroboration** rewards events reported by several independent sources;
* **dedup** (1 / mentions of the event's cluster, when clusters exist) counts each real-world event once.

The same definition exists twice on purpose: `event_weight` (Python, used by unit tests and small
timelines) and `weight_sql` (a SQL expression generated from the same tables, used for server-side
aggregation over millions of rows). A test asserts that both agree on every type x modality pair.
See docs/escalation.md for the rationale.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Rung(IntEnum):
    """Ordered rungs; the values are ranks, the weights are in RUNG_WEIGHTS."""

    DEESCALATION = 0
    STATUS_QUO = 1
    POSTURING = 2
    MOBILISATION = 3
    NONVIOLENT = 4
    VIOLENT = 5
    MASS_VIOLENCE = 6


#: After Rivera et al. (2024): de-escalation -2, status quo 0, posturing 4, non-violent escalation 12,
#: violent escalation 28, nuclear/mass violence 60; plus a mobilisation rung (8) between posturing and
#: material non-violent escalation, because a mobilisation changes capabilities without harm yet.
RUNG_WEIGHTS: dict[Rung, float] = {
    Rung.DEESCALATION: -2.0, Rung.STATUS_QUO: 0.0, Rung.POSTURING: 4.0, Rung.MOBILISATION: 8.0,
    Rung.NONVIOLENT: 12.0, Rung.VIOLENT: 28.0, Rung.MASS_VIOLENCE: 60.0,
}

TYPE_RUNGS: dict[str, Rung] = {
    "AGREE": Rung.DEESCALATION, "CONSULT": Rung.DEESCALATION, "SUPPORT": Rung.DEESCALATION,
    "CONCEDE": Rung.DEESCALATION, "COOPERATE": Rung.DEESCALATION, "AID": Rung.DEESCALATION,
    "RETREAT": Rung.DEESCALATION, "REQUEST": Rung.STATUS_QUO, "ACCUSE": Rung.POSTURING,
    "REJECT": Rung.POSTURING, "PROTEST": Rung.POSTURING, "MOBILIZE": Rung.MOBILISATION,
    "SANCTION": Rung.NONVIOLENT, "COERCE": Rung.NONVIOLENT, "ASSAULT": Rung.VIOLENT,
    "THREATEN": Rung.NONVIOLENT,  # content of an unspecified threat; refined by THREAT_CONTENT
}

#: CAMEO prefixes that move an event to another rung (longest prefix wins).
CAMEO_RUNGS: dict[str, Rung] = {
    "138": Rung.VIOLENT, "1385": Rung.MASS_VIOLENCE,  # threaten with military force / with WMD
    "20": Rung.MASS_VIOLENCE,  # engage in unconventional mass violence (incl. 204 use WMD)
}

#: PLOVER modes that move an event to another rung.
MODE_RUNGS: dict[str, Rung] = {"wmd": Rung.MASS_VIOLENCE, "nuclear": Rung.MASS_VIOLENCE,
                               "violence": Rung.VIOLENT}

#: How much of the rung weight a modality carries.
MODALITY_FACTORS: dict[str, float] = {
    "asserted": 1.0, "reported": 0.8, "planned": 0.5, "threatened": 0.35, "hypothetical": 0.15,
    "negated": 0.0,
}
#: A THREATEN event is weighted by what it threatens, discounted like a threat.
THREAT_FACTOR = 0.35
UNKNOWN_MODALITY_FACTOR = 0.5

#: Modalities under which an event counts as having happened (for "first material conflict" alerts).
FACTUAL_MODALITIES = ("asserted", "reported")


@dataclass(frozen=True)
class LadderEvent:
    """The fields of an event the ladder needs."""

    plover_type: str
    cameo: str = ""
    plover_mode: str | None = None
    modality: str = "asserted"
    confidence: float = 1.0
    num_sources: int = 1
    num_mentions: int = 1


def rung_of(plover_type: str, cameo: str = "", plover_mode: str | None = None) -> Rung:
    """The rung of an event: the rung of what happened, or of what was threatened."""
    rung = TYPE_RUNGS.get(plover_type, Rung.STATUS_QUO)
    for prefix in sorted(CAMEO_RUNGS, key=len, reverse=True):
        if cameo.startswith(prefix):
            rung = CAMEO_RUNGS[prefix]
            break
    if plover_mode and plover_mode in MODE_RUNGS:
        rung = max(rung, MODE_RUNGS[plover_mode])
    return rung


def modality_factor(plover_type: str, modality: str) -> float:
    factor = MODALITY_FACTORS.get(modality, UNKNOWN_MODALITY_FACTOR)
    if plover_type == "THREATEN":
        factor = min(factor, THREAT_FACTOR)
    return factor


def corroboration_factor(num_sources: int) -> float:
    """0.5 for a single source, 0.75 for two, 1.0 for three or more independent sources."""
    n = max(1, int(num_sources))
    return 0.5 + 0.25 * min(n - 1, 2)


def event_weight(e: LadderEvent) -> float:
    """Escalation weight of one event mention (negative = de-escalating)."""
    base = RUNG_WEIGHTS[rung_of(e.plover_type, e.cameo, e.plover_mode)]
    conf = min(max(e.confidence, 0.0), 1.0)
    dedup = 1.0 / max(1, e.num_mentions)
    return base * modality_factor(e.plover_type, e.modality) * conf * corroboration_factor(e.num_sources) * dedup


def _case(expr: str, mapping: dict[str, float], default: float) -> str:
    """A SQL CASE over a whitelisted mapping (keys and values are ours, never user input)."""
    whens = " ".join(f"WHEN '{k}' THEN {float(v)!r}" for k, v in sorted(mapping.items()))
    return f"(CASE {expr} {whens} ELSE {float(default)!r} END)"


def rung_sql(type_col: str, cameo_col: str, mode_col: str) -> str:
    """SQL expression for the rung rank (same rules as `rung_of`)."""
    type_case = _case(type_col, {k: int(v) for k, v in TYPE_RUNGS.items()}, int(Rung.STATUS_QUO))
    cameo_whens = " ".join(f"WHEN starts_with(coalesce({cameo_col}, ''), '{p}') THEN {int(CAMEO_RUNGS[p])}"
                           for p in sorted(CAMEO_RUNGS, key=len, reverse=True))
    by_code = f"(CASE {cameo_whens} ELSE CAST({type_case} AS INTEGER) END)"
    mode_case = _case(f"coalesce({mode_col}, '')", {k: int(v) for k, v in MODE_RUNGS.items()}, -1)
    return f"CAST(greatest({by_code}, {mode_case}) AS INTEGER)"


def weight_sql(type_col: str, cameo_col: str, mode_col: str, modality_col: str, confidence_col: str,
               sources_expr: str = "1", mentions_expr: str = "1") -> str:
    """SQL expression for `event_weight` (column names are ours, never user input)."""
    rung = rung_sql(type_col, cameo_col, mode_col)
    weights = " ".join(f"WHEN {int(r)} THEN {w!r}" for r, w in RUNG_WEIGHTS.items())
    base = f"(CASE {rung} {weights} ELSE 0.0 END)"
    mod = _case(modality_col, MODALITY_FACTORS, UNKNOWN_MODALITY_FACTOR)
    mod = f"(CASE WHEN {type_col} = 'THREATEN' THEN least({mod}, {THREAT_FACTOR!r}) ELSE {mod} END)"
    conf = f"least(greatest(coalesce({confidence_col}, 0.0), 0.0), 1.0)"
    corr = f"(0.5 + 0.25 * least(greatest(coalesce({sources_expr}, 1), 1) - 1, 2))"
    dedup = f"(1.0 / greatest(coalesce({mentions_expr}, 1), 1))"
    return f"({base} * {mod} * {conf} * {corr} * {dedup})"
