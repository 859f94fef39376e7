"""One search engine per opened store, built on first use and shared by every caller."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from oic_tui.store.per_store import PerStore
from oic_tui.store.spans import span_index

from .engine import Hit, SearchEngine
from .indexcache import IndexCache
from .notes import Note, query_notes
from .postings import Postings
from .sentences import SentenceHit, SentenceSearch
from .stems import synonyms_for

if TYPE_CHECKING:
    from oic_tui.store.models import Record
    from oic_tui.store.reader import Store


def cached_index(
    records: Sequence[Record], key: str, store_bytes: int, cache: IndexCache
) -> Postings:
    """The records' index: the cache's, when it holds one for this store (its SHA-256 `key`;
    `store_bytes`, its file's size, bounds what it may hold), else built and saved later."""
    count = f"{len(records):,} record{'s' * (len(records) != 1)}"
    if not key or not store_bytes:
        # Small stores are not hashed: building their index is quicker than reading a cache.
        cache.note(f"search index of {count} built in memory: the store is too small to cache")
        return Postings.build(records)
    started = time.perf_counter()
    saved = cache.load(key, Postings.limits(len(records), store_bytes))
    index = Postings.from_arrays(records, saved) if saved is not None else None
    if index is not None:
        index.build_seconds = {"cached": time.perf_counter() - started}
        cache.note(f"search index of {count} read from the index cache ({cache.folder})")
        return index
    index = Postings.build(records)
    cache.save_later(key, index)
    return index


def _built_engine(store: Store, cache: IndexCache | None = None) -> SearchEngine:
    key = store.fingerprint
    if cache is None:
        cache = IndexCache.from_environment()
    return SearchEngine(
        store.records,
        synonyms=synonyms_for(store.path),
        documents=tuple(store.documents.values()),
        index=cached_index(store.records, key, _store_bytes(store) if key else 0, cache),
    )


# The store's search index, built on first use (the explorer builds it in a worker).
_engines: PerStore[SearchEngine] = PerStore(_built_engine)


def engine_for(store: Store, cache: IndexCache | None = None) -> SearchEngine:
    """The store's search engine, built on first use, its index loaded from or saved to
    `cache` (by default the one the environment chooses); later callers share it."""
    return _engines(store, lambda opened: _built_engine(opened, cache))


def _store_bytes(store: Store) -> int:
    """The store file's size, which bounds what its cached index may hold; 0: do not cache."""
    try:
        return os.stat(store.path).st_size
    except (OSError, ValueError):
        return 0


def engine_ready(store: Store) -> bool:
    """True once the store's search index is built."""
    return _engines.ready(store)


def search(
    store: Store,
    query: str,
    kind: str | None = None,
    limit: int | None = None,
    doc: str | None = None,
) -> list[Hit]:
    """Ranked hits for a query in the search syntax (docs/search.md), of one document or all:
    the records alone, as the palette asks (only a question falls back on the records
    holding most of its words); `find` is what the search box and the CLI show."""
    return engine_for(store).search(query, kind=kind, limit=limit, doc=doc)


def explain(store: Store, hit: Hit) -> dict[str, list[str]]:
    """Which fields of a hit matched which terms."""
    return engine_for(store).explain(hit)


# The store's sentences as an index of their own, built on the first search that needs it.
text_for: PerStore[SentenceSearch] = PerStore(
    lambda store: SentenceSearch(store.documents.values(), engine_for(store))
)


@dataclass(frozen=True, slots=True)
class Found:
    """What a search finds: records, and when no record holds every word, the sentences
    of the text that do; notes on the query (a filter naming nothing, say)."""

    hits: list[Hit]
    sentences: list[SentenceHit]
    notes: tuple[Note, ...] = ()
    # False when the sentences were not looked at: their index is not built yet, and the
    # caller asked not to build it (it must not wait).
    complete: bool = True

    @property
    def whole(self) -> bool:
        """True when some record holds every word (no sentences are then looked for)."""
        return bool(self.hits) and not self.hits[0].partial


def find(
    store: Store,
    query: str,
    kind: str | None = None,
    limit: int | None = None,
    doc: str | None = None,
    build: bool = True,
    cache: IndexCache | None = None,
) -> Found:
    """`search`, then the sentences when no record holds every word, and notes on the query.

    Without `build`, sentences are looked for only if their index is ready. `cache`: where
    the records' index is kept, if this builds it (see `engine_for`).
    """
    engine = engine_for(store, cache)
    # Typed keywords too fall back on the records holding most of them, labelled.
    hits = engine.search(query, kind=kind, limit=limit, doc=doc, most=True)
    whole = bool(hits) and not hits[0].partial
    text = text_for(store)
    sentences: list[SentenceHit] = []
    complete = whole or build or text.ready
    if not whole and complete:
        sentences = text.search(query, kind=kind, limit=limit, doc=doc)
    if sentences:
        spans = span_index(store)
        sentences = [
            dataclasses.replace(
                hit,
                records=tuple(
                    r.id for r in spans.by_sentence(store.documents[hit.doc]).get(hit.sentence, [])
                ),
            )
            for hit in sentences
        ]
    notes = tuple(query_notes(engine.filters, query, whole))
    return Found(hits, sentences, notes, complete)
