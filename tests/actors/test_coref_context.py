"""ArticleContext: look-backs over lazily remembered sentences answer as over the whole history."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from flashpoint.actors import coref
from flashpoint.actors.coref import MAX_HISTORY, Antecedent, ArticleContext
from flashpoint.models import ActorMention


def _ante(n: int, country: str | None, person: bool, plural: bool, title: str = "") -> Antecedent:
    m = ActorMention(text=f"a{n}", start=n, end=n + 1, head=n, country=country)
    return Antecedent(m, person=person, plural=plural, collective=not person, subject=n % 2 == 0, title=title)


def _sentences() -> list[list[Antecedent]]:
    kinds = itertools.cycle([("USA", True, False, "president"), (None, False, True, ""), ("RUS", False, False, ""),
                             ("FRA", True, False, "leader"), (None, True, False, "")])
    n = itertools.count()
    return [[_ante(next(n), *next(kinds)) for _ in range(size)] for size in (3, 0, 7, 2, 11, 1, 9, 4, 6, 5)]


def _producer(calls: list[int], k: int, items: list[Antecedent]) -> Callable[[], list[Antecedent]]:
    def produce() -> list[Antecedent]:
        calls.append(k)
        return items

    return produce


def test_lazy_history_answers_like_the_eager_one() -> None:
    sentences = _sentences()
    for upto in range(1, len(sentences) + 1):
        calls: list[int] = []
        lazy = ArticleContext()
        for k, items in enumerate(sentences[:upto]):
            lazy.remember_later(_producer(calls, k, items))
        history = [a for items in sentences[:upto] for a in items][-MAX_HISTORY:]
        for word in ("he", "it", "they", "its", "their", "her"):
            assert lazy.pick(word) == coref.pick(history, word, prefer_subject=False)
        for noun in ("president", "leader", "government", "country", "army"):
            assert lazy.pick_definite(noun) == coref.pick_definite(history, noun)
        assert lazy.antecedents == history
        assert lazy.mentions == [a.mention for a in history]
        assert len(calls) == len(set(calls))  # each sentence worked out once at most


def test_a_look_back_stops_at_the_latest_answer() -> None:
    sentences = _sentences()
    ctx = ArticleContext()
    called: list[int] = []
    for k, items in enumerate(sentences):
        ctx.remember_later(_producer(called, k, items))
    assert ctx.pick("it") is not None
    assert called == [len(sentences) - 1]
