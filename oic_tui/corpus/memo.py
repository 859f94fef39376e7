"""Bounded caches of a build's work, keyed by what it was done on (bytes and values).

A review decision changes one annotation file, yet the build reads the whole corpus, twice:
its check, then the rebuild. Whatever each step made of an unchanged input is kept here and
found again by that input's content (never by a file's date), so a decision costs about
the one file it touched. Each cache holds a bounded amount and is safe to use from one
worker thread while another thread reads.
"""

from __future__ import annotations

import threading
import tomllib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_ALL: list[Memo[Any, Any]] = []
# The most TOML source kept parsed: above every annotation file of a corpus of thousands of
# documents (a parsed table takes several times its source's bytes).
TOML_BYTES = 64 * 2**20


class Memo(Generic[K, V]):
    """A map from a key to what was made of it, at most `limit` cost: the first kept go first.

    Reads take no lock (one dict lookup, which the interpreter makes atomic): a build looks
    up thousands of keys.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._cost = 0
        self._lock = threading.Lock()
        _ALL.append(self)

    def get(self, key: K) -> V | None:
        """What was kept for `key`, or None."""
        found = self._items.get(key)
        return None if found is None else found[0]

    def put(self, key: K, value: V, cost: int = 1) -> V:
        """Keep `value` for `key` (the least recently used go past the limit); return it."""
        with self._lock:
            old = self._items.pop(key, None)  # kept again: now the last to go
            if old is not None:
                self._cost -= old[1]
            if cost <= self.limit:
                self._items[key] = (value, cost)
                self._cost += cost
            while self._cost > self.limit:
                _, (_, dropped) = self._items.popitem(last=False)
                self._cost -= dropped
        return value

    def made(self, key: K, make: Callable[[], V], cost: int = 1) -> V:
        """What was kept for `key`, else `make()`, kept."""
        found = self.get(key)
        return found if found is not None else self.put(key, make(), cost)

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()
            self._cost = 0

    def __len__(self) -> int:
        return len(self._items)


def clear_all() -> None:
    """Forget every cached result (a build then does all its work again)."""
    for memo in _ALL:
        memo.clear()


_TABLES: Memo[bytes, dict[str, Any]] = Memo(TOML_BYTES)


def toml_table(raw: bytes) -> dict[str, Any]:
    """A TOML file's table from its bytes, parsed once per content; never to be changed.

    Raises what `tomllib.loads(raw.decode("utf-8"))` raises (a failure is not kept).
    """
    table = _TABLES.get(raw)
    if table is None:
        table = _TABLES.put(raw, tomllib.loads(raw.decode("utf-8")), len(raw))
    return table
