"""Readers: files, folders and stdin -> Article records (or Quarantined records, never dropped).

Formats: .txt, .html/.htm, .jsonl, .json (list, object or JSON lines). Records carry `text` and optional
`id`, `title`, `url`, `published`, `source`. A bad file or record yields a Quarantined record naming it.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from flashpoint.ids import article_id_for
from flashpoint.models import Article, Quarantined
from flashpoint.settings import Settings

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES

Item = Article | Quarantined


def _preview(data: bytes | str, n: int = 80) -> str:
    s = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return s[:n].replace("\n", " ")


def decode_bytes(data: bytes, origin: str) -> tuple[str | None, str | None]:
    """Return (text, None) or (None, reason). Rejects binary data and invalid UTF-8."""
    if not data.strip():
        return None, "empty or whitespace-only input"
    head = data[:8192]
    if b"\x00" in head:
        return None, "binary data (NUL bytes), not text"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(8, len(head) // 20):
        return None, "binary data (control bytes), not text"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        return None, f"not valid UTF-8: byte 0x{bad} at offset {exc.start}"
    return text, None


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    return str(value)


def record_to_article(rec: Any, origin: str) -> Item:
    """Turn one JSON record into an Article, or a Quarantined record saying what is wrong."""
    if not isinstance(rec, dict):
        return Quarantined(origin, "ingest", f"record is a JSON {type(rec).__name__}, expected an object",
                           payload_preview=_preview(json.dumps(rec)[:80]))
    text = rec.get("text")
    if text is None:
        text = rec.get("body") or rec.get("content")
    rid = _str_or_none(rec.get("id"))
    if not isinstance(text, str) or not text.strip():
        what = "record has no 'text'" if text is None else "record 'text' is empty or not a string"
        return Quarantined(origin, "ingest", what, article_id=rid, payload_preview=_preview(json.dumps(rec)[:80]))
    fmt = "html" if str(rec.get("format", "")).lower() == "html" else "txt"
    return Article(
        article_id=rid or article_id_for(text), text=text, origin=origin, title=_str_or_none(rec.get("title")),
        url=_str_or_none(rec.get("url")), published=_str_or_none(rec.get("published") or rec.get("date")),
        source=_str_or_none(rec.get("source") or rec.get("outlet")), fmt=fmt,
    )


def read_json_text(text: str, origin: str, suffix: str) -> Iterator[Item]:
    stripped = text.lstrip()
    if suffix == ".json" and stripped[:1] in "[{":
        try:
            doc = json.loads(text)
        except json.JSONDecodeError:
            doc = None  # maybe JSON lines in a .json file; fall through
        if isinstance(doc, list):
            for i, rec in enumerate(doc):
                yield record_to_article(rec, f"{origin}[{i}]")
            return
        if isinstance(doc, dict):
            yield record_to_article(doc, origin)
            return
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{line_no}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Quarantined(where, "ingest", f"invalid JSON: {exc.msg} at column {exc.colno}",
                              payload_preview=_preview(line))
            continue
        yield record_to_article(rec, where)


def read_bytes(data: bytes, origin: str, suffix: str, settings: Settings) -> Iterator[Item]:
    if len(data) > settings.max_file_bytes:
        yield Quarantined(origin, "ingest", f"input is {len(data)} bytes, above the {settings.max_file_bytes} limit",
                          payload_preview=_preview(data[:80]))
        return
    text, reason = decode_bytes(data, origin)
    if text is None:
        yield Quarantined(origin, "ingest", reason or "unreadable", payload_preview=_preview(data[:80]))
        return
    if suffix in JSON_SUFFIXES:
        yield from read_json_text(text, origin, suffix)
        return
    is_html = suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and text.lstrip()[:1] == "<")
    fmt = "html" if is_html else "txt"
    yield Article(article_id=article_id_for(text), text=text, origin=origin, fmt=fmt)


def _sniff_suffix(data: bytes) -> str:
    s = data.lstrip()[:1]
    if s in (b"{", b"["):
        return ".jsonl"
    if s == b"<":
        return ".html"
    return ".txt"


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Expand folders recursively (sorted, stable order); '-' stands for stdin."""
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED:
                    yield child
        else:
            yield path


def read_inputs(paths: Iterable[str | Path], settings: Settings, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Read every input; yields Articles and Quarantined records in input order."""
    for f in iter_files(paths):
        if f == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            yield from read_bytes(data, "<stdin>", _sniff_suffix(data), settings)
            continue
        assert isinstance(f, Path)
        origin = str(f)
        try:
            size = f.stat().st_size
            if size > settings.max_file_bytes:
                yield Quarantined(origin, "ingest", f"file is {size} bytes, above the {settings.max_file_bytes} limit")
                continue
            data = f.read_bytes()
        except OSError as exc:
            yield Quarantined(origin, "ingest", f"cannot read file: {exc.strerror or exc}")
            continue
        yield from read_bytes(data, origin, f.suffix.lower(), settings)
