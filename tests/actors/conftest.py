"""Fixtures shared by the actor tests: a resolver and a one-sentence parser, one of each per test module."""

from __future__ import annotations

import pytest

from flashpoint.actors.resolver import ActorResolver
from flashpoint.models import ParsedSentence


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


@pytest.fixture(scope="module")
def parse(parser):  # type: ignore[no-untyped-def]
    def run(text: str) -> ParsedSentence:
        return parser.parse_text(text)[0]

    return run
