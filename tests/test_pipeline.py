"""Pipeline machinery that needs no model: the garbage-collector setting around a chunk."""

import gc

import pytest

from flashpoint.pipeline import CHUNK_GC_THRESHOLD, fewer_collections


def test_fewer_collections_raises_then_restores_the_thresholds():
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == (CHUNK_GC_THRESHOLD, *before[1:])
    assert gc.get_threshold() == before
    with pytest.raises(ValueError), fewer_collections():
        raise ValueError("a failing chunk")
    assert gc.get_threshold() == before
