"""The FastAPI application: JSON API + the offline web dashboard, over one DuckDB file.

    app = create_app(Settings.from_env(), Path("flashpoint.duckdb"))

Reads use a cursor of one shared DuckDB connection per request (read-only when writes are disabled);
`POST /articles` codes text with one lazily loaded Pipeline and writes through `Store.write`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from flashpoint import __version__
from flashpoint.api.security import AuthError, LimitsMiddleware, PathNotAllowedError
from flashpoint.errors import FlashpointError, StoreError
from flashpoint.settings import Settings
from flashpoint.store.db import Store
from flashpoint.store.queries import NotFoundError, QueryError

if TYPE_CHECKING:
    from flashpoint.pipeline import Pipeline

log = logging.getLogger(__name__)


class AppState:
    """What every request needs: settings, the store, a write lock and the (lazy) pipeline."""

    def __init__(self, settings: Settings, db: Path, pipeline: Pipeline | None = None) -> None:
        self.settings = settings
        self.db = db
        writable = settings.api_token is not None
        if not writable and not db.exists():
            raise FlashpointError(f"database {db} does not exist (ingest something first)")
        # A read-only server holds no connection between requests, so `flashpoint ingest` can write to the
        # same file between its batches; a writable server (token set) ingests through POST /articles.
        self.store: Store | None = Store(db) if writable else None
        if self.store is None:
            Store(db, read_only=True, lock_timeout=5).close()  # fail fast on a file that is not a database
        self.write_lock = threading.Lock()
        self._pipeline = pipeline
        self._pipeline_lock = threading.Lock()

    def cursor(self) -> Any:
        if self.store is not None:
            return self.store.con.cursor()
        return Store(self.db, read_only=True, lock_timeout=5).con  # per request; closed by db_cursor

    def pipeline(self) -> Pipeline:
        with self._pipeline_lock:
            if self._pipeline is None:
                from flashpoint.pipeline import Pipeline

                self._pipeline = Pipeline(self.settings)
            return self._pipeline

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.flashpoint
    return state


def db_cursor(request: Request) -> Iterator[Any]:
    """FastAPI dependency: a DuckDB cursor for this request, closed afterwards."""
    cur = get_state(request).cursor()
    try:
        yield cur
    finally:
        cur.close()


def error_response(status: int, message: str, details: Any = None) -> JSONResponse:
    body: dict[str, Any] = {"status": status, "message": message}
    if details is not None:
        body["details"] = details
    return JSONResponse({"error": body}, status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()]
        return error_response(422, "invalid request", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail))

    @app.exception_handler(QueryError)
    async def _query(_: Request, exc: QueryError) -> JSONResponse:
        return error_response(422, str(exc))

    @app.exception_handler(NotFoundError)
    async def _missing(_: Request, exc: NotFoundError) -> JSONResponse:
        return error_response(404, str(exc))

    @app.exception_handler(AuthError)
    async def _auth(_: Request, exc: AuthError) -> JSONResponse:
        return error_response(exc.status, str(exc))

    @app.exception_handler(StoreError)
    async def _busy(_: Request, exc: StoreError) -> JSONResponse:
        return error_response(503, f"database busy: {exc}")

    @app.exception_handler(PathNotAllowedError)
    async def _path(_: Request, exc: PathNotAllowedError) -> JSONResponse:
        return error_response(403, str(exc))

    @app.exception_handler(FlashpointError)
    async def _flashpoint(_: Request, exc: FlashpointError) -> JSONResponse:
        log.warning("request failed: %s", exc)
        return error_response(400, str(exc))

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error")
        return error_response(500, "internal server error")


def create_app(settings: Settings, db: Path, pipeline: Pipeline | None = None) -> FastAPI:
    from flashpoint.api.routes import router
    from flashpoint.api.write import write_router
    from flashpoint.web import mount_dashboard

    app = FastAPI(title="Flashpoint API", version=__version__, docs_url=None, redoc_url=None,
                  description="Coded political events (CAMEO + PLOVER), dyad escalation index and alerts. "
                              "Errors are JSON: {\"error\": {\"status\", \"message\", \"details\"}}.")
    app.state.flashpoint = AppState(settings, db, pipeline)
    _install_error_handlers(app)
    app.include_router(router)
    app.include_router(write_router)
    mount_dashboard(app)
    app.add_middleware(LimitsMiddleware)
    return app
