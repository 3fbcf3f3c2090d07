"""Alerts on synthetic timelines: first rung crossings, index jumps, webhook, CLI."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

from flashpoint.analytics.alerts import AlertParams, WebhookError, find_alerts, post_webhook
from flashpoint.cli import main
from flashpoint.store.db import Store
from tests.analytics.synthetic import Ev, insert, week


def alerts_for(db: Path, **kw: Any) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as s:
        return [a.to_dict() for a in find_alerts(s.con, AlertParams(**kw))]


def kinds(alerts: list[dict[str, Any]]) -> set[tuple[str, str, str, str]]:
    return {(a["kind"], a["a"], a["b"], a["day"]) for a in alerts}


def test_first_wmd_threat_once_per_lookback(tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    d0 = date(2024, 3, 1)
    ids = insert(db, [Ev("RRR", "UUU", d0, "THREATEN", cameo="1385"),
                      Ev("RRR", "UUU", d0 + timedelta(days=10), "THREATEN", cameo="1385"),
                      Ev("RRR", "UUU", d0 + timedelta(days=200), "THREATEN", cameo="1385"),
                      Ev("RRR", "UUU", d0 + timedelta(days=201), "THREATEN", cameo="130")])
    got = [a for a in alerts_for(db, days=365, lookback_days=90) if a["kind"] == "first_wmd_threat"]
    assert [(a["day"], a["event_ids"]) for a in got] == [
        ((d0 + timedelta(days=200)).isoformat(), [ids[2]]), (d0.isoformat(), [ids[0]])]
    assert got[0]["a"] == "RRR" and got[0]["b"] == "UUU"


def test_first_material_conflict_needs_a_cooperative_period(tmp_path: Path) -> None:
    db = tmp_path / "b.duckdb"
    evs = [Ev("AAA", "BBB", week(i), "AGREE") for i in range(6)] + [Ev("AAA", "BBB", week(6), "ASSAULT")]
    evs += [Ev("CCC", "DDD", week(i), "ACCUSE") for i in range(6)] + [Ev("CCC", "DDD", week(6), "ASSAULT")]
    evs += [Ev("EEE", "FFF", week(i), "AGREE") for i in range(6)]
    evs += [Ev("EEE", "FFF", week(6), "ASSAULT", modality="threatened")]  # a threat did not happen
    ids = insert(db, evs)
    got = [a for a in alerts_for(db, days=30) if a["kind"] == "first_material_conflict"]
    assert [(a["a"], a["b"], a["event_ids"]) for a in got] == [("AAA", "BBB", [ids[6]])]


def test_first_mobilisation_counts_only_what_happened(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    ids = insert(db, [Ev("AAA", "BBB", week(1), "MOBILIZE", modality="hypothetical"),
                      Ev("CCC", "DDD", week(1), "MOBILIZE"), Ev("DDD", "CCC", week(1), "MOBILIZE")])
    got = [a for a in alerts_for(db, days=30) if a["kind"] == "first_mobilisation"]
    assert [(a["a"], a["b"], a["event_ids"]) for a in got] == [("CCC", "DDD", sorted(ids[1:]))]


@pytest.fixture()
def jump_db(tmp_path: Path) -> tuple[Path, list[str]]:
    db = tmp_path / "j.duckdb"
    evs = [Ev("AAA", "BBB", week(i), "ACCUSE") for i in range(8)]
    evs += [Ev("AAA", "BBB", week(8), "SANCTION", confidence=1.0) for _ in range(3)]
    return db, insert(db, evs)


def test_index_jump_links_the_events_that_caused_it(jump_db: tuple[Path, list[str]]) -> None:
    db, ids = jump_db
    got = [a for a in alerts_for(db, days=6, min_change=10) if a["kind"] == "index_jump"]
    assert len(got) == 1
    assert got[0]["day"] == week(8).isoformat() and got[0]["score"] == pytest.approx(16.0)  # (18 - 2) / 1
    assert sorted(got[0]["event_ids"]) == sorted(ids[8:])
    assert alerts_for(db, days=6, min_change=20) == []


class _Hook(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture()
def hook_server() -> Iterator[str]:
    _Hook.received = []
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def test_webhook_posts_alerts_to_a_loopback_server(jump_db: tuple[Path, list[str]], hook_server: str) -> None:
    db, _ = jump_db
    with Store(db, read_only=True) as s:
        alerts = find_alerts(s.con, AlertParams(days=6))
    assert post_webhook(hook_server, alerts) == 204
    assert [a["kind"] for a in _Hook.received[0]["alerts"]] == ["index_jump"]


def test_webhook_failure_is_a_named_error() -> None:
    with pytest.raises(WebhookError):
        post_webhook("http://127.0.0.1:9/nothing-listens-here", [], timeout=2)
    with pytest.raises(WebhookError):
        post_webhook("file:///etc/passwd", [])


def test_cli_alerts_json_and_webhook(jump_db: tuple[Path, list[str]], hook_server: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    db, ids = jump_db
    assert main(["alerts", "--db", str(db), "--days", "6", "--format", "json", "--webhook", hook_server]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out[0]["kind"] == "index_jump" and sorted(out[0]["event_ids"]) == sorted(ids[8:])
    assert len(_Hook.received) == 1
    assert main(["alerts", "--db", str(db), "--days", "6"]) == 0
    assert "index_jump" in capsys.readouterr().out
