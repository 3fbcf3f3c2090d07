"""Clean stage: Article -> CleanArticle (main text from HTML, whitespace, language) or Quarantined."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator

from flashpoint.ids import stable_hash
from flashpoint.models import Article, CleanArticle, Quarantined
from flashpoint.settings import Settings

log = logging.getLogger(__name__)

_EN_STOPWORDS = frozenset(
    "the of and to a in is that for on with as was by at from it his her their its be has have had "
    "are were said will not but an this which who they he she after over would also been".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b]+")
_BLANKLINES = re.compile(r"\n\s*\n+")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: libxml2 (used by trafilatura through lxml) stops building the tree below this depth.
MAX_HTML_DEPTH = 255
#: wire-style datelines at the start of a paragraph: "MOSCOW (Reuters) - ", "SEOUL, Jan 3 (AP) -- "
_DATELINE = re.compile(r"^(?:[A-Z][A-Z.'\- ]{1,40}(?:,[^\n(]{0,30})?)\s*(?:\([^)\n]{1,40}\))?\s*[-\u2013\u2014]{1,2}\s+",
                       re.MULTILINE)


def detect_language(text: str) -> str:
    """Cheap, deterministic English detector: share of common English function words.

    Returns "en", "und" (too little text to tell) or "other". Good enough to keep non-English
    articles out of an English coder; they are stored and counted, not coded.
    """
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 4:
        return "en" if words else "und"
    latin = sum(1 for w in words if w.isascii() or all(ord(c) < 0x250 for c in w))
    if latin / len(words) < 0.6:
        return "other"
    share = sum(1 for w in words if w in _EN_STOPWORDS) / len(words)
    if len(words) < 12:
        return "en" if share >= 0.05 or latin == len(words) else "other"
    return "en" if share >= 0.12 else "other"


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.replace("\n", " ").replace("\t", " ").isprintable():  # no "C" character is printable
        text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _DATELINE.sub("", text)
    return _BLANKLINES.sub("\n\n", text).strip()


def html_depth(html: str) -> int:
    """Deepest element nesting in `html`, counting unclosed tags as open (as an HTML parser would)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing and name not in _VOID_TAGS:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def extract_html(html: str) -> tuple[str | None, str | None, str | None]:
    """(text, title, date) of the main content with trafilatura (precision first)."""
    import trafilatura
    from lxml.etree import LxmlError

    try:
        doc = trafilatura.bare_extraction(html, favor_precision=True, with_metadata=True,
                                          include_comments=False, include_tables=False)
    except (ValueError, TypeError, AttributeError, RecursionError, LxmlError) as exc:
        log.debug("trafilatura failed: %s", exc)
        doc = None
    if doc is None:
        return None, None, None
    get = doc.get if isinstance(doc, dict) else lambda k, d=None: getattr(doc, k, d)
    return get("text"), get("title"), get("date")


def _no_text_reason(html: str) -> str:
    depth = html_depth(html)
    if depth > MAX_HTML_DEPTH:
        return (f"HTML is nested {depth} elements deep, beyond the parser's {MAX_HTML_DEPTH}; "
                "no extractable article text")
    return "HTML has no extractable article text"


def _preview(text: str, n: int = 80) -> str:
    return " ".join(text[: n * 2].split())[:n]


class Cleaner:
    """Stage: Article -> CleanArticle | Quarantined."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, art: Article) -> CleanArticle | Quarantined:
        title, published = art.title, art.published
        if len(art.text) > self.settings.max_text_chars:
            return Quarantined(art.origin, "clean", f"text has {len(art.text)} characters, above the "
                               f"{self.settings.max_text_chars} limit", article_id=art.article_id,
                               payload_preview=_preview(art.text))
        text = art.text
        if art.fmt == "html":
            body, html_title, html_date = extract_html(art.text)
            if not body or not body.strip():
                return Quarantined(art.origin, "clean", _no_text_reason(art.text),
                                   article_id=art.article_id, payload_preview=_preview(art.text))
            text, title, published = body, title or html_title, published or html_date
        text = normalise_text(text)
        if not text:
            return Quarantined(art.origin, "clean", "no text left after cleaning", article_id=art.article_id)
        if not _WORD.search(text):
            return Quarantined(art.origin, "clean", "no letters in the text after cleaning (nothing to code)",
                               article_id=art.article_id, payload_preview=_preview(text))
        return CleanArticle(
            article_id=art.article_id, text=text, origin=art.origin, title=title, url=art.url,
            published=published, source=art.source, language=detect_language(text),
            content_hash=stable_hash(text)[:32],
        )

    def pipe(self, items: Iterable[Article], batch_size: int = 64) -> Iterator[CleanArticle | Quarantined]:
        for art in items:
            yield self(art)
