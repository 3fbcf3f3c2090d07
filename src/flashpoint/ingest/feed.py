"""Streaming ingest from RSS/Atom: `flashpoint feed URL...` polls feeds and codes the linked articles.

Polite by construction: robots.txt is read for every host (feeds and article pages) and obeyed, with its
Crawl-delay; feeds are fetched conditionally (If-None-Match / If-Modified-Since from the last ETag and
Last-Modified), so an unchanged feed costs a 304. Article ids come from the article URL, so an article is
coded once however many feeds or polls list it: ids already in the database are not fetched again, and
the state file beside the database (`<db>.feed.json`: validators and seen entries per feed) lets a
restarted poller resume where it stopped.
"""

from __future__ import annotations

import calendar
import logging
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from flashpoint import __version__
from flashpoint.errors import FlashpointError
from flashpoint.ids import stable_hash
from flashpoint.ingest.watch import StreamCounts, code_new, load_state, run_polls, save_state
from flashpoint.models import Article, Quarantined
from flashpoint.pipeline import Pipeline
from flashpoint.settings import Settings
from flashpoint.store.db import Store

log = logging.getLogger(__name__)

USER_AGENT = f"flashpoint/{__version__} (news event coder; obeys robots.txt)"
MAX_BYTES = 5 * 1024 * 1024
MAX_CRAWL_DELAY = 30.0
#: entries remembered per feed (ids beyond this are still caught by the database check)
SEEN_LIMIT = 5000


class FeedError(FlashpointError):
    """A feed URL is invalid or cannot be used."""


@dataclass(frozen=True)
class Response:
    url: str
    status: int  # 0 = network error
    headers: dict[str, str]
    body: bytes
    error: str = ""


@dataclass
class Fetcher:
    """HTTP GET with a user agent, timeout, size limit, robots.txt rules and a per-host delay."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0
    delay: float = 1.0
    sleep: Callable[[float], None] = time.sleep
    _robots: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        self._wait(url)
        req = urllib.request.Request(url, headers={"User-Agent": self.user_agent, **(headers or {})})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as r:  # noqa: S310 (http/https checked)
                body = r.read(MAX_BYTES + 1)
                if len(body) > MAX_BYTES:
                    return Response(url, r.status, dict(r.headers), b"", f"larger than {MAX_BYTES} bytes")
                return Response(r.geturl(), r.status, dict(r.headers), body)
        except urllib.error.HTTPError as exc:
            return Response(url, exc.code, dict(exc.headers or {}), b"", f"HTTP {exc.code}")
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return Response(url, 0, {}, b"", f"network error: {getattr(exc, 'reason', exc)}")
        finally:
            self._last[urlsplit(url).netloc] = time.monotonic()

    def _wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        delay = self.delay
        rp = self._robots.get(host)
        if rp is not None:
            delay = max(delay, min(float(rp.crawl_delay(self.user_agent) or 0), MAX_CRAWL_DELAY))
        last = self._last.get(host)
        if last is not None and delay > 0:
            wait = last + delay - time.monotonic()
            if wait > 0:
                self.sleep(wait)

    def allowed(self, url: str) -> bool:
        """robots.txt verdict for url (fetched once per host per run; 4xx = allowed, 401/403/5xx = not)."""
        parts = urlsplit(url)
        rp = self._robots.get(parts.netloc)
        if rp is None:
            rp = urllib.robotparser.RobotFileParser()
            resp = self.get(f"{parts.scheme}://{parts.netloc}/robots.txt")
            if resp.status == 200:
                rp.parse(resp.body.decode("utf-8", "replace").splitlines())
            elif resp.status in (401, 403) or resp.status == 0 or resp.status >= 500:
                rp.disallow_all = True  # type: ignore[attr-defined]  # documented-by-use robotparser flags
            else:
                rp.allow_all = True  # type: ignore[attr-defined]
            self._robots[parts.netloc] = rp
        return rp.can_fetch(self.user_agent, url)


def check_url(url: str) -> str:
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise FeedError(f"not an http(s) URL: {url!r}")
    return url


def article_id_for_url(url: str) -> str:
    """Stable article id from the URL (fragment dropped)."""
    return "u" + stable_hash(urldefrag(url)[0])[:16]


def _published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(parsed)))


def _validators(resp: Response) -> dict[str, str]:
    h = {k.lower(): v for k, v in resp.headers.items()}
    return {k: h[k] for k in ("etag", "last-modified") if k in h}


def _conditional(saved: dict[str, Any]) -> dict[str, str]:
    out = {}
    if saved.get("etag"):
        out["If-None-Match"] = saved["etag"]
    if saved.get("last-modified"):
        out["If-Modified-Since"] = saved["last-modified"]
    return out


class FeedPoller:
    """Polls feeds and codes their new articles into one database."""

    def __init__(self, feeds: Sequence[str], db: Path, settings: Settings, fetcher: Fetcher | None = None,
                 state_path: Path | None = None, pipeline: Pipeline | None = None) -> None:
        self.feeds = [check_url(u) for u in feeds]
        self.db, self.settings = db, settings
        self.fetcher = fetcher or Fetcher()
        self.state_path = state_path or db.with_name(db.name + ".feed.json")
        self._pipeline = pipeline
        self.robots_skipped = 0

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.settings)
        return self._pipeline

    def fetch_feed(self, url: str, saved: dict[str, Any]) -> list[Any]:
        """New entries of one feed ([] when unchanged, disallowed or failing)."""
        import feedparser

        if not self.fetcher.allowed(url):
            log.warning("robots.txt disallows the feed %s; skipped", url)
            self.robots_skipped += 1
            return []
        resp = self.fetcher.get(url, _conditional(saved))
        if resp.status == 304:
            log.info("feed %s unchanged (304)", url)
            return []
        if resp.status != 200:
            log.warning("feed %s: %s", url, resp.error or f"HTTP {resp.status}")
            return []
        saved.update(_validators(resp))
        parsed = feedparser.parse(resp.body, response_headers={"content-location": resp.url})
        saved["title"] = parsed.feed.get("title")
        return list(parsed.entries)

    def article_for(self, entry: Any, feed_url: str, source: str | None) -> Article | Quarantined | None:
        """Fetch one entry's page; None when robots.txt forbids it."""
        link = urljoin(feed_url, entry.get("link") or "")
        if not link or urlsplit(link).scheme not in ("http", "https"):
            return Quarantined(feed_url, "feed", "entry has no http(s) link",
                               payload_preview=str(entry.get("title", ""))[:80])
        if not self.fetcher.allowed(link):
            log.info("robots.txt disallows %s; not fetched", link)
            self.robots_skipped += 1
            return None
        resp = self.fetcher.get(link)
        ctype = next((v for k, v in resp.headers.items() if k.lower() == "content-type"), "")
        if resp.status != 200:
            return Quarantined(link, "feed", f"article page: {resp.error or f'HTTP {resp.status}'}",
                               article_id=article_id_for_url(link))
        if ctype and not any(t in ctype for t in ("html", "text/plain", "xml")):
            return Quarantined(link, "feed", f"article page is {ctype}, not HTML", article_id=article_id_for_url(link))
        return Article(article_id=article_id_for_url(link), text=resp.body.decode("utf-8", "replace"), origin=link,
                       title=entry.get("title"), url=link, published=_published(entry), source=source,
                       fmt="html" if "plain" not in ctype else "txt")

    def poll_feed(self, url: str, saved: dict[str, Any], store: Store, counts: StreamCounts) -> None:
        seen: list[str] = saved.setdefault("seen", [])
        known = set(seen)
        items: list[Article | Quarantined] = []
        keys: list[str] = []
        for entry in self.fetch_feed(url, saved):
            key = str(entry.get("id") or entry.get("link") or "")
            if not key or key in known:
                continue
            link = urljoin(url, entry.get("link") or "")
            if link and store.existing_hash(article_id_for_url(link)) is not None:
                counts.already_stored += 1
            else:
                item = self.article_for(entry, url, saved.get("title"))
                if isinstance(item, Quarantined) and item.reason.startswith("article page: network error"):
                    continue  # transient: not marked seen, retried on the next poll
                if item is not None:
                    items.append(item)
            keys.append(key)
            known.add(key)
        counts.sources += 1
        code_new(items, self.pipeline, store, counts)  # commits before the state says "seen"
        saved["seen"] = (seen + keys)[-SEEN_LIMIT:]

    def poll(self, counts: StreamCounts) -> None:
        state = load_state(self.state_path)
        feeds: dict[str, Any] = state.setdefault("feeds", {})
        counts.polls += 1
        with Store(self.db) as store:
            for url in self.feeds:
                self.poll_feed(url, feeds.setdefault(url, {}), store, counts)
                save_state(self.state_path, state)

    def run(self, max_polls: int | None = None, interval: float = 300.0,
            sleep: Callable[[float], None] = time.sleep) -> StreamCounts:
        return run_polls(self.poll, max_polls, interval, sleep)


def poll_feeds(feeds: Sequence[str], db: Path, settings: Settings, max_polls: int | None = None,
               interval: float = 300.0, delay: float = 1.0, user_agent: str = USER_AGENT,
               state_path: Path | None = None) -> StreamCounts:
    """Poll RSS/Atom feeds and code new linked articles into the store at `db`; see the module doc."""
    poller = FeedPoller(feeds, db, settings, Fetcher(user_agent=user_agent, delay=delay), state_path)
    return poller.run(max_polls, interval)
