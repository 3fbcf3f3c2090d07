"""Sentences that report no event must not get one (sport, business, weather, boilerplate, background facts).

`non_events.txt` holds sentences written for this test, separate from the NONE training sentences in
`flashpoint/data/training/none_sentences.txt` (no sentence is in both).
"""

from pathlib import Path

HERE = Path(__file__).parent


def _lines(path: Path) -> list[str]:
    return [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]


def test_held_out_non_event_sentences_rarely_get_events(parser, coder):
    sents = _lines(HERE / "non_events.txt")
    assert len(sents) >= 60
    coded = coder.code_batch(list(parser.pipe_sentences(sents)))
    with_events = [(s, [(e.plover_type, e.rule) for e in evs]) for s, evs in zip(sents, coded, strict=True) if evs]
    assert len(with_events) / len(sents) <= 0.15, with_events


def test_training_and_test_sentences_are_disjoint():
    from flashpoint.coding.train import none_sentences

    train = set(none_sentences())
    assert len(train) >= 150
    assert not train & set(_lines(HERE / "non_events.txt"))


def test_model_knows_the_none_class(coder):
    assert coder.model is not None and "NONE" in coder.model.labels
