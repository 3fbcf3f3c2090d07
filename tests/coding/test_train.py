"""`flashpoint train`'s examples: which candidate of a gold sentence teaches the type model, with which hint."""

from __future__ import annotations

import pytest

from flashpoint.coding.rules import Candidate
from flashpoint.coding.syntax import Tree
from flashpoint.coding.train import training_examples
from flashpoint.eval.gold import GoldActor, GoldRow


class _OneCandidate:
    """A coder stand-in whose rules find exactly the candidates it is given (rule edits cannot move the test)."""

    def __init__(self, kind: str, cameo: str) -> None:
        self.kind, self.cameo = kind, cameo

    def candidates(self, tree: Tree) -> list[Candidate]:
        root = next(t.i for t in tree.toks if t.dep == "ROOT")
        subj = [k for k in tree.kids[root] if tree.tok(k).dep == "nsubj"]
        return [Candidate(root, root, root + 1, self.cameo, "test", self.kind, root, sources=subj)]


ROW = GoldRow("r1", "The navy staged joint exercises with Jordanian forces.", "COOPERATE",
              sources=(GoldActor("The navy"),))


@pytest.mark.slow
def test_a_root_verb_fallback_is_an_example_of_the_gold_type(parser) -> None:  # type: ignore[no-untyped-def]
    _, _, labels, hints = training_examples([ROW], parser, _OneCandidate("model", "010"))
    assert labels == ["COOPERATE"]
    # the hint the fallback will have when the coder asks the model for its type, not the no-candidate hint
    assert hints[0].startswith("rule:NONE kind:model ")


@pytest.mark.slow
def test_a_lexicon_statement_is_no_example_of_a_typed_event(parser) -> None:  # type: ignore[no-untyped-def]
    _, _, labels, hints = training_examples([ROW], parser, _OneCandidate("statement", "010"))
    assert labels == ["COOPERATE"] and hints == ["rule:NONE kind:none"]


@pytest.mark.slow
def test_the_root_verb_fallback_takes_a_noun_subject_that_is_no_known_actor(parser, rules_coder) -> None:  # type: ignore[no-untyped-def]
    sent = next(iter(parser.pipe_sentences(["Forensic investigators searched the residence on Tuesday."])))
    tree = Tree(sent)
    fallbacks = [c for c in rules_coder.candidates(tree) if c.kind == "model"]
    assert [tree.tok(h).text for c in fallbacks for h in c.sources] == ["investigators"]
