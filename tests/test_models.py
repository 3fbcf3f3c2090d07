"""models.evolve gives what dataclasses.replace gives, faster."""

import dataclasses

import pytest

from flashpoint.models import ActorMention, Event, Token, Trigger, evolve


def _event() -> Event:
    who = ActorMention(text="Russia", start=0, end=6, head=0, code="RUS", country="RUS")
    return Event(article_id="a", sentence_index=2, sentence="Russia threatened Ukraine.", source=who, target=None,
                 cameo="138", cameo_root="13", goldstein=-7.0, quad_class=3, plover_type="THREATEN",
                 plover_mode=None, plover_context=(), modality="asserted", confidence=0.9,
                 trigger=Trigger("threatened", 7, 17), rule="verb:threaten", evidence=("x",))


@pytest.mark.parametrize("changes", [{}, {"tone": -0.5, "event_date": "2020-01-02", "evidence": ("x", "y")}])
def test_evolve_equals_dataclasses_replace(changes):
    e = _event()
    new, ref = evolve(e, **changes), dataclasses.replace(e, **changes)
    assert new == ref and new is not e
    assert vars(new) == vars(ref) and list(vars(new)) == list(vars(ref))  # same fields, same order
    assert dataclasses.asdict(new) == dataclasses.asdict(ref)


def test_evolve_rejects_unknown_fields_and_leaves_cached_values():
    with pytest.raises(TypeError):
        evolve(_event(), colour="red")
    tok = Token(i=0, text="Russia", lemma="Russia", pos="PROPN", tag="NNP", dep="nsubj", head=1, start=0)
    assert tok.end == 6  # cached on tok
    longer = evolve(tok, text="Russian")
    assert longer.end == 7 and longer == dataclasses.replace(tok, text="Russian")
