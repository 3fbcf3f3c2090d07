"""CLI commands of the API subsystem: `flashpoint serve` and `flashpoint alerts`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from flashpoint.settings import Settings


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from flashpoint.api.app import create_app

    settings = Settings.from_env()
    if args.allow_dir:
        settings = settings.replace(allowed_ingest_dirs=tuple(Path(d).resolve() for d in args.allow_dir))
    app = create_app(settings, Path(args.db))
    writes = "enabled (token set)" if settings.api_token else "disabled (set FLASHPOINT_API_TOKEN to enable)"
    print(f"serving {args.db} on http://{args.host}:{args.port}/  (writes {writes})", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def cmd_alerts(args: argparse.Namespace) -> int:
    from flashpoint.analytics.alerts import AlertParams, find_alerts, post_webhook
    from flashpoint.analytics.escalation import IndexParams
    from flashpoint.store.db import Store

    params = AlertParams(days=args.days, lookback_days=args.lookback_days, z_threshold=args.z,
                         min_change=args.min_change, index=IndexParams(period=args.period))
    until = date.fromisoformat(args.until) if args.until else None
    with Store(Path(args.db), read_only=True) as store:
        alerts = find_alerts(store.con, params, until)
    if args.format == "json":
        print(json.dumps([a.to_dict() for a in alerts], indent=2))
    else:
        for a in alerts:
            print(f"{a.day}  {a.kind:<24} {a.a}-{a.b:<12} {a.message}  events: {', '.join(a.event_ids[:5])}")
        print(f"{len(alerts)} alerts", file=sys.stderr)
    if args.webhook:
        status = post_webhook(args.webhook, alerts)
        print(f"posted {len(alerts)} alerts to {args.webhook} (HTTP {status})", file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    s = sub.add_parser("serve", help="serve the HTTP API and the web dashboard",
                       description="Serve the JSON API and the offline dashboard over a DuckDB file. Binds to "
                                   "127.0.0.1 unless --host is given. Writes (POST /articles) need "
                                   "FLASHPOINT_API_TOKEN.",
                       epilog="example: flashpoint serve --db flashpoint.duckdb --port 8000")
    s.add_argument("--db", default="flashpoint.duckdb", help="DuckDB file (default flashpoint.duckdb)")
    s.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1, loopback only)")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--allow-dir", action="append", default=[],
                   help="folder POST /articles may ingest files from (repeatable; default none)")
    s.set_defaults(func=cmd_serve)

    a = sub.add_parser("alerts", help="list escalation alerts (rung crossings, index jumps)",
                       description="Alerts for events in the last --days days before --until (default: the "
                                   "latest event day), each with the events that caused it.",
                       epilog="example: flashpoint alerts --db flashpoint.duckdb --days 30 --format json")
    a.add_argument("--db", default="flashpoint.duckdb")
    a.add_argument("--days", type=int, default=30, help="window of days to report (default 30)")
    a.add_argument("--until", help="last day of the window, YYYY-MM-DD (default: latest event day)")
    a.add_argument("--lookback-days", type=int, default=90, help="'first' means none in this many days before")
    a.add_argument("--z", type=float, default=3.0, help="z-score threshold for index jumps (default 3)")
    a.add_argument("--min-change", type=float, default=10.0, help="minimum index change for a jump (default 10)")
    a.add_argument("--period", choices=["day", "week", "month"], default="week")
    a.add_argument("--webhook", help="also POST the alerts as JSON to this URL")
    a.add_argument("--format", choices=["text", "json"], default="text")
    a.set_defaults(func=cmd_alerts)
