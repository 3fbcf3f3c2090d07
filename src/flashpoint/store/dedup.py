"""Cross-article deduplication: event mentions -> clusters (one row per real-world event).

Each `events` row is one mention of an event in one article (GDELT's mentions table); `clusters`
holds the deduplicated events (GDELT's events table). Mentions share a cluster when they have the
same dedup key (source, target, PLOVER type), dates within a window and compatible places.

Clusters are recomputed, inside the writer's transaction, for every dedup key that received new
mentions, as if from all mentions with that key in a fixed order (`update_clusters` does exactly that;
`store.window.refresh_clusters`, used by `Store.write`, gets the same result from the dates the new
mentions can change). So counts update as articles arrive (GDELT freezes them after 15 minutes; we do
not), the result does not depend on batch boundaries, and re-ingesting the same input changes nothing.

Corroboration: outlets carrying the same story (near-identical article text: a wire copy) count as
one independent source; an event with one independent source, or only reported/alleged mentions,
is flagged, with a score in 0..1 and a reason.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flashpoint.ids import stable_hash
from flashpoint.models import ActorMention, Event

log = logging.getLogger(__name__)

#: days between two mentions' dates for them to be the same event (both dates read from the text).
TEXT_WINDOW_DAYS = 1
#: days when at least one date is only the publication date (the event may be a day or two older).
FALLBACK_WINDOW_DAYS = 3
#: word-3-gram Jaccard similarity above which two articles are copies of one story.
COPY_SIMILARITY = 0.5
_HEDGES = re.compile(r"\b(?:allegedly|reportedly|alleged|unconfirmed|purportedly|claimed|claims)\b", re.I)
_WORDS = re.compile(r"[a-z0-9]+")
#: stored mentions the cluster refresh loads at once (see update_clusters); bounds its memory.
REFRESH_MENTIONS = 10_000

MENTION_COLUMNS = (
    "event_id", "article_id", "sentence_index", "trigger_start", "sentence", "source_code", "source_text",
    "source_country", "source_sector", "target_code", "target_text", "target_country", "target_sector",
    "plover_type", "cameo", "cameo_root", "quad_class", "goldstein", "modality", "event_date",
    "event_date_source", "location_name", "location_country", "location_admin1", "location_city",
    "location_feature_id", "lat", "lon", "confidence", "tone", "published", "outlet", "ingested_at",
    "dedup_key",
)
CLUSTER_COLUMNS = (
    "cluster_id", "source_code", "target_code", "source_text", "target_text", "plover_type", "cameo",
    "cameo_root", "quad_class", "goldstein", "modality", "event_date", "location_name", "location_country",
    "lat", "lon", "num_mentions", "num_articles", "num_sources", "first_seen", "last_seen", "confidence",
    "corroboration", "corroboration_reason",
    # additions beyond the contract
    "dedup_key", "source_country", "source_sector", "target_country", "target_sector", "location_admin1",
    "location_city", "location_feature_id", "tone", "num_independent", "source_url",
)


def _norm(text: str | None) -> str:
    return " ".join(_WORDS.findall((text or "").lower()))


def _side_key(country: str | None, code: str | None, text: str | None) -> str:
    """An actor's country (so "Russia", "Moscow" and "Russian forces" match), else its code, else its words."""
    if not (country or code or text):
        return "-"
    return country or code or "~" + _norm(text)


def key_of(source: tuple[str | None, str | None, str | None], target: tuple[str | None, str | None, str | None],
           plover_type: str | None, article_id: str) -> str:
    """Dedup key from (country, code, text) of both actors. Without any actor code, mentions only merge
    within their own article. Statements (CAMEO 01, no PLOVER type) merge only with statements."""
    key = f"{_side_key(*source)}|{_side_key(*target)}|{plover_type or 'STATEMENT'}"
    return key if (source[1] or target[1]) else f"{key}|{article_id}"


def dedup_key(e: Event) -> str:
    """Who did what to whom, for one coded event."""
    def side(a: ActorMention | None) -> tuple[str | None, str | None, str | None]:
        return (a.country, a.code, a.text) if a is not None else (None, None, None)

    return key_of(side(e.source), side(e.target), e.plover_type, e.article_id)


@dataclass
class Cluster:
    anchor: dict[str, Any]
    members: list[dict[str, Any]]


def _window(a: dict[str, Any], b: dict[str, Any]) -> int:
    both_text = a["event_date_source"] == "text" and b["event_date_source"] == "text"
    return TEXT_WINDOW_DAYS if both_text else FALLBACK_WINDOW_DAYS


def _compatible(m: dict[str, Any], c: Cluster) -> bool:
    a = c.anchor
    if a["event_date"] is not None and m["event_date"] is not None:
        if abs((m["event_date"] - a["event_date"]).days) > _window(m, a):
            return False
    for col in ("location_country", "location_city"):
        places = {x[col] for x in c.members if x[col]}
        if m[col] and places and m[col] not in places:
            return False
    return True


def order(m: dict[str, Any]) -> tuple[Any, ...]:
    return (m["event_date"] or date.max, m["published"] or date.max, m["article_id"], m["sentence_index"],
            m["trigger_start"], m["event_id"])


class Greedy:
    """The clustering of one dedup key, fed mentions one at a time in `order` (a mention joins the first
    open cluster it is compatible with, else it starts one). Only clusters whose anchor is within the
    fallback window of the latest date are open; the others can never change again."""

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self.first_open = 0  # clusters before this index are too old for any later mention (dates are sorted)

    def advance(self, day: date | None) -> None:
        """Close the clusters too old for a mention dated `day` (undated mentions close nothing)."""
        while (day is not None and self.first_open < len(self.clusters)
               and self.clusters[self.first_open].anchor["event_date"] is not None
               and (day - self.clusters[self.first_open].anchor["event_date"]).days > FALLBACK_WINDOW_DAYS):
            self.first_open += 1

    def add(self, m: dict[str, Any]) -> Cluster:
        self.advance(m["event_date"])
        home = next((c for c in self.clusters[self.first_open:] if _compatible(m, c)), None)
        if home is None:
            home = Cluster(m, [m])
            self.clusters.append(home)
        else:
            home.members.append(m)
        return home

    def open_state(self) -> list[list[str]]:
        """Event ids of the open clusters' members: two runs with the same open state continue alike."""
        return [[m["event_id"] for m in c.members] for c in self.clusters[self.first_open:]]


def cluster_mentions(mentions: Iterable[dict[str, Any]]) -> list[Cluster]:
    """Greedy, order-fixed clustering of the mentions of one dedup key."""
    run = Greedy()
    for m in sorted(mentions, key=order):
        run.add(m)
    return run.clusters


def cluster_id(key: str, anchor_event_id: str) -> str:
    """A cluster is named by its key and its first mention (its anchor)."""
    return "c" + stable_hash(f"{key}|{anchor_event_id}")[:19]


def _seen(m: dict[str, Any]) -> datetime:
    if m["published"] is not None:
        return datetime(m["published"].year, m["published"].month, m["published"].day)
    ts: datetime = m["ingested_at"]
    return ts.replace(tzinfo=None) if ts.tzinfo else ts


def _shingles(text: str) -> frozenset[str]:
    w = _WORDS.findall(text.lower())
    return frozenset(" ".join(w[i:i + 3]) for i in range(max(len(w) - 2, 1)))


def independent_outlets(members: Sequence[dict[str, Any]], texts: dict[str, str]) -> int:
    """Outlets after merging those that carry copies of the same story (union-find over outlets)."""
    arts = sorted({m["article_id"] for m in members})
    outlet = {m["article_id"]: m["outlet"] or "?" for m in members}
    parent = {o: o for o in outlet.values()}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    sh = {a: _shingles(texts.get(a, "")) for a in arts}
    for i, a in enumerate(arts):
        for b in arts[i + 1:]:
            inter = len(sh[a] & sh[b])
            if inter and inter / len(sh[a] | sh[b]) >= COPY_SIMILARITY:
                parent[find(outlet[a])] = find(outlet[b])
    return len({find(o) for o in parent})


def corroboration(members: Sequence[dict[str, Any]], texts: dict[str, str]) -> tuple[float, str, int]:
    """(score 0..1, reason, independent sources) for one cluster."""
    independent = independent_outlets(members, texts)
    outlets = {m["outlet"] or "?" for m in members}
    hedged = all(m["modality"] == "reported" or _HEDGES.search(m["sentence"] or "") for m in members)
    score = 1.0 - 0.5 ** independent
    if independent == 1 and len(outlets) == 1:
        reason = "single outlet"
    elif independent == 1:
        reason = f"{len(outlets)} outlets copy one story"
    else:
        reason = f"{independent} independent outlets"
    if hedged:
        score *= 0.5
        reason += "; reported/alleged only"
    return round(score, 4), reason, independent


def _most_common(values: Iterable[Any]) -> Any:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    best = max(counts.values())
    return min((v for v, n in counts.items() if n == best), key=str)


def _representative(members: Sequence[dict[str, Any]]) -> dict[str, Any]:
    def quality(m: dict[str, Any]) -> tuple[Any, ...]:
        spec = 0 if m["location_city"] else 1 if m["location_admin1"] else 2 if m["location_country"] else 3
        return (m["event_date_source"] != "text", spec, -(m["confidence"] or 0.0), m["event_id"])

    return min(members, key=quality)


def cluster_row(key: str, c: Cluster, texts: dict[str, str], urls: dict[str, str | None]) -> dict[str, Any]:
    ms = c.members
    rep = _representative(ms)
    cameo = _most_common(m["cameo"] for m in ms)
    like = next(m for m in sorted(ms, key=order) if m["cameo"] == cameo)
    text_dates = [m["event_date"] for m in ms if m["event_date_source"] == "text"]
    when = _most_common(text_dates) if text_dates else min((m["event_date"] for m in ms if m["event_date"]),
                                                           default=None)
    modality = "asserted" if any(m["modality"] == "asserted" for m in ms) else _most_common(m["modality"] for m in ms)
    score, reason, independent = corroboration(ms, texts)
    tones = [m["tone"] for m in ms if m["tone"] is not None]
    first = min(ms, key=lambda m: (_seen(m), m["article_id"]))
    row = {k: rep[k] for k in ("source_code", "target_code", "source_text", "target_text", "source_country",
                               "source_sector", "target_country", "target_sector", "location_name",
                               "location_country", "location_admin1", "location_city", "location_feature_id",
                               "lat", "lon")}
    row.update(
        cluster_id=cluster_id(key, c.anchor["event_id"]), plover_type=rep["plover_type"],
        cameo=cameo, cameo_root=like["cameo_root"], quad_class=like["quad_class"], goldstein=like["goldstein"],
        modality=modality, event_date=when, num_mentions=len(ms), num_articles=len({m["article_id"] for m in ms}),
        num_sources=len({m["outlet"] or "?" for m in ms}), first_seen=_seen(first),
        last_seen=max(_seen(m) for m in ms), confidence=max(m["confidence"] or 0.0 for m in ms),
        corroboration=score, corroboration_reason=reason, dedup_key=key,
        tone=round(sum(tones) / len(tones), 4) if tones else None, num_independent=independent,
        source_url=urls.get(first["article_id"]),
    )
    return row


def update_clusters(con: Any, keys: Iterable[str], max_mentions: int | None = None) -> int:
    """Recompute clusters for these dedup keys and point their mentions at them. Returns #clusters.

    The keys are refreshed in groups of at most `max_mentions` stored mentions (a key with more is a
    group alone), so the memory this takes is bounded by the group, not by the size of the store.
    Every key is clustered from all of its mentions either way: the result does not depend on grouping.
    """
    key_list = sorted(set(keys))
    if not key_list:
        return 0
    budget = REFRESH_MENTIONS if max_mentions is None else max_mentions
    return sum(_refresh(con, group) for group in _key_groups(con, key_list, budget))


def _key_groups(con: Any, keys: list[str], max_mentions: int) -> list[list[str]]:
    """Consecutive runs of the sorted `keys` holding at most `max_mentions` stored mentions each."""
    sizes = dict(con.execute("SELECT dedup_key, count(*) FROM events WHERE list_contains(?, dedup_key) "
                             "GROUP BY dedup_key", [keys]).fetchall())
    groups: list[list[str]] = [[]]
    size = 0
    for key in keys:
        n = sizes.get(key, 0)
        if groups[-1] and size + n > max_mentions:
            groups.append([])
            size = 0
        groups[-1].append(key)
        size += n
    return groups


def _refresh(con: Any, key_list: list[str]) -> int:
    """Recompute the clusters of one group of keys; only clusters and mentions that change are written."""
    cols = ", ".join(f"e.{c}" for c in MENTION_COLUMNS)
    cur = con.execute(f"SELECT {cols}, a.url, e.cluster_id FROM events e LEFT JOIN articles a USING (article_id) "
                      "WHERE list_contains(?, e.dedup_key)", [key_list])
    names = [*MENTION_COLUMNS, "article_url", "old_cluster_id"]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    urls = {r["article_id"]: r["article_url"] for r in rows}
    by_key: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_key.setdefault(r["dedup_key"], []).append(r)
    del rows
    grouped = [(key, c) for key in sorted(by_key) for c in cluster_mentions(by_key[key])]
    texts = texts_for_copy_check(con, [c for _, c in grouped])
    out: list[dict[str, Any]] = []
    assign: dict[str, str] = {}
    for key, c in grouped:
        row = cluster_row(key, c, texts, urls)
        out.append(row)
        assign.update({m["event_id"]: row["cluster_id"] for m in c.members if m["old_cluster_id"] != row["cluster_id"]})
    del grouped, texts, by_key
    _replace_clusters(con, key_list, out)
    point_mentions(con, assign)
    return len(out)


def _replace_clusters(con: Any, key_list: list[str], new: list[dict[str, Any]]) -> None:
    """Make the clusters of these keys exactly `new`, deleting and inserting only the rows that differ."""
    cur = con.execute(f"SELECT {', '.join(CLUSTER_COLUMNS)} FROM clusters WHERE list_contains(?, dedup_key)",
                      [key_list])
    old = {r[0]: r for r in cur.fetchall()}
    changed = [row for row in new if old.pop(row["cluster_id"], None) != tuple(row[c] for c in CLUSTER_COLUMNS)]
    gone = sorted(old.keys() | {row["cluster_id"] for row in changed})
    del old
    write_clusters(con, gone, changed)


@contextmanager
def registered(con: Any, name: str, table: Any) -> Iterator[None]:
    """`table` (Arrow) visible to SQL as `name` while the block runs. If the block fails, that error is the
    one raised: after an error such as out-of-memory DuckDB refuses every statement, unregister included,
    and that second error used to replace the first ("Current transaction is aborted")."""
    con.register(name, table)
    try:
        yield
    except BaseException:
        try:
            con.unregister(name)
        except Exception as exc:  # the connection is failing; the block's own error says why
            log.debug("unregister %s after a failed statement: %s", name, exc)
        raise
    con.unregister(name)


def write_clusters(con: Any, delete_ids: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    """Delete the clusters `delete_ids`, then insert `rows` (cluster rows; their ids must be deleted or new)."""
    import pyarrow as pa

    if delete_ids:
        with registered(con, "_fp_gone", pa.table({"cluster_id": list(delete_ids)})):
            con.execute("DELETE FROM clusters WHERE cluster_id IN (SELECT cluster_id FROM _fp_gone)")
    if rows:
        with registered(con, "_fp_new_clusters", pa.Table.from_pylist(list(rows))):
            con.execute(f"INSERT INTO clusters ({', '.join(CLUSTER_COLUMNS)}) "
                        f"SELECT {', '.join(CLUSTER_COLUMNS)} FROM _fp_new_clusters")


def point_mentions(con: Any, assign: dict[str, str]) -> None:
    """Set events.cluster_id for these mentions (event id -> cluster id)."""
    import pyarrow as pa

    if not assign:
        return
    with registered(con, "_fp_assign", pa.table({"event_id": list(assign), "cluster_id": list(assign.values())})):
        con.execute("UPDATE events SET cluster_id = m.cluster_id FROM _fp_assign m "
                    "WHERE events.event_id = m.event_id AND events.cluster_id IS DISTINCT FROM m.cluster_id")


def texts_for_copy_check(con: Any, clusters: Sequence[Cluster]) -> dict[str, str]:
    """Article texts, fetched only for clusters reported by more than one outlet (the copy check needs them)."""
    ids = sorted({m["article_id"] for c in clusters if len({m["outlet"] or "?" for m in c.members}) > 1
                  for m in c.members})
    if not ids:
        return {}
    rows = con.execute("SELECT article_id, text FROM articles WHERE list_contains(?, article_id)", [ids]).fetchall()
    return {aid: text or "" for aid, text in rows}


def rebuild_all(con: Any) -> int:
    """Recompute every cluster (after a migration, or to apply new dedup rules). Run inside a transaction."""
    _backfill_keys(con)
    keys = [r[0] for r in con.execute("SELECT DISTINCT dedup_key FROM events WHERE dedup_key IS NOT NULL").fetchall()]
    return update_clusters(con, keys)


def _backfill_keys(con: Any) -> None:
    """Give mentions stored before migration 2 their dedup key."""
    import pyarrow as pa

    rows = con.execute("SELECT event_id, source_country, source_code, source_text, target_country, target_code, "
                       "target_text, plover_type, article_id FROM events WHERE dedup_key IS NULL").fetchall()
    if not rows:
        return
    keys = pa.table({"event_id": [r[0] for r in rows],
                     "dedup_key": [key_of(r[1:4], r[4:7], r[7], r[8]) for r in rows]})
    with registered(con, "_fp_keys", keys):
        con.execute("UPDATE events SET dedup_key = k.dedup_key FROM _fp_keys k WHERE events.event_id = k.event_id")
