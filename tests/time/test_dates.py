import json
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from flashpoint.time.dates import WEEKDAYS, DateResolver, parse_published, resolve_expression

DATA = Path(__file__).parent / "data" / "dated.jsonl"


def _event_date(pipeline, parser, row):
    events = pipeline.code_text(row["text"], published=row["published"])
    if events:
        best = max(events, key=lambda e: e.confidence)
        return best.event_date, best.event_date_source, True
    sent = parser.parse_text(row["text"])[0]
    root = next(t for t in sent.tokens if t.head == t.i)
    r = DateResolver().resolve(sent, root.start, "asserted", parse_published(row["published"]))
    return r.date, r.source, False


def test_dated_set_is_at_least_90_percent_exact(pipeline, parser):
    rows = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
    assert len(rows) >= 40
    misses = []
    for row in rows:
        got, source, _ = _event_date(pipeline, parser, row)
        if got != row["expected"] or source != row["expected_source"]:
            misses.append((row["text"], row["expected"], got, source))
    accuracy = 1 - len(misses) / len(rows)
    assert accuracy >= 0.90, f"{accuracy:.2%} exact; misses: {misses}"


def test_weekday_direction_follows_tense_and_modifiers():
    wed = date(2026, 11, 4)
    assert resolve_expression("on Monday", wed, future=False) == date(2026, 11, 2)
    assert resolve_expression("on Monday", wed, future=True) == date(2026, 11, 9)
    assert resolve_expression("Wednesday", wed, future=False) == wed  # wire style: same-day report
    assert resolve_expression("last Wednesday", wed, future=False) == date(2026, 10, 28)
    assert resolve_expression("next Wednesday", wed, future=True) == date(2026, 11, 11)


def test_relative_and_explicit_expressions():
    base = date(2026, 3, 31)
    assert resolve_expression("three years ago", base, False) == date(2023, 3, 31)
    assert resolve_expression("a month ago", base, False) == date(2026, 2, 28)  # clamps to month end
    assert resolve_expression("yesterday", base, False) == date(2026, 3, 30)
    assert resolve_expression("May 21 2022", base, False) == date(2022, 5, 21)
    assert resolve_expression("in 2019", base, False) == date(2019, 1, 1)
    assert resolve_expression("December 28", date(2026, 1, 5), False) == date(2025, 12, 28)


def test_fallbacks_say_where_the_date_came_from(parser):
    sent = parser.parse_text("Japan protested to China over the incursion.")[0]
    r = DateResolver().resolve(sent, sent.text.index("protested"), "asserted", date(2026, 5, 1))
    assert (r.date, r.source) == ("2026-05-01", "published")
    r = DateResolver(today=date(2026, 6, 2)).resolve(sent, 6, "asserted", None)
    assert (r.date, r.source) == ("2026-06-02", "ingested")
    # an absolute date needs no publication date
    sent = parser.parse_text("Serbia recalled its ambassador on May 21 2022.")[0]
    r = DateResolver(today=date(2026, 6, 2)).resolve(sent, sent.text.index("recalled"), "asserted", None)
    assert (r.date, r.source) == ("2022-05-21", "text")


def test_a_date_describing_a_thing_is_not_the_event_date(parser):
    sent = parser.parse_text("Iran violated the 2015 nuclear deal, inspectors said.")[0]
    r = DateResolver().resolve(sent, sent.text.index("violated"), "asserted", date(2026, 5, 1))
    assert r.source == "published"


def test_parse_published_accepts_iso_and_rss_dates():
    assert parse_published("2026-11-04") == date(2026, 11, 4)
    assert parse_published("2026-11-04T23:10:00Z") == date(2026, 11, 4)
    assert parse_published("Wed, 04 Nov 2026 10:00:00 GMT") == date(2026, 11, 4)
    assert parse_published(None) is None and parse_published("not a date at all") is None


def test_weekend_is_its_saturday():
    wed = date(2026, 11, 4)
    assert resolve_expression("over the weekend", wed, future=False) == date(2026, 10, 31)
    assert resolve_expression("this weekend", wed, future=True) == date(2026, 11, 7)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.sampled_from(WEEKDAYS),
       st.booleans())
def test_bare_weekday_is_within_a_week_on_the_right_side(pub, day, future):
    got = resolve_expression(f"on {day.capitalize()}", pub, future)
    assert got is not None and got.weekday() == WEEKDAYS.index(day)
    assert (0 <= (got - pub).days <= 6) if future else (0 <= (pub - got).days <= 6)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(1, 30),
       st.sampled_from(["day", "week", "month", "year"]))
def test_ago_is_before_and_in_is_after_publication(pub, n, unit):
    before = resolve_expression(f"{n} {unit}s ago", pub, False)
    after = resolve_expression(f"in {n} {unit}s", pub, True)
    assert before is not None and after is not None and before < pub < after
