"""CLI commands of the store subsystem: `flashpoint export` and `flashpoint dedup`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from flashpoint.store.export import FORMATS, TABLES

EXPORT_EXAMPLE = "flashpoint export --db flashpoint.duckdb --format gdelt --out events.tsv"
DEDUP_EXAMPLE = "flashpoint dedup --db flashpoint.duckdb"


def cmd_export(args: argparse.Namespace) -> int:
    from flashpoint.store.export import export

    n = export(Path(args.db), args.format, Path(args.out), table=args.table)
    what = "deduplicated events" if args.format in ("gdelt", "plover") else f"{args.table} rows"
    if args.json:
        print(json.dumps({"out": args.out, "format": args.format, "records": n}))
    else:
        print(f"wrote {n} {what} to {args.out} ({args.format})", file=sys.stderr)
    return 0


def cmd_dedup(args: argparse.Namespace) -> int:
    from flashpoint.errors import StoreError
    from flashpoint.store.db import Store
    from flashpoint.store.dedup import rebuild_all

    with Store(Path(args.db)) as st:
        st.con.execute("BEGIN TRANSACTION")
        try:
            n = rebuild_all(st.con)
            st.con.execute("COMMIT")
        except Exception as exc:
            st.con.execute("ROLLBACK")
            raise StoreError(f"dedup of {args.db} failed and was rolled back: {exc}") from exc
    print(f"{args.db}: {n} deduplicated events rebuilt from their mentions", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    e = sub.add_parser("export", help="export events as GDELT TSV, PLOVER JSONL, Parquet, CSV or JSONL",
                       description="Export the database. gdelt and plover write one record per deduplicated "
                                   "event; parquet, csv and jsonl write one table as stored (see docs/exports.md).",
                       epilog=f"example: {EXPORT_EXAMPLE}")
    e.add_argument("--db", default="flashpoint.duckdb", help="DuckDB file written by `flashpoint ingest`")
    e.add_argument("--format", required=True, choices=FORMATS)
    e.add_argument("--out", required=True, help="file to write")
    e.add_argument("--table", choices=TABLES, default="events",
                   help="table for parquet/csv/jsonl: events (one row per mention), clusters, articles")
    e.add_argument("--json", action="store_true", help="print a machine-readable summary on stdout")
    e.set_defaults(func=cmd_export)
    d = sub.add_parser("dedup", help="rebuild deduplicated events (clusters) from all stored mentions",
                       description="Recompute every cluster; also upgrades databases written before dedup.",
                       epilog=f"example: {DEDUP_EXAMPLE}")
    d.add_argument("--db", default="flashpoint.duckdb")
    d.set_defaults(func=cmd_dedup)
