"""Modality and attribution suite: >= 60 sentences written by the project, covering every value."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

CASES = [tuple(line.split("\t")) for line in (Path(__file__).parent / "modality_cases.tsv").read_text().splitlines()
         if line.strip() and not line.startswith("#")]


def _event_for(events, word):  # type: ignore[no-untyped-def]
    hits = [e for e in events if word in e.trigger.text.split()]
    return hits[0] if hits else None


def test_suite_covers_every_modality():
    counts = Counter(c[2] for c in CASES)
    assert len(CASES) >= 60
    assert set(counts) == {"asserted", "threatened", "planned", "hypothetical", "negated", "reported"}


def test_modality_accuracy(code_sentence):
    wrong = []
    for case in CASES:
        sentence, word, expected = case[:3]
        e = _event_for(code_sentence(sentence), word)
        got = e.modality if e else "no event"
        if got != expected:
            wrong.append(f"{sentence!r}: {word} -> {got}, expected {expected}")
    accuracy = 1 - len(wrong) / len(CASES)
    assert accuracy >= 0.85, f"modality accuracy {accuracy:.2f}; wrong:\n" + "\n".join(wrong)


@pytest.mark.parametrize("case", [c for c in CASES if len(c) > 3 and c[3]], ids=lambda c: c[1])
def test_attribution(code_sentence, case):
    sentence, word, _, speaker = case
    e = _event_for(code_sentence(sentence), word)
    assert e is not None and e.attribution is not None and speaker.split()[-1] in e.attribution.text


def test_threatened_event_never_asserted(code_sentence):
    for case in CASES:
        if case[2] in ("threatened", "planned", "hypothetical"):
            e = _event_for(code_sentence(case[0]), case[1])
            assert e is None or e.modality != "asserted", case[0]
