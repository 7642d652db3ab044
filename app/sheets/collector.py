"""Bulk work without the cyclic garbage collector's passes.

A plan or an import of 20,000 rows builds some 300,000 small dicts, lists and strings, all kept
alive to the end and none in a reference cycle. Each allocation burst makes the collector walk
every one of them again, to find nothing to free: a third of the time of a large sheet. It is
paused while the work runs and resumed after it, also on an error or a cancel; nested and
concurrent uses (the assistant reads a sheet again while the last reading winds down) resume it
once, when the last one ends."""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_resume = False  # whether the collector was running when the first pause began


@contextmanager
def collector_paused() -> Iterator[None]:
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
