"""Date-windowed cluster refresh: after a batch, re-cluster only the stretch of dates its mentions can change.

`dedup.update_clusters` re-clusters every touched dedup key from all of its stored mentions, so its cost
grows with the store. This module gives exactly the same clusters while reading a bounded slice of each
key. The new mentions are those not yet assigned to a cluster (`events.cluster_id IS NULL`: `Store.write`
inserts them so, in the same transaction). The stored assignment is the greedy clustering
(`dedup.Greedy`) of the old mentions; for each key:

* **Start.** The greedy run over old + new mentions is identical to the old run up to the first new
  mention (dated T). From then on, clusters anchored before T - FALLBACK_WINDOW_DAYS are closed: they
  cannot change, and neither can the rest of their members. So the replay starts at C = T - window with
  the stored mentions dated >= C that are not members of such a closed cluster (found among the stored
  mentions dated C - window .. C-1). A key's new dates are split into runs (a gap of more than
  SEGMENT_GAP_DAYS starts another), one window each; two windows merge when the first one's runs agree
  only inside the second one's slice. Undated mentions come last and sit in clusters anchored within
  the window of the key's last date, which new mentions can move: if a key has any, its last window
  starts at the last stored date - window and reads to the end.
* **End.** Greedy clustering can cascade forward in time (a new anchor shifts which later mentions
  open a cluster), so the replay runs the old and the new mention sets side by side and stops at the
  first stored mention after the last new one where both runs have the same open clusters: from there
  on they agree. The slice read ends FORWARD_DAYS after the last new mention and widens if the runs
  have not agreed by then.
* **Check.** The old run's replay must give the stored cluster ids; if it does not (clusters made by
  other rules), the key is refreshed in full (`update_clusters`).

Keys are taken in groups of at most SLICE_MENTIONS mentions in their slices, and only clusters whose
members changed are written (in chunks of at most REWRITE_MENTIONS mentions), from full mention rows
read for them alone.
Predicates are plain date ranges per key (`event_date BETWEEN lo AND hi`) plus one constant range over
the whole batch, which DuckDB's zone maps can use to skip row groups when the events table is roughly
in date order (a live feed); otherwise the slice costs one columnar scan of (dedup_key, event_date).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from flashpoint.store.dedup import (
    FALLBACK_WINDOW_DAYS,
    MENTION_COLUMNS,
    Cluster,
    Greedy,
    cluster_id,
    cluster_row,
    order,
    point_mentions,
    registered,
    texts_for_copy_check,
    update_clusters,
    write_clusters,
)

log = logging.getLogger(__name__)

#: stored mentions whose light rows are read and replayed at once (a key with a larger slice is a group
#: alone): ~1 KB of Python objects per row, so 10,000 (dedup.REFRESH_MENTIONS) put ~10 MB on a 50k batch's peak;
#: 5,000 takes ~5 MB off it for ~5% more write time, 2,500 ~7 MB for ~35% more (docs/benchmarks.md, session 7).
SLICE_MENTIONS = 5_000
#: full mention rows held at once while changed clusters are rewritten (a larger cluster is read alone);
#: in a store whose clusters keep growing, a batch rewrites far more mentions than it adds.
REWRITE_MENTIONS = 2_000
#: columns read per statement when rows are fetched by event id: to fetch scattered rows DuckDB pins a
#: 256 KiB block of every column it reads at once, ~12 MB for all of an events row.
READ_COLUMNS = 8
#: rows taken from DuckDB per fetch (see fetch_streamed).
FETCH_ROWS = 2_048
#: days of stored mentions after a key's last new mention read at first (x4 until the runs agree).
FORWARD_DAYS = 8
#: a gap between two new mentions' dates (days) after which they get separate windows.
SEGMENT_GAP_DAYS = 2 * FALLBACK_WINDOW_DAYS + FORWARD_DAYS
#: the columns the greedy clustering reads (order, window, places) and the stored assignment.
LIGHT_COLUMNS = ("event_id", "event_date", "published", "article_id", "sentence_index", "trigger_start",
                 "event_date_source", "location_country", "location_city", "cluster_id")
_DAY = timedelta(days=1)
_WINDOW = timedelta(days=FALLBACK_WINDOW_DAYS)


@dataclass
class RefreshStats:
    """What one windowed refresh did (for benchmarks and logs)."""

    keys: int = 0  # dedup keys with new mentions
    mentions_read: int = 0  # light rows read for the replays (all passes)
    mentions_rewritten: int = 0  # mentions of the clusters that changed (full rows read)
    clusters_written: int = 0
    full_keys: int = 0  # keys refreshed in full (stored clusters inconsistent with the rules)


@dataclass
class _Window:
    """The slice of one key to replay: dates lo..hi (None: unbounded), undated mentions if hi is None."""

    key: str
    start: date | None  # C: first date whose clusters may change (None: the whole key)
    last_new: date | None  # last new mention's date (None: a new mention is undated -> read to the end)
    last: date | None  # the key's last mention date
    forward: int = FORWARD_DAYS

    @property
    def lo(self) -> date | None:
        return None if self.start is None else self.start - _WINDOW

    @property
    def hi(self) -> date | None:
        if self.last_new is None or self.last is None:
            return None
        end = self.last_new + timedelta(days=self.forward)
        return None if end >= self.last else end


def refresh_clusters(con: Any, keys: Iterable[str]) -> RefreshStats:
    """Bring the clusters of these keys up to date with their new (unassigned) mentions, reading only
    the date windows those can change. Same result as `update_clusters(con, keys)`. Run in a transaction."""
    stats = RefreshStats()
    windows = _windows(con, sorted(set(keys)))
    stats.keys = len(windows)
    full: list[str] = []
    for group in _groups(con, windows, SLICE_MENTIONS):
        full += _refresh_group(con, group, stats)
    if full:
        log.warning("stored clusters of %d dedup keys do not follow the current rules; refreshed in full", len(full))
        stats.full_keys = len(full)
        stats.clusters_written += update_clusters(con, full)
    return stats


def _groups(con: Any, windows: dict[str, list[_Window]], budget: int) -> list[dict[str, list[_Window]]]:
    """The keys in groups whose first slices hold at most `budget` stored mentions (a larger key is a
    group alone), so that the rows in memory at once do not grow with the store."""
    sizes = _slice_sizes(con, [w for ws in windows.values() for w in ws])
    groups: list[dict[str, list[_Window]]] = [{}]
    size = 0
    for key, ws in windows.items():
        n = sizes.get(key, 0)
        if groups[-1] and size + n > budget:
            groups.append({})
            size = 0
        groups[-1][key] = ws
        size += n
    return groups


def _refresh_group(con: Any, todo: dict[str, list[_Window]], stats: RefreshStats) -> list[str]:
    """Refresh one group of keys; returns the keys that need a full refresh."""
    full: list[str] = []
    while todo:
        rows = _read_light(con, [w for ws in todo.values() for w in ws])
        stats.mentions_read += sum(len(r) for r in rows.values())
        retry: dict[str, list[_Window]] = {}
        changes: list[tuple[str, str, Cluster]] = []
        gone: list[str] = []
        for key, ws in todo.items():
            results = [_replay(w, rows.pop((key, i), [])) for i, w in enumerate(ws)]
            if "full" in results:
                full.append(key)
            elif (again := _retry(ws, results)) is not None:
                retry[key] = again
            else:
                for r in results:
                    assert not isinstance(r, str)
                    changes.extend((key, cid, c) for cid, c in r[0])
                    gone.extend(r[1])
        del rows
        stats.mentions_rewritten += sum(len(c.members) for _, _, c in changes)
        stats.clusters_written += _write(con, changes, gone)
        todo = retry
    return full


def _retry(ws: list[_Window], results: list[_Result | Literal["widen", "full"]]) -> list[_Window] | None:
    """The key's windows to replay again, or None if every replay is final. A replay that has not
    settled widens its window; two windows are merged when the first one's runs agree only inside the
    second one's slice (the second replay assumed the stored clusters there)."""
    if "widen" in results:
        for w, r in zip(ws, results, strict=True):
            w.forward *= 4 if r == "widen" else 1
        return ws
    settled = [r for r in results if not isinstance(r, str)]
    for i in range(len(ws) - 1):
        nxt = ws[i + 1]
        if nxt.lo is None or settled[i][2] >= nxt.lo:
            merged = _Window(ws[i].key, ws[i].start, nxt.last_new, nxt.last, max(ws[i].forward, nxt.forward))
            return [*ws[:i], merged, *ws[i + 2:]]
    return None


def _windows(con: Any, keys: list[str]) -> dict[str, list[_Window]]:
    """The windows of every key that has new mentions: one per run of new dates (a gap of more than
    SEGMENT_GAP_DAYS between two new dates starts another)."""
    if not keys:
        return {}
    # keys as a parameter, not a registered table: a caller's half-read result is fine. Plain aggregates
    # only: list(DISTINCT ... ORDER BY ...) buffers rows (a 50,000-article store: +34 MB RSS, now +13 MB)
    rows = con.execute(
        "SELECT dedup_key, list(event_date) FILTER (WHERE cluster_id IS NULL AND event_date IS NOT NULL), "
        "max(event_date) FILTER (WHERE cluster_id IS NOT NULL), bool_or(event_date IS NULL), max(event_date) "
        "FROM events WHERE dedup_key IN (SELECT unnest(?::VARCHAR[])) "
        "GROUP BY dedup_key HAVING bool_or(cluster_id IS NULL) ORDER BY dedup_key", [keys]).fetchall()
    return {key: _runs(key, sorted(set(new_dates or [])), old_last, undated, last)
            for key, new_dates, old_last, undated, last in rows}


def _runs(key: str, new_dates: list[date], old_last: date | None, undated: bool, last: date | None) -> list[_Window]:
    """The windows of a key from its new dates, its last stored date, whether it has undated mentions and
    its last date (see the module doc)."""
    days: list[date] = list(new_dates)
    if last is None:  # no dated mention at all: the whole key
        return [_Window(key, None, None, None)]
    if undated:  # undated mentions come last and sit in clusters anchored near the last date, which
        days = sorted({*days, old_last or last})  # moves with new mentions: replay from there to the end
    runs: list[list[date]] = [[days[0]]]
    for d in days[1:]:
        if (d - runs[-1][-1]).days > SEGMENT_GAP_DAYS:
            runs.append([])
        runs[-1].append(d)
    if undated:  # one window from the stored last date to the end (nothing stored after it)
        k = next(i for i, r in enumerate(runs) if (old_last or last) in r)
        runs[k:] = [[d for r in runs[k:] for d in r]]
    ws = [_Window(key, r[0] - _WINDOW, r[-1], last) for r in runs]
    if undated:
        ws[-1].last_new = None
    return ws


_SLICE = ("FROM events e JOIN _fp_windows w ON e.dedup_key = w.dedup_key "
          "WHERE (e.event_date IS NULL AND w.hi IS NULL) OR ("
          "  e.event_date BETWEEN coalesce(?::DATE, DATE '0001-01-01') AND coalesce(?::DATE, DATE '9999-12-31') "
          "  AND e.event_date >= coalesce(w.lo, DATE '0001-01-01') "
          "  AND e.event_date <= coalesce(w.hi, DATE '9999-12-31'))")


def _query_slices(con: Any, windows: list[_Window], select: str, tail: str = "") -> Iterator[tuple[Any, ...]]:
    """The rows of `SELECT {select} _SLICE {tail}` over these windows (registered as _fp_windows, with each
    window's index among its key's as `wid`), a few thousand at a time (consume them all: the table stays
    registered until then); the constant date range lets zone maps skip row groups."""
    import pyarrow as pa

    index: dict[str, int] = {}
    wids = []
    for w in windows:
        wids.append(index.get(w.key, 0))
        index[w.key] = wids[-1] + 1
    table = pa.table({"dedup_key": [w.key for w in windows], "wid": wids, "lo": [w.lo for w in windows],
                      "hi": [w.hi for w in windows]}, schema=pa.schema(
        [("dedup_key", pa.string()), ("wid", pa.int32()), ("lo", pa.date32()), ("hi", pa.date32())]))
    los, his = [w.lo for w in windows], [w.hi for w in windows]
    lo = None if None in los else min(los)  # type: ignore[type-var]
    hi = None if None in his else max(his)  # type: ignore[type-var]
    with registered(con, "_fp_windows", table):
        con.execute(f"SELECT {select} {_SLICE} {tail}", [lo, hi])
        yield from fetch_streamed(con)


def fetch_streamed(con: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of the statement `con` just ran, taken a few thousand at a time: `fetchall` has DuckDB
    materialise the whole result first (a key group's light rows: 6-8 MB in DuckDB's buffer pool at once)."""
    while chunk := con.fetchmany(FETCH_ROWS):
        yield from chunk


def _slice_sizes(con: Any, windows: list[_Window]) -> dict[str, int]:
    if not windows:
        return {}
    return dict(_query_slices(con, windows, "e.dedup_key, count(*)", "GROUP BY e.dedup_key"))


def _read_light(con: Any, windows: list[_Window]) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """The light rows of every window's slice, by (key, index of the window among the key's); converted as
    they are fetched (holding the fetched tuples as well would double the slice's memory)."""
    out: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for r in _query_slices(con, windows, "e.dedup_key, w.wid, " + ", ".join(f"e.{c}" for c in LIGHT_COLUMNS)):
        out.setdefault((r[0], r[1]), []).append(dict(zip(LIGHT_COLUMNS, r[2:], strict=True)))
    return out


#: (changed clusters by id, ids of stored clusters that are gone, date from which the runs agree).
_Result = tuple[list[tuple[str, Cluster]], list[str], date]


def _replay(w: _Window, rows: list[dict[str, Any]]) -> _Result | Literal["widen", "full"]:
    """Re-cluster one window's slice (see _Result); "widen" if the slice ended before the old and new
    runs agreed; "full" if the stored clusters are not what the rules give (refresh the key in full)."""
    if w.start is not None:
        start = w.start
        before = [r for r in rows if r["event_date"] is not None and r["event_date"] < start]
        closed = {r["cluster_id"] for r in before}
        if None in closed:
            return "full"
        if before:
            rows = [r for r in rows if not (r["event_date"] is not None and r["event_date"] < start)
                    and r["cluster_id"] not in closed]
    rows.sort(key=order)
    last_new = max((i for i, r in enumerate(rows) if r["cluster_id"] is None), default=-1)
    new, old = Greedy(), Greedy()
    agreed: date | None = None
    for i, m in enumerate(rows):
        if i > last_new:
            new.advance(m["event_date"])
            old.advance(m["event_date"])
            if new.open_state() == old.open_state():
                agreed = m["event_date"] or date.max
                break
        new.add(m)
        if m["cluster_id"] is not None:
            old.add(m)
    if agreed is None and w.hi is not None:  # any mention beyond the slice is dated after w.hi
        new.advance(w.hi + _DAY)
        old.advance(w.hi + _DAY)
        if new.open_state() != old.open_state():
            return "widen"
        agreed = w.hi + _DAY
    return _diff(w.key, new.clusters, old.clusters, agreed or date.max)


def _diff(key: str, new: list[Cluster], old: list[Cluster], agreed: date) -> _Result | Literal["full"]:
    stored: dict[str, frozenset[str]] = {}
    for c in old:
        cid = cluster_id(key, c.anchor["event_id"])
        if any(m["cluster_id"] != cid for m in c.members):
            return "full"
        stored[cid] = frozenset(m["event_id"] for m in c.members)
    changed = []
    for c in new:
        cid = cluster_id(key, c.anchor["event_id"])
        if stored.pop(cid, None) != frozenset(m["event_id"] for m in c.members):
            changed.append((cid, c))
    return changed, sorted(stored), agreed


def _write(con: Any, changes: list[tuple[str, str, Cluster]], gone: list[str]) -> int:
    """Compute the changed clusters' rows from their mentions' full rows (and articles' texts) and write
    them, in chunks of at most REWRITE_MENTIONS mentions (a larger cluster is a chunk alone)."""
    write_clusters(con, gone, [])
    chunk: list[tuple[str, str, Cluster]] = []
    size = 0
    for change in changes:
        if chunk and size + len(change[2].members) > REWRITE_MENTIONS:
            _write_chunk(con, chunk)
            chunk, size = [], 0
        chunk.append(change)
        size += len(change[2].members)
    if chunk:
        _write_chunk(con, chunk)
    return len(changes)


def _write_chunk(con: Any, changes: list[tuple[str, str, Cluster]]) -> None:
    full = _read_full(con, [m["event_id"] for _, _, c in changes for m in c.members])
    urls = article_urls(con, {m["article_id"] for m in full.values()})
    clusters = [(key, cid, Cluster(full[c.anchor["event_id"]], [full[m["event_id"]] for m in c.members]))
                for key, cid, c in changes]
    del full
    texts = texts_for_copy_check(con, [c for _, _, c in clusters])
    rows = [cluster_row(key, c, texts, urls) for key, _, c in clusters]
    del texts
    assign = {m["event_id"]: cid for _, cid, c in clusters for m in c.members if m["old_cluster_id"] != cid}
    write_clusters(con, [cid for _, cid, _ in clusters], rows)
    point_mentions(con, assign)


def _read_columns(con: Any, ids: str, columns: Sequence[str]) -> tuple[list[str], dict[str, list[Any]]]:
    """(names, rows by event id): the events whose id is in the registered table `ids`, READ_COLUMNS
    columns per statement (a fetch of scattered rows pins a block of every column it reads at once);
    names is event_id, then the other `columns` in their order."""
    rest = [c for c in columns if c != "event_id"]
    rows: dict[str, list[Any]] = {}
    for i in range(0, len(rest), READ_COLUMNS):
        part = rest[i:i + READ_COLUMNS]
        con.execute(f"SELECT event_id, {', '.join(part)} FROM events "  # column names are ours
                    f"WHERE event_id IN (SELECT event_id FROM {ids})")
        for r in fetch_streamed(con):
            rows.setdefault(r[0], [r[0]]).extend(r[1:])
    return ["event_id", *rest], rows


def _read_full(con: Any, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The full rows of these mentions (MENTION_COLUMNS and their stored cluster id as old_cluster_id)."""
    import pyarrow as pa

    with registered(con, "_fp_ids", pa.table({"event_id": event_ids})):
        names, rows = _read_columns(con, "_fp_ids", [*MENTION_COLUMNS, "cluster_id"])
    names[-1] = "old_cluster_id"
    return {e: dict(zip(names, row, strict=True)) for e, row in rows.items()}


def article_urls(con: Any, article_ids: set[str]) -> dict[str, str | None]:
    """URL of each of these articles (a semi join on the batch's ids; joining the articles table to the
    mention rows instead built a hash table over every stored article)."""
    ids = sorted(article_ids)
    if not ids:
        return {}
    rows = con.execute("SELECT article_id, url FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                       [ids]).fetchall()
    return dict(rows)
