"""The scoring conventions of `flashpoint eval`, on sentences written for these tests."""

from flashpoint.eval.gold import GoldActor, detokenize
from flashpoint.eval.scoring import find_span, gold_heads, head_match, head_word, overlap, prf
from flashpoint.models import ActorMention


def _mention(text: str) -> ActorMention:
    return ActorMention(text=text, start=0, end=len(text), head=-1)


def test_head_word_is_the_last_word_before_a_post_modifier():
    assert head_word("The Chilean foreign minister") == "minister"
    assert head_word("dozens of protesters in the capital") == "dozens"
    assert head_word("Ministry of Defence") == "ministry"


def test_head_match_accepts_the_same_head_or_a_phrase_containing_both_heads():
    gold = (GoldActor("Chilean troops"),)
    assert head_match(_mention("troops"), gold, None)
    assert head_match(_mention("the Chilean troops in Arica"), gold, None)
    assert not head_match(_mention("Chile"), gold, None)
    assert not head_match(None, gold, None)
    assert head_match(None, (), None)  # nothing to match


def test_each_conjunct_of_a_gold_coordination_is_a_head():
    assert gold_heads("Chile and Peru") == ["peru", "chile"]
    gold = (GoldActor("Chile and Peru"),)
    assert head_match(_mention("Chile"), gold, None) and head_match(_mention("Peru"), gold, None)
    assert not head_match(_mention("Bolivia"), gold, None)


def test_a_gold_modifier_matches_the_phrase_it_leads():
    """Gold files sometimes mark only the nationality ("British") of "the British government"."""
    assert head_match(_mention("British government"), (GoldActor("British"),), None)
    assert head_match(_mention("US drone strikes"), (GoldActor("US"),), None)
    assert not head_match(_mention("British"), (GoldActor("British government"),), None)  # not the other way
    assert not head_match(_mention("French and British troops"), (GoldActor("British"),), None)
    assert head_match(_mention("illegal Mexican immigrants"), (GoldActor("Mexican"),), None)  # just before the head
    assert not head_match(_mention("Mexican immigrants in Texas"), (GoldActor("Texas"),), None)


def test_abbreviations_match_their_words():
    """A predicted head "U.S." inside a gold phrase whose words are split on the dots."""
    assert head_match(_mention("U.S. offer"), (GoldActor("a U.S. offer"),), None)


def test_gold_spans_given_as_tokens_are_detokenised():
    assert detokenize("the U . K") == "the U.K"
    assert detokenize("Chile 's navy") == "Chile's navy"
    assert detokenize("a Peruvian - led force") == "a Peruvian-led force"
    assert detokenize("more than 2 , 300 people") == "more than 2,300 people"
    assert detokenize("Union of Teachers ( UT )") == "Union of Teachers (UT)"


def test_find_span_whole_words_and_coordinations():
    s = "Peruvian and Chilean troops met near the border."
    assert find_span(s, "Chilean troops") == (s.index("Chilean"), s.index(" met"))
    assert find_span(s, "Peruvian troops") == (0, s.index(" met"))  # gathered from "Peruvian and ... troops"
    assert find_span(s, "troop") is None  # whole words only
    assert find_span(s, "Bolivian troops") is None


def test_overlap_and_prf():
    assert overlap("the Chilean troops", "Chilean troops") == 1.0
    assert overlap("Chile", "Peru") == 0.0
    p, r, f = prf(8, 2, 2)
    assert round(p, 6) == round(r, 6) == round(f, 6) == 0.8


def test_penta_classes_follow_multicoped():
    """Multi-CoPED's classes: investigations are verbal conflict, protests material conflict, and its annotators
    put reduced relations (16) with verbal conflict."""
    from types import SimpleNamespace

    from flashpoint.eval.scoring import penta_of

    def p(root: str) -> int:
        return penta_of(SimpleNamespace(cameo_root=root))  # type: ignore[arg-type]

    assert [p(r) for r in ("01", "02", "04", "07", "09", "12", "14", "16", "18", "20")] == [0, 0, 1, 2, 3, 3, 4, 3, 4, 4]


def test_the_scored_event_is_the_reported_one_rather_than_its_say_statement():
    from flashpoint.eval.gold import GoldRow
    from flashpoint.eval.scoring import choose_event
    from flashpoint.models import Event, Trigger

    def ev(cameo: str, src: str) -> Event:
        m = _mention(src)
        return Event(article_id="a", sentence_index=0, sentence="s", source=m, target=None, cameo=cameo,
                     cameo_root=cameo[:2], goldstein=0.0, quad_class=1, plover_type=None, plover_mode=None,
                     plover_context=(), modality="asserted", confidence=0.9, trigger=Trigger("t", 0, 1), rule="r")

    row = GoldRow(id="t", text="s", sources=(GoldActor("police"),), targets=())
    say, kill = ev("010", "police"), ev("190", "police")
    assert choose_event([say, kill], row) is kill


def test_without_gold_actors_the_main_event_is_scored(parser):
    """The event nearest the root of the parse, not the most confident subordinate one."""
    from flashpoint.eval.gold import GoldRow
    from flashpoint.eval.scoring import choose_event
    from flashpoint.models import Event, Trigger

    sent = parser.parse_text("NATO declined to comment on reports of an air strike near Pristina.")[0]

    def ev(cameo: str, word: str, conf: float) -> Event:
        start = sent.text.index(word)
        return Event(article_id="a", sentence_index=0, sentence=sent.text, source=None, target=None, cameo=cameo,
                     cameo_root=cameo[:2], goldstein=0.0, quad_class=1, plover_type=None, plover_mode=None,
                     plover_context=(), modality="asserted", confidence=conf,
                     trigger=Trigger(word, start, start + len(word)), rule="r")

    main, sub = ev("011", "declined", 0.8), ev("195", "strike", 0.98)
    assert choose_event([sub, main], GoldRow(id="t", text=sent.text), sent) is main


def test_events_tied_on_gold_actors_score_the_main_clause_one(parser):
    """Two events with the same actors: the one nearer the root of the parse, before the more confident."""
    from flashpoint.eval.gold import GoldRow
    from flashpoint.eval.scoring import choose_event
    from flashpoint.models import Event, Trigger

    sent = parser.parse_text("The rebels rejected an invitation to attend talks with the army.")[0]

    def ev(cameo: str, word: str, conf: float) -> Event:
        start = sent.text.index(word)
        return Event(article_id="a", sentence_index=0, sentence=sent.text, source=_mention("rebels"), target=None,
                     cameo=cameo, cameo_root=cameo[:2], goldstein=0.0, quad_class=1, plover_type="X",
                     plover_mode=None, plover_context=(), modality="asserted", confidence=conf,
                     trigger=Trigger(word, start, start + len(word)), rule="r")

    main, sub = ev("125", "rejected", 0.7), ev("040", "attend", 0.95)
    row = GoldRow(id="t", text=sent.text, sources=(GoldActor("rebels"),), targets=())
    assert choose_event([sub, main], row, sent) is main


def test_a_placeholder_gold_actor_means_none_is_named():
    """Some gold rows put the role name ("recipient") where the sentence names no target ("agreed to resign")."""
    from flashpoint.models import ParsedSentence

    sent = ParsedSentence("a1", 0, "The prime minister agreed to resign.", 0, ())
    gold = (GoldActor("recipient"),)
    assert head_match(None, gold, sent)
    assert not head_match(_mention("prime minister"), gold, sent)
    # a word the sentence does contain is a real span, matched as usual
    named = ParsedSentence("a1", 0, "The actor was arrested by police.", 0, ())
    assert not head_match(None, (GoldActor("actor"),), named)


def test_a_hyphenated_gold_head_is_found_in_the_predicted_phrase():
    from flashpoint.models import ParsedSentence, Token

    text = "Australian recipient Ben Roberts-Smith"
    toks, pos = [], 0
    for i, w in enumerate(text.split()):
        toks.append(Token(i, w, w.lower(), "PROPN", "NNP", "compound", 3, pos))
        pos += len(w) + 1
    sent = ParsedSentence("a1", 0, text, 0, tuple(toks))
    pred = ActorMention(text=text, start=0, end=len(text), head=0)  # head word "Australian", the coded modifier
    assert head_match(pred, (GoldActor(text),), sent)


def test_a_gold_modifier_anywhere_before_the_head_matches():
    assert head_match(_mention("Recent US Predator attacks"), (GoldActor("US"),), None)
    assert head_match(_mention("Two Palestinian suicide bombers"), (GoldActor("Palestinian"),), None)
    assert not head_match(_mention("Chinese and Russian warships"), (GoldActor("Russian"),), None)
    assert not head_match(_mention("warships in Syria"), (GoldActor("Syria"),), None)  # after the head: no


def test_the_parse_head_of_a_gold_span_counts_where_the_surface_rule_misses_it(parser):
    """"families fleeing the floods in Chad": the last word before the first post-modifier is "floods"; the
    phrase's head in the sentence's parse is "families"."""
    sent = parser.parse_text("The charity flew tents to families fleeing the floods in Chad.")[0]
    gold = (GoldActor("families fleeing the floods in Chad"),)
    i = next(t.i for t in sent.tokens if t.text == "families")
    refugees = ActorMention(text="families", start=sent.tokens[i].start, end=sent.tokens[i].end, head=i)
    assert head_word(gold[0].text) == "floods"
    assert head_match(refugees, gold, sent)
    assert not head_match(refugees, gold, None)  # without the sentence only the surface rule
    j = next(t.i for t in sent.tokens if t.text == "Chad")
    chad = ActorMention(text="Chad", start=sent.tokens[j].start, end=sent.tokens[j].end, head=j)
    assert not head_match(chad, gold, sent)
