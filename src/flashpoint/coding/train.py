"""`flashpoint train`: fit the learned type model from gold JSONL files and save it with provenance.

Each training example is (sentence, features of the rule candidate that matches the gold actors, gold
PLOVER type), so the model learns when to trust each rule and when to choose another type.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from flashpoint.coding.typemodel import ARTIFACT, EMBED_WEIGHT, fit_calibration, train
from flashpoint.errors import ModelError
from flashpoint.settings import Settings

if TYPE_CHECKING:
    from flashpoint.coding.coder import Coder
    from flashpoint.coding.rules import Candidate
    from flashpoint.coding.syntax import Tree
    from flashpoint.eval.gold import GoldRow
    from flashpoint.nlp.parser import Parser

DEFAULT_C = 10.0
HINT_WEIGHT = 0.7


def _span_words(tree: Tree, head: int) -> set[str]:
    from flashpoint.actors.resolver import noun_phrase

    lo, hi = noun_phrase(tree.sent, head)
    return {t.text.lower() for t in tree.toks[lo:hi] if t.pos not in ("DET", "PUNCT", "ADP")}


def _match(tree: Tree, c: Candidate, row: GoldRow) -> float:
    score = 0.0
    for heads, golds in ((c.sources, row.sources), (c.targets, row.targets)):
        if not heads or not golds:
            continue
        pw = _span_words(tree, heads[0])
        gw = {w.lower() for g in golds for w in g.text.split()}
        if pw and gw:
            score += len(pw & gw) / len(pw | gw)
    return score


def matched_candidate(tree: Tree, cands: Sequence[Candidate], row: GoldRow) -> Candidate | None:
    """The candidate whose actors best match the gold spans, else the shallowest one."""
    if not cands:
        return None
    scored = [(_match(tree, c, row), -len(tree.ancestors(c.governor)), -i, c) for i, c in enumerate(cands)]
    return max(scored, key=lambda x: x[:3])[3]


def training_examples(rows: Sequence[GoldRow], parser: Parser, coder: Coder
                      ) -> tuple[list[str], list[str], list[str], list[str]]:
    """(keys of the raw sentences, model texts, labels, hints) for the rows that have a type."""
    from flashpoint.coding.coder import candidate_hint, is_statement, model_text
    from flashpoint.coding.syntax import Tree
    from flashpoint.coding.typemodel import text_key

    keys, texts, labels, hints = [], [], [], []
    for row, sent in zip(rows, parser.pipe_sentences([r.text for r in rows]), strict=True):
        if not row.event:
            continue
        tree = Tree(sent)
        # statements (CAMEO 01) have no PLOVER type: a gold type never belongs to one. A root-verb fallback
        # (kind "model", coded 010 until the model names its type) is typed by the model at coding time, so
        # it is an example of its gold type, with the hint it will have then
        c = matched_candidate(tree, [x for x in coder.candidates(tree)
                                     if not is_statement(x.cameo) or x.kind == "model"], row)
        keys.append(text_key(row.text))
        texts.append(model_text(tree))
        labels.append(row.event)
        hints.append(candidate_hint(tree, c) if c else "rule:NONE kind:none")
    return keys, texts, labels, hints


NONE_LABEL = "NONE"
NONE_FILE = "none_sentences.txt"


def none_sentences() -> list[str]:
    """Project-written news sentences that report no event (the NONE class), from package data."""
    ref = resources.files("flashpoint.data").joinpath("training", NONE_FILE)
    if not ref.is_file():
        return []
    lines = ref.read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def none_examples(parser: Parser, coder: Coder, sentences: Sequence[str] | None = None
                  ) -> tuple[list[str], list[str], list[str], list[str]]:
    """(keys, model texts, labels, hints) teaching the model the NONE class: every candidate the rules or
    the root fallback find in a sentence with no event is an example of NONE."""
    from flashpoint.coding.coder import candidate_hint, model_text
    from flashpoint.coding.syntax import Tree
    from flashpoint.coding.typemodel import text_key

    keys, texts, labels, hints = [], [], [], []
    sents = list(sentences if sentences is not None else none_sentences())
    for raw, sent in zip(sents, parser.pipe_sentences(sents), strict=True):
        tree = Tree(sent)
        cands = coder.candidates(tree)
        for c in cands or [None]:
            keys.append(text_key(raw))
            texts.append(model_text(tree))
            labels.append(NONE_LABEL)
            hints.append(candidate_hint(tree, c) if c else "rule:NONE kind:none")
    return keys, texts, labels, hints


def training_set(rows: Sequence[GoldRow], parser: Parser, coder: Coder
                 ) -> tuple[list[str], list[str], list[str], list[str]]:
    """What the type model is trained on: the gold rows' examples, then the NONE examples."""
    examples = training_examples(rows, parser, coder)
    for acc, extra in zip(examples, none_examples(parser, coder), strict=True):
        acc.extend(extra)
    return examples


def read_rows(paths: Sequence[Path]) -> list[GoldRow]:
    from flashpoint.eval.gold import read_gold

    return [r for p in paths for r in read_gold(p) if r.event]


def train_and_save(paths: list[Path], settings: Settings, out: Path | None = None) -> tuple[Path, int]:
    from flashpoint.coding.coder import Coder
    from flashpoint.nlp.parser import Parser

    rows = read_rows(paths)
    if not rows:
        raise ModelError("no training rows with 'text' and 'event' found in " + ", ".join(map(str, paths)))
    keys, texts, labels, hints = training_set(rows, Parser(settings), Coder(settings, use_model=False))
    prov = {"files": [p.name for p in paths], "none_file": f"flashpoint/data/training/{NONE_FILE}",
            "rows": len(texts), "C": DEFAULT_C, "hint_weight": HINT_WEIGHT,
            "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "features": "tfidf words 1-2 + chars 3-5 of the sentence + features of the matching rule candidate",
            "none_class": f"NONE examples: every candidate in the project-written sentences of {NONE_FILE}",
            "command": "flashpoint train " + " ".join(str(p) for p in paths)}
    prov["calibration"] = fit_calibration(keys, texts, labels, hints, DEFAULT_C, HINT_WEIGHT)
    model = train(texts, labels, hints, prov, c=DEFAULT_C, hint_weight=HINT_WEIGHT, keys=keys,
                  embed_weight=EMBED_WEIGHT, with_fallback=True)
    prov["embedding"] = model.embedding
    if model.embedding:
        prov["features"] += f" + {model.embedding['name']} sentence embedding (weight {model.embedding['weight']})"
    target = out or Path(str(resources.files("flashpoint.data.models").joinpath(ARTIFACT)))
    model.save(target)
    return target, len(texts)
