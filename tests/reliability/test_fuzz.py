"""Property-based fuzzing (hypothesis) of the readers, the cleaner and the coder, on a bounded budget.

Invariants: nothing raises; every input becomes Articles or Quarantined records (one-line reasons naming
the record, storable strings); coded events keep their offsets inside their sentence.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.clean.cleaner import Cleaner
from flashpoint.errors import IngestError
from flashpoint.ingest.readers import read_bytes
from flashpoint.models import Article, CleanArticle, Quarantined
from flashpoint.pipeline import ArticleResult
from flashpoint.settings import Settings

from .corpus import SENTENCES

S = Settings()
BUDGET = int(os.environ.get("FLASHPOINT_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=BUDGET, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SUFFIXES = st.sampled_from([".txt", ".html", ".jsonl", ".json", ".dat"])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
records = st.fixed_dictionaries({}, optional={
    "id": json_values | st.text(max_size=12), "text": json_values | st.text(max_size=200),
    "title": json_values, "published": json_values, "source": json_values, "format": st.sampled_from(["html", "txt"]),
})
HTML_BITS = ["<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<!--", "-->",
             "<title>", "</title>", "<br/>", "&amp;", "&#0;", "<", ">", "\"", "'", "\x00", "\ufeff"]
html_docs = st.lists(st.sampled_from(HTML_BITS) | st.sampled_from(SENTENCES) | st.text(max_size=20),
                     max_size=30).map("".join)


def _storable(s: str | None) -> bool:
    if s is None:
        return True
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_item(item: object, origin: str) -> None:
    if isinstance(item, Quarantined):
        assert item.origin.startswith(origin) and item.reason.strip()
        assert "\n" not in item.message() and "\r" not in item.message()
        assert all(_storable(v) for v in (item.origin, item.reason, item.article_id, item.payload_preview))
        return
    assert isinstance(item, Article), item
    assert item.origin.startswith(origin) and item.text.strip() and len(item.text) <= S.max_text_chars
    assert all(_storable(v) for v in (item.article_id, item.title, item.url, item.published, item.source))


@FUZZ
@given(data=st.binary(max_size=3000), suffix=SUFFIXES)
def test_readers_never_raise_on_arbitrary_bytes(data: bytes, suffix: str) -> None:
    for item in read_bytes(data, "fuzz" + suffix, suffix, S):
        _check_item(item, "fuzz" + suffix)


@FUZZ
@given(lines=st.lists(records.map(json.dumps) | st.text(max_size=60), max_size=8), suffix=SUFFIXES)
def test_readers_handle_arbitrary_json_lines(lines: list[str], suffix: str) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    items = list(read_bytes(data, "f" + suffix, suffix, S))
    for item in items:
        _check_item(item, "f" + suffix)
    whole_file = len(items) == 1 and items[0].origin == "f" + suffix  # empty or binary: one record
    if suffix == ".jsonl" and not whole_file:  # each non-blank line is an Article or a Quarantined record
        assert len(items) == sum(1 for line in data.split(b"\n") if line.strip())


@FUZZ
@given(text=st.text(max_size=400) | html_docs, fmt=st.sampled_from(["txt", "html"]))
def test_cleaner_never_raises(text: str, fmt: str) -> None:
    out = Cleaner(S)(Article("fz", text, "fz.in", fmt=fmt))
    if isinstance(out, Quarantined):
        assert out.reason.strip() and "\n" not in out.message()
        return
    assert isinstance(out, CleanArticle) and out.text.strip() and _storable(out.text)
    assert out.language in {"en", "other", "und"}


CONTRACT_KEYS = {"event_id", "article_id", "sentence_index", "sentence", "source", "target", "cameo",
                 "cameo_root", "goldstein", "quad_class", "plover", "modality", "attribution", "event_date",
                 "event_date_source", "location", "confidence", "trigger", "rule", "evidence"}
WORDS = sorted({w.strip(".,") for s in SENTENCES for w in s.split()} | {"not", "will", "may", "said", "\n", "—"})
newsish = st.lists(st.sampled_from(WORDS) | st.text(max_size=6), min_size=1, max_size=40).map(" ".join)


def _check_span(sentence: str, text: str, start: int, end: int) -> None:
    assert 0 <= start <= end <= len(sentence), (start, end, len(sentence))
    assert sentence[start:end] == text


def _check_results(results: list[ArticleResult | Quarantined]) -> int:
    n = 0
    for r in results:
        if isinstance(r, Quarantined):  # only the cleaner may refuse a text (empty, no letters...)
            assert r.stage == "clean", r.message()
            continue
        sents = {s.index: s for s in r.sentences}
        for s in r.sentences:
            assert r.article.text[s.start:s.start + len(s.text)] == s.text
        for e in r.events:
            n += 1
            assert e.sentence == sents[e.sentence_index].text
            _check_span(e.sentence, e.trigger.text, e.trigger.start, e.trigger.end)
            for actor in (e.source, e.target):
                if actor is not None:
                    _check_span(e.sentence, actor.text, actor.start, actor.end)
            assert CONTRACT_KEYS <= set(e.to_contract())
            json.dumps(e.to_contract())
    return n


@FUZZ
@given(text=st.text(max_size=300) | newsish)
def test_coder_keeps_invariants_on_arbitrary_text(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    _check_results(list(pipeline.process([Article("fz", text, "<fuzz>")])))
    try:
        events = pipeline.code_text(text)
    except IngestError as exc:  # unusable text is refused with a reason, never silently dropped
        assert exc.reason and exc.stage
        return
    assert all(CONTRACT_KEYS <= set(e.to_contract()) for e in events)
