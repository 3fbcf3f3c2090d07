"""Issue 8 target: 1,000 generated malformed inputs -> 0 crashes, 1,000 quarantined with reasons.

The whole corpus goes through the real `ingest` (readers, cleaner, store) in one run; the batch goes on
past every bad input and the quarantine table holds one row per input, naming it, with a reason.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from flashpoint.settings import Settings
from flashpoint.store.db import Store
from flashpoint.store.ingest import ingest

from .corpus import MALFORMED, write_malformed

N_INPUTS = int(os.environ.get("FLASHPOINT_MALFORMED_INPUTS", "1000"))


def test_1000_malformed_inputs_are_all_quarantined(tmp_path: Path, settings: Settings, pipeline) -> None:  # type: ignore[no-untyped-def]
    written = write_malformed(tmp_path / "in", N_INPUTS)
    messages: list[str] = []
    db = tmp_path / "m.duckdb"
    summary, counts = ingest([tmp_path / "in"], settings, db, pipeline=pipeline,
                             on_quarantine=lambda q: messages.append(q.message()))
    with Store(db, read_only=True) as st:
        rows = st.con.execute("SELECT origin, stage, reason FROM quarantine").fetchall()
    by_file = Counter(Path(origin.split(":")[0]).name for origin, _, _ in rows)
    assert counts["articles"] == 0 and counts["events"] == 0
    assert summary.run.quarantined == len(rows) == len(messages) == N_INPUTS
    assert by_file == Counter(list(written))  # exactly one quarantined record per input, naming it
    assert all(reason.strip() and "\n" not in reason for _, _, reason in rows)
    assert all("\n" not in m for m in messages)
    kinds = Counter(written.values())
    assert set(kinds) == set(MALFORMED)
    print(f"\nMALFORMED: {N_INPUTS} inputs ({len(kinds)} kinds): 0 crashes, {len(rows)} quarantined with reasons; "
          f"reasons: {dict(Counter(r.split(':')[0] for _, _, r in rows).most_common(8))}")
