"""The offline web dashboard: one HTML page, vanilla JS and CSS shipped in the package (no CDN).

All data comes from the JSON API of the same app; the JS builds DOM nodes with textContent only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

#: The dashboard loads nothing from elsewhere and runs no inline script.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def static_dir() -> Path:
    return Path(str(resources.files("flashpoint.web").joinpath("static")))


def mount_dashboard(app: FastAPI) -> None:
    """Serve the dashboard at / and its files at /static, with security headers on every response."""
    root = static_dir()
    app.mount("/static", StaticFiles(directory=root), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(root / "index.html", media_type="text/html")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers["Content-Security-Policy"] = CSP
        return response
