"""Read endpoints. Each one validates its parameters, calls one query-layer function, returns JSON."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from flashpoint import __version__
from flashpoint.analytics.alerts import AlertParams, find_alerts
from flashpoint.analytics.escalation import IndexParams, dyad_index, period_events, top_movers
from flashpoint.analytics.timeseries import dyad_timeseries
from flashpoint.api.app import db_cursor
from flashpoint.api.schemas import ERRORS, ListOut, PageOut
from flashpoint.models import MODALITIES, PLOVER_TYPES
from flashpoint.store import queries as q

router = APIRouter()

Con = Annotated[Any, Depends(db_cursor)]
ACTOR = r"^[A-Za-z0-9_.-]{1,40}$"
Actor = Annotated[str | None, Query(max_length=40, pattern=ACTOR, description="actor code or country, e.g. RUS")]
ActorPath = Annotated[str, Path(max_length=40, pattern=ACTOR)]
Period = Annotated[str, Query(pattern="^(day|week|month)$")]
Baseline = Annotated[int, Query(ge=1, le=104, description="trailing periods in the baseline")]
Page = Annotated[int, Query(ge=1, le=100_000)]
PageSize = Annotated[int, Query(ge=1, le=q.MAX_PAGE_SIZE)]
TYPE_RE = "^(" + "|".join(PLOVER_TYPES) + ")$"
MODALITY_RE = "^(" + "|".join(MODALITIES) + ")$"


def event_filter(
    actor: Actor = None, source: Actor = None, target: Actor = None,
    dyad: Annotated[str | None, Query(max_length=81, pattern=r"^[A-Za-z0-9_.-]{1,40},[A-Za-z0-9_.-]{1,40}$",
                                      description="two actors separated by a comma, e.g. RUS,UKR")] = None,
    directed: bool = False,
    country: Annotated[str | None, Query(max_length=3, pattern="^[A-Z]{3}$")] = None,
    type: Annotated[str | None, Query(pattern=TYPE_RE, description="PLOVER type")] = None,  # noqa: A002
    cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$", description="CAMEO code prefix")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    modality: Annotated[str | None, Query(pattern=MODALITY_RE)] = None,
    date_from: date | None = None, date_to: date | None = None,
    min_sources: Annotated[int | None, Query(ge=1, le=10_000)] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    article_id: Annotated[str | None, Query(max_length=200)] = None,
    text: Annotated[str | None, Query(max_length=200, description="substring of the sentence")] = None,
) -> q.EventFilter:
    pair = tuple(dyad.split(",", 1)) if dyad else None
    return q.EventFilter(actor=actor, source=source, target=target, dyad=pair, directed=directed,  # type: ignore[arg-type]
                         country=country, plover_type=type, cameo=cameo, quad_class=quad_class,
                         modality=modality, date_from=date_from, date_to=date_to, min_sources=min_sources,
                         min_confidence=min_confidence, article_id=article_id, text=text)


Filter = Annotated[q.EventFilter, Depends(event_filter)]
SORT_RE = "^-?(" + "|".join(q.SORTS) + ")$"


@router.get("/stats", tags=["meta"])
def stats(con: Con) -> dict[str, Any]:
    """Counts and date span of the database."""
    return {"version": __version__, **q.counts(con)}


@router.get("/events", response_model=PageOut, responses=ERRORS, tags=["events"])
def events(con: Con, f: Filter, page: Page = 1, page_size: PageSize = 50,
           sort: Annotated[str, Query(pattern=SORT_RE)] = "-date") -> dict[str, Any]:
    """Events matching every given filter, paginated."""
    return q.list_events(con, f, page, page_size, sort).to_dict()


@router.get("/events/{event_id}", responses=ERRORS, tags=["events"])
def event(con: Con, event_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """One event with its sentence offsets, evidence, article and every mention of the same event."""
    return q.get_event(con, event_id)


@router.get("/actors", response_model=PageOut, responses=ERRORS, tags=["actors"])
def actors(con: Con, q_: Annotated[str | None, Query(alias="q", max_length=100)] = None,
           page: Page = 1, page_size: PageSize = 50) -> dict[str, Any]:
    """Actors (country-level codes) by number of events."""
    return q.list_actors(con, q_, page, page_size).to_dict()


@router.get("/dyads", response_model=ListOut, responses=ERRORS, tags=["dyads"])
def dyads(con: Con, f: Filter, limit: Annotated[int, Query(ge=1, le=q.MAX_PAGE_SIZE)] = 100) -> dict[str, Any]:
    """Dyads by volume with cooperative/conflictual counts (the actor network's edges)."""
    return {"items": q.list_dyads(con, f, f.directed, limit)}


@router.get("/dyads/{a}/{b}", responses=ERRORS, tags=["dyads"])
def dyad(con: Con, a: ActorPath, b: ActorPath, f: Filter, period: Period = "week", baseline: Baseline = 8,
         ) -> dict[str, Any]:
    """Time series of a dyad per period: counts by quad class, type and modality, Goldstein, intensity,
    mentions, sources and the escalation index with its baseline and z-score."""
    return dyad_timeseries(con, a, b, IndexParams(period=period, baseline=baseline), f.directed, f)


@router.get("/dyads/{a}/{b}/index", response_model=ListOut, responses=ERRORS, tags=["dyads"])
def dyad_index_route(con: Con, a: ActorPath, b: ActorPath, period: Period = "week", baseline: Baseline = 8,
                     directed: bool = False) -> dict[str, Any]:
    """The escalation index of a dyad per period."""
    pts = dyad_index(con, a, b, IndexParams(period=period, baseline=baseline), directed)
    return {"items": [p.to_dict() for p in pts]}


@router.get("/dyads/{a}/{b}/drivers", response_model=ListOut, responses=ERRORS, tags=["dyads"])
def dyad_drivers(con: Con, a: ActorPath, b: ActorPath, period_start: date, period: Period = "week",
                 directed: bool = False) -> dict[str, Any]:
    """The events with the largest ladder weight in one period of a dyad."""
    from flashpoint.analytics.escalation import period_start as start_of

    params = IndexParams(period=period)
    return {"items": period_events(con, a, b, start_of(period_start, period), params, 50, directed)}


@router.get("/movers", response_model=ListOut, responses=ERRORS, tags=["dyads"])
def movers(con: Con, period: Period = "week", baseline: Baseline = 8, as_of: date | None = None,
           limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    """Dyads with the biggest index change in the latest period versus their own baseline."""
    return {"items": top_movers(con, IndexParams(period=period, baseline=baseline), as_of, limit)}


@router.get("/alerts", response_model=ListOut, responses=ERRORS, tags=["alerts"])
def alerts(con: Con, days: Annotated[int, Query(ge=1, le=3660)] = 30,
           lookback_days: Annotated[int, Query(ge=1, le=3660)] = 90,
           z: Annotated[float, Query(ge=0.0, le=100.0)] = 3.0,
           min_change: Annotated[float, Query(ge=0.0, le=10_000.0)] = 10.0,
           period: Period = "week", until: date | None = None) -> dict[str, Any]:
    """Rung crossings and index jumps for events in the `days` before `until` (default: latest event)."""
    params = AlertParams(days=days, lookback_days=lookback_days, z_threshold=z, min_change=min_change,
                         index=IndexParams(period=period))
    return {"items": [a.to_dict() for a in find_alerts(con, params, until)]}


@router.get("/search", response_model=PageOut, responses=ERRORS, tags=["articles"])
def search(con: Con, q_: Annotated[str, Query(alias="q", min_length=1, max_length=200)],
           page: Page = 1, page_size: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
    """Articles whose title or text contains `q` (case-insensitive)."""
    return q.search_articles(con, q_, page, page_size).to_dict()


@router.get("/map", response_model=ListOut, responses=ERRORS, tags=["events"])
def map_(con: Con, f: Filter, limit: Annotated[int, Query(ge=1, le=5000)] = 2000) -> dict[str, Any]:
    """Event locations aggregated on a 0.5-degree grid."""
    return {"items": q.map_points(con, f, limit)}
