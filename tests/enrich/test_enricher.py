from flashpoint.enrich import Enricher
from flashpoint.models import CleanArticle
from flashpoint.tone import ToneScorer


def test_enricher_fills_date_place_tone_and_explains_them(pipeline):
    events = pipeline.code_text("Syrian government forces shelled rebel positions near Idlib on Sunday.",
                                published="2026-04-08")
    assert events
    e = max(events, key=lambda x: x.confidence)
    assert (e.event_date, e.event_date_source) == ("2026-04-05", "text")
    assert e.location is not None and e.location.country == "SYR" and e.location.city == "Idlib"
    assert e.location.lat is not None and -1.0 <= (e.tone or 0.0) <= 1.0
    assert any(x.startswith("date: text") and "Sunday" in x for x in e.evidence)
    assert any(x.startswith("place: ") for x in e.evidence)


def test_planned_event_gets_a_future_date(pipeline):
    events = pipeline.code_text("Turkey will host peace talks in Istanbul next month.", published="2026-04-08")
    planned = [e for e in events if e.modality == "planned"] or events
    assert planned and planned[0].event_date == "2026-05-08"


def test_no_publication_date_falls_back_to_ingestion_day(pipeline):
    events = pipeline.code_text("Protesters clashed with police in Lima.")
    assert events and all(e.event_date_source == "ingested" for e in events)


def test_enricher_leaves_articles_without_events_alone(settings, parser):
    art = CleanArticle(article_id="x", text="Nothing happened.", origin="t", published="2026-01-01")
    assert Enricher(settings)(art, tuple(parser.parse_text("Nothing happened.")), []) == []


def test_tone_is_a_lexicon_score_per_text():
    tone = ToneScorer()
    assert tone("Troops killed dozens of civilians in a brutal massacre.") < -0.5
    assert tone("The leaders welcomed the peace agreement and praised the cooperation.") > 0.5
    assert tone("") == 0.0 and tone.mean([]) is None
    assert tone.mean(["good news", "terrible news"]) == round((tone("good news") + tone("terrible news")) / 2, 4)
