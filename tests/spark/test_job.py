"""The Spark job on local[2]: same rows as the single-machine pipeline, idempotent load, Parquet layout."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from flashpoint.settings import Settings
from flashpoint.store.db import EVENT_COLUMNS, Store
from flashpoint.store.ingest import ingest
from tests.conftest import SAMPLES

EXTRA_RECORDS = [
    {"id": "dup-1", "published": "2026-05-04", "source": "Test Wire",
     "text": "Turkey accused Greece of violating its airspace on Monday."},
    {"id": "dup-1", "text": "A different text under the same id: Greece rejected the accusation."},
    {"id": "fr-1", "text": "Le gouvernement a annoncé mardi une nouvelle loi sur les retraites et les syndicats "
                           "ont appelé à la grève dans tout le pays."},
    {"id": "empty-1", "text": ""},
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for f in SAMPLES.iterdir():
        if f.suffix in (".txt", ".html", ".jsonl"):
            shutil.copy(f, root / f.name)
    lines = [json.dumps(r) for r in EXTRA_RECORDS] + ["{not json"]
    (root / "sub").mkdir()
    (root / "sub" / "extra.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "sub" / "ignored.md").write_text("not an input format", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def job_out(spark: Any, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    from flashpoint.spark.job import run_job

    out = tmp_path_factory.mktemp("spark") / "out"
    summary = run_job(spark, [str(corpus)], str(out), Settings(), partitions=3)
    return out, summary


@pytest.fixture(scope="module")
def single_machine_db(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("single") / "single.duckdb"
    ingest([corpus], Settings(), db)
    return db


def dump(db: Path) -> dict[str, Any]:
    """Every stored table (timestamps of ingestion left out), for comparisons."""
    out: dict[str, Any] = {}
    with Store(db) as s:
        for table in ("articles", "sentences", "events", "quarantine", "clusters"):
            cur = s.con.execute(f"SELECT * FROM {table}")
            cols = [d[0] for d in cur.description]
            rows = [{c: v for c, v in zip(cols, r, strict=True) if not c.endswith("_at") and c not in
                     ("first_seen", "last_seen")} for r in cur.fetchall()]
            out[table] = sorted(rows, key=lambda r: json.dumps(r, default=str, sort_keys=True))
    return json.loads(json.dumps(out, default=str))  # type: ignore[no-any-return]


def test_spark_output_matches_single_machine_pipeline(job_out: tuple[Path, Any], single_machine_db: Path,
                                                      tmp_path: Path) -> None:
    from flashpoint.spark.load import load_parquet

    out, summary = job_out
    db = tmp_path / "spark.duckdb"
    loaded = load_parquet(out, db)
    expected, got = dump(single_machine_db), dump(db)
    assert summary.events > 20 and loaded.new_events == summary.events
    for table in ("articles", "sentences", "events", "quarantine", "clusters"):
        assert got[table] == expected[table], f"{table} differs between Spark and the single-machine pipeline"
    reasons = {q["reason"] for q in got["quarantine"]}
    assert "duplicate id 'dup-1' with different text" in reasons
    assert any(r.startswith("invalid JSON") for r in reasons)
    assert not any(a["coded"] for a in got["articles"] if a["article_id"] == "fr-1")


def test_load_twice_adds_nothing(job_out: tuple[Path, Any], tmp_path: Path) -> None:
    from flashpoint.spark.load import load_parquet

    db = tmp_path / "twice.duckdb"
    first = load_parquet(job_out[0], db)
    before = dump(db)
    second = load_parquet(job_out[0], db)
    assert first.new_articles > 0 and first.new_events > 0
    assert (second.new_articles, second.new_sentences, second.new_events, second.new_quarantined) == (0, 0, 0, 0)
    assert dump(db) == before


def test_events_parquet_has_store_columns_and_date_partitions(job_out: tuple[Path, Any]) -> None:
    import pyarrow.parquet as pq

    out, summary = job_out
    parts = sorted(p.name for p in (out / "events").iterdir() if p.is_dir())
    assert parts and all(p.startswith("date=") for p in parts)
    assert "date=2026-11-02" in parts  # sample-jsonl-001, published 2026-11-02
    files = list((out / "events").rglob("*.parquet"))
    assert files and pq.read_schema(files[0]).names == list(EVENT_COLUMNS)
    table = pq.read_table(out / "events")
    assert table.num_rows == summary.events and "date" in table.column_names


def test_load_keeps_stored_article_and_quarantines_conflict(job_out: tuple[Path, Any], tmp_path: Path) -> None:
    from flashpoint.spark.load import load_parquet

    src = tmp_path / "conflict.jsonl"
    src.write_text(json.dumps({"id": "sample-jsonl-001", "text": "Chile and Peru signed a trade deal."}) + "\n")
    db = tmp_path / "conflict.duckdb"
    ingest([src], Settings(), db)
    summary = load_parquet(job_out[0], db)
    with Store(db) as s:
        text = s.con.execute("SELECT text FROM articles WHERE article_id = 'sample-jsonl-001'").fetchone()
        n_ev = s.con.execute("SELECT count(*) FROM events WHERE article_id = 'sample-jsonl-001' "
                             "AND sentence LIKE '%Gaza%'").fetchone()
        q = s.con.execute("SELECT count(*) FROM quarantine WHERE reason = "
                          "'duplicate id ''sample-jsonl-001'' with different text'").fetchone()
    assert text == ("Chile and Peru signed a trade deal.",)
    assert n_ev == (0,) and q == (1,) and summary.new_quarantined >= 1


def test_parquet_input_codes_like_jsonl(spark: Any, tmp_path: Path, single_machine_db: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from flashpoint.spark.job import run_job
    from flashpoint.spark.load import load_parquet

    recs = [json.loads(line) for line in (SAMPLES / "10-wire.jsonl").read_text().splitlines() if line.strip()]
    pq.write_table(pa.Table.from_pylist(recs), tmp_path / "wire.parquet")
    summary = run_job(spark, [str(tmp_path / "wire.parquet")], str(tmp_path / "out"), Settings(), partitions=2)
    db = tmp_path / "pq.duckdb"
    load_parquet(tmp_path / "out", db)
    ids = {r["id"] for r in recs}
    want = [e for e in dump(single_machine_db)["events"] if e["article_id"] in ids]
    assert summary.articles == len(recs) and dump(db)["events"] == want


def test_cli_spark_then_load(spark: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from flashpoint.cli import main

    src = tmp_path / "in"
    src.mkdir()
    first = (SAMPLES / "10-wire.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (src / "one.jsonl").write_text(first + "\n", encoding="utf-8")
    out, db = tmp_path / "out", tmp_path / "cli.duckdb"
    assert main(["spark", str(src), "--out", str(out), "--partitions", "1", "--format", "json"]) == 0
    job = json.loads(capsys.readouterr().out)
    assert main(["load", str(out), "--db", str(db), "--format", "json"]) == 0
    loaded = json.loads(capsys.readouterr().out)
    assert job["articles"] == 1 and loaded["new_articles"] == 1 and loaded["new_events"] == job["events"] > 0
    assert main(["spark", str(src), "--out", str(out)]) == 2  # refuses to overwrite without --overwrite
    assert "not empty" in capsys.readouterr().err
    assert spark.sparkContext._jsc is not None  # the shared session survived the CLI run


def test_spark_submit_entry_point(spark: Any, tmp_path: Path) -> None:
    """job.main is what `spark-submit .../flashpoint/spark/job.py` runs; it reuses the active session."""
    import subprocess
    import sys

    from flashpoint.spark import job

    src = tmp_path / "in.jsonl"
    src.write_text((SAMPLES / "10-wire.jsonl").read_text(encoding="utf-8").splitlines()[1] + "\n")
    assert job.main([str(src), "--out", str(tmp_path / "out"), "--partitions", "1"]) == 0
    assert list((tmp_path / "out" / "events").rglob("*.parquet"))
    assert job.main([str(src), "--out", str(tmp_path / "out")]) == 2  # existing output, no --overwrite
    helped = subprocess.run([sys.executable, job.__file__, "--help"], capture_output=True, text=True, check=True)
    assert "spark-submit" in helped.stdout and "--out" in helped.stdout


def test_load_refuses_an_incomplete_folder(tmp_path: Path) -> None:
    from flashpoint.spark.load import LoadError, load_parquet

    (tmp_path / "out" / "events").mkdir(parents=True)
    with pytest.raises(LoadError, match="_SUCCESS"):
        load_parquet(tmp_path / "out", tmp_path / "x.duckdb")
