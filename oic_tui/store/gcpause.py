"""Pause the cyclic garbage collector while building large immutable structures."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Loading creates millions of objects and no cycles; repeated GC passes only cost time.

    What was built is then frozen: left in the young generation, it would be traversed by
    the first collection after loading (a visible pause) and again by every full one.
    Frozen objects are still freed by reference counting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@contextmanager
def held_gc() -> Iterator[None]:
    """No collection while a build works (its caches hold millions of objects, each full
    pass walks them all); what it made is collected as usual after, never frozen."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
