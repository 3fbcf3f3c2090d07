"""Request guards: write token (constant-time compare), body and query-string limits, safe file paths."""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from flashpoint.errors import FlashpointError

MAX_BODY_BYTES = 1024 * 1024
MAX_QUERY_BYTES = 4096


class AuthError(FlashpointError):
    """A write request has no valid token (401) or writes are disabled (403)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class PathNotAllowedError(FlashpointError):
    """A file path given to the API is outside Settings.allowed_ingest_dirs (403)."""


def check_token(expected: str | None, authorization: str | None, x_api_token: str | None) -> None:
    """Accept `Authorization: Bearer <token>` or `X-API-Token: <token>`; compare in constant time."""
    if not expected:
        raise AuthError("writes are disabled: set FLASHPOINT_API_TOKEN to enable them", 403)
    given = x_api_token
    if authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not given or not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise AuthError("missing or invalid API token", 401)


def resolve_allowed(path: str, allowed: Iterable[Path]) -> Path:
    """The real path of `path` if it lies inside one of `allowed` (symlinks and '..' resolved first)."""
    roots = [Path(a).resolve() for a in allowed]
    if not roots:
        raise PathNotAllowedError("file ingestion is disabled (no allowed_ingest_dirs configured)")
    try:
        real = Path(path).resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        raise PathNotAllowedError(f"path '{path}' is not readable inside the allowed folders") from exc
    if not any(real == r or real.is_relative_to(r) for r in roots):
        raise PathNotAllowedError(f"path '{path}' is outside the allowed folders")
    return real


def _error_body(status: int, message: str) -> bytes:
    return json.dumps({"error": {"status": status, "message": message}}).encode("utf-8")


class LimitsMiddleware:
    """Pure ASGI middleware: JSON 413 when the body or the query string is too large."""

    def __init__(self, app: Any, max_body: int = MAX_BODY_BYTES, max_query: int = MAX_QUERY_BYTES) -> None:
        self.app = app
        self.max_body = max_body
        self.max_query = max_query

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_query:
            await self._reject(send, f"query string longer than {self.max_query} bytes")
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await self._reject(send, f"request body larger than {self.max_body} bytes")
            return
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            body = await self._read(receive)
            if body is None:
                await self._reject(send, f"request body larger than {self.max_body} bytes")
                return
            await self.app(scope, _replay(body), send)
            return
        await self.app(scope, receive, send)

    async def _read(self, receive: Any) -> bytes | None:
        chunks, size = [], 0
        while True:
            msg = await receive()
            if msg["type"] != "http.request":
                break
            chunk = msg.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not msg.get("more_body"):
                break
        return b"".join(chunks)

    async def _reject(self, send: Any, message: str) -> None:
        body = _error_body(413, message)
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _replay(body: bytes) -> Any:
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive
