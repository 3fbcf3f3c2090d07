"""`POST /articles`: code new text (or files inside allowed_ingest_dirs) and store it. Needs the token."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request

from flashpoint.api.app import AppState, get_state
from flashpoint.api.schemas import ERRORS, IngestIn, IngestOut
from flashpoint.api.security import check_token, resolve_allowed
from flashpoint.ids import article_id_for
from flashpoint.models import Article, Quarantined
from flashpoint.pipeline import ArticleResult

write_router = APIRouter()


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None,
                  x_api_token: Annotated[str | None, Header()] = None) -> AppState:
    state = get_state(request)
    check_token(state.settings.api_token, authorization, x_api_token)
    return state


def _articles(body: IngestIn) -> list[Article]:
    return [Article(article_id=a.article_id or article_id_for(a.text), text=a.text, origin=f"api:{i}",
                    title=a.title, url=a.url, published=a.published, source=a.source, fmt="txt")
            for i, a in enumerate(body.articles)]


def ingest_request(state: AppState, body: IngestIn) -> dict[str, Any]:
    """Code the request's articles and files, write them in one transaction, report what changed."""
    paths = [resolve_allowed(p, state.settings.allowed_ingest_dirs) for p in body.paths]
    pipe = state.pipeline()
    results: list[ArticleResult] = []
    quarantined: list[Quarantined] = []
    items = list(pipe.process(_articles(body)))
    if paths:
        items += list(pipe.run(paths))
    for item in items:
        (quarantined if isinstance(item, Quarantined) else results).append(item)  # type: ignore[arg-type]
    assert state.store is not None  # writes need the token, and with a token the server opened the store writable
    with state.write_lock:
        n_art, n_ev, n_q = state.store.write(results, quarantined)
    return {"new_articles": n_art, "new_events": n_ev, "quarantined": n_q,
            "article_ids": [r.article.article_id for r in results],
            "event_ids": [e.event_id for r in results for e in r.events],
            "messages": [q.message() for q in quarantined]}


@write_router.post("/articles", response_model=IngestOut, status_code=201, tags=["articles"],
                   responses={**ERRORS, 401: {"description": "missing or invalid token"},
                              403: {"description": "writes disabled or path not allowed"}})
def post_articles(body: IngestIn, state: Annotated[AppState, Depends(require_token)]) -> dict[str, Any]:
    """Ingest articles given as text, or files/folders inside `allowed_ingest_dirs`.

    Send the token as `Authorization: Bearer <token>` or `X-API-Token: <token>`.
    """
    return ingest_request(state, body)
