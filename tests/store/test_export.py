import csv
import json
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from flashpoint.cli import main
from flashpoint.errors import StoreError
from flashpoint.store.export import GDELT_COLUMNS, _csv, _tsv, export, global_event_id, plain
from flashpoint.store.ingest import ingest

from ..conftest import SAMPLES

DEDUP = Path(__file__).parent / "data" / "dedup_articles.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory, settings, pipeline) -> Path:
    path = tmp_path_factory.mktemp("export") / "x.duckdb"
    ingest([DEDUP, SAMPLES], settings, path, pipeline=pipeline)
    return path


def _rows(db: Path, sql: str) -> tuple[list[str], list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    rows = cur.fetchall()
    con.close()
    return cols, rows


def _clusters(db: Path) -> dict[str, dict]:
    cols, rows = _rows(db, "SELECT * FROM clusters")
    return {r[0]: dict(zip(cols, r, strict=True)) for r in rows}


@pytest.mark.parametrize("table", ["events", "clusters", "articles"])
def test_parquet_round_trips_exactly(db, tmp_path, table):
    out = tmp_path / f"{table}.parquet"
    key = {"events": "event_id", "clusters": "cluster_id", "articles": "article_id"}[table]
    n = export(db, "parquet", out, table=table)
    _, want = _rows(db, f"SELECT * FROM {table} ORDER BY {key}")
    _, got = _rows(db, f"SELECT * FROM read_parquet('{out}') ORDER BY {key}")
    assert n == len(want) > 0 and got == want


def test_jsonl_round_trips(db, tmp_path):
    out = tmp_path / "e.jsonl"
    export(db, "jsonl", out)
    cols, want = _rows(db, "SELECT * FROM events ORDER BY event_id")
    got = [json.loads(line) for line in out.read_text().splitlines()]
    assert got == [{c: plain(v) for c, v in zip(cols, r, strict=True)} for r in want]


def test_csv_round_trips_and_loads_in_duckdb(db, tmp_path):
    out = tmp_path / "e.csv"
    export(db, "csv", out)
    cols, want = _rows(db, "SELECT * FROM events ORDER BY event_id")
    with out.open(newline="") as f:
        got = list(csv.DictReader(f))

    def text(v):
        return "" if v is None else json.dumps(v) if isinstance(v, list) else str(plain(v))

    assert got == [{c: text(v) for c, v in zip(cols, r, strict=True)} for r in want]
    assert [json.loads(g["evidence"]) for g in got] == [list(r[cols.index("evidence")]) for r in want]
    _, n = _rows(db, f"SELECT count(*) FROM read_csv('{out}', header=true)")
    assert n[0][0] == len(want)


def test_gdelt_has_61_columns_and_our_codes(db, tmp_path):
    out = tmp_path / "events.tsv"
    n = export(db, "gdelt", out)
    clusters = _clusters(db)
    by_gid = {global_event_id(cid): c for cid, c in clusters.items()}
    lines = out.read_text().splitlines()
    assert n == len(lines) == len(clusters) == len(by_gid)
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    for line in lines:
        f = line.split("\t")
        assert len(f) == 61
        c = by_gid[int(f[col["GLOBALEVENTID"]])]
        assert f[col["SQLDATE"]] == c["event_date"].strftime("%Y%m%d")
        assert f[col["EventCode"]] == c["cameo"] and f[col["EventRootCode"]] == c["cameo_root"]
        assert int(f[col["QuadClass"]]) == c["quad_class"] and float(f[col["GoldsteinScale"]]) == c["goldstein"]
        assert [int(f[col[k]]) for k in ("NumMentions", "NumSources", "NumArticles")] == [
            c["num_mentions"], c["num_sources"], c["num_articles"]]
        assert f[col["Actor1Code"]] == (c["source_code"] or "")
        assert all(x == "" for x in f[col["Actor1Geo_Type"]:col["ActionGeo_Type"]])  # actor geo: blank
        if c["lat"] is not None:
            assert float(f[col["ActionGeo_Lat"]]) == c["lat"] and f[col["ActionGeo_Type"]] in "12345"
    kharkiv = next(line.split("\t") for line in lines if "\tRUS\t" in line and "KHARKIV" in line)
    assert kharkiv[col["ActionGeo_CountryCode"]] == "UP"  # FIPS 10-4 code of Ukraine, as GDELT uses
    assert kharkiv[col["SOURCEURL"]].startswith("https://")


def test_plover_jsonl_round_trips_the_clusters(db, tmp_path):
    out = tmp_path / "events.plover.jsonl"
    export(db, "plover", out)
    clusters = _clusters(db)
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    # PLOVER has no statement type: statement clusters (CAMEO 01) are left out of the PLOVER export
    assert {r["id"] for r in recs} == {k for k, c in clusters.items() if c["plover_type"]}
    for r in recs:
        c = clusters[r["id"]]
        assert r["date"] == c["event_date"].isoformat() and r["event"] == [c["plover_type"]]
        assert r["quad_code"] == c["quad_class"] and r["event_scale"] == c["goldstein"]
        assert r["num_sources"] == c["num_sources"] and r["corroboration_reason"] == c["corroboration_reason"]
        if c["source_code"]:
            assert r["source"][0]["flashpoint_code"] == c["source_code"]
        assert (r["event_loc"] is None) == (c["location_country"] is None)
    iran = next(r for r in recs if r["source"] and r["source"][0]["flashpoint_code"] == "IGOEU"
                and r["num_articles"] == 6)
    assert iran["recipient"][0]["code"] == "IRN" and len(iran["cite_info"]["publication"]) == 6


def test_export_errors_are_named_and_the_cli_says_why(db, tmp_path, capsys):
    with pytest.raises(StoreError):
        export(db, "xml", tmp_path / "x")
    with pytest.raises(StoreError):
        export(tmp_path / "missing.duckdb", "csv", tmp_path / "x")
    assert main(["export", "--db", str(tmp_path / "missing.duckdb"), "--format", "csv",
                 "--out", str(tmp_path / "o.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["export", "--db", str(db), "--format", "plover", "--out", str(tmp_path / "p.jsonl"),
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["records"] > 0


@hsettings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.text(), st.lists(st.text(), max_size=3), st.none() | st.floats(allow_nan=False)),
                max_size=5))
def test_csv_writer_round_trips_any_text(tmp_path_factory, rows):
    rows = [(a, b, c) for a, b, c in rows]
    out = tmp_path_factory.mktemp("csv") / "r.csv"
    _csv(out, ["a", "b", "c"], rows)
    with out.open(newline="", encoding="utf-8") as f:
        got = list(csv.reader(f))[1:]
    assert [(g[0], json.loads(g[1]), None if g[2] == "" else float(g[2])) for g in got] == rows


@given(st.text())
def test_tsv_fields_never_contain_tabs_or_newlines(value):
    assert "\t" not in _tsv(value) and "\n" not in _tsv(value)


def test_plain_makes_dates_iso():
    assert plain(date(2026, 1, 2)) == "2026-01-02" and plain(datetime(2026, 1, 2, 3, 4)) == "2026-01-02T03:04:00"
