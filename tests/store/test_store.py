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
