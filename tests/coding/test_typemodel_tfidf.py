"""The type model's fast TF-IDF blocks are the matrices sklearn's own transforms give, bit for bit."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from flashpoint.coding.typemodel import TypeModel, _features, _tfidf

TEXTS = [
    "Russia's foreign minister accused Ukraine of shelling the Zaporizhzhia plant on Tuesday.",
    "Protesters rallied in Santiago to demand reforms; police fired tear gas.",
    "The UN Security Council will meet next week to discuss sanctions against North Korea.",
    "", "a", "É accents ÇA déjà vu", "tab\there  two\u00a0spaces\nnew line", "UN UN UN un",
    "Russia's foreign minister accused Ukraine of shelling the Zaporizhzhia plant on Tuesday.",
]


@pytest.fixture(scope="module")
def model() -> TypeModel:
    m = TypeModel.load()
    if m is None:
        pytest.skip("no shipped type model")
    return m


def _vectorizers(m: TypeModel) -> list[Any]:
    union = m.pipeline.steps[0][1]
    return [step for _, part in union.transformer_list for _, step in getattr(part, "steps", [])
            if type(step).__name__ == "TfidfVectorizer"]


def _same(a: Any, b: Any) -> bool:
    return (type(a) is type(b) and a.shape == b.shape and a.dtype == b.dtype and a.has_sorted_indices
            and b.has_sorted_indices and a.indices.dtype == b.indices.dtype and np.array_equal(a.indptr, b.indptr)
            and np.array_equal(a.indices, b.indices) and np.array_equal(a.data, b.data))


def test_each_vectorizer_gives_sklearns_matrix(model: TypeModel) -> None:
    vectorizers = _vectorizers(model)
    assert len(vectorizers) >= 2
    for vec in vectorizers:
        words: dict[str, tuple[int, ...]] = {}
        for texts in (TEXTS, TEXTS[3:], TEXTS[:1]):
            expected = vec.transform(texts)
            assert _same(_tfidf(vec, texts), expected)
            assert _same(_tfidf(vec, texts, words), expected)  # the second time from the word cache


def test_features_and_probabilities_are_the_pipelines(model: TypeModel) -> None:
    docs = [(t, h) for t in TEXTS for h in ("verb:accuse", "")]
    union = model.pipeline.steps[0][1]
    cache: dict[int, dict[str, tuple[int, ...]]] = {}
    for batch in (docs, docs[:16:2]):  # with repeated sentences, and each sentence once
        assert _same(_features(model.pipeline, batch, cache), union.transform(batch))
    expected = model.pipeline.predict_proba(docs)
    got = model.predict_proba([d[0] for d in docs], [d[1] for d in docs])
    assert [[p[c] for c in model.pipeline.classes_] for p in got] == expected.tolist()
