"""The query layer works on a schema-1 database and uses clusters (sources, mentions) when present."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from flashpoint.analytics.escalation import IndexParams, dyad_index
from flashpoint.store import queries as q
from flashpoint.store.db import MIGRATIONS, Store
from tests.analytics.synthetic import Ev, insert


def _schema1_db(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute(MIGRATIONS[0][1])
    con.execute("INSERT INTO articles (article_id, title, published, text) VALUES ('a1', 'T', '2024-02-01T10:00:00Z', "
                "'AAA attacked BBB.')")
    con.execute("INSERT INTO events (event_id, article_id, sentence_index, sentence, source_code, source_country, "
                "target_code, target_country, source_text, target_text, cameo, cameo_root, quad_class, plover_type, "
                "modality, confidence, trigger_text, trigger_start, trigger_end, ingested_at) VALUES ('e1', 'a1', 0, "
                "'AAA attacked BBB.', 'AAA', 'AAA', 'BBB', 'BBB', 'AAA', 'BBB', '190', '19', 4, 'ASSAULT', 'asserted', "
                "1.0, 'attacked', 4, 12, TIMESTAMP '2024-06-01 00:00:00')")
    return con


def test_schema_1_database(tmp_path: Path) -> None:
    con = _schema1_db(tmp_path / "old.duckdb")
    assert not q.Schema.inspect(con).has("events", "cluster_id")
    page = q.list_events(con, q.EventFilter(dyad=("BBB", "AAA")))
    assert page.total == 1 and page.items[0]["day"] == "2024-02-01"  # from the article's publication date
    detail = q.get_event(con, "e1")
    assert detail["num_sources"] == 1 and [m["event_id"] for m in detail["mentions"]] == ["e1"]
    assert dyad_index(con, "AAA", "BBB", IndexParams())[0].index == 14.0
    con.close()


def test_clusters_give_sources_mentions_and_dedup(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    ids = insert(db, [Ev("AAA", "BBB", date(2024, 3, 4), "ASSAULT"), Ev("AAA", "BBB", date(2024, 3, 4), "ASSAULT")])
    with Store(db) as store:
        if not q.Schema.inspect(store.con).clustered:
            pytest.skip("this database schema has no clusters table yet (migration 2)")
        store.con.execute("INSERT INTO clusters (cluster_id, num_mentions, num_sources, num_independent) "
                          "VALUES ('k1', 2, 5, 3)")
        store.con.execute("UPDATE events SET cluster_id = 'k1'")
        detail = q.get_event(store.con, ids[0])
        assert detail["num_sources"] == 3 and detail["num_mentions"] == 2
        assert sorted(m["event_id"] for m in detail["mentions"]) == sorted(ids)
        assert q.list_events(store.con, q.EventFilter(min_sources=3)).total == 2
        assert q.list_events(store.con, q.EventFilter(min_sources=4)).total == 0
        # two mentions of one event with 3 independent sources: 28 x corroboration 1.0, counted once
        assert dyad_index(store.con, "AAA", "BBB", IndexParams())[0].index == 28.0
