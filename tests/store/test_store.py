import json

import duckdb

from flashpoint.store.db import Store
from flashpoint.store.ingest import ingest

from ..conftest import SAMPLES


def test_ingest_is_idempotent_and_round_trips(tmp_path, settings, pipeline):
    db = tmp_path / "t.duckdb"
    s1, c1 = ingest([SAMPLES], settings, db, pipeline=pipeline)
    assert s1.new_articles >= 10 and s1.new_events > 20
    with Store(db) as st:
        first = st.dump()
    s2, c2 = ingest([SAMPLES], settings, db, pipeline=pipeline)
    assert s2.new_articles == 0 and s2.new_events == 0 and c1 == c2
    with Store(db) as st:
        assert st.dump() == first
        ev = st.events(limit=500)
    assert all(e["sentence"][e["trigger_start"]:e["trigger_end"]] == e["trigger_text"] for e in ev)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] >= 1
    con.close()


def test_quarantine_table_and_duplicate_ids(tmp_path, settings, pipeline):
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join([json.dumps({"id": "a", "text": "Russia attacked Ukraine."}), "{oops",
                            json.dumps({"id": "a", "text": "A different text with the same id."})]))
    db = tmp_path / "q.duckdb"
    s, counts = ingest([f], settings, db, pipeline=pipeline)
    assert counts["articles"] == 1
    with Store(db) as st:
        reasons = [r[0] for r in st.con.execute("SELECT reason FROM quarantine ORDER BY reason").fetchall()]
    assert any("duplicate id 'a'" in r for r in reasons) and any("invalid JSON" in r for r in reasons)
    s2, counts2 = ingest([f], settings, db, pipeline=pipeline)
    assert counts2 == counts  # quarantine rows are not duplicated either


def test_migration_3_drops_primary_keys_and_keeps_rows(tmp_path, settings, pipeline):
    from flashpoint.store import db as store_db

    db = tmp_path / "m.duckdb"
    latest = store_db.MIGRATIONS
    store_db.MIGRATIONS = [m for m in latest if m[0] < 3]  # a store written before migration 3
    try:
        ingest([SAMPLES], settings, db, pipeline=pipeline)
        with Store(db) as st:
            before = st.dump(), st.con.execute("SELECT * FROM clusters ORDER BY cluster_id").fetchall()
            assert st.con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'events' "
                                  "AND constraint_type = 'PRIMARY KEY'").fetchone()[0] == 1
    finally:
        store_db.MIGRATIONS = latest
    with Store(db) as st:  # migrates
        assert (st.dump(), st.con.execute("SELECT * FROM clusters ORDER BY cluster_id").fetchall()) == before
        assert st.con.execute("SELECT list(DISTINCT table_name) FROM duckdb_constraints() "
                              "WHERE constraint_type = 'PRIMARY KEY'").fetchone()[0] == ["schema_migrations"]
    s, _ = ingest([SAMPLES], settings, db, pipeline=pipeline)  # still idempotent without the constraints
    assert s.new_articles == 0 and s.new_events == 0
    with Store(db) as st:
        assert st.dump() == before[0]
