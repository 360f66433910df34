"""`make serve`'s session, once the first build is done, keeps the collector off that build's objects."""

from __future__ import annotations

import gc

from builder.engine.session import Session


def test_settling_freezes_what_the_first_build_left():
    gc.unfreeze()
    kept = [{"paragraph": n} for n in range(10_000)]  # what a first build leaves behind
    try:
        Session.settle()
        assert gc.get_freeze_count() >= len(kept)
        seen_by_collector = {id(o) for generation in range(3) for o in gc.get_objects(generation=generation)}
        assert not seen_by_collector & {id(o) for o in kept}
    finally:
        gc.unfreeze()


def test_garbage_a_rebuild_makes_is_still_collected():
    gc.unfreeze()
    try:
        Session.settle()
        cycle: list = []
        cycle.append(cycle)  # a rebuild's garbage that only the collector can free
        del cycle
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()
