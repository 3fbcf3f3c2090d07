"""Dyad time series: per period, counts by quad class, PLOVER type and modality, Goldstein sum/mean,
PLOVER intensity (sum of ladder weights), mentions, articles and sources. Aggregated in SQL."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from flashpoint.analytics.escalation import IndexParams, period_range, score_series, weight_expr
from flashpoint.store.queries import (
    EventFilter,
    Schema,
    build_where,
    day_expr,
    from_clause,
    mentions_expr,
    sources_expr,
)


def _empty(p: date) -> dict[str, Any]:
    return {"period": p.isoformat(), "events": 0, "quad_class": {str(q): 0 for q in (1, 2, 3, 4)},
            "plover_type": {}, "modality": {}, "goldstein_sum": 0.0, "goldstein_mean": None,
            "intensity": 0.0, "mentions": 0, "sources": 0, "articles": 0, "outlets": 0}


def _add(cell: dict[str, Any], quad: int, ptype: str, modality: str, n: int, gsum: float, weight: float,
         mentions: int, sources: int) -> None:
    cell["events"] += n
    cell["quad_class"][str(quad)] = cell["quad_class"].get(str(quad), 0) + n
    cell["plover_type"][ptype] = cell["plover_type"].get(ptype, 0) + n
    mod = cell["modality"].setdefault(modality, {"events": 0, "intensity": 0.0})
    mod["events"] += n
    mod["intensity"] = round(mod["intensity"] + weight, 4)
    cell["goldstein_sum"] += gsum
    cell["intensity"] += weight
    cell["mentions"] += mentions
    cell["sources"] += sources


def dyad_timeseries(con: Any, a: str, b: str, params: IndexParams, directed: bool = False,
                    f: EventFilter | None = None) -> dict[str, Any]:
    """Time series of one dyad, every period from its first to its last event, with the index."""
    s = Schema.inspect(con)
    day = day_expr(s)
    flt = EventFilter(**{**asdict(f or EventFilter()), "dyad": (a, b), "directed": directed})
    w = build_where(flt, s, day)
    bucket = f"date_trunc('{params.period}', {day})::DATE"
    sql = (f"SELECT {bucket} AS p, e.quad_class, coalesce(e.plover_type, '?'), coalesce(e.modality, '?'), "
           f"count(*), sum(coalesce(e.goldstein, 0)), sum({weight_expr(s)}), sum({mentions_expr(s)}), "
           f"sum({sources_expr(s)}) FROM {from_clause(s)}{w.sql()} GROUP BY 1, 2, 3, 4 ORDER BY 1")
    found = con.execute(sql, w.params).fetchall()
    out: dict[str, Any] = {"a": a, "b": b, "directed": directed, "period": params.period, "series": []}
    if not found:
        return out
    periods = period_range(found[0][0], found[-1][0], params.period)
    cells = {p: _empty(p) for p in periods}
    for p, quad, ptype, mod, n, gsum, weight, mentions, sources in found:
        _add(cells[p], int(quad or 0), ptype, mod, int(n), float(gsum), float(weight), int(mentions), int(sources))
    _add_article_counts(con, s, w.sql(), w.params, bucket, cells)
    index = score_series({p: c["intensity"] for p, c in cells.items()},
                         {p: c["events"] for p, c in cells.items()}, periods, params)
    for point in index:
        cell = cells[point.period]
        cell["goldstein_mean"] = round(cell["goldstein_sum"] / cell["events"], 4) if cell["events"] else None
        cell["goldstein_sum"] = round(cell["goldstein_sum"], 4)
        cell["intensity"] = round(cell["intensity"], 4)
        cell["index"] = point.to_dict()
    out["series"] = [cells[p] for p in periods]
    return out


def _add_article_counts(con: Any, s: Schema, where: str, params: list[Any], bucket: str,
                        cells: dict[date, dict[str, Any]]) -> None:
    sql = (f"SELECT {bucket} AS p, count(DISTINCT e.article_id), count(DISTINCT a.source) "
           f"FROM {from_clause(s)}{where} GROUP BY 1")
    for p, n_articles, n_outlets in con.execute(sql, params).fetchall():
        if p in cells:
            cells[p]["articles"] = int(n_articles)
            cells[p]["outlets"] = int(n_outlets)
