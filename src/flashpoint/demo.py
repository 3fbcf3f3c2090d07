"""`flashpoint demo`: ingest the bundled illustrative sample corpus and print a readable summary."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from flashpoint.settings import Settings
from flashpoint.store.db import Store
from flashpoint.store.ingest import ingest


def samples_dir() -> Path:
    return Path(str(resources.files("flashpoint.data").joinpath("samples")))


def run_demo(settings: Settings, db: Path, samples: Path | None = None) -> str:
    src = samples or samples_dir()
    summary, counts = ingest([src], settings, db)
    lines = [f"Flashpoint demo on the illustrative sample corpus in {src}", ""]
    lines.append(f"this run: {summary.run.articles} articles read, {summary.run.sentences} sentences, "
                 f"{summary.run.events} events coded, {summary.run.skipped} not coded (non-English), "
                 f"{summary.run.quarantined} quarantined")
    lines.append(f"new in the database: {summary.new_articles} articles, {summary.new_events} events")
    with Store(db, read_only=True) as store:
        con = store.con
        lines += ["", "events by PLOVER type (STATEMENT: CAMEO 01, which PLOVER does not code):"]
        for t, n in con.execute("SELECT coalesce(plover_type, 'STATEMENT'), count(*) FROM events "
                                "GROUP BY 1 ORDER BY 2 DESC, 1").fetchall():
            lines.append(f"  {t:<10} {n}")
        lines += ["", "top actor pairs (source -> target, events):"]
        rows = con.execute(
            "SELECT coalesce(source_code, source_text, '?') s, coalesce(target_code, target_text, '?') t, count(*) n "
            "FROM events WHERE source_text IS NOT NULL AND target_text IS NOT NULL "
            "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 8").fetchall()
        for s, t, n in rows:
            lines.append(f"  {s:>14} -> {t:<14} {n}")
        lines += ["", "a few coded events with their evidence:"]
        ev = con.execute(
            "SELECT sentence, source_text, source_code, plover_type, cameo, modality, target_text, target_code, "
            "trigger_text, rule, confidence FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL "
            "AND plover_type IS NOT NULL "
            "ORDER BY confidence DESC, event_id LIMIT 5").fetchall()
        for sent, st, sc, pt, cameo, mod, tt, tc, trig, rule, conf in ev:
            lines.append(f"  \"{sent}\"")
            lines.append(f"     {st} [{sc}] --{pt}/{cameo} ({mod})--> {tt} [{tc}]")
            lines.append(f"     trigger '{trig}', rule {rule}, confidence {conf:.2f}")
        q = con.execute("SELECT origin, reason FROM quarantine ORDER BY origin LIMIT 5").fetchall()
        if q:
            lines += ["", "quarantined records:"] + [f"  {o}: {r}" for o, r in q]
    lines += ["", "database now holds: " + ", ".join(f"{v} {k}" for k, v in counts.items()),
              f"database: {db.resolve()}"]
    return "\n".join(lines)
