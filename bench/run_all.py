"""Flashpoint throughput benchmarks: each prints ratios measured in one run on the same generated input.

    .venv/bin/python bench/run_all.py                 # full run (sizes below), ~20-30 min on 2 cores
    .venv/bin/python bench/run_all.py --rss-only      # benchmark 3 only (~15 min), prints its JSON
    .venv/bin/python bench/run_all.py --quick         # tiny sizes, a smoke test of the script
    .venv/bin/python bench/run_all.py --pipe-texts ../shared/gold/plv_dev.jsonl   # benchmark 1 only, real text

1. end-to-end coding (clean + parse + code) / bare nlp.pipe, same model, same texts, one process; then the
   CPU seconds of each stage of the end-to-end run (bench/stages.py)
2. 2 worker processes / 1 worker (flashpoint.spark.local.code_parallel, the local twin of the Spark job)
3. peak RSS (fresh process each): end to end (`ingest`: parse, code, store), the last 1,024 articles of a
   1,024- vs a 50,000-article run; store side at 1,024 vs 50,000 articles (pre-coded articles through
   ingest's writer, last 1,024 of each run), parse side at 1,000 vs 4,000 articles, end to end at 1,000
4. DuckDB: ingest rate of N synthetic events and a dyad timeline query over them
5. sentences per second, and hours for a day of world news (2M sentences) on this machine
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402
from stages import render as render_stages  # noqa: E402
from stages import stage_seconds  # noqa: E402

from flashpoint.actors.lexicon import norm  # noqa: E402
from flashpoint.clean.cleaner import Cleaner  # noqa: E402
from flashpoint.coding.syntax import Tree  # noqa: E402
from flashpoint.models import Article, CleanArticle  # noqa: E402
from flashpoint.pipeline import ArticleResult, Pipeline  # noqa: E402
from flashpoint.settings import Settings  # noqa: E402
from flashpoint.spark.coding import pipeline_for  # noqa: E402
from flashpoint.spark.local import code_parallel  # noqa: E402
from flashpoint.time.dates import _dateparser  # noqa: E402

DAY_OF_NEWS_SENTENCES = 2_000_000


def articles(n: int, seed: int = 7) -> list[Article]:
    return [Article(article_id=r["id"], text=r["text"], origin=f"bench:{i}", title=r["title"],
                    published=r["published"], source=r["source"], fmt="txt")
            for i, r in enumerate(generate(n, seed))]


def text_articles(path: Path, per_article: int = 6) -> list[Article]:
    """Articles of `per_article` consecutive "text" fields of a JSONL file (gold sentences): real text, where
    the generated corpus repeats ~55 sample sentences."""
    rows = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Article(article_id=f"t{i}", text=" ".join(rows[i:i + per_article]), origin=f"{path.name}:{i + 1}",
                    published=f"2020-05-{1 + i % 28:02d}") for i in range(0, len(rows), per_article)]


def _cpu() -> float:
    """CPU seconds of this process and its finished children (pool workers are reaped on pool exit)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, wall seconds, CPU seconds)."""
    w, c = time.perf_counter(), _cpu()
    out = fn()
    return out, time.perf_counter() - w, _cpu() - c


def clear_text_caches(pipe: Pipeline | None = None) -> None:
    """Empty the caches keyed by text (dateparser answers, normalised actor phrases, the type model's
    character n-grams of words), so every end-to-end run starts as a one-pass job over new articles does:
    the corpus repeats ~55 sample sentences, and runs 2 and 3 of the same texts would otherwise find them
    all cached."""
    _dateparser.cache_clear()
    norm.cache_clear()
    if pipe is not None and pipe.coder.model is not None:
        pipe.coder.model._word_columns.clear()


def stock_nlp(name: str) -> Any:
    """The spaCy pipeline exactly as its package ships it (`spacy.load`): what "bare nlp.pipe" runs. The
    pipeline's own copy (`Parser.nlp`) adds the line-break sentence rule and the faster attribute-ruler and
    lemmatizer loops of `flashpoint.nlp.fastpipes` (same annotations)."""
    if name not in _STOCK:
        import spacy

        _STOCK[name] = spacy.load(name)
    return _STOCK[name]


_STOCK: dict[str, Any] = {}


def bench_pipe_ratio(arts: list[Article], settings: Settings, repeats: int = 1) -> dict[str, Any]:
    """Bare nlp.pipe vs the whole pipeline, plus where the extra time goes (stage seconds).

    Bare is the stock model (`stock_nlp`); the pipeline's own spaCy stack alone (`own_stack`) is timed too,
    so what Flashpoint's own code adds is shown apart from what its faster spaCy loops save.
    With `repeats` > 1 the runs alternate and the fastest of each is kept (the machine is shared: a
    neighbour's burst slows one run, not the comparison); the load average is reported."""
    pipe = pipeline_for(settings)
    stock = stock_nlp(settings.spacy_model)
    load_before = round(os.getloadavg()[0], 2)
    cleaned = [c for c in (Cleaner(settings)(a) for a in arts) if isinstance(c, CleanArticle)]
    texts = [c.text for c in cleaned]
    list(stock.pipe(texts[:20]))  # warm up
    list(pipe.process(arts[:8]))
    runs: dict[str, list[tuple[float, float]]] = {"bare": [], "own": [], "e2e": []}
    for _ in range(max(1, repeats)):
        n_sent, bare, bare_cpu = _timed(lambda: sum(len(list(d.sents)) for d in
                                                    stock.pipe(texts, batch_size=settings.batch_size)))
        _, own, own_cpu = _timed(lambda: list(pipe.parser.nlp.pipe(texts, batch_size=settings.batch_size)))
        clear_text_caches(pipe)
        results, e2e, e2e_cpu = _timed(lambda: [r for r in pipe.process(arts) if isinstance(r, ArticleResult)])
        runs["bare"].append((bare, bare_cpu))
        runs["own"].append((own, own_cpu))
        runs["e2e"].append((e2e, e2e_cpu))
    bare, bare_cpu = min(runs["bare"])
    own, own_cpu = min(runs["own"])
    e2e, e2e_cpu = min(runs["e2e"])
    clear_text_caches(pipe)
    stages = stage_seconds(pipe, arts)  # CPU seconds per stage, one instrumented run
    _, clean_s, _ = _timed(lambda: [Cleaner(settings)(a) for a in arts])
    sents, parse_s, _ = _timed(lambda: list(pipe.parser.pipe(cleaned)))
    chunks = [list(zip(cleaned[i:i + settings.batch_size], sents[i:i + settings.batch_size], strict=True))
              for i in range(0, len(cleaned), settings.batch_size)]  # as the pipeline codes them
    coded, code_s, _ = _timed(lambda: [pipe.coder.code_articles([(s, c.published) for c, s in ch]) for ch in chunks])
    _, enrich_s, _ = _timed(lambda: [pipe.enricher(c, tuple(s), evs) for ch, ev in zip(chunks, coded, strict=True)
                                     for (c, s), evs in zip(ch, ev, strict=True)])
    flat = [(t.sent.text, "") for ss in sents[:50] for t in (Tree(x) for x in ss)]
    _, one_by_one, _ = _timed(lambda: [pipe.coder.model.predict_proba([t], [h]) for t, h in flat] if pipe.coder.model else 0)
    _, batched, _ = _timed(lambda: pipe.coder.model.predict_proba([t for t, _ in flat], [h for _, h in flat])
                           if pipe.coder.model else 0)
    return {"articles": len(arts), "sentences": n_sent, "events": sum(len(r.events) for r in results),
            "bare_s": round(bare, 2), "e2e_s": round(e2e, 2), "bare_cpu_s": round(bare_cpu, 2),
            "e2e_cpu_s": round(e2e_cpu, 2), "bare_sent_per_s": round(n_sent / bare, 1),
            "e2e_sent_per_s": round(n_sent / e2e, 1), "ratio": round(bare / e2e, 3),
            "ratio_cpu": round(bare_cpu / e2e_cpu, 3), "own_stack_cpu_s": round(own_cpu, 2),
            "ratio_cpu_vs_own_stack": round(own_cpu / e2e_cpu, 3), "runs_bare_e2e_s": [(round(b, 2), round(e, 2)) for (b, _), (e, _)
                                                                        in zip(runs["bare"], runs["e2e"], strict=True)],
            "loadavg_before": load_before, "loadavg_after": round(os.getloadavg()[0], 2),
            "stage_clean_s": round(clean_s, 2), "stage_parse_s": round(parse_s, 2), "stage_code_s": round(code_s, 2),
            "stage_enrich_s": round(enrich_s, 2), "typemodel_one_call_per_sentence_s": round(one_by_one, 3),
            "typemodel_one_batched_call_s": round(batched, 3), "typemodel_probe_sentences": len(flat),
            "stages_cpu_s": stages}


def _spin(n: int) -> float:
    x = 0
    for i in range(n):
        x += i * i
    return float(x % 7)


def cpu_loop_ratio(n: int = 10_000_000) -> float:
    """Calibration: speed-up of 2 processes over 1 on a pure-Python CPU loop, right now on this machine.
    About 2.0 on an idle 2-core machine; about 1.0 when the other core is taken by someone else."""
    import multiprocessing as mp

    t = time.perf_counter()
    _spin(n), _spin(n)
    serial = time.perf_counter() - t
    with mp.get_context("fork").Pool(2) as pool:
        t = time.perf_counter()
        pool.map(_spin, [n, n])
        parallel = time.perf_counter() - t
    return round(serial / parallel, 3)


def bench_workers(arts: list[Article], settings: Settings) -> dict[str, Any]:
    """Wall and CPU time of 1 vs 2 worker processes; `ratio_idle` = speed-up if the 2 cores were ours."""
    pipeline_for(settings.replace(workers=1))  # loaded before forking: workers inherit it
    out: dict[str, Any] = {"loadavg_before": round(os.getloadavg()[0], 2), "cpu_loop_ratio": cpu_loop_ratio()}
    for w in (1, 2):
        res, wall, cpu = _timed(lambda w=w: [r for r in code_parallel(arts, settings.replace(workers=w), chunk_size=16)
                                            if isinstance(r, ArticleResult)])
        n = sum(len(r.sentences) for r in res)
        out.update({f"w{w}_s": round(wall, 2), f"w{w}_cpu_s": round(cpu, 2), f"w{w}_sent_per_s": round(n / wall, 1)})
    out["ratio"] = round(out["w1_s"] / out["w2_s"], 3)
    # on an idle 2-core machine the 2-worker run takes its total CPU time spread over both cores
    out["ratio_idle"] = round(out["w1_cpu_s"] / (out["w2_cpu_s"] / 2), 3)
    out["loadavg_after"] = round(os.getloadavg()[0], 2)
    return out


def _probe(*args: object) -> dict[str, Any]:
    """One bench/rss_probe.py run in a fresh process; its JSON line."""
    probe = Path(__file__).resolve().parent / "rss_probe.py"
    cp = subprocess.run([sys.executable, str(probe), *map(str, args)], capture_output=True, text=True, check=True)
    out: dict[str, Any] = json.loads(cp.stdout.strip().splitlines()[-1])
    return out


def _growth(small: dict[str, Any], large: dict[str, Any]) -> float:
    return round(100 * (large["peak_rss_mb"] / small["peak_rss_mb"] - 1), 1)


def bench_rss(e2e: int, parse: tuple[int, int], store: tuple[int, int], add: int) -> dict[str, Any]:
    """Peak RSS (fresh process each): end to end at `e2e` articles; the parse side (pipeline, no store) at
    parse[0] vs parse[1] articles; the store side (pre-coded articles through ingest's BatchWriter) in a
    run ending at store[0] vs store[1] articles, each measured over its last `add` articles (the large store
    is filled first by a process that is not measured; see bench/rss_probe.py); and the whole job on the same
    sequence (`rss_probe.py --sequence`: `ingest` of the last `add` articles of each run, into an empty store
    and into a copy of the large one)."""
    out: dict[str, Any] = {"end_to_end": _probe(e2e)}
    small_p, large_p = (_probe(n, "--no-store") for n in parse)
    out["parse"] = {"small": small_p, "large": large_p, "growth_pct": _growth(small_p, large_p)}
    with tempfile.TemporaryDirectory() as tmp:
        pool, db = Path(tmp) / "pool.pkl", Path(tmp) / "large.duckdb"
        _probe("--make-pool", 512, pool)
        out["store_build"] = _probe(store[1] - add, "--store-only", pool, "--build", db)
        into_small: list[object] = []
        if store[0] > add:
            into_small = ["--into", Path(tmp) / "small.duckdb"]
            _probe(store[0] - add, "--store-only", pool, "--build", into_small[1])
        small = _probe(add, "--store-only", pool, *into_small)
        large = _probe(add, "--store-only", pool, "--into", db)
        load = [round(os.getloadavg()[0], 2)]
        e2e_small = _probe(add, "--sequence", *into_small)
        e2e_large = _probe(add, "--sequence", "--into", db)
        load.append(round(os.getloadavg()[0], 2))
    out["store"] = {"small": small, "large": large, "growth_pct": _growth(small, large),
                    "growth_mb": round(large["peak_rss_mb"] - small["peak_rss_mb"], 1)}
    out["end_to_end_sequence"] = {"small": e2e_small, "large": e2e_large, "growth_pct": _growth(e2e_small, e2e_large),
                                  "growth_mb": round(e2e_large["peak_rss_mb"] - e2e_small["peak_rss_mb"], 1),
                                  "loadavg": load}
    return out


SYNTH_EVENTS = """
INSERT INTO events ({cols})
SELECT 'e' || i, 'a' || (i // 3), (i % 3)::INTEGER, 'synthetic sentence ' || i,
       c[1 + (i % 24)], c[1 + (i % 24)], c[1 + (i % 24)], 'GOV',
       c[1 + ((i * 7 + i // 24) % 24)], c[1 + ((i * 7 + i // 24) % 24)], c[1 + ((i * 7 + i // 24) % 24)], 'MIL',
       p[1 + (i % 16)], DATE '2015-01-01' + ((i * 2654435761) % 3650)::INTEGER,
       ((i % 21) - 10)::DOUBLE, (1 + i % 4)::INTEGER, 0.5 + (i % 50) / 100.0
FROM range({n}) t(i),
     (SELECT ['RUS','UKR','CHN','USA','IND','PAK','ISR','IRN','TUR','GRC','JPN','KOR','PRK','DEU','FRA','GBR',
              'EGY','SDN','ETH','NGA','BRA','VEN','MEX','SRB'] AS c,
             ['AGREE','CONSULT','SUPPORT','CONCEDE','COOPERATE','AID','RETREAT','REQUEST','ACCUSE','REJECT',
              'THREATEN','PROTEST','SANCTION','MOBILIZE','COERCE','ASSAULT'] AS p)
"""
SYNTH_COLUMNS = ("event_id, article_id, sentence_index, sentence, source_text, source_code, source_country, "
                 "source_sector, target_text, target_code, target_country, target_sector, plover_type, event_date, "
                 "goldstein, quad_class, confidence")
DYAD_TIMELINE = """
SELECT date_trunc('month', event_date) AS month, plover_type, count(*) AS n, avg(goldstein) AS goldstein
FROM events WHERE source_code = ? AND target_code = ? AND event_date BETWEEN ? AND ?
GROUP BY ALL ORDER BY month, plover_type
"""


def bench_duckdb(n: int) -> dict[str, Any]:
    from flashpoint.store.db import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "big.duckdb") as store:
        t = time.perf_counter()
        store.con.execute(SYNTH_EVENTS.format(cols=SYNTH_COLUMNS, n=n))
        store.con.execute("CHECKPOINT")
        ingest_s = time.perf_counter() - t
        args = ["RUS", "UKR", "2016-01-01", "2024-12-31"]
        store.con.execute(DYAD_TIMELINE, args).fetchall()  # first (cold) run
        times, rows = [], 0
        for _ in range(5):
            t = time.perf_counter()
            rows = len(store.con.execute(DYAD_TIMELINE, args).fetchall())
            times.append(time.perf_counter() - t)
        return {"events": n, "ingest_s": round(ingest_s, 1), "ingest_rows_per_s": round(n / ingest_s),
                "query_median_s": round(sorted(times)[2], 3), "query_max_s": round(max(times), 3),
                "timeline_rows": rows}


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def table(r: dict[str, Any]) -> str:
    """Markdown table. Wall-clock ratios depend on what else runs on the machine; the CPU-time ratios
    (same work, CPU seconds of this process and its workers) are what an idle machine would show."""
    p, w, m, d = r["pipe"], r["workers"], r["rss"], r["duckdb"]
    if "store" in m:
        ms, mp = m["store"], m["parse"]
        me = m.get("end_to_end_sequence")
        whole = (f"; whole job (`ingest`, same sequence), last {me['small']['articles']:,} articles of a "
                 f"{me['small']['store_after']:,}- vs {me['large']['store_after']:,}-article run "
                 f"**{me['growth_pct']:+.1f}%** ({me['small']['peak_rss_mb']:.0f} → {me['large']['peak_rss_mb']:.0f} MB)"
                 if me else "")
        rss_row = (
            f"| 3 | peak RSS: store side (pre-coded), {ms['small']['store_after']:,} vs {ms['large']['store_after']:,} "
            f"articles (last {ms['small']['articles']:,} of each) | **{ms['growth_pct']:+.1f}%** "
            f"({ms['small']['peak_rss_mb']:.0f} → {ms['large']['peak_rss_mb']:.0f} MB); parse side "
            f"{mp['small']['articles']:,} vs {mp['large']['articles']:,} articles {mp['growth_pct']:+.1f}% "
            f"({mp['small']['peak_rss_mb']:.0f} → {mp['large']['peak_rss_mb']:.0f} MB){whole}; end to end "
            f"{m['end_to_end']['articles']:,} articles {m['end_to_end']['peak_rss_mb']:.0f} MB | | within 10% | "
            f"{_yes(abs(ms['growth_pct']) <= 10 and abs(mp['growth_pct']) <= 10)} |")
    else:  # results saved before the store-side split
        rss_row = (f"| 3 | peak RSS of `ingest`, {m['small']['articles']} vs {m['large']['articles']} articles | "
                   f"**{m['growth_pct']:+.1f}%** ({m['small']['peak_rss_mb']:.0f} → {m['large']['peak_rss_mb']:.0f} MB)"
                   f" | | within 10% | {_yes(abs(m['growth_pct']) <= 10)} |")
    sent = p["sentences"]
    cpu_rate_1 = w["w1_sent_per_s"] * w["w1_s"] / w["w1_cpu_s"]  # sentences per CPU second, one worker
    rate_2 = cpu_rate_1 * w["ratio_idle"]
    hours = DAY_OF_NEWS_SENTENCES / rate_2 / 3600
    hours_wall = DAY_OF_NEWS_SENTENCES / w["w2_sent_per_s"] / 3600
    return "\n".join([
        "| # | benchmark | measured (CPU time) | measured (wall clock) | target | met |",
        "|---|---|---|---|---|---|",
        f"| 1 | end-to-end ÷ bare `nlp.pipe`, {p['articles']} articles / {sent} sentences | "
        f"**{p['ratio_cpu']:.2f}** ({p['e2e_cpu_s']:.1f} vs {p['bare_cpu_s']:.1f} CPU s)"
        + (f"; on the pipeline's own spaCy stack ({p['own_stack_cpu_s']:.1f} CPU s) {p['ratio_cpu_vs_own_stack']:.2f}"
           if "own_stack_cpu_s" in p else "")
        + f" | {p['ratio']:.2f} | ≥ 0.85 | {_yes(p['ratio_cpu'] >= 0.85)} |",
        f"| 2 | 2 workers ÷ 1 worker, {r['sizes']['workers']} articles | **{w['ratio_idle']:.2f}** "
        f"({w['w1_cpu_s']:.1f} vs {w['w2_cpu_s']:.1f} CPU s over 2 cores) | {w['ratio']:.2f} "
        f"(load average {w['loadavg_before']:.1f}–{w['loadavg_after']:.1f}; a bare CPU loop got "
        f"{w.get('cpu_loop_ratio', float('nan')):.2f}) | ≥ 1.7 | {_yes(w['ratio_idle'] >= 1.7)} |",
        rss_row,
        f"| 4 | dyad timeline over {d['events']:,} events in DuckDB (median of 5) | | **{d['query_median_s']:.3f} s** "
        f"(max {d['query_max_s']:.3f} s); ingest {d['ingest_rows_per_s']:,} events/s | < 1 s | "
        f"{_yes(d['query_median_s'] < 1)} |",
        f"| 5 | sentences per second, 2 workers on 2 cores | **{rate_2:.0f} sent/s** → {hours:.1f} h for 2M "
        f"sentences | {w['w2_sent_per_s']:.0f} sent/s → {hours_wall:.1f} h | a day of news in ≤ 24 h | {_yes(hours <= 24)} |",
    ])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="tiny sizes (smoke test)")
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    ap.add_argument("--render", type=Path, help="only print the table of a saved --json file")
    ap.add_argument("--pipe-texts", type=Path, metavar="JSONL",
                    help="only benchmark 1, on articles of 6 consecutive 'text' fields of this file")
    ap.add_argument("--rss-only", action="store_true", help="only benchmark 3 (prints its JSON)")
    args = ap.parse_args()
    if args.render:
        print(table(json.loads(args.render.read_text())))
        return
    if args.pipe_texts:
        pipe = bench_pipe_ratio(text_articles(args.pipe_texts), Settings(workers=1), repeats=3)
        print("1 pipe:", pipe, flush=True)
        print(render_stages(pipe["stages_cpu_s"], pipe["bare_cpu_s"]))
        if args.json:
            args.json.write_text(json.dumps(pipe, indent=1))
        return
    sizes = ({"pipe": 30, "workers": 40, "rss_e2e": 50, "rss_parse": (50, 150), "rss_store": (128, 1024),
              "rss_add": 128, "events": 200_000} if args.quick else
             {"pipe": 300, "workers": 300, "rss_e2e": 1000, "rss_parse": (1000, 4000), "rss_store": (1024, 50_000),
              "rss_add": 1024, "events": 10_000_000})
    if args.rss_only:
        print(json.dumps(bench_rss(sizes["rss_e2e"], sizes["rss_parse"], sizes["rss_store"], sizes["rss_add"])))
        return
    settings = Settings(workers=1)
    started = time.perf_counter()
    results: dict[str, Any] = {"sizes": sizes, "cpus": os.cpu_count()}
    results["pipe"] = bench_pipe_ratio(articles(sizes["pipe"]), settings, repeats=3)
    print("1 pipe:", results["pipe"], flush=True)
    print(render_stages(results["pipe"]["stages_cpu_s"], results["pipe"]["bare_cpu_s"]), flush=True)
    results["workers"] = bench_workers(articles(sizes["workers"], seed=8), settings)
    print("2 workers:", results["workers"], flush=True)
    results["rss"] = bench_rss(sizes["rss_e2e"], sizes["rss_parse"], sizes["rss_store"], sizes["rss_add"])
    print("3 rss:", results["rss"], flush=True)
    results["duckdb"] = bench_duckdb(sizes["events"])
    print("4 duckdb:", results["duckdb"], flush=True)
    results["wall_s"] = round(time.perf_counter() - started, 1)
    print()
    print(table(results))
    print("\nBenchmark 1, CPU seconds per stage of one end-to-end run (bench/stages.py):")
    print(render_stages(results["pipe"]["stages_cpu_s"], results["pipe"]["bare_cpu_s"]))
    print(f"\n(wall time {results['wall_s']} s, {os.cpu_count()} CPUs)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
