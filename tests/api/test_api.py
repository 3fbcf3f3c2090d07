"""HTTP API over the sample corpus + synthetic rows: filters, detail, dyads, alerts, search, errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient


def test_stats_and_pagination(client: TestClient) -> None:
    stats = client.get("/stats").json()
    assert stats["events"] > 70 and stats["articles"] > 14
    p1 = client.get("/events", params={"page_size": 10}).json()
    p2 = client.get("/events", params={"page_size": 10, "page": 2}).json()
    assert p1["total"] == stats["events"] and len(p1["items"]) == 10 and p1["pages"] == -(-p1["total"] // 10)
    assert not {e["event_id"] for e in p1["items"]} & {e["event_id"] for e in p2["items"]}


@pytest.mark.parametrize(("params", "check"), [
    ({"actor": "NTH"}, lambda e: "NTH" in (e["source"]["country"], e["target"]["country"])),
    ({"source": "NTH", "target": "STH"}, lambda e: e["source"]["code"] == "NTH" and e["target"]["code"] == "STH"),
    ({"dyad": "STH,NTH"}, lambda e: {e["source"]["country"], e["target"]["country"]} == {"NTH", "STH"}),
    ({"type": "ASSAULT"}, lambda e: e["plover_type"] == "ASSAULT"),
    ({"cameo": "19"}, lambda e: e["cameo"].startswith("19")),
    ({"quad_class": 4}, lambda e: e["quad_class"] == 4),
    ({"modality": "threatened"}, lambda e: e["modality"] == "threatened"),
    ({"min_confidence": 0.96}, lambda e: e["confidence"] >= 0.96),
    ({"country": "STH"}, lambda e: "STH" in (e["source"]["country"], e["target"]["country"], e["location_country"])),
    ({"date_from": "2026-09-14", "date_to": "2026-09-21"}, lambda e: "2026-09-14" <= e["day"] <= "2026-09-21"),
    ({"text": "shelled"}, lambda e: "shelled" in e["sentence"].lower()),
])
def test_event_filters(client: TestClient, params: dict[str, Any], check: Any) -> None:
    body = client.get("/events", params={**params, "page_size": 500}).json()
    assert body["total"] > 0 and len(body["items"]) == body["total"]
    assert all(check(e) for e in body["items"])


def test_directed_dyad_and_min_sources(client: TestClient) -> None:
    both = client.get("/events", params={"dyad": "NTH,STH"}).json()["total"]
    fwd = client.get("/events", params={"dyad": "NTH,STH", "directed": True}).json()["total"]
    assert (both, fwd) == (13, 11)  # two events go STH -> NTH
    assert client.get("/events", params={"min_sources": 2}).json()["total"] == 0  # no clustering ran


def test_sort_orders(client: TestClient) -> None:
    items = client.get("/events", params={"sort": "-confidence", "page_size": 50}).json()["items"]
    confs = [e["confidence"] for e in items]
    assert confs == sorted(confs, reverse=True)
    assert client.get("/events", params={"sort": "sentence"}).status_code == 422


def test_event_detail_has_offsets_evidence_and_mentions(client: TestClient,
                                                        api_db: tuple[Path, dict[str, Any]]) -> None:
    d = client.get(f"/events/{api_db[1]['headline_id']}").json()
    s = d["sentence"]
    assert s[d["source"]["start"]:d["source"]["end"]] == d["source"]["text"] == "Northland troops"
    assert s[d["trigger"]["start"]:d["trigger"]["end"]] == "shelled"
    assert s[d["target"]["start"]:d["target"]["end"]] == "Southia"
    assert d["evidence"] == ["synthetic row"] and d["rule"] == "synthetic"
    # without clustering, mentions are the same dyad, CAMEO root and day: the three attacks of that Monday
    assert len(d["mentions"]) == 3 and d["event_id"] in {m["event_id"] for m in d["mentions"]}
    assert {m["article_source"] for m in d["mentions"]} == {"Synthetic Wire"}


def test_sample_corpus_events_are_served(client: TestClient) -> None:
    sample = client.get("/events", params={"sort": "event_id", "page_size": 500}).json()["items"]
    coded = [e for e in sample if not e["event_id"].startswith("syn")]
    assert coded, "the sample corpus produced no events"
    d = client.get(f"/events/{coded[0]['event_id']}").json()
    assert d["sentence"] and d["mentions"]
    t = d["trigger"]
    assert d["sentence"][t["start"]:t["end"]] == t["text"]


def test_dyad_timeline_index_and_drivers(client: TestClient, api_db: tuple[Path, dict[str, Any]]) -> None:
    ts = client.get("/dyads/NTH/STH", params={"period": "week"}).json()
    assert len(ts["series"]) == 9
    last = ts["series"][-1]
    assert last["quad_class"]["4"] == 4 and last["plover_type"] == {"ASSAULT": 4, "THREATEN": 1}
    assert last["index"]["z"] > 3
    idx = client.get("/dyads/NTH/STH/index").json()["items"]
    assert [p["index"] for p in idx] == [s["index"]["index"] for s in ts["series"]]
    drivers = client.get("/dyads/NTH/STH/drivers", params={"period_start": last["period"]}).json()["items"]
    assert {d["event_id"] for d in drivers} == set(api_db[1]["escalation_ids"])


def test_movers_alerts_actors_dyads(client: TestClient, api_db: tuple[Path, dict[str, Any]]) -> None:
    movers = client.get("/movers", params={"as_of": "2026-11-03"}).json()["items"]
    assert (movers[0]["a"], movers[0]["b"]) == ("NTH", "STH")
    alerts = client.get("/alerts", params={"days": 365}).json()["items"]
    kinds = {(a["kind"], a["a"], a["b"]) for a in alerts}
    assert {("first_wmd_threat", "NTH", "STH"), ("first_material_conflict", "NTH", "STH"),
            ("index_jump", "NTH", "STH")} <= kinds
    assert all(a["event_ids"] for a in alerts)
    actors = client.get("/actors", params={"q": "NT"}).json()["items"]
    assert actors[0]["actor"] == "NTH" and actors[0]["n"] == 13
    edges = client.get("/dyads", params={"limit": 5}).json()["items"]
    assert edges[0] == {**edges[0], "a": "NTH", "b": "STH", "events": 13, "cooperative": 8, "conflictual": 5}


def test_search_and_map(client: TestClient) -> None:
    res = client.get("/search", params={"q": "nuclear"}).json()
    assert res["total"] >= 1 and all("nuclear" in r["snippet"].lower() for r in res["items"])
    pts = client.get("/map").json()["items"]
    assert {(p["lat"], p["lon"]) for p in pts} >= {(32.0, 35.0), (35.5, 51.5), (-34.0, 18.5)}
    assert sum(p["events"] for p in pts) >= 13  # 13 synthetic rows with places, plus any geocoded sample events


@pytest.mark.parametrize(("url", "status"), [
    ("/events?page_size=501", 422), ("/events?page=0", 422), ("/events?date_from=yesterday", 422),
    ("/events?quad_class=9", 422), ("/events/does-not-exist", 404), ("/no/such/route", 404),
    ("/search?q=", 422), ("/dyads/RUS/PRK?period=year", 422), ("/events?text=" + "x" * 201, 422),
    ("/events?text=" + "x" * 5000, 413),
])
def test_errors_are_json(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["error"]["status"] == status and r.json()["error"]["message"]


def test_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/events", "/events/{event_id}", "/dyads/{a}/{b}", "/actors", "/alerts", "/search", "/articles"):
        assert p in paths
