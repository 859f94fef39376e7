"""One search engine per opened store, built on first use and shared by every caller."""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from .engine import Hit, SearchEngine

if TYPE_CHECKING:
    from oic_tui.store.reader import Store

_engines: WeakKeyDictionary[Store, SearchEngine] = WeakKeyDictionary()
_lock = threading.Lock()


def engine_for(store: Store) -> SearchEngine:
    """The store's search index, built on first use (the explorer builds it in a worker)."""
    with _lock:
        engine = _engines.get(store)
        if engine is None:
            key = store.fingerprint or None
            engine = SearchEngine(store.records, key, _store_bytes(store) if key else 0)
            _engines[store] = engine
        return engine


def _store_bytes(store: Store) -> int:
    """The store file's size, which bounds what its cached index may hold; 0: do not cache."""
    try:
        return os.stat(store.path).st_size
    except (OSError, ValueError):
        return 0


def engine_ready(store: Store) -> bool:
    """True once the store's search index is built."""
    return store in _engines


def search(
    store: Store, query: str, kind: str | None = None, limit: int | None = None
) -> list[Hit]:
    """Ranked hits for a query in the search syntax (see README)."""
    return engine_for(store).search(query, kind=kind, limit=limit)


def explain(store: Store, hit: Hit) -> dict[str, list[str]]:
    """Which fields of a hit matched which terms."""
    return engine_for(store).explain(hit)
