"""Readers: files, folders and stdin -> Article records (or Quarantined records, never dropped).

Formats: .txt, .html/.htm, .jsonl, .json (list, object or JSON lines). Records carry `text` and optional
`id`, `title`, `url`, `published`, `source`. A bad file or record yields a Quarantined record naming it
(file path, plus `:line` for JSON lines or `[index]` for JSON lists) with a one-line reason.

Memory: a file is read once (files above `Settings.max_file_bytes` are never read); JSON lines are
decoded one line at a time, so one bad line does not sink the file, and a text above
`Settings.max_text_chars` is quarantined before it is hashed or copied further.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
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
_SURROGATE = re.compile("[\ud800-\udfff]")
_LEADING_WS = re.compile(r"\s*")
_LEADING_WS_B = re.compile(rb"\s*")

Item = Article | Quarantined


def safe_str(value: str) -> str:
    """`value` made storable: lone surrogates (from JSON escapes or odd file names) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def first_char_at(data: bytes | str) -> int:
    """Index of the first non-whitespace character (without copying `data` as lstrip() would)."""
    m = (_LEADING_WS_B if isinstance(data, bytes) else _LEADING_WS).match(data)  # type: ignore[arg-type]
    return m.end() if m else 0


def one_line(value: str, limit: int = 300) -> str:
    """Text safe to put in a one-line message: no line breaks, bounded length, storable."""
    flat = " ".join(safe_str(value[: limit * 2]).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def _preview(data: bytes | str, n: int = 80) -> str:
    s = data[: n * 4].decode("utf-8", "replace") if isinstance(data, bytes) else data[:n]
    return safe_str(s[:n]).replace("\r", " ").replace("\n", " ")


def _value_preview(value: Any, n: int = 80, depth: int = 0) -> str:
    """A short JSON-ish preview of a value, without serialising a huge or deeply nested value in full."""
    if isinstance(value, dict | list) and depth >= 3:
        return "{...}" if isinstance(value, dict) else "[...]"
    if isinstance(value, dict):
        parts = [f"{json.dumps(str(k)[:20])}: {_value_preview(v, 30, depth + 1)}" for k, v in list(value.items())[:6]]
        return _preview("{" + ", ".join(parts) + ("}" if len(value) <= 6 else ", ...}"), n)
    if isinstance(value, list):
        return _preview("[" + ", ".join(_value_preview(v, 20, depth + 1) for v in value[:4]) + "]", n)
    if isinstance(value, str):
        return _preview(json.dumps(value[:n]), n)
    return _preview(json.dumps(value), n)


def json_type(value: Any) -> str:
    """The JSON name of a parsed value's type (null, boolean, number, string, array, object)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object" if isinstance(value, dict) else type(value).__name__


def _quarantine(origin: str, reason: str, preview: str = "", article_id: str | None = None) -> Quarantined:
    q = Quarantined(origin, "ingest", one_line(reason), article_id=article_id, payload_preview=preview)
    log.info("%s", q.message())
    return q


# --------------------------------------------------------------------------------------------- decoding

def binary_reason(data: bytes) -> str | None:
    """Why `data` looks binary (NUL or many control bytes in its head), or None."""
    head = data[:8192]
    if b"\x00" in head:
        return "binary data (NUL bytes), not text"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(8, len(head) // 20):
        return "binary data (control bytes), not text"
    return None


def _utf16_to_utf8(data: bytes) -> tuple[bytes | None, str | None]:
    """Files saved as UTF-16 with a BOM are re-encoded to UTF-8; anything else is returned as is."""
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data, None
    try:
        return data.decode("utf-16").encode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-16 (file has a UTF-16 byte-order mark): {exc.reason} at offset {exc.start}"


def decode_bytes(data: bytes, origin: str = "") -> tuple[str | None, str | None]:
    """Return (text, None) or (None, reason). Rejects empty, binary and invalid UTF-8 data."""
    if not data or data.isspace():
        return None, "empty or whitespace-only input"
    utf8, reason = _utf16_to_utf8(data)
    if utf8 is None:
        return None, reason
    if (reason := binary_reason(utf8)) is not None:
        return None, reason
    return _decode_utf8(utf8)


def _decode_utf8(data: bytes, what: str = "") -> tuple[str | None, str | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        hint = " (mixed encodings?)" if exc.start > 0 and _looks_utf8_before(data, exc.start) else ""
        return None, f"not valid UTF-8{what}: byte 0x{bad} at offset {exc.start}{hint}"


def _looks_utf8_before(data: bytes, offset: int) -> bool:
    """True when the bytes before the first bad one hold valid multi-byte UTF-8 (a mix of encodings)."""
    return any(b >= 0x80 for b in data[:offset])


# ------------------------------------------------------------------------------------------------- JSON

def _record_id(rec: dict[str, Any]) -> tuple[str | None, str | None]:
    """(id, None) or (None, reason). Ids must be strings or integers that survive a round trip."""
    rid = rec.get("id")
    if rid is None:
        return None, None
    if isinstance(rid, bool) or not isinstance(rid, str | int):
        return None, f"record 'id' is a JSON {json_type(rid)}, expected a string or an integer"
    sid = str(rid)
    if safe_str(sid) != sid:
        return None, "record 'id' holds an unpaired surrogate escape, not valid Unicode"
    if not sid.strip():
        return None, "record 'id' is empty"
    return sid, None


def _metadata(rec: dict[str, Any]) -> dict[str, str | None]:
    raw = {"title": rec.get("title"), "url": rec.get("url"), "published": rec.get("published") or rec.get("date"),
           "source": rec.get("source") or rec.get("outlet")}
    return {k: None if v is None else safe_str(v) if isinstance(v, str) else _value_preview(v, 200)
            for k, v in raw.items()}


def record_to_article(rec: Any, origin: str, settings: Settings | None = None) -> Item:
    """Turn one JSON record into an Article, or a Quarantined record saying what is wrong."""
    if not isinstance(rec, dict):
        return _quarantine(origin, f"record is a JSON {json_type(rec)}, expected an object", _value_preview(rec))
    text = rec.get("text")
    if text is None:
        text = rec.get("body") or rec.get("content")
    rid, id_reason = _record_id(rec)
    if id_reason:
        return _quarantine(origin, id_reason, _value_preview(rec))
    if not isinstance(text, str) or not text.strip():
        what = "record has no 'text'" if text is None else "record 'text' is empty or not a string"
        return _quarantine(origin, what, _value_preview(rec), article_id=rid)
    limit = (settings or Settings()).max_text_chars
    if len(text) > limit:
        return _quarantine(origin, f"record 'text' has {len(text)} characters, above the {limit} limit",
                           _preview(text), article_id=rid)
    fmt = "html" if str(rec.get("format", "")).lower() == "html" else "txt"
    return Article(article_id=rid or article_id_for(text), text=text, origin=origin, fmt=fmt, **_metadata(rec))


def _byte_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(line number, line) split on b"\\n" only: U+2028 and friends are legal inside JSON strings."""
    start, line_no, size = 0, 0, len(data)
    while start < size:
        end = data.find(b"\n", start)
        end = size if end < 0 else end
        line_no += 1
        if start == 0 and size - end <= 1:  # one-line file: no copy (JSON ignores the trailing newline)
            yield line_no, data
            return
        line = data[start:end]
        yield line_no, line[:-1] if line.endswith(b"\r") else line
        start = end + 1


def read_json_lines(data: bytes, origin: str, settings: Settings) -> Iterator[Item]:
    """JSON lines, decoded line by line: a bad line is quarantined, the other lines go on."""
    for line_no, line in _byte_lines(data):
        if not line or line.isspace():
            continue
        where = f"{origin}:{line_no}"
        text, reason = _decode_utf8(line, " in this line")
        if text is None:
            yield _quarantine(where, reason or "unreadable line", _preview(line))
            continue
        try:
            rec = json.loads(text)
        except json.JSONDecodeError as exc:
            yield _quarantine(where, f"invalid JSON: {exc.msg} at column {exc.colno}", _preview(text))
            continue
        except RecursionError:
            yield _quarantine(where, "invalid JSON: nested too deeply to parse", _preview(text))
            continue
        yield record_to_article(rec, where, settings)


def _first_line_is_json(data: bytes) -> bool:
    first = next((line for _, line in _byte_lines(data) if line.strip()), b"")
    try:
        json.loads(first)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return False
    return True


def read_json_document(data: bytes, origin: str, settings: Settings) -> Iterator[Item]:
    """A .json file: one object, a list of objects, or (fallback) JSON lines."""
    text, reason = _decode_utf8(data)
    if text is None:
        yield _quarantine(origin, reason or "unreadable", _preview(data))
        return
    try:
        doc = json.loads(text)
    except RecursionError:
        yield _quarantine(origin, "invalid JSON: nested too deeply to parse", _preview(text))
        return
    except json.JSONDecodeError as exc:
        if _first_line_is_json(data):
            yield from read_json_lines(data, origin, settings)
        else:
            yield _quarantine(origin, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                              _preview(text))
        return
    del text
    if isinstance(doc, list):
        if not doc:
            yield _quarantine(origin, "JSON list holds no records", "[]")
        for i, rec in enumerate(doc):
            yield record_to_article(rec, f"{origin}[{i}]", settings)
        return
    yield record_to_article(doc, origin, settings)


# ------------------------------------------------------------------------------------------ any input

def read_bytes(data: bytes, origin: str, suffix: str, settings: Settings) -> Iterator[Item]:
    """One input (file content or stdin) -> Articles and Quarantined records."""
    if len(data) > settings.max_file_bytes:
        yield _quarantine(origin, f"input is {len(data)} bytes, above the {settings.max_file_bytes} limit",
                          _preview(data))
        return
    if not data or data.isspace():
        yield _quarantine(origin, "empty or whitespace-only input")
        return
    utf8, reason = _utf16_to_utf8(data)
    reason = reason if utf8 is None else binary_reason(utf8)
    if utf8 is None or reason is not None:
        yield _quarantine(origin, reason or "unreadable", _preview(data))
        return
    if suffix in JSON_SUFFIXES:
        body = utf8.removeprefix(codecs.BOM_UTF8)
        starts_doc = body[first_char_at(body):][:1] in (b"[", b"{")
        reader = read_json_document if suffix == ".json" and starts_doc else read_json_lines
        yield from reader(body, origin, settings)
        return
    yield _text_article(utf8, origin, suffix, settings)


def _text_article(data: bytes, origin: str, suffix: str, settings: Settings) -> Item:
    text, reason = _decode_utf8(data)
    if text is None:
        return _quarantine(origin, reason or "unreadable", _preview(data))
    if not text or text.isspace():
        return _quarantine(origin, "empty or whitespace-only input", _preview(data))
    if len(text) > settings.max_text_chars:
        return _quarantine(origin, f"text has {len(text)} characters, above the {settings.max_text_chars} limit",
                           _preview(text))
    i = first_char_at(text)
    is_html = suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and text[i:i + 1] == "<")
    return Article(article_id=article_id_for(text), text=text, origin=origin, fmt="html" if is_html else "txt")


def _sniff_suffix(data: bytes) -> str:
    i = first_char_at(data)
    s = data[i:i + 1]
    if s in (b"{", b"["):
        return ".jsonl"
    if s == b"<":
        return ".html"
    return ".txt"


def origin_name(path: Path | str) -> str:
    """A path as a one-line, storable record name (odd bytes and line breaks escaped)."""
    raw = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return raw.replace("\r", "\\r").replace("\n", "\\n")


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Expand folders recursively (sorted, stable order); '-' stands for stdin.

    Inside folders only files with a supported suffix are inputs; the others are logged, not read.
    A path given explicitly is always read, whatever its suffix.
    """
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if not path.is_dir():
            yield path
            continue
        for child in sorted(path.rglob("*")):
            if not child.is_file():
                continue
            if child.suffix.lower() in SUPPORTED:
                yield child
            else:
                log.info("not an input (unsupported suffix): %s", origin_name(child))


def _read_stdin(stream: BinaryIO, settings: Settings) -> Iterator[Item]:
    data = stream.read(settings.max_file_bytes + 1)
    if len(data) > settings.max_file_bytes:
        yield _quarantine("<stdin>", f"input is above the {settings.max_file_bytes} byte limit", _preview(data))
        return
    yield from read_bytes(data, "<stdin>", _sniff_suffix(data), settings)


def _read_file(path: Path, settings: Settings) -> Iterator[Item]:
    origin = origin_name(path)
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            yield _quarantine(origin, f"file is {size} bytes, above the {settings.max_file_bytes} limit")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _quarantine(origin, f"cannot read file: {exc.strerror or exc}")
        return
    yield from read_bytes(data, origin, path.suffix.lower(), settings)


def read_inputs(paths: Iterable[str | Path], settings: Settings, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Read every input; yields Articles and Quarantined records in input order."""
    for f in iter_files(paths):
        if f == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, settings)
        else:
            assert isinstance(f, Path)
            yield from _read_file(f, settings)
