"""Escalation index and dyad time series on synthetic timelines with known answers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flashpoint.analytics.escalation import (
    IndexParams,
    dyad_index,
    period_events,
    period_range,
    score_series,
    top_movers,
)
from flashpoint.analytics.timeseries import dyad_timeseries
from flashpoint.coding.ontology import cameo_table
from flashpoint.store.db import Store
from flashpoint.store.queries import QueryError
from tests.analytics.synthetic import Ev, insert, week


def test_score_series_known_z() -> None:
    periods = [week(i) for i in range(5)]
    pts = score_series({p: v for p, v in zip(periods, [2, 4, 2, 4, 8], strict=True)}, {}, periods,
                       IndexParams(baseline=4, min_baseline=4))
    assert [p.z for p in pts[:4]] == [None, None, None, None]
    assert pts[4].baseline_mean == 3 and pts[4].baseline_std == 1
    assert pts[4].z == 5.0 and pts[4].change == 5.0


def test_flat_baseline_uses_the_std_floor_and_missing_periods_count_as_zero() -> None:
    periods = [week(i) for i in range(6)]
    pts = score_series({periods[5]: 7.0}, {periods[5]: 1}, periods, IndexParams(baseline=8, min_std=2.0))
    assert pts[5].baseline_mean == 0 and pts[5].z == 3.5 and pts[5].events == 1


def test_period_range() -> None:
    assert period_range(date(2024, 1, 31), date(2024, 3, 2), "month") == [
        date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]
    assert period_range(date(2024, 1, 3), date(2024, 1, 15), "week") == [
        date(2024, 1, 1), date(2024, 1, 8), date(2024, 1, 15)]
    with pytest.raises(QueryError):
        IndexParams(period="year")


@pytest.fixture()
def escalating(tmp_path: Path) -> Path:
    """A-B cooperate once a week for 8 weeks, then two attacks in week 8; C-D stay calm throughout."""
    db = tmp_path / "t.duckdb"
    evs = [Ev("AAA", "BBB", week(i), "AGREE") for i in range(8)]
    evs += [Ev("AAA", "BBB", week(8), "ASSAULT"), Ev("BBB", "AAA", week(8), "ASSAULT")]
    evs += [Ev("CCC", "DDD", week(i), "CONSULT") for i in range(9)]
    insert(db, evs)
    return db


def test_dyad_index_on_a_known_timeline(escalating: Path) -> None:
    with Store(escalating, read_only=True) as s:
        pts = dyad_index(s.con, "AAA", "BBB", IndexParams())
        directed = dyad_index(s.con, "AAA", "BBB", IndexParams(), directed=True)
    assert [p.period for p in pts] == [week(i) for i in range(9)]
    assert [p.index for p in pts[:8]] == [-1.0] * 8  # AGREE: -2 x single-source 0.5
    assert pts[8].index == 28.0  # two attacks: 2 x 28 x 0.5
    assert pts[8].baseline_mean == -1.0 and pts[8].baseline_std == 0.0
    assert pts[8].z == 29.0  # (28 - -1) / std floor 1
    assert directed[8].index == 14.0  # only AAA -> BBB


def test_top_movers_ranks_the_escalating_dyad_first(escalating: Path) -> None:
    with Store(escalating, read_only=True) as s:
        movers = top_movers(s.con, IndexParams())
        drivers = period_events(s.con, "AAA", "BBB", week(8), IndexParams())
    assert (movers[0]["a"], movers[0]["b"]) == ("AAA", "BBB")
    assert movers[0]["change"] == 29.0
    assert movers[1]["change"] == 0.0
    assert {d["plover_type"] for d in drivers} == {"ASSAULT"} and len(drivers) == 2


def test_timeseries_counts_by_quad_type_and_modality(tmp_path: Path) -> None:
    db = tmp_path / "ts.duckdb"
    insert(db, [Ev("AAA", "BBB", date(2024, 1, 2), "AGREE"), Ev("BBB", "AAA", date(2024, 1, 3), "ASSAULT"),
                Ev("AAA", "BBB", date(2024, 1, 4), "ASSAULT", modality="threatened"),
                Ev("AAA", "BBB", date(2024, 2, 20), "THREATEN", cameo="1385")])
    with Store(db, read_only=True) as s:
        ts = dyad_timeseries(s.con, "AAA", "BBB", IndexParams(period="month"))
    jan, feb = ts["series"]
    assert jan["events"] == 3 and jan["quad_class"] == {"1": 1, "2": 0, "3": 0, "4": 2}
    assert jan["plover_type"] == {"AGREE": 1, "ASSAULT": 2}
    assert jan["modality"]["threatened"] == {"events": 1, "intensity": 4.9}
    gold = cameo_table()
    assert jan["goldstein_sum"] == pytest.approx(gold["030"].goldstein + 2 * gold["190"].goldstein)
    assert jan["goldstein_mean"] == pytest.approx(jan["goldstein_sum"] / 3, abs=1e-4) and jan["articles"] == 3
    assert jan["intensity"] == pytest.approx(-1 + 14 + 4.9)
    assert feb["plover_type"] == {"THREATEN": 1} and feb["intensity"] == pytest.approx(60 * 0.35 * 0.5)
    assert feb["index"]["z"] is None  # one prior period < min_baseline
