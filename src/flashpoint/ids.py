"""Stable identifiers: content hashes that do not change between runs or machines."""

from __future__ import annotations

import hashlib


def stable_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def article_id_for(text: str) -> str:
    """Content-hash article id used when a record carries no id of its own."""
    return "a" + stable_hash(" ".join(text.split()))[:16]
