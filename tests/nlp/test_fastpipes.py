"""The faster attribute-ruler matching and lemmatizer loop give spaCy's own annotations."""

from __future__ import annotations

import pytest

from flashpoint.nlp.fastpipes import FastMatch, Unsupported, install

# the project's own sentences: contractions, auxiliaries, pronoun objects, "there is", spaces and line breaks
TEXTS = [
    "The ministers didn't sign the accord on Tuesday, and they ain't going to sign it now.",
    "Y'all know there are troops massing near the border; officials said nothin' about it.",
    "She had warned them that the talks would collapse unless the blockade was lifted.",
    "Protesters  gathered outside the embassy.\n\nPolice fired tear gas at them and arrested 40 people.",
    "Is it true that the rebels have seized the airport? Whether they have or not, aid flights stopped.",
    "I'm told the envoys met in Doha, where they'd agreed to a ceasefire that lasted three days.",
    "",
]
ATTRS = ["ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "MORPH", "ENT_TYPE", "ENT_IOB", "SENT_START", "NORM"]


@pytest.fixture(scope="module")
def pair(settings):  # type: ignore[no-untyped-def]
    import spacy

    stock, fast = spacy.load(settings.spacy_model), spacy.load(settings.spacy_model)
    assert install(fast) == ["attribute_ruler", "lemmatizer"]
    return stock, fast


def test_same_matches_as_the_matcher(pair) -> None:  # type: ignore[no-untyped-def]
    stock, _ = pair
    ruler = stock.get_pipe("attribute_ruler")
    fast = FastMatch(ruler)
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(stock.pipe(TEXTS))
    matched = 0
    for doc in docs:
        expected = ruler.match(doc)
        assert fast(doc) == expected, doc.text
        matched += len(expected)
    assert matched > sum(map(len, docs))  # nearly every token matches a tag rule, some more than one


def test_same_annotations_as_spacy(pair) -> None:  # type: ignore[no-untyped-def]
    stock, fast = pair
    for _ in range(2):  # the second round takes the lemmas from the memo
        for a, b in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
            assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all(), a.text
            assert [(t.lemma_, str(t.morph), t.pos_) for t in a] == [(t.lemma_, str(t.morph), t.pos_) for t in b]
            assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]
    doc = fast("The ministers didn't sign it.")
    assert [t.lemma_ for t in doc] == ["the", "minister", "do", "not", "sign", "it", "."]
    assert fast.get_pipe("lemmatizer")._flashpoint_memo  # the memo is in use


def test_patterns_it_cannot_reproduce_leave_the_ruler_alone(settings) -> None:  # type: ignore[no-untyped-def]
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "big"}]], {"LEMMA": "huge"})
    with pytest.raises(Unsupported):
        FastMatch(ruler)
    assert install(nlp) == []
    assert nlp("very very big")[1].lemma_ == "huge"  # spaCy's own matcher still runs


def test_the_parser_stage_uses_them(parser) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(parser.nlp.get_pipe("attribute_ruler").match, FastMatch)
    assert hasattr(parser.nlp.get_pipe("lemmatizer"), "_flashpoint_memo")
