"""Security guarantees of the API (see docs/security.md): tokens, limits, injection, paths, binding."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient

from flashpoint.api.cli import register
from flashpoint.api.security import check_token
from flashpoint.store import queries as q
from tests.api.conftest import TOKEN
from tests.api.fixtures import HOSTILE

ARTICLE = {"text": "Russia threatened to attack Ukraine on Monday.", "title": "Test", "published": "2026-11-20"}


def test_writes_need_the_token(write_client: tuple[TestClient, Path]) -> None:
    c, _ = write_client
    assert c.post("/articles", json={"articles": [ARTICLE]}).status_code == 401
    assert c.post("/articles", json={"articles": [ARTICLE]}, headers={"X-API-Token": "wrong"}).status_code == 401
    r = c.post("/articles", json={"articles": [ARTICLE]}, headers={"Authorization": "Bearer wrong" + TOKEN})
    assert r.status_code == 401 and r.json()["error"]["message"] == "missing or invalid API token"
    ok = c.post("/articles", json={"articles": [ARTICLE]}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201, ok.text
    body = ok.json()
    assert body["new_articles"] == 1 and body["new_events"] >= 1
    listed = c.get("/events", params={"article_id": body["article_ids"][0]}).json()
    assert {e["event_id"] for e in listed["items"]} == set(body["event_ids"])
    again = c.post("/articles", json={"articles": [ARTICLE]}, headers={"X-API-Token": TOKEN}).json()
    assert again["new_articles"] == 0 and again["new_events"] == 0


def test_writes_disabled_without_a_configured_token(client: TestClient) -> None:
    r = client.post("/articles", json={"articles": [ARTICLE]}, headers={"X-API-Token": "anything"})
    assert r.status_code == 403 and "disabled" in r.json()["error"]["message"]


def test_token_compare_accepts_only_the_exact_token() -> None:
    check_token("abc", "Bearer abc", None)
    check_token("abc", None, "abc")
    for auth, header in (("Bearer ab", None), (None, "abcd"), ("Basic abc", None), (None, None)):
        with pytest.raises(Exception, match="invalid"):
            check_token("abc", auth, header)


def test_body_limit_and_validation(write_client: tuple[TestClient, Path]) -> None:
    c, _ = write_client
    h = {"X-API-Token": TOKEN, "Content-Type": "application/json"}
    big = c.post("/articles", content=b'{"articles": [{"text": "' + b"a" * (1024 * 1024) + b'"}]}', headers=h)
    assert big.status_code == 413 and big.json()["error"]["status"] == 413
    bad = c.post("/articles", json={"articles": [{"text": ""}], "evil": 1}, headers=h)
    assert bad.status_code == 422 and bad.json()["error"]["details"]
    too_many = c.post("/articles", json={"articles": [ARTICLE] * 101}, headers=h)
    assert too_many.status_code == 422


def test_file_ingestion_stays_inside_allowed_dirs(write_client: tuple[TestClient, Path], tmp_path: Path) -> None:
    c, allowed = write_client
    h = {"X-API-Token": TOKEN}
    (allowed / "ok.txt").write_text("China accused India of provoking the clash.", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("The army attacked the city.", encoding="utf-8")
    os.symlink(secret, allowed / "link.txt")
    assert c.post("/articles", json={"paths": [str(allowed / "ok.txt")]}, headers=h).status_code == 201
    for p in (str(secret), str(allowed / ".." / "secret.txt"), str(allowed / "link.txt"), "/etc/passwd",
              str(allowed / "missing.txt")):
        r = c.post("/articles", json={"paths": [p]}, headers=h)
        assert r.status_code == 403, p
        assert r.json()["error"]["status"] == 403
    assert c.get("/search", params={"q": "attacked the city"}).json()["total"] == 0


@pytest.mark.parametrize("param", ["text", "article_id"])
def test_hostile_filter_values_are_data_not_sql(client: TestClient, param: str) -> None:
    before = client.get("/stats").json()["events"]
    r = client.get("/events", params={param: HOSTILE})
    assert r.status_code == 200 and r.json()["total"] == 0
    assert client.get("/search", params={"q": HOSTILE}).json()["total"] == 0
    assert client.get("/search", params={"q": "%"}).json()["total"] == 0  # LIKE wildcards are escaped
    assert client.get(f"/events/{HOSTILE}").status_code == 404
    assert client.get("/stats").json()["events"] == before


def test_query_layer_binds_hostile_values(api_db: tuple[Path, dict[str, Any]]) -> None:
    con = duckdb.connect(str(api_db[0]), read_only=True)
    try:
        f = q.EventFilter(actor=HOSTILE, source=HOSTILE, dyad=(HOSTILE, HOSTILE), country=HOSTILE,
                          modality=HOSTILE, plover_type=HOSTILE, text=HOSTILE)
        assert q.list_events(con, f).total == 0
        assert q.list_actors(con, HOSTILE).total == 0
        with pytest.raises(q.QueryError):
            q.list_events(con, q.EventFilter(), sort=HOSTILE)
        with pytest.raises(q.QueryError):
            q.list_events(con, q.EventFilter(cameo=HOSTILE))
        assert int(con.execute("SELECT count(*) FROM events").fetchone()[0]) > 0  # type: ignore[index]
    finally:
        con.close()


def test_serve_binds_to_loopback_by_default() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["serve", "--db", "x.duckdb"])
    assert args.host == "127.0.0.1"


def test_dashboard_sends_a_strict_csp(client: TestClient) -> None:
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "http" not in r.text.replace("http-equiv", "")  # no CDN or remote asset
