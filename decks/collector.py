"""Pausing Python's cyclic garbage collector while a deck is read or its bank is built.

Reading a deck, building its bank and checking it make millions of objects that live on, and
no reference cycle that dies (collecting after each finds nothing). The collector still walks
the growing heap each time enough new objects are made: half the time of loading a
20,000-fact deck and a fifth of its build (bench/README.md, *Question banks*). Reference
counting frees everything else as before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body without cyclic collection, then restore the state found. The collector is
    the process's, so a pause inside another (or in another thread) leaves it to the one that
    found it running."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
