"""Issue 8: every kind of bad input gets a one-line reason naming the record, is quarantined, and the
batch goes on. Also: huge records stay cheap, non-English articles are stored but not coded."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from flashpoint.clean.cleaner import Cleaner
from flashpoint.ingest.readers import read_inputs
from flashpoint.models import Article, CleanArticle, Quarantined
from flashpoint.settings import Settings
from flashpoint.store.db import Store
from flashpoint.store.ingest import ingest

from .corpus import FRENCH, MALFORMED, SENTENCES

S = Settings()


def _one(tmp_path: Path, name: str, data: bytes) -> Quarantined:
    """Read and clean one input file; it must yield exactly one quarantined record."""
    path = tmp_path / name
    path.write_bytes(data)
    items = [Cleaner(S)(it) if isinstance(it, Article) else it for it in read_inputs([path], S)]
    assert len(items) == 1, items
    q = items[0]
    assert isinstance(q, Quarantined), q
    return q


def _assert_clear(q: Quarantined, name: str) -> None:
    msg = q.message()
    assert name in q.origin and name in msg
    assert "\n" not in msg and "\r" not in msg and len(msg) < 500
    assert q.reason.strip() and q.stage in {"ingest", "clean"}


@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_each_malformed_kind_is_quarantined_with_a_clear_reason(tmp_path: Path, kind: str) -> None:
    import random

    suffix, make = MALFORMED[kind]
    name = f"case-{kind}{suffix}"
    q = _one(tmp_path, name, make(random.Random(kind)))
    _assert_clear(q, name)


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("e.txt", b"", "empty or whitespace-only"),
    ("w.html", b" \n\t\r\n ", "empty or whitespace-only"),
    ("b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    ("l.txt", "Déclaration".encode("latin-1"), "not valid UTF-8: byte 0xe9 at offset 1"),
    ("m.txt", "Zürich ".encode() + "café".encode("cp1252"), "(mixed encodings?)"),
    ("n.json", b"[" * 200_000, "nested too deeply"),
    ("t.html", b"<html><head><title>Sanctions</title><scr", "no extractable article text"),
    ("d.html", b"<html><body>" + b"<div>" * 400 + b"<p>Troops withdrew from the city.</p></body></html>",
     "nested 403 elements deep"),  # html, body, 400 divs, p
])
def test_reasons_say_what_is_wrong(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    q = _one(tmp_path, name, data)
    _assert_clear(q, name)
    assert reason in q.reason


def test_bad_lines_do_not_sink_the_file(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "ok1", "text": SENTENCES[0]}).encode(), b'{"id": "broken", "text": "no end',
             b'{"id": "latin", "text": "caf\xe9"}', json.dumps({"id": "nothing"}).encode(),
             json.dumps({"id": "ok2", "text": "Line\u2028separator inside the text, which JSON allows."},
                        ensure_ascii=False).encode()]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines))
    items = list(read_inputs([path], S))
    assert [type(i).__name__ for i in items] == ["Article", "Quarantined", "Quarantined", "Quarantined", "Article"]
    assert [i.origin.rsplit(":", 1)[1] for i in items] == ["1", "2", "3", "4", "5"]
    assert "\u2028" in items[4].text  # not split at U+2028 as str.splitlines() would


def test_truncated_html_with_text_is_read_not_lost(tmp_path: Path) -> None:
    html = ("<html><head><title>Clash</title></head><body><article><p>" + " ".join(SENTENCES[:4]) +
            "</p><p>Officials said the talks would resume on Friday after the")
    path = tmp_path / "cut.html"
    path.write_text(html)
    [art] = read_inputs([path], S)
    assert isinstance(art, Article)
    clean = Cleaner(S)(art)
    assert isinstance(clean, CleanArticle) and "Russia threatened" in clean.text


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Russia threatened Ukraine.".encode("utf-16"))
    [art] = read_inputs([path], S)
    assert isinstance(art, Article) and art.text == "Russia threatened Ukraine."


def test_unpaired_surrogates_are_made_storable(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s1", "text": "Russia threatened Ukraine.", "title": "bad \\ud800 title"}\n'
                    '{"id": "\\udc00", "text": "Text."}\n')
    art, q = read_inputs([path], S)
    assert isinstance(art, Article) and art.title == "bad \ufffd title"
    assert isinstance(q, Quarantined) and "surrogate" in q.reason


def _write_big_record(path: Path, n_chars: int, as_json: bool) -> None:
    with path.open("w") as f:
        if as_json:
            f.write('{"text": "')
        chunk = "word " * 200_000
        for _ in range(n_chars // len(chunk)):
            f.write(chunk)
        if as_json:
            f.write('"}\n')


@pytest.mark.parametrize("suffix", [".jsonl", ".txt"])
def test_50_mb_record_is_quarantined_with_bounded_memory(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"big{suffix}"
    _write_big_record(path, 50_000_000, suffix == ".jsonl")
    size = path.stat().st_size
    assert size >= 50_000_000
    tracemalloc.start()
    try:
        items = list(read_inputs([path], S))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(items) == 1 and isinstance(items[0], Quarantined)
    assert "50000000 characters, above the 2000000 limit" in items[0].reason
    assert len(items[0].payload_preview) <= 80
    assert peak < 4.5 * size  # file bytes + one line + one decode + the parsed text, nothing more


def test_file_above_the_byte_limit_is_never_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as f:
        f.truncate(70 * 1024 * 1024)  # sparse: costs no disk
    tracemalloc.start()
    try:
        [q] = read_inputs([path], S)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(q, Quarantined) and "above the 67108864 limit" in q.reason
    assert peak < 1_000_000


def test_non_english_and_duplicates_through_ingest(tmp_path: Path, settings: Settings, pipeline) -> None:  # type: ignore[no-untyped-def]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "en1", "text": SENTENCES[0]},
        {"id": "fr1", "text": FRENCH},
        {"id": "ru1", "text": "Президент заявил в понедельник, что армия уйдет из города после переговоров."},
        {"id": "en1", "text": SENTENCES[1]},  # same id, different text
        {"id": "en1", "text": SENTENCES[0]},  # same id, same text: the same article again
        "{not json",
    ]))
    reported: list[str] = []
    summary, counts = ingest([feed], settings, tmp_path / "db.duckdb", pipeline=pipeline,
                             on_quarantine=lambda q: reported.append(q.message()))
    assert counts["articles"] == 3 and summary.run.skipped == 2 and summary.duplicate_ids == 1
    assert summary.run.quarantined == summary.new_quarantined == 2
    with Store(tmp_path / "db.duckdb", read_only=True) as st:
        rows = st.con.execute("SELECT article_id, language, coded, skip_reason FROM articles ORDER BY 1").fetchall()
        q = st.con.execute("SELECT origin, stage, reason FROM quarantine ORDER BY origin").fetchall()
        foreign_events = st.con.execute("SELECT count(*) FROM events WHERE article_id IN ('fr1', 'ru1')").fetchone()
    assert rows[1:] == [("fr1", "other", False, "language 'other' is not English"),
                        ("ru1", "other", False, "language 'other' is not English")]
    assert foreign_events == (0,)
    assert [(o.rsplit(":", 1)[1], s) for o, s, _ in q] == [("4", "store"), ("6", "ingest")]
    assert "duplicate id 'en1' with different text" in q[0][2]
    assert any("feed.jsonl:4" in m and "duplicate id 'en1'" in m for m in reported)
    assert len(reported) == 2


def test_deeply_nested_json_values_do_not_crash_previews(tmp_path: Path) -> None:
    deep = "[" * 900 + "]" * 900  # parses, but is too deep to serialise again naively
    path = tmp_path / "deep.jsonl"
    path.write_text(f'{deep}\n{{"text": "Troops withdrew.", "title": {deep}}}\n{{"id": "x", "body2": {deep}}}\n')
    not_object, art, no_text = read_inputs([path], S)
    assert isinstance(not_object, Quarantined) and "JSON array, expected an object" in not_object.reason
    assert isinstance(art, Article) and art.title is not None and len(art.title) <= 200
    assert isinstance(no_text, Quarantined) and len(no_text.payload_preview) <= 80
