"""One search engine per opened store, built on first use and shared by every caller."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from oic_tui.store.per_store import PerStore

from .engine import Hit, SearchEngine
from .stems import synonyms_for

if TYPE_CHECKING:
    from oic_tui.store.reader import Store


def _built_engine(store: Store) -> SearchEngine:
    key = store.fingerprint or None
    return SearchEngine(
        store.records,
        key,
        _store_bytes(store) if key else 0,
        synonyms=synonyms_for(store.path),
        documents=tuple(store.documents.values()),
    )


# The store's search index, built on first use (the explorer builds it in a worker).
engine_for: PerStore[SearchEngine] = PerStore(_built_engine)


def _store_bytes(store: Store) -> int:
    """The store file's size, which bounds what its cached index may hold; 0: do not cache."""
    try:
        return os.stat(store.path).st_size
    except (OSError, ValueError):
        return 0


def engine_ready(store: Store) -> bool:
    """True once the store's search index is built."""
    return engine_for.ready(store)


def search(
    store: Store,
    query: str,
    kind: str | None = None,
    limit: int | None = None,
    doc: str | None = None,
) -> list[Hit]:
    """Ranked hits for a query in the search syntax (see README), of one document or all."""
    return engine_for(store).search(query, kind=kind, limit=limit, doc=doc)


def explain(store: Store, hit: Hit) -> dict[str, list[str]]:
    """Which fields of a hit matched which terms."""
    return engine_for(store).explain(hit)
