from pathlib import Path

from flashpoint.pipeline import ArticleResult

PAGE = Path(__file__).parent / "data" / "scraped_page.html"
JUNK = ("Connect with us", "Published on", "Trending", "Share on", "Subscribe", "cookies", "Striker",
        "recipes", "Army chief", "Privacy policy", "Read more", "pipeline deal", "border incursion")


def test_scraped_page_yields_article_text_title_date_and_no_junk_events(pipeline):
    results = [r for r in pipeline.run([PAGE]) if isinstance(r, ArticleResult)]
    assert len(results) == 1
    art, events = results[0].article, results[0].events
    assert art.title and "Police fire tear gas at Nairobi fuel protest" in art.title
    assert art.published and art.published.startswith("2026-06-17")
    assert "Kenyan police fired tear gas" in art.text and "not been authorised" in art.text
    assert not [j for j in JUNK if j in art.text]
    assert events and all(e.sentence in art.text for e in events)
    assert not [e.sentence for e in events if any(j in e.sentence for j in JUNK)]
    lead = [e for e in events if "tear gas" in e.sentence]
    assert lead and lead[0].event_date == "2026-06-16" and lead[0].event_date_source == "text"
    assert lead[0].location is not None and lead[0].location.city == "Nairobi"
    assert lead[0].location.country == "KEN" and lead[0].tone is not None and lead[0].tone < 0
