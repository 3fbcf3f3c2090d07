"""Golden quality gate: eval scores on the development gold files must not drop below stored floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.eval.scoring import evaluate

from ..conftest import gold_file

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text())


@pytest.mark.parametrize("name", [k for k in FLOORS if not k.startswith("_")])
def test_scores_stay_above_floors(name, settings, parser):
    path = gold_file(name)
    result = evaluate(path, settings, parser=parser)
    below = {k: (round(result.get(k, 0.0), 4), floor) for k, floor in FLOORS[name].items()
             if result.get(k, 0.0) + 1e-9 < floor}
    assert not below, f"{name}: scores below floor (score, floor): {below}"
