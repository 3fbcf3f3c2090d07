"""Pydantic models at the API's edge (request bodies and documented response shapes)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

MAX_ARTICLES_PER_REQUEST = 100


class ErrorBody(BaseModel):
    status: int
    message: str
    details: Any | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody


class PageOut(BaseModel):
    items: list[dict[str, Any]]
    total: int
    page: int
    page_size: int
    pages: int


class ListOut(BaseModel):
    items: list[dict[str, Any]]


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=500_000)
    article_id: str | None = Field(default=None, max_length=200, pattern=r"^[A-Za-z0-9_.:-]+$")
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=40)
    source: str | None = Field(default=None, max_length=200)


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(default_factory=list, max_length=MAX_ARTICLES_PER_REQUEST)
    paths: list[str] = Field(default_factory=list, max_length=MAX_ARTICLES_PER_REQUEST,
                             description="files or folders to ingest; must lie inside allowed_ingest_dirs")


class IngestOut(BaseModel):
    new_articles: int
    new_events: int
    quarantined: int
    article_ids: list[str]
    event_ids: list[str]
    messages: list[str]


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": desc}
    for code, desc in ((404, "not found"), (413, "request too large"), (422, "invalid parameters"))
}
