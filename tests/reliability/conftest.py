"""Fixtures for the reliability tests that start real `flashpoint` processes."""

from __future__ import annotations

import os
import shutil

import pytest

from ..conftest import ROOT


@pytest.fixture(scope="session")
def cli_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for subprocesses, running a frozen copy of the package source.

    Every process of one test (reference run, killed run, re-run) must run the same code, even when
    the working tree changes while the tests run (several people editing one checkout).
    """
    src = tmp_path_factory.mktemp("frozen-src")
    shutil.copytree(ROOT / "src" / "flashpoint", src / "flashpoint",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return {**os.environ, "PYTHONPATH": str(src), "PYTHONDONTWRITEBYTECODE": "1"}
