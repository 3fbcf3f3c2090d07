"""Event dates: resolve date expressions in a sentence against the article's publication date.

The event date is when the event happened (or is planned to happen), not when it was published.
Candidates are spaCy DATE entities plus a few regex patterns the small model misses (weekdays,
"last night"); the one attached to the event's trigger wins, else the nearest one. Our own rules
handle weekdays and day words; dateparser (English only) handles explicit and relative dates.

Conventions (documented in docs/schema.md):
- a bare weekday in a past-tense clause is the most recent such day on or before publication
  (wire style: "on Wednesday" in a Wednesday story is that day); in a future/planned clause the next
  such day on or after publication. "last Friday" is strictly before, "next Friday" strictly after.
- "last week" / "three years ago" / "next month" shift the publication date by that period.
- a month without a day is its first day; a year alone is 1 January.
- nothing usable in the sentence: the publication date (source "published"); no publication date
  either: the ingestion day (source "ingested").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from flashpoint.models import ParsedSentence, Token

log = logging.getLogger(__name__)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH_RE = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
             r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
_WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3}
#: expressions the small NER model tends to miss; added as extra candidates (char spans).
_EXTRA = re.compile(
    rf"\b(?:(?:last|next|this|on|early|late)\s+)?{_WEEKDAY_RE}(?:\s+(?:night|morning|afternoon|evening))?\b"
    r"|\b(?:(?:over |at |on |this |last |next )?the weekend|this weekend|last weekend|next weekend)\b"
    r"|\b(?:yesterday|today|tonight|tomorrow|last night|this morning|this week|last week|next week"
    r"|last month|next month|last year|next year|this month|this year)\b"
    r"|\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\s+"
    r"(?:days?|weeks?|months?|years?)\s+(?:ago|earlier|later)\b"
    r"|\bin\s+(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\s+"
    r"(?:days?|weeks?|months?|years?)\b",
    re.IGNORECASE)
#: every _EXTRA match contains one of these words (same case rule): a sentence without any has no extra
_EXTRA_HINT = re.compile(r"day|week|month|year|night|tomorrow|morning", re.IGNORECASE)
#: an expression must name a point in time to be used (durations like "three days" are not dates).
_ANCHOR = re.compile(
    rf"\b(?:{_MONTH_RE}|{_WEEKDAY_RE}|ago|last|next|this|yesterday|today|tonight|tomorrow|earlier|later|in|weekend"
    r"|(?:19|20)\d\d)\b|\d{1,4}[/-]\d{1,2}[/-]\d{1,4}", re.IGNORECASE)
_DAY_WORDS = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "this morning": 0,
              "this afternoon": 0, "this evening": 0, "tomorrow": 1}
_FILLER = re.compile(r"\b(?:on|early|late|earlier|later|in|during|since|by|the|of|night|morning|"
                     r"afternoon|evening|overnight)\b", re.IGNORECASE)
_HAS_DAY_NUMBER = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?:days?|weeks?|months?|years?))")
_YEAR_ONLY = re.compile(r"^\s*(?:in\s+)?((?:19|20)\d\d)\s*$", re.IGNORECASE)
_DAY_WORD_RES = tuple((re.compile(rf"\b{word}\b"), offset) for word, offset in _DAY_WORDS.items())
_WEEKEND = re.compile(r"\bweekend\b")
_WEEKDAY_PHRASE = re.compile(rf"\b(last|next|this|coming|past)?\s*({_WEEKDAY_RE})\b")
_MONTH_DAY = re.compile(_MONTH_RE + r"\s+\d")
_DAY_MONTH = re.compile(r"\d{1,2}\s+" + _MONTH_RE)
_AGO = re.compile(r"\b(in\s+)?(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several"
                  r"|a few)\s+(day|week|month|year)s?(?:\s+(ago|earlier|later))?\b")
_YEAR = re.compile(r"(?:19|20)\d\d")
#: "last week", "this month", "next year" (after _FILLER): the base date shifted by one period
_PERIOD = re.compile(r"(last|this|next) (week|month|year)")
_PERIOD_SIGN = {"last": -1, "this": 0, "next": 1}
_MONTH_NAMES = "|".join(MONTHS)
_YEAR_RE = r"(?P<y>(?:19|20)\d\d)"
#: calendar dates with a year ("march 28, 2017", "4 october 2007", "june 2017") and, for a past event,
#: without one ("march 28", "28 march", "march"): the day dateparser gives, without its ~1 ms parse.
#: Checked against dateparser on ~49,000 cases; its quirks stay with it: a future year-less date (the
#: same day counts as next year's), a month alone when the base day is past the 28th (from 31 January
#: it takes "february" back to a leap year), an invalid day.
_DATED = tuple(re.compile(p) for p in (rf"(?P<m>{_MONTH_NAMES}) (?P<d>\d{{1,2}}),? {_YEAR_RE}",
                                        rf"(?P<d>\d{{1,2}}) (?P<m>{_MONTH_NAMES}),? {_YEAR_RE}",
                                        rf"(?P<m>{_MONTH_NAMES}),? {_YEAR_RE}"))
_UNDATED = tuple(re.compile(p) for p in (rf"(?P<m>{_MONTH_NAMES}) (?P<d>\d{{1,2}})",
                                          rf"(?P<d>\d{{1,2}}) (?P<m>{_MONTH_NAMES})", rf"(?P<m>{_MONTH_NAMES})"))
_FUTURE_WORDS = frozenset({"will", "shall", "'ll", "plan", "plans", "planned", "scheduled", "set", "expected",
                           "due", "upcoming"})
_NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "poss", "nmod"})


@dataclass(frozen=True)
class ResolvedDate:
    date: str  # ISO YYYY-MM-DD
    source: str  # text | published | ingested
    expression: str | None = None


@dataclass(frozen=True)
class _Expression:
    text: str
    start: int  # char offsets in the sentence
    end: int
    noun_modifier: bool  # "the 1994 treaty": a date describing a thing, not the event
    clause: int  # token index of the verb the expression hangs from (-1: no token)


@dataclass(frozen=True)
class _Candidate:
    text: str
    start: int  # char offsets in the sentence
    end: int
    attached: bool  # its syntactic head chain reaches the trigger's clause
    noun_modifier: bool  # "the 1994 treaty": a date describing a thing, not the event
    clause: int  # token index of the verb the expression hangs from


def parse_published(value: str | None) -> date | None:
    """The publication date of an article from an ISO date/datetime or a free-form string."""
    if not value:
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed else None


class DateResolver:
    """Resolve the date of one event from its sentence, trigger offset, modality and publication date."""

    def __init__(self, today: date | None = None) -> None:
        self.today = today
        #: the last sentence's date expressions: an article's events come sentence by sentence, and the
        #: expressions depend on the sentence only (the trigger only ranks them)
        self._last: tuple[ParsedSentence, list[_Expression]] | None = None

    def resolve(self, sent: ParsedSentence, trigger_start: int, modality: str,
                published: date | None) -> ResolvedDate:
        ranked = self._ranked(sent, trigger_start)
        future = bool(ranked) and is_future(sent, trigger_start, modality)  # only asked of an expression
        if published is not None:
            for cand in ranked:
                fut = future if cand.attached else _clause_future(sent, cand.clause)
                day = resolve_expression(cand.text, published, fut)
                if day is not None:
                    return ResolvedDate(day.isoformat(), "text", cand.text)
            return ResolvedDate(published.isoformat(), "published")
        today = self.today or datetime.now(UTC).date()
        for cand in ranked:
            if _is_absolute(cand.text):
                day = resolve_expression(cand.text, today, future)
                if day is not None:
                    return ResolvedDate(day.isoformat(), "text", cand.text)
        return ResolvedDate(today.isoformat(), "ingested")

    def _ranked(self, sent: ParsedSentence, trigger_start: int) -> list[_Candidate]:
        if self._last is None or self._last[0] is not sent:
            self._last = (sent, expressions(sent))
        if not self._last[1]:
            return []
        cands = [c for c in _attach(sent, self._last[1], trigger_start) if not c.noun_modifier]
        return sorted(cands, key=lambda c: (not c.attached, _distance(c, trigger_start), c.start))


def _distance(c: _Candidate, pos: int) -> int:
    return 0 if c.start <= pos < c.end else min(abs(c.start - pos), abs(c.end - pos))


def _is_absolute(text: str) -> bool:
    return bool(_YEAR.search(text))


def candidates(sent: ParsedSentence, trigger_start: int) -> list[_Candidate]:
    """Date expressions in the sentence: DATE entities and regex extras, as char spans."""
    return _attach(sent, expressions(sent), trigger_start)


def expressions(sent: ParsedSentence) -> list[_Expression]:
    """The sentence's date expressions, whatever the trigger: DATE entities and regex extras naming a
    point in time, in text order."""
    spans: list[tuple[int, int]] = ([(m.start(), m.end()) for m in _EXTRA.finditer(sent.text)]
                                    if _EXTRA_HINT.search(sent.text) else [])
    for s, e, label in sent.entities:
        if label == "DATE" and s < e <= len(sent.tokens):
            a, b = sent.tokens[s].start, sent.tokens[e - 1].end
            if not any(x <= a < y or a <= x < b for x, y in spans):
                spans.append((a, b))
    out = []
    for a, b in sorted(spans):
        text = sent.text[a:b]
        if not _ANCHOR.search(text):
            continue
        head = _span_head(sent, a, b)
        own = _clause_verb(sent, head) if head is not None else -1
        out.append(_Expression(text, a, b, head is not None and _modifies_noun(sent, head), own))
    return out


def _attach(sent: ParsedSentence, exprs: list[_Expression], trigger_start: int) -> list[_Candidate]:
    """The expressions as candidates for one trigger: attached when they hang from the trigger's clause."""
    if not exprs:
        return []
    trigger_tok = _token_at(sent, trigger_start)
    clause = _clause_verb(sent, trigger_tok) if trigger_tok is not None else None
    return [_Candidate(x.text, x.start, x.end, x.clause == clause, x.noun_modifier, x.clause) for x in exprs]


def _token_at(sent: ParsedSentence, char: int) -> Token | None:
    for t in sent.tokens:
        if t.start <= char < t.end:
            return t
    return None


def _span_head(sent: ParsedSentence, a: int, b: int) -> Token | None:
    toks = [t for t in sent.tokens if a <= t.start < b]
    inside = {t.i for t in toks}
    for t in toks:
        if t.head not in inside or t.head == t.i:
            return t
    return toks[0] if toks else None


def _clause_verb(sent: ParsedSentence, tok: Token) -> int:
    """Index of the nearest verb at or above a token (the clause it belongs to)."""
    seen = set()
    cur = tok
    while cur.i not in seen:
        seen.add(cur.i)
        if cur.pos in ("VERB", "AUX") and cur.dep != "aux":
            return cur.i
        if cur.head == cur.i:
            return cur.i
        cur = sent.tokens[cur.head]
    return cur.i


def _modifies_noun(sent: ParsedSentence, head: Token) -> bool:
    parent = sent.tokens[head.head]
    return head.dep in _NOUN_MODIFIER_DEPS and parent.pos in ("NOUN", "PROPN") and parent.i != head.i


def is_future(sent: ParsedSentence, trigger_start: int, modality: str) -> bool:
    """Does the event lie after publication? Planned modality, or a future marker in the trigger's clause."""
    if modality == "planned":
        return True
    tok = _token_at(sent, trigger_start)
    if tok is None:
        return False
    return _clause_future(sent, _clause_verb(sent, tok))


def _clause_future(sent: ParsedSentence, clause: int) -> bool:
    if not 0 <= clause < len(sent.tokens):
        return False
    verb = sent.tokens[clause]
    markers = {t.text.lower() for t in sent.tokens if t.head == clause and t.i != clause}
    if verb.tag in ("VBD", "VBN") and not markers & {"will", "shall", "'ll"}:
        return False
    return bool(markers & _FUTURE_WORDS)


def resolve_expression(text: str, base: date, future: bool) -> date | None:
    """One date expression -> a calendar day, relative to `base` (the publication date)."""
    low = " ".join(text.lower().replace("\u2019", "'").split())
    for word, offset in _DAY_WORD_RES:
        if word.search(low):
            return base + timedelta(days=offset)
    if _WEEKEND.search(low):  # "over the weekend": its Saturday
        low = low.replace("weekend", "saturday")
    weekday = _weekday(low, base, future)
    if weekday is not None:
        return weekday
    ago = _ago(low, base)
    if ago is not None:
        return ago
    year = _YEAR_ONLY.match(low)
    if year:
        return date(int(year.group(1)), 1, 1)
    return _dateparser(low, base, future)


def _weekday(low: str, base: date, future: bool) -> date | None:
    m = _WEEKDAY_PHRASE.search(low)
    if not m or _MONTH_DAY.search(low) or _DAY_MONTH.search(low):
        return None  # "Monday, May 4" is an explicit date: dateparser
    target = WEEKDAYS.index(m.group(2))
    back = (base.weekday() - target) % 7
    fwd = (target - base.weekday()) % 7
    mod = m.group(1)
    if mod in ("last", "past"):
        return base - timedelta(days=back or 7)
    if mod in ("next", "coming"):
        return base + timedelta(days=fwd or 7)
    return base + timedelta(days=fwd) if future else base - timedelta(days=back)


def _ago(low: str, base: date) -> date | None:
    m = _AGO.search(low)
    if not m or not (m.group(1) or m.group(4)):
        return None
    n = int(m.group(2)) if m.group(2).isdigit() else _NUM_WORDS.get(m.group(2), 1)
    sign = -1 if m.group(4) in ("ago", "earlier") else 1
    unit = m.group(3)
    if unit == "day":
        return base + timedelta(days=sign * n)
    if unit == "week":
        return base + timedelta(days=sign * 7 * n)
    months = n if unit == "month" else 12 * n
    return _add_months(base, sign * months)


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, 28)


def _calendar_date(cleaned: str, base: date, future: bool) -> date | None:
    """A calendar date spelled out (see _DATED), or None to leave it to dateparser."""
    for pattern in _DATED:
        m = pattern.fullmatch(cleaned)
        if m:
            return _valid(int(m.group("y")), MONTHS.index(m.group("m")) + 1, int(m.groupdict().get("d") or 1))
    if future:
        return None
    for pattern in _UNDATED:
        m = pattern.fullmatch(cleaned)
        if m:
            if "d" not in m.groupdict() and base.day > 28:
                return None
            month, dom = MONTHS.index(m.group("m")) + 1, int(m.groupdict().get("d") or 1)
            this_year = _valid(base.year, month, dom)
            if this_year is None:
                return None
            return this_year if this_year <= base else _valid(base.year - 1, month, dom)
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift(base: date, sign: int, unit: str) -> date:
    if unit == "week":
        return base + timedelta(days=7 * sign)
    return _add_months(base, sign if unit == "month" else 12 * sign)


@lru_cache(maxsize=4096)  # pure: events of one sentence, and articles of one day, share expressions
def _dateparser(low: str, base: date, future: bool) -> date | None:
    import dateparser

    cleaned = " ".join(_FILLER.sub(" ", low).split()) or low
    period = _PERIOD.fullmatch(cleaned)
    if period:  # dateparser's own answer (checked on 3,600 cases: month ends, leap days), without its ~1 ms
        return _shift(base, _PERIOD_SIGN[period.group(1)], period.group(2))
    day = _calendar_date(cleaned, base, future)
    if day is not None:
        return day
    settings: dict[str, Any] = {"RELATIVE_BASE": datetime(base.year, base.month, base.day),
                                "PREFER_DATES_FROM": "future" if future else "past",
                                "RETURN_AS_TIMEZONE_AWARE": False}
    if re.search(_MONTH_RE, cleaned) and not _HAS_DAY_NUMBER.search(cleaned) and not re.search(
            r"\b(?:last|next|this|ago)\b", cleaned):
        settings["PREFER_DAY_OF_MONTH"] = "first"  # "in March": the month's first day
    try:
        parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError) as exc:  # dateparser raises these on odd input
        log.debug("dateparser failed on %r: %s", cleaned, exc)
        return None
    return parsed.date() if parsed else None
