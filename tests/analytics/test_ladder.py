"""The escalation ladder: rungs, modality discounts, and SQL == Python."""

from __future__ import annotations

import itertools

import duckdb
import pytest

from flashpoint.analytics.ladder import (
    MODALITY_FACTORS,
    LadderEvent,
    Rung,
    corroboration_factor,
    event_weight,
    rung_of,
    weight_sql,
)
from flashpoint.models import MODALITIES, PLOVER_TYPES


@pytest.mark.parametrize(("ptype", "cameo", "mode", "rung"), [
    ("AGREE", "030", None, Rung.DEESCALATION),
    ("REQUEST", "020", None, Rung.STATUS_QUO),
    ("ACCUSE", "112", None, Rung.POSTURING),
    ("MOBILIZE", "153", None, Rung.MOBILISATION),
    ("SANCTION", "160", None, Rung.NONVIOLENT),
    ("THREATEN", "130", None, Rung.NONVIOLENT),
    ("THREATEN", "1384", None, Rung.VIOLENT),
    ("THREATEN", "1385", None, Rung.MASS_VIOLENCE),
    ("ASSAULT", "190", None, Rung.VIOLENT),
    ("ASSAULT", "204", None, Rung.MASS_VIOLENCE),
    ("ASSAULT", "190", "wmd", Rung.MASS_VIOLENCE),
])
def test_rungs(ptype: str, cameo: str, mode: str | None, rung: Rung) -> None:
    assert rung_of(ptype, cameo, mode) == rung


def test_a_threat_is_not_an_attack_and_a_hypothetical_is_less_than_a_threat() -> None:
    w = {m: event_weight(LadderEvent("ASSAULT", "190", modality=m)) for m in MODALITIES}
    assert w["asserted"] == 28 * 0.5  # single source
    assert w["asserted"] > w["reported"] > w["planned"] > w["threatened"] > w["hypothetical"] > w["negated"] == 0


def test_threatening_an_attack_weighs_like_an_attack_that_is_threatened() -> None:
    threat = event_weight(LadderEvent("THREATEN", "1384"))
    threatened_attack = event_weight(LadderEvent("ASSAULT", "190", modality="threatened"))
    assert threat == pytest.approx(threatened_attack) == pytest.approx(28 * 0.35 * 0.5)
    # a threat reported as hypothetical is discounted further, never doubly by 'threatened'
    assert event_weight(LadderEvent("THREATEN", "1384", modality="hypothetical")) < threat
    assert event_weight(LadderEvent("THREATEN", "1384", modality="threatened")) == pytest.approx(threat)


def test_confidence_corroboration_and_dedup_scale_the_weight() -> None:
    base = event_weight(LadderEvent("SANCTION", "160"))
    assert event_weight(LadderEvent("SANCTION", "160", confidence=0.5)) == pytest.approx(base / 2)
    assert event_weight(LadderEvent("SANCTION", "160", num_sources=3)) == pytest.approx(base * 2)
    assert event_weight(LadderEvent("SANCTION", "160", num_mentions=4)) == pytest.approx(base / 4)
    assert [corroboration_factor(n) for n in (0, 1, 2, 3, 10)] == [0.5, 0.5, 0.75, 1.0, 1.0]


def test_deescalation_is_negative() -> None:
    assert event_weight(LadderEvent("AGREE", "030")) == -1.0


def test_sql_weight_equals_python_weight_for_every_type_and_modality() -> None:
    cameos = ["010", "130", "1384", "1385", "153", "190", "204"]
    combos = list(itertools.product(PLOVER_TYPES, cameos, [None, "wmd"], [*MODALITIES, "odd"]))
    con = duckdb.connect()
    con.execute("CREATE TABLE t (plover_type VARCHAR, cameo VARCHAR, plover_mode VARCHAR, modality VARCHAR, "
                "confidence DOUBLE, ns INTEGER, nm INTEGER)")
    rows = [(p, c, m, mod, 0.8, 1 + i % 4, 1 + i % 3) for i, (p, c, m, mod) in enumerate(combos)]
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    expr = weight_sql("plover_type", "cameo", "plover_mode", "modality", "confidence", "ns", "nm")
    got = con.execute(f"SELECT {expr} FROM t").fetchall()
    for row, (w,) in zip(rows, got, strict=True):
        want = event_weight(LadderEvent(row[0], row[1], row[2], row[3], row[4], row[5], row[6]))
        assert w == pytest.approx(want), row
    assert set(MODALITY_FACTORS) == set(MODALITIES)
