"""Corpus-wide work on forked workers that inherit the corpus instead of receiving it pickled.

The read corpus is a few hundred MB at 1,180 documents; pickling it to each
worker would cost more than the work. So the state a step needs is put in
`SHARED` (`with sharing(...)`), the pool is forked after that, and a worker
function takes only an index. With too little work, or without `fork`, the
same functions run in this process: the result never depends on where they ran.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")

SHARED: dict = {}


@contextlib.contextmanager
def sharing(**state) -> Iterator[None]:
    """Make `state` what worker functions read from `SHARED`, for the duration."""
    SHARED.update(state)
    try:
        yield
    finally:
        SHARED.clear()


@contextlib.contextmanager
def no_collections() -> Iterator[None]:
    """No cyclic garbage collection for the duration (nor in workers forked meanwhile).

    A build makes millions of small objects without cycles in a heap of millions
    of long-lived ones (the read corpus). At the default thresholds each full
    collection walks the whole heap for nothing: about a fifth of a cold build's
    CPU at 1,180 documents (53.5 → 43.6 s, same pages, same peak memory). At rare
    ones (100,000 / 20 / 100) the young generations' passes still took 1.8 s of
    the main process; with none, a cold build's median went 29.8 → 27.2 s (five
    runs each, alternating) with the same peak memory (627–639 MB; 1,788 against
    1,771 MB at 4,000 documents): what little cyclic garbage a build leaves, the
    collector takes once it is on again. Nested uses leave it off until the outermost ends."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _trimmer() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to hand back
        return None


_TRIM = _trimmer()


def release() -> None:
    """Hand the memory freed so far back to the system (glibc's `malloc_trim`).

    Freed memory otherwise stays in the process, counted in its resident set and
    in that of every worker forked after (a forked worker's page tables map all of
    its parent's memory): after the agreed-language stage at 1,180 documents,
    750 → 560 MB. A few milliseconds; called before forking workers."""
    if _TRIM is not None:
        _TRIM(0)


@contextlib.contextmanager
def pool(count: int, most: int | None = None) -> Iterator[ProcessPoolExecutor | None]:
    """Forked workers (`most` at most) for `count` documents' worth of work, or None when it is
    too little to share."""
    workers = min(os.cpu_count() or 1, count // 64)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    release()
    workers = min(workers, most or workers)
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as forked:
        yield forked


def each(workers: ProcessPoolExecutor | None, work: Callable[[int], T], count: int) -> Iterator[T]:
    """`work(i)` for i in range(count), in order, on the workers if there are any, each as it is
    ready (so a caller can let go of one result before the next arrives)."""
    if workers is None:
        return (work(i) for i in range(count))
    return workers.map(work, range(count), chunksize=max(1, count // 32))


def run(workers: ProcessPoolExecutor | None, work: Callable[[int], T], count: int) -> list[T]:
    """`work(i)` for i in range(count), in order, on the workers if there are any."""
    return list(each(workers, work, count))
