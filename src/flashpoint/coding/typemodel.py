"""Learned PLOVER type chooser: TF-IDF (words + characters + rule features) and logistic regression.

Rules and the parse find triggers, actors, modality and attribution; this model only helps choose among
candidate types. It is trained by `flashpoint train` from gold JSONL files the user supplies, and it
remembers hashes of its training sentences so `flashpoint eval` never scores a sentence the model saw
(it cross-validates instead).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from flashpoint.errors import ModelError

log = logging.getLogger(__name__)

#: gold labels with names outside the 16 current PLOVER types
LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
             "CONCEDE": "YIELD", "RETREAT": "YIELD"}
ARTIFACT = "type_model.joblib"


def text_key(text: str) -> str:
    return hashlib.sha1(" ".join(text.lower().split()).encode()).hexdigest()[:16]


def norm_label(label: str) -> str:
    return LABEL_MAP.get(label, label)


@dataclass
class TypeModel:
    pipeline: Any
    labels: list[str]
    trained_on: set[str] = field(default_factory=set)
    provenance: dict[str, Any] = field(default_factory=dict)

    def predict_proba(self, texts: Sequence[str], hints: Sequence[str] | None = None) -> list[dict[str, float]]:
        docs = [_doc(t, h) for t, h in zip(texts, hints or [""] * len(texts), strict=True)]
        probs = self.pipeline.predict_proba(docs)
        classes = list(self.pipeline.classes_)
        return [{c: float(p[i]) for i, c in enumerate(classes)} for p in probs]

    def saw(self, text: str) -> bool:
        return text_key(text) in self.trained_on

    def save(self, path: Path) -> None:
        import joblib

        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump({"pipeline": self.pipeline, "labels": self.labels, "trained_on": sorted(self.trained_on),
                     "provenance": self.provenance}, path, compress=3)

    @classmethod
    def load(cls, path: Path | None = None) -> TypeModel | None:
        import joblib

        if path is None:
            ref = resources.files("flashpoint.data.models").joinpath(ARTIFACT)
            if not ref.is_file():
                return None
            path = Path(str(ref))
        try:
            d = joblib.load(path)
        except (OSError, EOFError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot load type model {path}: {exc}") from exc
        return cls(d["pipeline"], d["labels"], set(d["trained_on"]), d.get("provenance", {}))


def _doc(text: str, hint: str) -> str:
    return f"{text} {hint}".strip()


def build_pipeline(c: float = 4.0) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    words = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, lowercase=True,
                            token_pattern=r"(?u)\b[\w:+|]+\b")
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True, max_features=60000)
    return Pipeline([("features", FeatureUnion([("w", words), ("c", chars)])),
                     ("clf", LogisticRegression(C=c, max_iter=3000, class_weight="balanced"))])


def train(texts: Sequence[str], labels: Sequence[str], hints: Sequence[str] | None = None,
          provenance: dict[str, Any] | None = None, c: float = 4.0) -> TypeModel:
    pipe = build_pipeline(c)
    docs = [_doc(t, h) for t, h in zip(texts, hints or [""] * len(texts), strict=True)]
    pipe.fit(docs, list(labels))
    return TypeModel(pipe, sorted(set(labels)), {text_key(t) for t in texts}, provenance or {})


def read_training_rows(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """(text, PLOVER label) from gold-style JSONL files with `text` and `event` (or cameo `example`)."""
    from flashpoint.coding.ontology import plover_for

    rows: list[tuple[str, str]] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    r = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ModelError(f"{path}:{n}: invalid JSON ({exc.msg})") from exc
                text = r.get("text") or r.get("example")
                label = r.get("event")
                if label is None and r.get("cameo_code"):
                    m = plover_for(str(r["cameo_code"]))
                    label = m.type if m else None
                if text and label:
                    rows.append((text, norm_label(str(label))))
    return rows
