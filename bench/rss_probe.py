"""Peak RSS of one `flashpoint ingest` run over N generated articles (run in a fresh process).

    python bench/rss_probe.py 1000   ->  prints {"articles": ..., "peak_rss_mb": ..., "seconds": ...}
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from flashpoint.settings import Settings  # noqa: E402
from flashpoint.store.ingest import ingest  # noqa: E402


def main() -> None:
    n = int(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        src = write_corpus(Path(tmp) / "corpus.jsonl", n, seed=11)
        t = time.perf_counter()
        summary, counts = ingest([src], Settings(), Path(tmp) / "rss.duckdb")
        seconds = time.perf_counter() - t
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"articles": n, "sentences": summary.run.sentences, "events": counts["events"],
                      "peak_rss_mb": round(peak_kb / 1024, 1), "seconds": round(seconds, 1)}))


if __name__ == "__main__":
    main()
