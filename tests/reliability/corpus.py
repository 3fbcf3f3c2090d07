"""Generated inputs for the reliability tests: a small valid feed and a corpus of malformed inputs."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

from ..conftest import SAMPLES

SENTENCES = [
    "Russia threatened to cut gas supplies to Ukraine on Monday.",
    "The United States imposed new sanctions on Iran after the missile test.",
    "Protesters clashed with police in the capital, the interior ministry said.",
    "China and India agreed to resume border talks next month.",
    "Israeli aircraft struck targets in Gaza after rockets were fired at southern Israel.",
    "The European Union pledged humanitarian aid to Sudan.",
    "Turkish troops shelled Kurdish positions in northern Syria.",
    "North Korea accused South Korea of provoking a military confrontation.",
    "The president met the French foreign minister in Paris to discuss the ceasefire.",
    "Rebels released twelve hostages after talks mediated by Qatar.",
]
FRENCH = ("Le président a déclaré lundi que l'armée se retirerait de la ville et que les négociations "
          "reprendraient avec les rebelles dans les prochains jours.")


def article_text(rng: random.Random, n: int = 3) -> str:
    return " ".join(rng.sample(SENTENCES, n))


def write_feed(folder: Path, n_records: int = 24, seed: int = 8) -> Path:
    """A feed folder: JSON lines with good and bad records, plus the bundled sample files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": f"r{i:03d}", "text": article_text(rng), "published": f"2026-0{1 + i % 9}-1{i % 10}",
                         "source": "Generated Wire"}) for i in range(n_records)]
    lines[3] = "{broken json"
    lines[7] = json.dumps({"id": "r-no-text", "title": "no text here"})
    lines.append(json.dumps({"id": "r001", "text": "A different text under an id already used."}))
    lines.append(json.dumps({"id": "r-fr", "text": FRENCH}))
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for src in sorted(SAMPLES.iterdir()):
        if src.suffix in {".txt", ".html"}:
            (folder / src.name).write_bytes(src.read_bytes())
    (folder / "zz-empty.txt").write_bytes(b"")
    return folder


# ------------------------------------------------------------------------------------ malformed inputs

def _nested_html(rng: random.Random) -> bytes:
    depth = rng.randint(300, 3000)
    tag = rng.choice(["div", "span", "section", "b"])
    return (f"<html><body>{f'<{tag}>' * depth}<p>{article_text(rng)}</p>{f'</{tag}>' * depth}"
            "</body></html>").encode()


def _binary(rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randint(16, 600))) + b"\x00\x00"


def _control_bytes(rng: random.Random) -> bytes:
    return bytes(rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 27]) for _ in range(rng.randint(40, 400)))


def _invalid_utf8(rng: random.Random) -> bytes:
    return article_text(rng).encode("latin-1", "replace") + "Société Générale".encode("latin-1")


def _mixed_encodings(rng: random.Random) -> bytes:
    return "Zürich said: ".encode() + article_text(rng).encode() + " café".encode("cp1252")


def _json_line(rec: object) -> bytes:
    return json.dumps(rec).encode() + b"\n"


# name -> (suffix, generator). Every generated input must yield exactly one quarantined record.
MALFORMED: dict[str, tuple[str, Callable[[random.Random], bytes]]] = {
    "empty": (".txt", lambda r: b""),
    "whitespace": (".txt", lambda r: r.choice([b" ", b"\n", b"\t", b"\r\n"]) * r.randint(1, 50)),
    "whitespace-jsonl": (".jsonl", lambda r: b"\n \n\t\n" * r.randint(1, 5)),
    "binary": (".txt", _binary),
    "binary-html": (".html", _binary),
    "binary-json": (".json", _binary),
    "control-bytes": (".txt", _control_bytes),
    "invalid-utf8": (".txt", _invalid_utf8),
    "mixed-encodings": (".txt", _mixed_encodings),
    "mixed-encodings-jsonl": (".jsonl", lambda r: b'{"id": "m", "text": "caf\xe9 ' + article_text(r).encode() + b'"}\n'),
    "bad-utf16": (".txt", lambda r: b"\xff\xfe" + "Russia".encode("utf-16-le") + b"\x00"),
    "broken-json-line": (".jsonl", lambda r: _json_line({"id": "b", "text": article_text(r)})[: r.randint(2, 40)]),
    "broken-json-doc": (".json", lambda r: json.dumps([{"text": article_text(r)}] * 2, indent=2).encode()[:-3]),
    "json-too-deep": (".jsonl", lambda r: b"[" * r.randint(100_000, 200_000) + b"\n"),
    "json-empty-list": (".json", lambda r: b"[]"),
    "no-text": (".jsonl", lambda r: _json_line({"id": f"n{r.randrange(9999)}", "title": "Title only"})),
    "empty-text": (".jsonl", lambda r: _json_line({"text": r.choice(["", "   ", "\n\t"])})),
    "text-not-string": (".jsonl", lambda r: _json_line({"text": r.choice([42, 1.5, ["a", "b"], {"a": 1}, True])})),
    "record-not-object": (".jsonl", lambda r: _json_line(r.choice([1, "text", [1, 2], None, False]))),
    "bad-id": (".jsonl", lambda r: _json_line({"id": r.choice([{"a": 1}, [1], True, "", 1.5]), "text": "Hello."})),
    "too-long-text": (".jsonl", lambda r: _json_line({"text": "war " * 500_001})),
    "tags-only-html": (".html", lambda r: b"<html><head><script>var a = 1;</script></head><body><div></div></body></html>"),
    "truncated-html": (".html", lambda r: b"<html><head><title>Sanctions</title><scr"),
    "malformed-html": (".html", lambda r: b"<<<>>><html <body <p <<</p></</html"),
    "nested-html": (".html", _nested_html),
    "invisible-only": (".txt", lambda r: "\u200b\u200d\u2060\ufeff\u200b".encode() * r.randint(1, 20)),
}


def write_malformed(folder: Path, n: int, seed: int = 8) -> dict[str, str]:
    """Write `n` malformed inputs (cycling over the kinds, random variations); returns {file name: kind}."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    kinds = sorted(MALFORMED)
    written: dict[str, str] = {}
    for i in range(n):
        kind = kinds[i % len(kinds)]
        if kind == "too-long-text" and i >= len(kinds) * 3:  # 2 MB each: a few suffice
            kind = "no-text"
        suffix, make = MALFORMED[kind]
        name = f"{i:04d}-{kind}{suffix}"
        (folder / name).write_bytes(make(rng))
        written[name] = kind
    return written
