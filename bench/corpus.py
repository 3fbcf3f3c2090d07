"""Synthetic benchmark corpus: the bundled illustrative samples recombined with varied names and dates.

No downloads. Deterministic for a given seed. Each article is 4-8 sentences drawn from the samples, with
every country name, adjective and capital swapped for another country's (consistently within an article),
a random weekday, and a published date spread over a year.

    python bench/corpus.py 1000 /tmp/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "flashpoint" / "data" / "samples"

#: (name, adjective, capital) triples that the actor dictionaries know.
COUNTRIES = [
    ("Russia", "Russian", "Moscow"), ("Ukraine", "Ukrainian", "Kyiv"), ("China", "Chinese", "Beijing"),
    ("India", "Indian", "New Delhi"), ("Iran", "Iranian", "Tehran"), ("Israel", "Israeli", "Jerusalem"),
    ("Japan", "Japanese", "Tokyo"), ("Germany", "German", "Berlin"), ("France", "French", "Paris"),
    ("Turkey", "Turkish", "Ankara"), ("Egypt", "Egyptian", "Cairo"), ("Pakistan", "Pakistani", "Islamabad"),
    ("Brazil", "Brazilian", "Brasilia"), ("Nigeria", "Nigerian", "Abuja"), ("Kenya", "Kenyan", "Nairobi"),
    ("Mexico", "Mexican", "Mexico City"), ("Poland", "Polish", "Warsaw"), ("Syria", "Syrian", "Damascus"),
    ("Sudan", "Sudanese", "Khartoum"), ("Georgia", "Georgian", "Tbilisi"), ("Venezuela", "Venezuelan", "Caracas"),
    ("Ethiopia", "Ethiopian", "Addis Ababa"), ("Serbia", "Serbian", "Belgrade"), ("Iraq", "Iraqi", "Baghdad"),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["Illustrative Wire", "Illustrative Daily", "Illustrative Times", "Illustrative Post",
           "Illustrative Herald", "Illustrative Tribune"]
_SENT = re.compile(r"(?<=[.!?\"])\s+(?=[A-Z\"])")
_TAG = re.compile(r"<[^>]+>")


def _sample_texts() -> Iterator[str]:
    for path in sorted(SAMPLES.iterdir()):
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            yield from (json.loads(line)["text"] for line in raw.splitlines() if line.strip())
        elif path.suffix == ".html":
            yield " ".join(m for m in re.findall(r"<p>(.*?)</p>", raw, re.S))
        elif path.suffix == ".txt":
            body = raw.split("\n\n", 1)[-1]
            yield re.sub(r"^[A-Z]+ \([^)]*\) - ", "", body.strip())


def sentence_pool() -> list[str]:
    """Every sentence of the bundled samples (after light cleaning)."""
    out: list[str] = []
    for text in _sample_texts():
        out.extend(s.strip() for s in _SENT.split(_TAG.sub("", text)) if len(s.split()) >= 4)
    return out


_FORMS = sorted({f for c in COUNTRIES for f in c}, key=len, reverse=True)
_FORM_RE = re.compile(r"\b(" + "|".join(re.escape(f) for f in _FORMS) + r")\b")


def _swap_countries(text: str, mapping: dict[tuple[str, str, str], tuple[str, str, str]]) -> str:
    """Replace every country form in one pass (no chained swaps)."""
    table: dict[str, str] = {}
    for src, dst in mapping.items():
        table.update(zip(src, dst, strict=True))
    return _FORM_RE.sub(lambda m: table[m.group(0)], text)


def make_article(rng: random.Random, pool: list[str], n: int, start: date) -> dict[str, str]:
    targets = rng.sample(COUNTRIES, len(COUNTRIES))
    mapping = dict(zip(COUNTRIES, targets, strict=True))
    sents = [_swap_countries(s, mapping) for s in rng.sample(pool, rng.randint(4, 8))]
    day = rng.choice(WEEKDAYS)
    sents = [re.sub(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", day, s) for s in sents]
    published = start + timedelta(days=rng.randrange(365))
    return {"id": f"bench-{n:08d}", "title": sents[0][:70], "source": rng.choice(OUTLETS),
            "published": published.isoformat(), "text": " ".join(sents)}


def generate(n_articles: int, seed: int = 7, start: date = date(2026, 1, 1)) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    pool = sentence_pool()
    for n in range(n_articles):
        yield make_article(rng, pool, n, start)


def write_corpus(path: Path, n_articles: int, seed: int = 7) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for rec in generate(n_articles, seed):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    write_corpus(args.out, args.n, args.seed)


if __name__ == "__main__":
    main()
