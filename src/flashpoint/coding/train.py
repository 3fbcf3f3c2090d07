"""`flashpoint train`: fit the learned type model from gold JSONL files and save it with provenance."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from flashpoint.coding.typemodel import ARTIFACT, read_training_rows, train
from flashpoint.errors import ModelError
from flashpoint.settings import Settings

DEFAULT_C = 4.0


def rule_hints(texts: list[str], settings: Settings) -> list[str]:
    from flashpoint.coding.coder import Coder
    from flashpoint.coding.syntax import Tree
    from flashpoint.nlp.parser import Parser

    parser = Parser(settings)
    coder = Coder(settings, use_model=False)
    out = []
    for s in parser.pipe_sentences(texts):
        tree = Tree(s)
        out.append(coder.hint(tree, coder.finder.find(tree)))
    return out


def train_and_save(paths: list[Path], settings: Settings, out: Path | None = None) -> tuple[Path, int]:
    rows = read_training_rows(paths)
    if not rows:
        raise ModelError("no training rows with 'text' and 'event' found in " + ", ".join(map(str, paths)))
    texts = [t for t, _ in rows]
    labels = [lab for _, lab in rows]
    hints = rule_hints(texts, settings)
    prov = {"files": [p.name for p in paths], "rows": len(rows), "C": DEFAULT_C,
            "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "features": "tfidf words 1-2 + chars 3-5 + rule candidate types/trigger lemmas",
            "command": "flashpoint train " + " ".join(str(p) for p in paths)}
    model = train(texts, labels, hints, prov, c=DEFAULT_C)
    target = out or Path(str(resources.files("flashpoint.data.models").joinpath(ARTIFACT)))
    model.save(target)
    return target, len(rows)
