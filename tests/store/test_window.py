"""The date-windowed cluster refresh gives exactly the clusters of a full refresh, reading only a window."""

import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from flashpoint.store.db import Store
from flashpoint.store.dedup import MENTION_COLUMNS, update_clusters
from flashpoint.store.window import refresh_clusters

DAY0 = date(2026, 1, 1)
KEYS = ["UKR|RUS|ASSAULT", "USA|CHN|CONSULT", "IRN|ISR|STATEMENT"]


def _mention(i: int, key: str, day: int | None, source: str = "published", country: str | None = "UKR",
             city: str | None = None, outlet: str = "o1") -> dict:
    when = None if day is None else DAY0 + timedelta(days=day)
    pub = DAY0 + timedelta(days=day if day is not None else 30)
    return {
        "event_id": f"e{i:05d}", "article_id": f"a{i:05d}", "sentence_index": 0, "trigger_start": i % 7,
        "sentence": f"Sentence {i}.", "source_code": key.split("|")[0], "source_text": "x",
        "source_country": key.split("|")[0], "source_sector": None, "target_code": key.split("|")[1],
        "target_text": "y", "target_country": key.split("|")[1], "target_sector": None,
        "plover_type": key.split("|")[2], "cameo": "190", "cameo_root": "19", "quad_class": 4, "goldstein": -10.0,
        "modality": "asserted", "event_date": when, "event_date_source": source if when else None,
        "location_name": city or country, "location_country": country, "location_admin1": None,
        "location_city": city, "location_feature_id": None, "lat": None, "lon": None,
        "confidence": 0.5 + (i % 5) / 10, "tone": -0.1, "published": pub, "outlet": outlet,
        "ingested_at": datetime(2026, 6, 1), "dedup_key": key,
    }


def _insert(st: Store, mentions: list[dict]) -> None:
    import pyarrow as pa

    cols = ", ".join(MENTION_COLUMNS)
    st.con.register("_new", pa.Table.from_pylist([{c: m[c] for c in MENTION_COLUMNS} for m in mentions]))
    st.con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM _new")
    st.con.execute("INSERT INTO articles (article_id, url, text) "
                   "SELECT article_id, 'https://' || outlet || '/' || article_id, 'Sentence.' FROM _new")
    st.con.unregister("_new")


def _state(st: Store) -> tuple[list[tuple], list[tuple]]:
    return (st.con.execute("SELECT * FROM clusters ORDER BY cluster_id").fetchall(),
            st.con.execute("SELECT event_id, cluster_id FROM events ORDER BY event_id").fetchall())


def _random_mentions(rng: random.Random, n: int, days: int) -> list[dict]:
    out = []
    for i in range(n):
        day = None if rng.random() < 0.05 else rng.randrange(days)
        out.append(_mention(i, rng.choice(KEYS), day, rng.choice(["text", "text", "published"]),
                            rng.choice(["UKR", "UKR", "RUS", None]), rng.choice([None, None, "Kharkiv", "Odesa"]),
                            rng.choice(["o1", "o2", "o3"])))
    return out


@pytest.mark.parametrize(("seed", "days", "budget"), [(0, 120, 10_000), (1, 365, 10_000), (0, 365, 5)])
def test_windowed_refresh_equals_full_refresh_batch_by_batch(tmp_path: Path, seed: int, days: int, budget: int,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Mentions spread over months arrive in random order and batch sizes; after every batch the
    windowed refresh leaves the same clusters and assignments as re-clustering the keys in full
    (also when the keys are taken in groups of a few mentions: `budget`)."""
    monkeypatch.setattr("flashpoint.store.window.SLICE_MENTIONS", budget)
    monkeypatch.setattr("flashpoint.store.window.REWRITE_MENTIONS", min(budget, 2_000))
    rng = random.Random(seed)
    mentions = _random_mentions(rng, 500, days)
    rng.shuffle(mentions)
    with Store(tmp_path / "window.duckdb") as win, Store(tmp_path / "full.duckdb") as full:
        i = 0
        while i < len(mentions):
            batch = mentions[i:i + rng.choice([1, 3, 20, 60])]
            i += len(batch)
            for st in (win, full):
                _insert(st, batch)
            keys = {m["dedup_key"] for m in batch}
            stats = refresh_clusters(win.con, keys)
            update_clusters(full.con, keys)
            assert _state(win) == _state(full)
            assert stats.full_keys == 0
        total = win.con.execute("SELECT count(*) FROM events").fetchone()[0]
        assert total == 500 and win.con.execute("SELECT count(*) FROM events WHERE cluster_id IS NULL").fetchone()[0] == 0
        assert refresh_clusters(win.con, KEYS).keys == 0  # nothing new: nothing to do


def _members(st: Store) -> list[list[str]]:
    rows = st.con.execute("SELECT cluster_id, list(event_id ORDER BY event_id) FROM events GROUP BY 1").fetchall()
    return sorted(r[1] for r in rows)


def test_window_boundary_fallback_and_text_dates(tmp_path: Path) -> None:
    """A new mention joins a stored cluster whose anchor is within the window (3 days with a publication
    date, 1 day between two text dates) and not one day beyond; stored mentions months away are not read."""
    key = KEYS[0]
    far = [_mention(100 + d, key, 60 + d) for d in range(20)]  # two months later: outside any window
    with Store(tmp_path / "b.duckdb") as st:
        _insert(st, [_mention(1, key, 10), _mention(2, key, 20, "text"), *far])
        refresh_clusters(st.con, [key])
        _insert(st, [_mention(3, key, 13), _mention(4, key, 21, "text")])  # exactly at the window: join
        stats = refresh_clusters(st.con, [key])
        assert ["e00001", "e00003"] in _members(st) and ["e00002", "e00004"] in _members(st)
        assert stats.mentions_read == 4  # the two stored ones in the window and the two new ones
        _insert(st, [_mention(5, key, 14), _mention(6, key, 22, "text")])  # one day beyond: new clusters
        refresh_clusters(st.con, [key])
        assert ["e00005"] in _members(st) and ["e00006"] in _members(st)


def test_an_earlier_mention_cascades_forward_like_a_full_refresh(tmp_path: Path) -> None:
    """Stored days 0, 3, 5 are clusters {0, 3} and {5}; a new day -1 re-anchors: {-1, 0}, {3, 5}."""
    key = KEYS[1]
    with Store(tmp_path / "c.duckdb") as st:
        _insert(st, [_mention(1, key, 10), _mention(2, key, 13), _mention(3, key, 15)])
        refresh_clusters(st.con, [key])
        assert _members(st) == [["e00001", "e00002"], ["e00003"]]
        _insert(st, [_mention(4, key, 9)])
        refresh_clusters(st.con, [key])
        assert _members(st) == [["e00001", "e00004"], ["e00002", "e00003"]]


def test_clusters_made_by_other_rules_are_refreshed_in_full(tmp_path: Path) -> None:
    key = KEYS[2]
    with Store(tmp_path / "s.duckdb") as st, Store(tmp_path / "f.duckdb") as ref:
        ms = [_mention(i, key, i) for i in range(10)]
        for s in (st, ref):
            _insert(s, ms)
            update_clusters(s.con, [key])
        st.con.execute("UPDATE events SET cluster_id = 'stale' WHERE event_id = 'e00006'")
        for s in (st, ref):
            _insert(s, [_mention(50, key, 8)])
        assert refresh_clusters(st.con, [key]).full_keys == 1
        update_clusters(ref.con, [key])
        assert _state(st) == _state(ref)


def test_undated_mentions_follow_the_last_date(tmp_path: Path) -> None:
    """An undated mention joins a cluster anchored near the key's last date; a new mention months later
    moves the last date, so the undated one leaves its old cluster (which is far outside the new date's window)."""
    key = KEYS[0]
    with Store(tmp_path / "u.duckdb") as st, Store(tmp_path / "ref.duckdb") as ref:
        first = [_mention(1, key, 10), _mention(2, key, 11), _mention(3, key, None)]
        for s in (st, ref):
            _insert(s, first)
            update_clusters(s.con, [key])
        assert _members(st) == [["e00001", "e00002", "e00003"]]
        for s in (st, ref):
            _insert(s, [_mention(4, key, 100)])
        assert refresh_clusters(st.con, [key]).full_keys == 0
        update_clusters(ref.con, [key])
        assert _state(st) == _state(ref) and _members(st) == [["e00001", "e00002"], ["e00003", "e00004"]]
