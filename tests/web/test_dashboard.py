"""The dashboard in a real headless Chromium: every page renders, navigation works, data is escaped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.api.fixtures import XSS_SENTENCE, XSS_TITLE
from tests.web.conftest import shot


def goto(page: Any, url: str) -> None:
    """Navigate (possibly only the hash) and wait until the router has rendered the new page."""
    if page.url.startswith("http"):
        page.evaluate("document.body.dataset.page = 'navigating'")
    page.goto(url)
    page.wait_for_selector("body[data-page=ready]")


def test_overview_renders_alerts_and_movers(page: Any, live_server: str) -> None:
    goto(page, f"{live_server}/#/")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator("table.alerts tbody tr").count() >= 3
    kinds = page.locator("table.alerts .kind").all_inner_texts()
    assert "first wmd threat" in kinds and "index jump" in kinds
    assert page.locator("table.movers tbody tr").count() >= 1
    page.wait_for_function("document.getElementById('stats').textContent.includes('events')")
    shot(page, "overview")
    assert page.errors == [] and page.offsite == []


def click_and_wait(page: Any, locator: Any, url_glob: str) -> None:
    """Click a link and wait until the router has rendered the page it leads to (not the old one)."""
    page.evaluate("document.body.dataset.page = 'navigating'")
    locator.click()
    page.wait_for_url(url_glob)
    page.wait_for_selector("body[data-page=ready]")


def test_clicking_a_dyad_opens_its_timeline(page: Any, live_server: str) -> None:
    goto(page, f"{live_server}/#/")
    click_and_wait(page, page.locator("table.alerts a.dyad-link[data-dyad='NTH,STH']").first, "**/#/dyad/NTH/STH")
    assert page.locator("h1").inner_text() == "Dyad NTH – STH"
    assert page.locator("svg.index-chart circle.pt").count() == 9  # nine weeks
    assert page.locator("svg.index-chart circle.pt.hot").count() == 1  # the escalation week
    assert page.locator("svg.quad-chart rect.bar.q4").count() == 1
    assert page.locator("table.events tbody tr").count() == 13
    shot(page, "dyad")
    click_and_wait(page, page.locator("a", has_text="month"), "**period=month")
    assert page.locator("svg.index-chart circle.pt").count() == 3  # September to November
    assert page.errors == []


def test_event_page_highlights_source_trigger_and_target(page: Any, live_server: str,
                                                         web_db: tuple[Path, dict[str, Any]]) -> None:
    goto(page, f"{live_server}/#/event/{web_db[1]['headline_id']}")
    sentence = page.locator("#sentence")
    assert sentence.locator("mark.source").inner_text() == "Northland troops"
    assert sentence.locator("mark.trigger").inner_text() == "shelled"
    assert sentence.locator("mark.target").inner_text() == "Southia"
    assert sentence.inner_text().startswith("Northland troops shelled border posts in Southia")
    assert page.locator("ul.mentions > li").count() == 3
    assert "null" not in page.locator("main").inner_text()
    assert "asserted" in page.locator("dl.facts").inner_text()
    shot(page, "event")
    assert page.errors == []


def test_sample_corpus_event_page(page: Any, live_server: str) -> None:
    goto(page, f"{live_server}/#/events?text=a")
    click_and_wait(page, page.locator("table.events a.ev-link").first, "**/#/event/**")
    assert page.locator("#sentence mark.trigger").count() == 1
    assert page.errors == []


def test_hostile_article_text_renders_as_text(page: Any, live_server: str, web_db: tuple[Path, dict[str, Any]]) -> None:
    goto(page, f"{live_server}/#/event/{web_db[1]['xss_id']}")
    assert page.locator("#sentence").inner_text() == XSS_SENTENCE
    assert XSS_TITLE in page.locator("ul.mentions").inner_text()
    assert page.locator("main img, main script").count() == 0
    goto(page, f"{live_server}/#/search?q=window.__xss")
    assert page.locator("ul.results li").count() == 1
    assert "<script>" in page.locator("ul.results").inner_text()
    goto(page, f"{live_server}/#/dyad/MAL/BOB")
    assert XSS_SENTENCE in page.locator("table.events").inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.errors == []


def test_network_and_map_pages(page: Any, live_server: str) -> None:
    goto(page, f"{live_server}/#/network")
    edge = page.locator("svg.network line.edge[data-dyad='NTH,STH']")
    assert edge.count() == 1 and page.locator("svg.network circle.node").count() >= 4
    shot(page, "network")
    edge.dispatch_event("click")  # a thin SVG line: clicking by coordinates can hit a node drawn over it
    page.wait_for_url("**/#/dyad/NTH/STH", timeout=30000)
    page.wait_for_selector("h1:has-text('Dyad NTH')")
    goto(page, f"{live_server}/#/map")
    page.wait_for_selector("h1:has-text('Event locations')")
    assert page.locator("svg.map circle.place").count() >= 3
    shot(page, "map")
    assert page.errors == [] and page.offsite == []
