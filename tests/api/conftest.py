from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from flashpoint.api.app import create_app
from flashpoint.settings import Settings
from tests.api.fixtures import build_db

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="session")
def api_db(tmp_path_factory: pytest.TempPathFactory, settings: Settings, pipeline: Any) -> tuple[Path, dict[str, Any]]:
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    return path, build_db(path, settings, pipeline)


@pytest.fixture(scope="session")
def client(api_db: tuple[Path, dict[str, Any]], settings: Settings) -> Iterator[TestClient]:
    """A read-only app (no token configured) over the shared test database."""
    app = create_app(settings.replace(api_token=None), api_db[0])
    with TestClient(app) as c:
        yield c
    app.state.flashpoint.close()


@pytest.fixture()
def write_client(tmp_path: Path, settings: Settings, pipeline: Any) -> Iterator[tuple[TestClient, Path]]:
    """A writable app over a fresh database, with one allowed ingest folder."""
    allowed = tmp_path / "inbox"
    allowed.mkdir()
    app = create_app(settings.replace(api_token=TOKEN, allowed_ingest_dirs=(allowed,)), tmp_path / "w.duckdb",
                     pipeline=pipeline)
    with TestClient(app) as c:
        yield c, allowed
    app.state.flashpoint.close()
