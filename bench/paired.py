"""Benchmark 1 measured in pairs: bare `nlp.pipe` and the whole pipeline take turns chunk by chunk.

On a shared machine the CPU seconds of a run depend on what the other core is doing (its neighbours slow
our instructions too), and that changes from minute to minute: two whole runs a minute apart can differ by
30%, more than the effect measured. Here each 64-article chunk is parsed bare and then processed end to end
(the order alternating), so both sides of every pair see the same neighbours; the ratio is summed over all
pairs of all repeats, and per repeat to show the spread. Bare is the stock model (`spacy.load`); the
pipeline's own spaCy stack (`Parser.nlp`: the line-break rule and the faster attribute-ruler and lemmatizer
loops of `flashpoint.nlp.fastpipes`) is timed in the same turns, so `ratio_cpu_vs_own_stack` shows what
Flashpoint's own code adds on its own parse.

    PYTHONPATH=src .venv/bin/python bench/paired.py ../shared/gold/plv_dev.jsonl --repeats 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_all import articles, clear_text_caches, stock_nlp, text_articles  # noqa: E402

from flashpoint.models import CleanArticle  # noqa: E402
from flashpoint.pipeline import ArticleResult  # noqa: E402
from flashpoint.settings import Settings  # noqa: E402
from flashpoint.spark.coding import pipeline_for  # noqa: E402


def _bare_seconds(nlp: Any, texts: list[str], size: int) -> float:
    t = time.process_time()
    for _ in nlp.pipe(texts, batch_size=size):
        pass
    return time.process_time() - t


def _e2e_seconds(pipe: Any, chunk: list[Any], n: int) -> float:
    t = time.process_time()
    out = [x for x in pipe.process(chunk) if isinstance(x, ArticleResult)]
    assert len(out) == n, "an article was quarantined"
    return time.process_time() - t


def paired_ratio(arts: list[Any], settings: Settings, repeats: int) -> dict[str, Any]:
    pipe = pipeline_for(settings)
    stock = stock_nlp(settings.spacy_model)
    size = settings.batch_size
    chunks = [arts[i:i + size] for i in range(0, len(arts), size)]
    texts = [[c.text for c in map(pipe.cleaner, ch) if isinstance(c, CleanArticle)] for ch in chunks]
    for ch, tx in zip(chunks, texts, strict=True):  # one untimed pass of each: first-call costs (dateparser's
        list(stock.pipe(tx, batch_size=size))       # tables, both lemmatizers' caches, the vocabularies) are
        list(pipe.parser.nlp.pipe(tx, batch_size=size))  # paid once by a long run, not per article
        list(pipe.process(ch))
    per_repeat = []
    for r in range(repeats):
        clear_text_caches(pipe)
        bare = own = e2e = 0.0
        for k, (ch, tx) in enumerate(zip(chunks, texts, strict=True)):
            turns = [(_bare_seconds, (stock, tx, size)), (_bare_seconds, (pipe.parser.nlp, tx, size)),
                     (_e2e_seconds, (pipe, ch, len(tx)))]
            shift = (r + k) % 3  # each of the three goes first, second and third in turn
            took = {}
            for j in range(3):
                which = (j + shift) % 3
                run, args = turns[which]
                took[which] = run(*args)
            bare, own, e2e = bare + took[0], own + took[1], e2e + took[2]
        per_repeat.append((round(bare, 3), round(own, 3), round(e2e, 3), round(bare / e2e, 3)))
    bare_sum, own_sum, e2e_sum = (sum(x[i] for x in per_repeat) for i in range(3))
    return {"articles": len(arts), "repeats": repeats, "ratio_cpu": round(bare_sum / e2e_sum, 3),
            "ratio_cpu_median_repeat": statistics.median(x[3] for x in per_repeat),
            "ratio_cpu_vs_own_stack": round(own_sum / e2e_sum, 3),
            "own_stack_vs_bare_cpu": round(own_sum / bare_sum, 3),
            "beyond_parse_cpu_s_per_repeat": round((e2e_sum - own_sum) / repeats, 3),
            "per_repeat_bare_own_e2e_ratio": per_repeat, "loadavg": round(os.getloadavg()[0], 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("texts", nargs="?", type=Path, help="JSONL with 'text' fields (default: the 300-article corpus)")
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    arts = text_articles(args.texts) if args.texts else articles(300)
    print(json.dumps(paired_ratio(arts, Settings(workers=1), args.repeats)))


if __name__ == "__main__":
    main()
