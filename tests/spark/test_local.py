"""Local multi-process runner: the same results, in input order, with 1 or 2 worker processes."""

from __future__ import annotations

import json

from flashpoint.ingest.readers import read_inputs
from flashpoint.models import Quarantined
from flashpoint.pipeline import ArticleResult
from flashpoint.settings import Settings
from flashpoint.spark.local import code_parallel
from tests.conftest import SAMPLES


def test_two_workers_give_the_same_results_in_order() -> None:
    items = list(read_inputs([SAMPLES], Settings()))
    one = list(code_parallel(items, Settings(workers=1)))
    two = list(code_parallel(items, Settings(workers=2), chunk_size=3))

    def key(r: ArticleResult | Quarantined) -> str:
        if isinstance(r, Quarantined):
            return r.message()
        return json.dumps([r.article.article_id, [e.to_contract() for e in r.events]], sort_keys=True)

    assert len(one) == len(items) > 10
    assert [key(r) for r in two] == [key(r) for r in one]
    assert sum(len(r.events) for r in one if isinstance(r, ArticleResult)) > 10
