"""Escalation index per dyad and period, compared with the dyad's own trailing baseline.

index(t)  = sum of ladder weights of the dyad's events in period t  (see flashpoint.analytics.ladder)
baseline  = mean and standard deviation of index over the previous `baseline` periods (empty periods = 0)
z(t)      = (index(t) - mean) / max(std, min_std), or None with fewer than `min_baseline` prior periods

Pure functions first (unit-tested on synthetic timelines), then the SQL that feeds them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from flashpoint.analytics.ladder import weight_sql
from flashpoint.store.queries import (
    PERIODS,
    SKEY,
    TKEY,
    EventFilter,
    QueryError,
    Schema,
    build_where,
    day_expr,
    from_clause,
    mentions_expr,
    rows,
    sources_expr,
)


@dataclass(frozen=True)
class IndexParams:
    period: str = "week"
    baseline: int = 8  # trailing periods in the baseline
    min_baseline: int = 3  # fewer prior periods than this: z is None
    min_std: float = 1.0  # floor for the baseline's standard deviation (a flat history is not infinitely calm)

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise QueryError(f"period must be one of {list(PERIODS)}")
        if not 1 <= self.baseline <= 104 or not 0 <= self.min_baseline <= self.baseline:
            raise QueryError("baseline must be within 1..104 and min_baseline within 0..baseline")
        if self.min_std <= 0:
            raise QueryError("min_std must be > 0")


@dataclass(frozen=True)
class IndexPoint:
    period: date
    index: float
    events: int
    baseline_mean: float | None
    baseline_std: float | None
    z: float | None

    @property
    def change(self) -> float | None:
        return None if self.baseline_mean is None else self.index - self.baseline_mean

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["period"] = self.period.isoformat()
        d["change"] = None if self.change is None else round(self.change, 4)
        for k in ("index", "baseline_mean", "baseline_std", "z"):
            d[k] = None if d[k] is None else round(float(d[k]), 4)
        return d


# ------------------------------------------------------------------------------------------ periods
def period_start(day: date, unit: str) -> date:
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    raise QueryError(f"period must be one of {list(PERIODS)}")


def next_period(start: date, unit: str) -> date:
    if unit == "day":
        return start + timedelta(days=1)
    if unit == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def period_range(first: date, last: date, unit: str) -> list[date]:
    """Every period start from the period of `first` to the period of `last`, inclusive."""
    out, cur, end = [], period_start(first, unit), period_start(last, unit)
    while cur <= end:
        out.append(cur)
        cur = next_period(cur, unit)
    return out


# ---------------------------------------------------------------------------------------- the index
def score_series(values: dict[date, float], counts: dict[date, int], periods: Sequence[date],
                 params: IndexParams) -> list[IndexPoint]:
    """Index, baseline and z-score for each period (missing periods count as index 0)."""
    series = [float(values.get(p, 0.0)) for p in periods]
    out: list[IndexPoint] = []
    for i, p in enumerate(periods):
        prior = series[max(0, i - params.baseline): i]
        mean = std = z = None
        if prior:
            mean = sum(prior) / len(prior)
            std = math.sqrt(sum((x - mean) ** 2 for x in prior) / len(prior))
            if len(prior) >= params.min_baseline:
                z = (series[i] - mean) / max(std, params.min_std)
        out.append(IndexPoint(p, series[i], int(counts.get(p, 0)), mean, std, z))
    return out


def weight_expr(s: Schema) -> str:
    return weight_sql("e.plover_type", "e.cameo", "e.plover_mode", "e.modality", "e.confidence",
                      sources_expr(s), mentions_expr(s))


def dyad_index(con: Any, a: str, b: str, params: IndexParams, directed: bool = False,
               f: EventFilter | None = None) -> list[IndexPoint]:
    """The index timeline of one dyad (from its first to its last event)."""
    s = Schema.inspect(con)
    day = day_expr(s)
    base = f or EventFilter()
    flt = EventFilter(**{**asdict(base), "dyad": (a, b), "directed": directed})
    w = build_where(flt, s, day)
    sql = (f"SELECT date_trunc('{params.period}', {day})::DATE AS p, sum({weight_expr(s)}) AS idx, "
           f"count(*) AS n FROM {from_clause(s)}{w.sql()} GROUP BY 1 ORDER BY 1")
    found = con.execute(sql, w.params).fetchall()
    if not found:
        return []
    periods = period_range(found[0][0], found[-1][0], params.period)
    return score_series({r[0]: r[1] for r in found}, {r[0]: r[2] for r in found}, periods, params)


def latest_day(con: Any) -> date | None:
    s = Schema.inspect(con)
    row = con.execute(f"SELECT max({day_expr(s)}) FROM {from_clause(s)}").fetchone()
    return row[0] if row and row[0] else None


def dyad_period_indices(con: Any, params: IndexParams, start: date, end: date,
                        ) -> dict[tuple[str, str], dict[date, tuple[float, int]]]:
    """Index and event count per undirected dyad and period for events in [start, end), in one query."""
    s = Schema.inspect(con)
    day = day_expr(s)
    sql = (f"SELECT least({SKEY}, {TKEY}) AS a, greatest({SKEY}, {TKEY}) AS b, "
           f"date_trunc('{params.period}', {day})::DATE AS p, sum({weight_expr(s)}) AS idx, count(*) AS n "
           f"FROM {from_clause(s)} WHERE {SKEY} IS NOT NULL AND {TKEY} IS NOT NULL AND {SKEY} <> {TKEY} "
           f"AND {day} >= ? AND {day} < ? GROUP BY 1, 2, 3")
    grouped: dict[tuple[str, str], dict[date, tuple[float, int]]] = defaultdict(dict)
    for a, b, p, idx, n in con.execute(sql, [start, end]).fetchall():
        grouped[(a, b)][p] = (float(idx), int(n))
    return grouped


def periods_before(end: date, count: int, unit: str) -> list[date]:
    """`count` period starts before the period of `end`, then that period itself."""
    periods = [period_start(end, unit)]
    for _ in range(count):
        periods.insert(0, period_start(periods[0] - timedelta(days=1), unit))
    return periods


def scored_dyads(con: Any, params: IndexParams, first: date, last: date,
                 ) -> dict[tuple[str, str], list[IndexPoint]]:
    """Index points of every dyad for the periods from `first` to `last`, each with its full baseline."""
    periods = periods_before(first, params.baseline, params.period)[:-1] + period_range(first, last, params.period)
    grouped = dyad_period_indices(con, params, periods[0], next_period(periods[-1], params.period))
    return {k: score_series({p: v[0] for p, v in by_p.items()}, {p: v[1] for p, v in by_p.items()},
                            periods, params) for k, by_p in grouped.items()}


def top_movers(con: Any, params: IndexParams, as_of: date | None = None, limit: int = 10,
               min_events: int = 1) -> list[dict[str, Any]]:
    """Undirected dyads with the biggest index change in the latest period versus their baseline."""
    as_of = as_of or latest_day(con)
    if as_of is None:
        return []
    out = []
    for (a, b), pts in scored_dyads(con, params, as_of, as_of).items():
        last = pts[-1]
        if last.events < min_events:
            continue
        out.append({"a": a, "b": b, **last.to_dict(), "series": [round(p.index, 4) for p in pts]})
    out.sort(key=lambda d: (-abs(d["change"] or 0.0), d["a"], d["b"]))
    return out[:limit]


def period_events(con: Any, a: str, b: str, period: date, params: IndexParams, limit: int = 20,
                  directed: bool = False) -> list[dict[str, Any]]:
    """The events that drive a dyad's index in one period, heaviest first."""
    s = Schema.inspect(con)
    day = day_expr(s)
    flt = EventFilter(dyad=(a, b), directed=directed, date_from=period,
                      date_to=next_period(period, params.period) - timedelta(days=1))
    w = build_where(flt, s, day)
    sql = (f"SELECT e.event_id, {day} AS day, e.plover_type, e.cameo, e.modality, e.confidence, "
           f"e.sentence, {weight_expr(s)} AS weight FROM {from_clause(s)}{w.sql()} "
           "ORDER BY abs(weight) DESC, e.event_id LIMIT ?")
    return [{**r, "day": r["day"].isoformat(), "weight": round(float(r["weight"]), 4)}
            for r in rows(con, sql, [*w.params, limit])]
