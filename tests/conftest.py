"""Shared fixtures: heavy resources (spaCy model, coder) load once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold"
SAMPLES = ROOT / "src" / "flashpoint" / "data" / "samples"


def gold_file(name: str) -> Path:
    path = GOLD / name
    if not path.is_file():
        pytest.skip(f"gold file {path} is absent (only CI and development checkouts have ../shared/gold)")
    return path


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def parser(settings: Settings):  # type: ignore[no-untyped-def]
    from flashpoint.nlp.parser import Parser

    return Parser(settings)


@pytest.fixture(scope="session")
def coder(settings: Settings):  # type: ignore[no-untyped-def]
    from flashpoint.coding.coder import Coder

    return Coder(settings)


@pytest.fixture(scope="session")
def rules_coder(settings: Settings):  # type: ignore[no-untyped-def]
    from flashpoint.coding.coder import Coder

    return Coder(settings, use_model=False)


@pytest.fixture(scope="session")
def pipeline(settings: Settings):  # type: ignore[no-untyped-def]
    from flashpoint.pipeline import Pipeline

    return Pipeline(settings)


@pytest.fixture(scope="session")
def code_sentence(parser, coder):  # type: ignore[no-untyped-def]
    """Code one sentence with the full hybrid coder; returns the list of events."""

    def run(text: str):  # type: ignore[no-untyped-def]
        sents = parser.parse_text(text)
        return [e for s in sents for e in coder(s)]

    return run
