"""Property-based API tests generated from the OpenAPI schema (bounded; in-process ASGI, no network)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from flashpoint.api.app import create_app  # noqa: E402
from flashpoint.settings import Settings  # noqa: E402


def test_every_operation_answers_json_without_server_errors(api_db: tuple[Path, dict[str, Any]]) -> None:
    app = create_app(Settings(), api_db[0])  # no token: POST /articles must answer 403, never 5xx
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 12
    seen: list[tuple[str, int]] = []

    @given(data=st.data())
    @settings(max_examples=8, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(op: Any, data: st.DataObject) -> None:
        case = data.draw(op.as_strategy())
        response = case.call()
        seen.append((op.path, response.status_code))
        assert response.status_code < 500, (case.path, case.query, response.status_code, response.text[:300])
        content_type = response.headers["content-type"]
        assert "application/json" in (content_type if isinstance(content_type, str) else content_type[0])
        if response.status_code >= 400:
            assert response.json()["error"]["status"] == response.status_code
        else:
            case.validate_response(response)

    for op in operations:
        run(op)
    assert {p for p, _ in seen} == {op.path for op in operations}
    assert any(code == 200 for _, code in seen)
    app.state.flashpoint.close()
