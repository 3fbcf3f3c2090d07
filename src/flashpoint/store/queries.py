"""The read-only query layer shared by the HTTP API, the dashboard and the CLI.

Every value from a caller is a bound parameter; identifiers (sort keys, period units) come only from
whitelists in this module. The layer works before and after schema migration 2: optional columns
(`events.cluster_id`, `events.published`, ...) and the `clusters` table are used only when present.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flashpoint.errors import FlashpointError

MAX_PAGE_SIZE = 500
PERIODS = ("day", "week", "month")
SORTS = {
    "date": "day", "confidence": "e.confidence", "goldstein": "e.goldstein", "cameo": "e.cameo",
    "ingested": "e.ingested_at", "event_id": "e.event_id",
}
_CAMEO_RE = re.compile(r"^\d{2,4}$")


class QueryError(FlashpointError):
    """A query parameter is invalid (the API answers 422)."""


class NotFoundError(FlashpointError):
    """The requested record does not exist (the API answers 404)."""


# --------------------------------------------------------------------------------------------- schema
@dataclass(frozen=True)
class Schema:
    """Which optional tables/columns exist in this database."""

    columns: frozenset[tuple[str, str]]

    @classmethod
    def inspect(cls, con: Any) -> Schema:
        rows = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                           "WHERE table_schema = 'main'").fetchall()
        return cls(frozenset((str(t), str(c)) for t, c in rows))

    def has(self, table: str, column: str | None = None) -> bool:
        if column is None:
            return any(t == table for t, _ in self.columns)
        return (table, column) in self.columns

    @property
    def clustered(self) -> bool:
        return self.has("events", "cluster_id") and self.has("clusters", "cluster_id")


def day_expr(s: Schema) -> str:
    """Event day: event date, else the article's publication date, else the ingestion day."""
    parts = ["e.event_date"]
    if s.has("events", "published"):
        parts.append("e.published")
    parts += ["try_cast(left(a.published, 10) AS DATE)", "CAST(e.ingested_at AS DATE)"]
    return f"coalesce({', '.join(parts)})"


def from_clause(s: Schema) -> str:
    sql = "events e LEFT JOIN articles a ON a.article_id = e.article_id"
    if s.clustered:
        sql += " LEFT JOIN clusters c ON c.cluster_id = e.cluster_id"
    return sql


def sources_expr(s: Schema) -> str:
    """Independent sources of an event's cluster (wire copies do not corroborate), else 1."""
    if not s.clustered:
        return "1"
    cols = [f"c.{c}" for c in ("num_independent", "num_sources") if s.has("clusters", c)]
    return f"coalesce({', '.join(cols)}, 1)" if cols else "1"


def mentions_expr(s: Schema) -> str:
    return "coalesce(c.num_mentions, 1)" if s.clustered and s.has("clusters", "num_mentions") else "1"


SKEY = "coalesce(e.source_country, e.source_code)"
TKEY = "coalesce(e.target_country, e.target_code)"


# -------------------------------------------------------------------------------------------- filters
@dataclass(frozen=True)
class EventFilter:
    """Filters for event queries; every field is optional. Actor values match a code or a country."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = False
    country: str | None = None
    plover_type: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    min_sources: int | None = None
    min_confidence: float | None = None
    article_id: str | None = None
    text: str | None = None


def like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _actor_cond(side: str) -> str:
    return f"(e.{side}_code = ? OR e.{side}_country = ?)"


@dataclass
class Where:
    """Accumulates SQL conditions with their bound parameters."""

    conds: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, cond: str, *params: Any) -> None:
        self.conds.append(cond)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.conds)) if self.conds else ""


def build_where(f: EventFilter, s: Schema, day: str) -> Where:
    w = Where()
    if f.actor:
        w.add(f"({_actor_cond('source')} OR {_actor_cond('target')})", *[f.actor] * 4)
    if f.source:
        w.add(_actor_cond("source"), f.source, f.source)
    if f.target:
        w.add(_actor_cond("target"), f.target, f.target)
    if f.dyad:
        a, b = f.dyad
        fwd = f"({SKEY} = ? AND {TKEY} = ?)"
        w.add(fwd if f.directed else f"({fwd} OR {fwd})", *([a, b] if f.directed else [a, b, b, a]))
    if f.country:
        w.add("(e.source_country = ? OR e.target_country = ? OR e.location_country = ?)", *[f.country] * 3)
    if f.plover_type:
        w.add("e.plover_type = ?", f.plover_type)
    if f.cameo:
        if not _CAMEO_RE.match(f.cameo):
            raise QueryError("cameo must be 2 to 4 digits")
        w.add("starts_with(e.cameo, ?)", f.cameo)
    if f.quad_class is not None:
        w.add("e.quad_class = ?", f.quad_class)
    if f.modality:
        w.add("e.modality = ?", f.modality)
    if f.date_from:
        w.add(f"{day} >= ?", f.date_from)
    if f.date_to:
        w.add(f"{day} <= ?", f.date_to)
    if f.min_sources:
        w.add(f"{sources_expr(s)} >= ?", f.min_sources)
    if f.min_confidence is not None:
        w.add("e.confidence >= ?", f.min_confidence)
    if f.article_id:
        w.add("e.article_id = ?", f.article_id)
    if f.text:
        w.add("e.sentence ILIKE ? ESCAPE '\\'", f"%{like_escape(f.text)}%")
    return w


# ------------------------------------------------------------------------------------------- helpers
def rows(con: Any, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def scalar(con: Any, sql: str, params: Sequence[Any] = ()) -> Any:
    row = con.execute(sql, list(params)).fetchone()
    return row[0] if row else None


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    total: int
    page: int
    page_size: int

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "page": self.page, "page_size": self.page_size,
                "pages": (self.total + self.page_size - 1) // self.page_size}


def check_page(page: int, page_size: int) -> None:
    if page < 1:
        raise QueryError("page must be >= 1")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise QueryError(f"page_size must be within 1..{MAX_PAGE_SIZE}")


def order_by(sort: str) -> str:
    desc = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORTS:
        raise QueryError(f"sort must be one of {sorted(SORTS)} (prefix '-' for descending)")
    return f"{SORTS[key]} {'DESC' if desc else 'ASC'} NULLS LAST, e.event_id"


def _event_select(s: Schema) -> str:
    extra = "".join(f", e.{c}" for c in ("cluster_id", "location_admin1", "location_city", "tone", "outlet")
                    if s.has("events", c))
    return (f"e.event_id, e.article_id, e.sentence_index, e.sentence, {day_expr(s)} AS day, "
            "e.source_text, e.source_code, e.source_country, e.source_start, e.source_end, "
            "e.target_text, e.target_code, e.target_country, e.target_start, e.target_end, "
            "e.cameo, e.cameo_root, e.goldstein, e.quad_class, e.plover_type, e.plover_mode, e.modality, "
            "e.attribution_text, e.attribution_code, e.event_date, e.event_date_source, e.location_name, "
            "e.location_country, e.lat, e.lon, e.confidence, e.trigger_text, e.trigger_start, e.trigger_end, "
            f"e.rule, {sources_expr(s)} AS num_sources, {mentions_expr(s)} AS num_mentions, "
            f"a.title AS article_title, a.source AS article_source{extra}")


def shape_event(r: dict[str, Any]) -> dict[str, Any]:
    """Nest a flat row into the public event shape (dates as ISO strings)."""
    out = dict(r)
    for side in ("source", "target"):
        out[side] = {k: out.pop(f"{side}_{k}") for k in ("text", "code", "country", "start", "end")}
    out["trigger"] = {"text": out.pop("trigger_text"), "start": out.pop("trigger_start"),
                      "end": out.pop("trigger_end")}
    for k, v in list(out.items()):
        if isinstance(v, date):
            out[k] = v.isoformat()
    return out


# -------------------------------------------------------------------------------------------- events
def list_events(con: Any, f: EventFilter, page: int = 1, page_size: int = 50,
                sort: str = "-date") -> Page:
    check_page(page, page_size)
    s = Schema.inspect(con)
    w = build_where(f, s, day_expr(s))
    base = f"FROM {from_clause(s)}{w.sql()}"
    total = int(scalar(con, f"SELECT count(*) {base}", w.params) or 0)
    sql = (f"SELECT {_event_select(s)} {base} ORDER BY {order_by(sort)} LIMIT ? OFFSET ?")
    items = rows(con, sql, [*w.params, page_size, (page - 1) * page_size])
    return Page([shape_event(r) for r in items], total, page, page_size)


def get_event(con: Any, event_id: str) -> dict[str, Any]:
    """One event with its article, evidence and every mention of the same real-world event."""
    s = Schema.inspect(con)
    found = rows(con, f"SELECT {_event_select(s)}, e.evidence, e.plover_context, a.url AS article_url, "
                      f"a.published AS article_published, a.origin AS article_origin "
                      f"FROM {from_clause(s)} WHERE e.event_id = ?", [event_id])
    if not found:
        raise NotFoundError(f"no event with id '{event_id}'")
    event = shape_event(found[0])
    event["evidence"] = list(event.get("evidence") or [])
    event["plover_context"] = list(event.get("plover_context") or [])
    event["mentions"] = mentions_of(con, s, event)
    return event


def mentions_of(con: Any, s: Schema, event: dict[str, Any]) -> list[dict[str, Any]]:
    """Mentions of the same event: its cluster when clustering ran, else same dyad, CAMEO root and day."""
    cols = ("e.event_id, e.article_id, e.sentence, e.modality, e.confidence, e.trigger_text, "
            "a.title AS article_title, a.source AS article_source, a.url AS article_url, "
            "a.published AS article_published")
    if s.clustered and event.get("cluster_id"):
        sql = f"SELECT {cols} FROM {from_clause(s)} WHERE e.cluster_id = ? ORDER BY e.article_id, e.event_id"
        params: list[Any] = [event["cluster_id"]]
    else:
        src, tgt = event["source"], event["target"]
        skey = src["country"] or src["code"]
        tkey = tgt["country"] or tgt["code"]
        if skey is None or tkey is None:
            return [_mention_of_self(event)]
        sql = (f"SELECT {cols} FROM {from_clause(s)} WHERE {SKEY} = ? AND {TKEY} = ? AND e.cameo_root = ? "
               f"AND {day_expr(s)} = ? ORDER BY e.article_id, e.event_id LIMIT 200")
        params = [skey, tkey, event["cameo_root"], event["day"]]
    return [shape_plain(r) for r in rows(con, sql, params)]


def _mention_of_self(event: dict[str, Any]) -> dict[str, Any]:
    keys = ("event_id", "article_id", "sentence", "modality", "confidence", "article_title",
            "article_source", "article_url", "article_published")
    out = {k: event.get(k) for k in keys}
    out["trigger_text"] = event["trigger"]["text"]
    return out


def shape_plain(r: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in r.items()}


# -------------------------------------------------------------------------------------------- actors
def list_actors(con: Any, q: str | None = None, page: int = 1, page_size: int = 50) -> Page:
    """Actors (country-level keys) with event counts as source and as target."""
    check_page(page, page_size)
    w = Where()
    if q:
        w.add("(starts_with(upper(actor), upper(?)) OR name ILIKE ? ESCAPE '\\')", q, f"%{like_escape(q)}%")
    base = (f"WITH m AS (SELECT {SKEY} AS actor, e.source_text AS name, 1 AS s, 0 AS t FROM events e "
            f"UNION ALL SELECT {TKEY}, e.target_text, 0, 1 FROM events e), "
            "g AS (SELECT actor, mode(name) AS name, sum(s) AS as_source, sum(t) AS as_target, count(*) AS n "
            "FROM m WHERE actor IS NOT NULL GROUP BY actor) SELECT * FROM g")
    total = int(scalar(con, f"SELECT count(*) FROM ({base}{w.sql()})", w.params) or 0)
    items = rows(con, f"{base}{w.sql()} ORDER BY n DESC, actor LIMIT ? OFFSET ?",
                 [*w.params, page_size, (page - 1) * page_size])
    return Page(items, total, page, page_size)


def list_dyads(con: Any, f: EventFilter, directed: bool = False, limit: int = 100) -> list[dict[str, Any]]:
    """Dyads by volume with their cooperation/conflict balance (the actor network's edges)."""
    s = Schema.inspect(con)
    w = build_where(f, s, day_expr(s))
    w.add(f"{SKEY} IS NOT NULL AND {TKEY} IS NOT NULL AND {SKEY} <> {TKEY}")
    a, b = (SKEY, TKEY) if directed else (f"least({SKEY}, {TKEY})", f"greatest({SKEY}, {TKEY})")
    sql = (f"SELECT {a} AS a, {b} AS b, count(*) AS events, avg(e.goldstein) AS goldstein_mean, "
           "sum(CASE WHEN e.quad_class IN (1, 2) THEN 1 ELSE 0 END) AS cooperative, "
           "sum(CASE WHEN e.quad_class IN (3, 4) THEN 1 ELSE 0 END) AS conflictual "
           f"FROM {from_clause(s)}{w.sql()} GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?")
    return rows(con, sql, [*w.params, min(max(limit, 1), MAX_PAGE_SIZE)])


# ------------------------------------------------------------------------------------- search and map
def search_articles(con: Any, q: str, page: int = 1, page_size: int = 20) -> Page:
    """Articles whose title or text contains `q` (case-insensitive), with a snippet and event count."""
    check_page(page, page_size)
    if not q.strip():
        raise QueryError("q must not be empty")
    pat = f"%{like_escape(q)}%"
    cond = "(a.text ILIKE ? ESCAPE '\\' OR a.title ILIKE ? ESCAPE '\\')"
    total = int(scalar(con, f"SELECT count(*) FROM articles a WHERE {cond}", [pat, pat]) or 0)
    sql = ("SELECT a.article_id, a.title, a.source, a.published, a.url, "
           "greatest(strpos(lower(a.text), lower(?)), 1) AS pos, a.text, "
           "(SELECT count(*) FROM events e WHERE e.article_id = a.article_id) AS events "
           f"FROM articles a WHERE {cond} ORDER BY a.published DESC NULLS LAST, a.article_id LIMIT ? OFFSET ?")
    found = rows(con, sql, [q, pat, pat, page_size, (page - 1) * page_size])
    for r in found:
        text, pos = r.pop("text") or "", int(r.pop("pos")) - 1
        r["snippet"] = text[max(0, pos - 80): pos + len(q) + 120].replace("\n", " ")
    return Page(found, total, page, page_size)


def map_points(con: Any, f: EventFilter, limit: int = 2000) -> list[dict[str, Any]]:
    """Event locations aggregated on a 0.5-degree grid (server-side, bounded output)."""
    s = Schema.inspect(con)
    w = build_where(f, s, day_expr(s))
    w.add("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    sql = ("SELECT round(e.lat * 2) / 2 AS lat, round(e.lon * 2) / 2 AS lon, count(*) AS events, "
           "avg(e.goldstein) AS goldstein_mean, mode(e.location_name) AS name, "
           "mode(e.location_country) AS country, min(e.event_id) AS sample_event "
           f"FROM {from_clause(s)}{w.sql()} GROUP BY 1, 2 ORDER BY events DESC, lat, lon LIMIT ?")
    return rows(con, sql, [*w.params, min(max(limit, 1), 5000)])


def counts(con: Any) -> dict[str, Any]:
    s = Schema.inspect(con)
    out: dict[str, Any] = {t: int(scalar(con, f"SELECT count(*) FROM {t}") or 0)
                           for t in ("articles", "events") if s.has(t)}
    span = con.execute(f"SELECT min({day_expr(s)}), max({day_expr(s)}) FROM {from_clause(s)}").fetchone()
    out["first_day"] = span[0].isoformat() if span and span[0] else None
    out["last_day"] = span[1].isoformat() if span and span[1] else None
    out["clustered"] = s.clustered
    return out
