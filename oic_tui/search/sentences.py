"""Every sentence of every document, searchable: words that no single record holds
(`syria libya`, where the records' quotes were narrowed) are found in the text.

The sentences get an index of their own, built once per store on first use, with the
records' machinery (postings, prefixes, stems, synonyms, entity names, exact phrases), so
a query over them costs what it costs over the records.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from oic_tui.store.gcpause import paused_gc
from oic_tui.store.models import Document, Record, SourceSpan

from .docfilter import named_documents
from .engine import SearchEngine
from .query import Query, parse

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Bools = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class SentenceHit:
    """A sentence holding every word of a query, and the words and phrases it matched."""

    doc: str
    # Its index in the document (the first is 0).
    sentence: int
    text: str
    score: float
    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...] = ()
    # The ids of the records drawn from it (set by the service, which has the store).
    records: tuple[str, ...] = ()

    @property
    def number(self) -> int:
        """Its number as people count: the first sentence is 1."""
        return self.sentence + 1


def searches_text(query: Query, kind: str | None) -> bool:
    """Whether the sentences may answer a query: it has words, and no filter that only
    records have (a kind, an entity, drafts)."""
    records_only = kind or query.kinds or query.entities or query.drafts is not None
    return bool(query.clauses) and not records_only


class SentenceSearch:
    """Search over the sentences of every document; the index is built on first use."""

    def __init__(self, documents: Iterable[Document], records: SearchEngine) -> None:
        self.documents = tuple(documents)
        # The records' engine lends its synonyms and entity names.
        self._records = records
        self._engine: SearchEngine | None = None
        self._where: dict[str, tuple[str, int]] = {}
        self._doc_of = np.zeros(0, dtype=np.int32)
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        """True once the sentences are indexed."""
        return self._engine is not None

    def _built(self) -> SearchEngine:
        with self._lock:
            if self._engine is None:
                with paused_gc():
                    rows: list[Record] = []
                    owners: list[int] = []
                    for number, doc in enumerate(self.documents):
                        for sentence in doc.sentences:
                            text = doc.sentence_text(sentence)
                            row_id = f"{doc.id}#{sentence.index}"
                            # A sentence as a record quoting it whole (its only field).
                            span = SourceSpan(doc.id, sentence.start, sentence.end, text)
                            rows.append(Record(row_id, "fact", "", "", (span,)))
                            self._where[row_id] = (doc.id, sentence.index)
                            owners.append(number)
                    self._doc_of = np.asarray(owners, dtype=np.int32)
                    self._engine = SearchEngine(
                        rows, synonyms=self._records.synonyms, aliases=self._records.aliases
                    )
            return self._engine

    def warm(self) -> None:
        """Index the sentences now (e.g. in a worker)."""
        self._built()

    def search(
        self, text: str, kind: str | None = None, limit: int | None = None, doc: str | None = None
    ) -> list[SentenceHit]:
        """The sentences holding every word of a query, best first, within the documents
        its `doc:` and `year:` filters (and `doc`, the explorer's scope) keep."""
        query = parse(text)
        if not searches_text(query, kind) or (limit is not None and limit < 1):
            return []
        engine = self._built()
        mask = self._mask(query, doc)
        if mask is not None and not mask.any():
            return []
        found: list[SentenceHit] = []
        for hit in engine.run(query, mask, limit, most=False):
            doc_id, index = self._where[hit.record.id]
            quote = hit.record.sources[0].quote
            found.append(SentenceHit(doc_id, index, quote, hit.score, hit.terms, hit.phrases))
        return found

    def _mask(self, query: Query, doc: str | None) -> Bools | None:
        """True for the sentences of the documents the filters keep; None for all."""
        kept = named_documents(self.documents, query.docs)
        if doc is not None:
            kept = {doc} if kept is None else kept & {doc}
        for low, high in query.years:
            dated = {
                d.id
                for d in self.documents
                if (years := d.when.years) is not None and years[0] <= high and years[1] >= low
            }
            kept = dated if kept is None else kept & dated
        if kept is None:
            return None
        numbers = [n for n, d in enumerate(self.documents) if d.id in kept]
        return np.isin(self._doc_of, np.asarray(numbers, dtype=np.int32))
