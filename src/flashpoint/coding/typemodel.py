"""Learned PLOVER type chooser: TF-IDF (words + characters + rule features) and logistic regression.

Rules and the parse find triggers, actors, modality and attribution; this model only helps choose among
candidate types. It is trained by `flashpoint train` from gold JSONL files the user supplies, and it
remembers hashes of its training sentences so `flashpoint eval` never scores a sentence the model saw
(it cross-validates instead).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
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
        if not texts:
            return []
        docs = list(zip(texts, hints or [""] * len(texts), strict=True))
        probs = self.pipeline.predict_proba(docs)
        classes = list(self.pipeline.classes_)
        return [{c: float(p[i]) for i, c in enumerate(classes)} for p in probs]

    def calibrate(self, p: float) -> float:
        """Probability that a type with model probability p is right, from the isotonic map fitted by train."""
        cal = self.provenance.get("calibration")
        if not cal:
            return p
        import numpy as np

        return float(np.interp(p, cal["x"], cal["y"]))

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


def sentence_part(docs: Sequence[tuple[str, str]]) -> list[str]:
    return [d[0] for d in docs]


def hint_part(docs: Sequence[tuple[str, str]]) -> list[str]:
    return [d[1] for d in docs]


def scale(matrix: Any, weight: float = 1.0) -> Any:
    return matrix * weight


def build_pipeline(c: float = 10.0, hint_weight: float = 0.5) -> Any:
    """Sentence words (1-2) and characters (3-5), plus the candidate's rule features scaled by hint_weight."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer

    def part(getter: Any, vec: Any) -> Any:
        return Pipeline([("get", FunctionTransformer(getter)), ("vec", vec)])

    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True, max_features=60000)
    hints = Pipeline([("get", FunctionTransformer(hint_part)),
                      ("vec", TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True)),
                      ("scale", FunctionTransformer(scale, kw_args={"weight": hint_weight}, accept_sparse=True))])
    features = FeatureUnion([("w", part(sentence_part, words)), ("c", part(sentence_part, chars)), ("h", hints)])
    return Pipeline([("features", features),
                     ("clf", LogisticRegression(C=c, max_iter=3000, class_weight="balanced"))])


def train(texts: Sequence[str], labels: Sequence[str], hints: Sequence[str] | None = None,
          provenance: dict[str, Any] | None = None, c: float = 10.0, hint_weight: float = 0.5,
          keys: Sequence[str] | None = None) -> TypeModel:
    """Fit the model; `keys` are text_key()s of the raw training sentences (default: of `texts`)."""
    pipe = build_pipeline(c, hint_weight)
    docs = list(zip(texts, hints or [""] * len(texts), strict=True))
    pipe.fit(docs, list(labels))
    return TypeModel(pipe, sorted(set(labels)), set(keys) if keys is not None else {text_key(t) for t in texts},
                     provenance or {})


def fit_calibration(keys: Sequence[str], texts: Sequence[str], labels: Sequence[str], hints: Sequence[str],
                    c: float, hint_weight: float, folds: int = 5) -> dict[str, list[float]]:
    """Isotonic map from the model's probability of its chosen type to the share of right types,
    fitted on out-of-fold predictions (each sentence scored by a model that did not see it)."""
    import numpy as np
    from sklearn.isotonic import IsotonicRegression

    fold_of = [int(k, 16) % folds for k in keys]
    scores: list[float] = []
    right: list[int] = []
    for f in range(folds):
        tr = [i for i, k in enumerate(fold_of) if k != f]
        te = [i for i, k in enumerate(fold_of) if k == f]
        m = train([texts[i] for i in tr], [labels[i] for i in tr], [hints[i] for i in tr], c=c, hint_weight=hint_weight)
        for i, probs in zip(te, m.predict_proba([texts[i] for i in te], [hints[i] for i in te]), strict=True):
            best = max(probs, key=lambda k: probs[k])
            scores.append(probs[best])
            right.append(int(best == labels[i]))
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.01, y_max=0.99).fit(np.array(scores), np.array(right))
    return {"x": [float(x) for x in iso.X_thresholds_], "y": [float(y) for y in iso.y_thresholds_]}
