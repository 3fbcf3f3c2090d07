"""flashpoint feed against an HTTP server on 127.0.0.1: robots.txt, ETag/Last-Modified, resume, no repeats."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from flashpoint.ingest.feed import FeedError, FeedPoller, Fetcher, article_id_for_url
from flashpoint.ingest.watch import StreamCounts
from flashpoint.settings import Settings
from flashpoint.store.db import Store

PAGES = {
    "/world/a1.html": "Japan pledged 20 million dollars in humanitarian aid to Sudan on Thursday.",
    "/world/a2.html": "Indian and Chinese troops clashed along the disputed border in Ladakh on Monday.",
    "/private/a3.html": "Russia threatened to arm North Korea on Tuesday.",
    "/world/a4.html": "The European Union imposed new sanctions on Iran on Monday over drone transfers.",
}
ROBOTS = "User-agent: *\nDisallow: /private/\n"


def page(text: str) -> str:
    return (f"<html><head><title>World</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>World news</h1><p>{text}</p><p>{text}</p></article>"
            f"<footer>Contact | Privacy</footer></body></html>")


def rss(paths: list[str]) -> str:
    items = "".join(f"<item><title>{p}</title><link>{p}</link><guid>{p}</guid>"
                    f"<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item>" for p in paths)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback World</title>'
            f"<link>/</link><description>test</description>{items}</channel></rss>")


def atom(paths: list[str]) -> str:
    entries = "".join(f'<entry><title>{p}</title><link href="{p}"/><id>tag:test,{p}</id>'
                      f"<updated>2026-11-03T08:00:00Z</updated></entry>" for p in paths)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Loopback Atom</title><id>tag:test,feed</id><updated>2026-11-03T08:00:00Z</updated>"
            f"{entries}</feed>")


@dataclass
class Site:
    """What the loopback server serves, and every request it received (path, headers)."""

    feed_paths: list[str] = field(default_factory=lambda: ["/world/a1.html", "/world/a2.html", "/private/a3.html"])
    etag: str = '"v1"'
    last_modified: str = "Mon, 02 Nov 2026 10:00:00 GMT"
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base: str = ""

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server API)
            site.requests.append((self.path, dict(self.headers)))
            if self.path == "/robots.txt":
                return self._send(200, ROBOTS, "text/plain")
            if self.path == "/rss.xml":
                if self.headers.get("If-None-Match") == site.etag:
                    return self._send(304, "", "application/rss+xml")
                return self._send(200, rss(site.feed_paths), "application/rss+xml", {"ETag": site.etag})
            if self.path == "/atom.xml":
                if self.headers.get("If-Modified-Since") == site.last_modified:
                    return self._send(304, "", "application/atom+xml")
                return self._send(200, atom(["/world/a4.html"]), "application/atom+xml",
                                  {"Last-Modified": site.last_modified})
            if self.path in PAGES:
                return self._send(200, page(PAGES[self.path]), "text/html; charset=utf-8")
            return self._send(404, "not found", "text/plain")

        def _send(self, status: int, body: str, ctype: str, extra: dict[str, str] | None = None) -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            if status != 304:
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if status != 304:
                self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(s))
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield s
    server.shutdown()
    server.server_close()


def poller(site: Site, db: Path, pipeline: Any, feed: str = "/rss.xml") -> FeedPoller:
    return FeedPoller([site.base + feed], db, Settings(), Fetcher(delay=0.0, timeout=5.0), pipeline=pipeline)


def stored(db: Path) -> dict[str, Any]:
    with Store(db) as s:
        rows = s.con.execute("SELECT article_id, url, published, source FROM articles ORDER BY url").fetchall()
        return {"articles": rows, "counts": s.counts()}


def test_first_poll_codes_linked_articles_and_obeys_robots(site: Site, tmp_path: Path, pipeline: Any) -> None:
    db = tmp_path / "f.duckdb"
    p = poller(site, db, pipeline)
    c = StreamCounts()
    p.poll(c)
    got = stored(db)
    urls = [r[1] for r in got["articles"]]
    assert urls == [site.base + "/world/a1.html", site.base + "/world/a2.html"]
    assert c.new_articles == 2 and c.new_events > 0 and p.robots_skipped == 1
    assert "/private/a3.html" not in site.paths() and site.paths().count("/robots.txt") == 1
    aid, _, published, source = got["articles"][0]
    assert aid == article_id_for_url(site.base + "/world/a1.html")
    assert published.startswith("2026-11-02") and source == "Loopback World"


def test_second_poll_is_conditional_and_fetches_nothing(site: Site, tmp_path: Path, pipeline: Any) -> None:
    db = tmp_path / "f.duckdb"
    poller(site, db, pipeline).poll(StreamCounts())
    n = len(site.requests)
    c = StreamCounts()
    poller(site, db, pipeline).poll(c)  # a new poller: state comes from the file beside the db
    later = site.requests[n:]
    feed_requests = [h for path, h in later if path == "/rss.xml"]
    assert feed_requests and feed_requests[0].get("If-None-Match") == '"v1"'
    assert [p for p, _ in later if p.endswith(".html")] == []
    assert (c.new_articles, c.new_events) == (0, 0)


def test_changed_feed_fetches_only_new_entries(site: Site, tmp_path: Path, pipeline: Any) -> None:
    db = tmp_path / "f.duckdb"
    p = poller(site, db, pipeline)
    p.poll(StreamCounts())
    site.etag, site.feed_paths = '"v2"', ["/world/a4.html", *site.feed_paths]
    n = len(site.requests)
    c = StreamCounts()
    p.poll(c)
    assert [q for q in site.paths()[n:] if q.endswith(".html")] == ["/world/a4.html"]
    assert c.new_articles == 1 and stored(db)["counts"]["articles"] == 3


def test_lost_state_refetches_feed_but_never_recodes(site: Site, tmp_path: Path, pipeline: Any) -> None:
    db = tmp_path / "f.duckdb"
    p = poller(site, db, pipeline)
    p.poll(StreamCounts())
    before = stored(db)
    p.state_path.unlink()
    n = len(site.requests)
    c = StreamCounts()
    poller(site, db, pipeline).poll(c)
    assert [q for q in site.paths()[n:] if q.startswith("/world/")] == []
    assert c.already_stored == 2 and c.new_articles == 0 and stored(db) == before


def test_atom_feed_uses_last_modified(site: Site, tmp_path: Path, pipeline: Any) -> None:
    db = tmp_path / "f.duckdb"
    p = poller(site, db, pipeline, "/atom.xml")
    c = StreamCounts()
    p.poll(c)
    p.poll(c)
    atom_headers = [h for path, h in site.requests if path == "/atom.xml"]
    assert len(atom_headers) == 2 and atom_headers[1].get("If-Modified-Since") == site.last_modified
    assert c.new_articles == 1 and stored(db)["articles"][0][2].startswith("2026-11-03")


def test_missing_article_page_is_quarantined(site: Site, tmp_path: Path, pipeline: Any) -> None:
    db = tmp_path / "f.duckdb"
    site.feed_paths = ["/world/gone.html"]
    c = StreamCounts()
    poller(site, db, pipeline).poll(c)
    with Store(db) as s:
        q = s.con.execute("SELECT origin, stage, reason FROM quarantine").fetchall()
    assert q == [(site.base + "/world/gone.html", "feed", "article page: HTTP 404")] and c.quarantined == 1


def test_rejects_non_http_urls(tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="not an http"):
        FeedPoller(["file:///etc/passwd"], tmp_path / "x.duckdb", Settings())


def test_cli_feed_once(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from flashpoint.cli import main

    db = tmp_path / "cli.duckdb"
    args = ["feed", site.base + "/rss.xml", "--db", str(db), "--once", "--delay", "0", "--format", "json"]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["polls"] == 1 and out["new_articles"] == 2
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["new_articles"] == 0
