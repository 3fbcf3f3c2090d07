import json
from collections import Counter, defaultdict
from pathlib import Path

import duckdb
import pytest

from flashpoint.store.db import Store
from flashpoint.store.dedup import corroboration, rebuild_all
from flashpoint.store.ingest import ingest

DATA = Path(__file__).parent / "data" / "dedup_articles.jsonl"
def _articles() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]


def _expected() -> dict[str, dict]:
    by_story: dict[str, list[dict]] = defaultdict(list)
    for a in _articles():
        by_story[a["story"]].append(a)
    return {s: {"num_articles": len(arts), "num_sources": len({a["source"] for a in arts})}
            for s, arts in by_story.items()}


def _clusters(db: Path) -> dict[str, dict]:
    con = duckdb.connect(str(db), read_only=True)
    cur = con.execute("SELECT * FROM clusters")
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    con.close()
    return {r["cluster_id"]: r for r in rows}


@pytest.fixture(scope="module")
def dedup_db(tmp_path_factory, settings, pipeline):
    """The 30-article fixture ingested in two deliveries (20, then 10 articles)."""
    tmp = tmp_path_factory.mktemp("dedup")
    arts = _articles()
    first, second = tmp / "first.jsonl", tmp / "second.jsonl"
    first.write_text("".join(json.dumps(a) + "\n" for a in arts[::3] + arts[1::3][:10]))
    rest = [a for a in arts if a not in arts[::3] + arts[1::3][:10]]
    second.write_text("".join(json.dumps(a) + "\n" for a in rest))
    db = tmp / "d.duckdb"
    ingest([first], settings, db, pipeline=pipeline)
    after_first = _clusters(db)
    ingest([second], settings, db, pipeline=pipeline)
    return db, after_first, [first, second]


def test_fixture_has_30_articles_8_events_12_outlets():
    arts = _articles()
    assert len(arts) == 30 and len({a["story"] for a in arts}) == 8 and len({a["source"] for a in arts}) == 12


def _story_clusters(db: Path) -> dict[str, dict]:
    """For each story, the cluster holding most of its articles (its deduplicated event)."""
    story_of = {a["id"]: a["story"] for a in _articles()}
    clusters = _clusters(db)
    con = duckdb.connect(str(db), read_only=True)
    pairs = con.execute("SELECT DISTINCT article_id, cluster_id FROM events").fetchall()
    con.close()
    arts: dict[str, set[str]] = defaultdict(set)
    for aid, cid in pairs:
        arts[cid].add(aid)
    out = {}
    for story in set(story_of.values()):
        best = max(arts, key=lambda c: (sum(story_of[a] == story for a in arts[c]), c))
        out[story] = {**clusters[best], "articles": arts[best], "stories": {story_of[a] for a in arts[best]}}
    return out


def test_thirty_articles_become_eight_events_with_the_right_counts(dedup_db):
    db, _, _ = dedup_db
    expected = _expected()
    found = _story_clusters(db)
    assert len({c["cluster_id"] for c in found.values()}) == 8
    for story, c in found.items():
        assert c["stories"] == {story}, story  # no cluster mixes two stories
        assert c["num_articles"] == expected[story]["num_articles"] == len(c["articles"]), story
        assert c["num_sources"] == expected[story]["num_sources"], story
        assert c["num_mentions"] >= c["num_articles"]
    multi = [c for c in _clusters(db).values() if c["num_articles"] > 1 and c["plover_type"]]
    assert len(multi) == 7  # every story but the single-outlet one; no side event merged across stories
    story_of = {a["id"]: a["story"] for a in _articles()}
    con = duckdb.connect(str(db), read_only=True)
    pairs = con.execute("SELECT cluster_id, article_id FROM events WHERE plover_type IS NULL").fetchall()
    con.close()
    stories: dict[str, set[str]] = defaultdict(set)
    for cid, aid in pairs:
        stories[cid].add(story_of[aid])
    assert stories and all(len(s) == 1 for s in stories.values())  # statements merge only within a story


def test_counts_grow_as_articles_arrive(dedup_db):
    db, after_first, _ = dedup_db
    final = _story_clusters(db)["eu-iran"]
    first = after_first[final["cluster_id"]]  # same anchor mention, same id
    assert first["num_articles"] < final["num_articles"] == 6


def test_corroboration_flags(dedup_db):
    db, _, _ = dedup_db
    by_story = _story_clusters(db)
    assert by_story["egypt-israel"]["corroboration_reason"] == "single outlet"
    assert by_story["us-ven"]["corroboration_reason"] == "3 outlets copy one story"
    assert by_story["us-ven"]["num_independent"] == 1
    assert by_story["prk-missile"]["corroboration_reason"].endswith("reported/alleged only")
    kharkiv = by_story["kharkiv"]
    assert kharkiv["num_independent"] == 4 and kharkiv["corroboration_reason"] == "4 independent outlets"
    scores = {k: v["corroboration"] for k, v in by_story.items()}
    assert scores["kharkiv"] == scores["china-phl"] > scores["brazil-ven"] > scores["us-ven"]
    assert scores["us-ven"] == scores["egypt-israel"] == 0.5  # one independent source either way
    assert scores["prk-missile"] == pytest.approx(0.5 * scores["brazil-ven"])  # 3 outlets, but only alleged


def test_every_mention_points_at_its_cluster_with_offsets(dedup_db):
    db, _, _ = dedup_db
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT e.cluster_id, e.article_id, e.sentence, e.trigger_start, e.trigger_end, "
                       "e.trigger_text, e.outlet, e.published FROM events e").fetchall()
    n = con.execute("SELECT sum(num_mentions) FROM clusters").fetchone()[0]
    con.close()
    assert all(r[0] for r in rows) and n == len(rows)
    assert all(r[2][r[3]:r[4]] == r[5] for r in rows)
    assert all(r[6] and r[7] for r in rows)


def test_reingest_and_rebuild_change_nothing(dedup_db, settings, pipeline):
    db, _, inputs = dedup_db
    with Store(db) as st:
        before, clusters_before = st.dump(), _dump_clusters(st)
    ingest(inputs, settings, db, pipeline=pipeline)
    with Store(db) as st:
        assert st.dump() == before and _dump_clusters(st) == clusters_before
        rebuild_all(st.con)
        assert _dump_clusters(st) == clusters_before


def _dump_clusters(st: Store) -> list[tuple]:
    return st.con.execute("SELECT * FROM clusters ORDER BY cluster_id").fetchall()


def test_corroboration_score_rules():
    def m(outlet, sentence="Russia attacked Ukraine.", modality="asserted", aid="a"):
        return {"outlet": outlet, "sentence": sentence, "modality": modality, "article_id": aid}

    score, reason, n = corroboration([m("A", aid="1")], {"1": "x"})
    assert (reason, n) == ("single outlet", 1) and score == 0.5
    texts = {"1": "one two three four five six", "2": "one two three four five six", "3": "a b c d e f"}
    score, reason, n = corroboration([m("A", aid="1"), m("B", aid="2"), m("C", aid="3")], texts)
    assert (reason, n) == ("2 independent outlets", 2)
    score2, reason2, _ = corroboration([m("A", "Russia allegedly attacked.", aid="1")], {"1": "x"})
    assert reason2 == "single outlet; reported/alleged only" and score2 == 0.25
    assert Counter([reason]) == Counter(["2 independent outlets"])


def test_cluster_mentions_windows_and_places():
    from datetime import date as d

    from flashpoint.store.dedup import cluster_mentions

    def m(i, day, source="text", country="UKR", city=None):
        return {"event_id": f"e{i}", "event_date": d(2026, 9, day), "event_date_source": source,
                "published": d(2026, 9, day), "article_id": f"a{i}", "sentence_index": 0, "trigger_start": 0,
                "location_country": country, "location_city": city}

    groups = cluster_mentions([m(1, 1), m(2, 2), m(3, 4), m(4, 5, "published"), m(5, 20), m(6, 1, country="RUS"),
                               m(7, 1, city="Kharkiv"), m(8, 2, city="Kharkiv"), m(9, 1, city="Odesa")])
    members = sorted(sorted(x["event_id"] for x in g.members) for g in groups)
    # 1-day window between text dates, 3 days with a fallback date, no merging across countries/cities
    assert members == [["e1", "e2", "e7", "e8"], ["e3", "e4"], ["e5"], ["e6"], ["e9"]]


def test_refresh_in_small_key_groups_gives_the_same_clusters(dedup_db, tmp_path):
    """update_clusters takes keys in groups of bounded size (memory); grouping must not change the result."""
    import shutil

    from flashpoint.store.dedup import update_clusters

    db, _, _ = dedup_db
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    with Store(copy) as st:
        before = _dump_clusters(st), st.dump()
        keys = [r[0] for r in st.con.execute("SELECT DISTINCT dedup_key FROM events").fetchall()]
        st.con.execute("UPDATE events SET cluster_id = NULL")
        st.con.execute("DELETE FROM clusters")
        assert update_clusters(st.con, keys, max_mentions=1) == len(before[0])
        assert (_dump_clusters(st), st.dump()) == before
        update_clusters(st.con, keys, max_mentions=3)  # nothing changes: nothing is rewritten either
        assert (_dump_clusters(st), st.dump()) == before


def test_store_memory_limit_is_applied_and_validated(tmp_path):
    from flashpoint.errors import ConfigError
    from flashpoint.settings import Settings

    with Store(tmp_path / "m.duckdb", memory_limit=Settings().store_memory_limit) as st:
        assert st.con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == "122.0 MiB"  # 128 MB
    with pytest.raises(ConfigError):
        Settings(store_memory_limit="lots")


def test_a_failed_statement_is_not_hidden_by_unregistering(tmp_path):
    """After a failed statement DuckDB refuses every statement, unregister too; the first error is raised."""
    import duckdb
    import pyarrow as pa

    from flashpoint.store.dedup import registered

    con = duckdb.connect(str(tmp_path / "r.duckdb"))
    con.execute("BEGIN TRANSACTION")
    with pytest.raises(duckdb.Error, match="no_such_table"), registered(con, "_t", pa.table({"x": [1]})):
        con.execute("SELECT * FROM no_such_table")
    con.execute("ROLLBACK")
    con.close()
