"""Alerts: a dyad crossing a rung for the first time in a window, or its index jumping.

Kinds (each alert lists the event ids that caused it):

* ``first_wmd_threat``      a threat of mass violence / WMD, none in the previous `lookback_days`;
* ``first_mobilisation``    a military mobilisation that happened (asserted/reported), none before;
* ``first_material_conflict`` material conflict (quad class 4) that happened, none before in the window,
  after a cooperative period (at least one cooperative event and a cooperative majority in the window);
* ``index_jump``            the dyad's index z-score >= `z_threshold` and its change >= `min_change`.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from flashpoint.analytics.escalation import (
    IndexParams,
    latest_day,
    period_events,
    period_start,
    scored_dyads,
)
from flashpoint.analytics.ladder import FACTUAL_MODALITIES, Rung, rung_sql
from flashpoint.errors import FlashpointError
from flashpoint.ids import stable_hash
from flashpoint.store.queries import SKEY, TKEY, Schema, day_expr, from_clause

log = logging.getLogger(__name__)

MAX_JUMP_ALERTS = 200  # the strongest jumps first; each one costs a query for its events
KINDS = ("first_wmd_threat", "first_mobilisation", "first_material_conflict", "index_jump")


class WebhookError(FlashpointError):
    """The alert webhook could not be delivered."""


@dataclass(frozen=True)
class AlertParams:
    days: int = 30  # alerts for events in the last `days` days before `until`
    lookback_days: int = 90  # "first" means: none of the same kind in this many days before
    z_threshold: float = 3.0
    min_change: float = 10.0
    index: IndexParams = field(default_factory=IndexParams)


@dataclass(frozen=True)
class Alert:
    kind: str
    a: str
    b: str
    day: date
    message: str
    event_ids: tuple[str, ...]
    score: float | None = None

    @property
    def alert_id(self) -> str:
        return stable_hash(f"{self.kind}|{self.a}|{self.b}|{self.day.isoformat()}")[:16]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["day"] = self.day.isoformat()
        d["event_ids"] = list(self.event_ids)
        d["alert_id"] = self.alert_id
        return d


def _kind_sql(s: Schema) -> str:
    rung = rung_sql("e.plover_type", "e.cameo", "e.plover_mode")
    factual = ", ".join(f"'{m}'" for m in FACTUAL_MODALITIES)
    return (f"CASE WHEN {rung} >= {int(Rung.MASS_VIOLENCE)} AND (e.plover_type = 'THREATEN' "
            "OR e.modality = 'threatened') THEN 'first_wmd_threat' "
            f"WHEN e.plover_type = 'MOBILIZE' AND e.modality IN ({factual}) THEN 'first_mobilisation' "
            f"WHEN e.quad_class = 4 AND e.modality IN ({factual}) THEN 'first_material_conflict' END")


@dataclass(frozen=True)
class Candidate:
    kind: str
    a: str
    b: str
    day: date
    event_id: str


def _candidates(con: Any, start: date, until: date) -> list[Candidate]:
    s = Schema.inspect(con)
    day = day_expr(s)
    sql = (f"SELECT * FROM (SELECT {_kind_sql(s)} AS kind, least({SKEY}, {TKEY}) AS a, "
           f"greatest({SKEY}, {TKEY}) AS b, {day} AS day, e.event_id FROM {from_clause(s)} "
           f"WHERE {SKEY} IS NOT NULL AND {TKEY} IS NOT NULL AND {SKEY} <> {TKEY} AND {day} >= ? AND {day} <= ?) "
           "WHERE kind IS NOT NULL ORDER BY a, b, kind, day, event_id")
    return [Candidate(*r) for r in con.execute(sql, [start, until]).fetchall()]


def first_crossings(cands: Sequence[Candidate], since: date, lookback_days: int) -> list[Alert]:
    """Group candidate events; a day is an alert when no same-kind event occurred in the lookback before it."""
    by_key: dict[tuple[str, str, str], list[Candidate]] = defaultdict(list)
    for c in cands:
        by_key[(c.kind, c.a, c.b)].append(c)
    out = []
    for (kind, a, b), items in by_key.items():
        days = sorted({c.day for c in items})
        for i, d in enumerate(days):
            prev = days[i - 1] if i else None
            if d < since or (prev is not None and (d - prev).days <= lookback_days):
                continue
            ids = tuple(sorted(c.event_id for c in items if c.day == d))
            out.append(Alert(kind, a, b, d, _message(kind, a, b, lookback_days), ids))
    return out


def _message(kind: str, a: str, b: str, lookback: int) -> str:
    what = {"first_wmd_threat": "first threat of mass violence / WMD",
            "first_mobilisation": "first military mobilisation",
            "first_material_conflict": "first material conflict after a cooperative period"}[kind]
    return f"{a}-{b}: {what} in {lookback} days"


def _cooperative_before(con: Any, alert: Alert, lookback_days: int) -> bool:
    s = Schema.inspect(con)
    day = day_expr(s)
    sql = (f"SELECT sum(CASE WHEN e.quad_class IN (1, 2) THEN 1 ELSE 0 END), "
           f"sum(CASE WHEN e.quad_class IN (3, 4) THEN 1 ELSE 0 END) FROM {from_clause(s)} "
           f"WHERE least({SKEY}, {TKEY}) = ? AND greatest({SKEY}, {TKEY}) = ? AND {day} >= ? AND {day} < ?")
    row = con.execute(sql, [alert.a, alert.b, alert.day - timedelta(days=lookback_days), alert.day]).fetchone()
    coop, conf = (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)
    return coop > 0 and coop >= conf


def index_jumps(con: Any, params: AlertParams, since: date, until: date,
                max_alerts: int = MAX_JUMP_ALERTS) -> list[Alert]:
    """Dyads whose index jumped in any period between `since` and `until` (one aggregation query)."""
    jumps = []
    for (a, b), pts in scored_dyads(con, params.index, since, until).items():
        for pt in pts:
            if pt.period < period_start(since, params.index.period) or pt.z is None or pt.change is None:
                continue
            if pt.z >= params.z_threshold and pt.change >= params.min_change:
                jumps.append((a, b, pt))
    jumps.sort(key=lambda j: (-(j[2].z or 0.0), j[0], j[1], j[2].period))
    out = []
    for a, b, pt in jumps[:max_alerts]:
        evs = period_events(con, a, b, pt.period, params.index, limit=20)
        msg = (f"{a}-{b}: escalation index {pt.index:.1f} in the {params.index.period} of {pt.period}, "
               f"z={pt.z:.1f} over a baseline of {pt.baseline_mean or 0.0:.1f}")
        out.append(Alert("index_jump", a, b, pt.period, msg, tuple(e["event_id"] for e in evs), round(pt.z or 0.0, 4)))
    return out


def find_alerts(con: Any, params: AlertParams, until: date | None = None) -> list[Alert]:
    """All alerts for events between `until - days` and `until` (default: the latest event day)."""
    until = until or latest_day(con)
    if until is None:
        return []
    since = until - timedelta(days=params.days)
    cands = _candidates(con, since - timedelta(days=params.lookback_days), until)
    alerts = [a for a in first_crossings(cands, since, params.lookback_days)
              if a.kind != "first_material_conflict" or _cooperative_before(con, a, params.lookback_days)]
    alerts += index_jumps(con, params, since, until)
    alerts.sort(key=lambda a: (a.day, a.kind, a.a, a.b), reverse=True)
    return alerts


def post_webhook(url: str, alerts: Sequence[Alert], timeout: float = 10.0) -> int:
    """POST the alerts as JSON to `url`; returns the HTTP status. Raises WebhookError on failure."""
    if not url.startswith(("http://", "https://")):
        raise WebhookError("webhook URL must start with http:// or https://")
    body = json.dumps({"alerts": [a.to_dict() for a in alerts]}).encode("utf-8")
    req = urllib.request.Request(url, data=body, method="POST",
                                 headers={"Content-Type": "application/json", "User-Agent": "flashpoint"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (scheme checked above)
            status = int(resp.status)
    except (urllib.error.URLError, OSError) as exc:
        raise WebhookError(f"webhook {url} failed: {exc}") from exc
    if status >= 300:
        raise WebhookError(f"webhook {url} answered {status}")
    log.info("posted %d alerts to %s", len(alerts), url)
    return status
