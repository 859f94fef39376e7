"""Every sentence of every document, searchable: words that no single record holds
(`syria libya`, where the records' quotes were narrowed) are found in the text.

The sentences get an index of their own, built once per store on first use, with the
records' machinery (postings, prefixes, stems, synonyms, entity names, exact phrases), so
a query over them costs what it costs over the records.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

import numpy as np

from oic_tui.store.gcpause import paused_gc
from oic_tui.store.models import KINDS, Document, Record

from .docfilter import named_documents
from .engine import SearchEngine
from .postings import Postings
from .query import Query, parse
from .textnorm import BREAK, index_tokens

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


class SentenceRows(Sequence[Record]):
    """The sentences of the documents as the rows of an index: a few arrays, not a record
    per sentence. A row, made when asked for (a hit's), is a bare record whose id is its
    number; `where` and `text` read the rest from the documents."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = documents
        owners: list[int] = []
        places: list[tuple[int, int, int]] = []
        for number, doc in enumerate(documents):
            owners += [number] * len(doc.sentences)
            places += [(s.index, s.start, s.end) for s in doc.sentences]
        self.doc_of = np.asarray(owners, dtype=np.int32)
        self._places = np.asarray(places, dtype=np.int64).reshape(-1, 3)

    def __len__(self) -> int:
        return len(self.doc_of)

    def where(self, row: int) -> tuple[Document, int, int, int]:
        """A row's document, and the sentence's index, start and end in it."""
        index, start, end = self._places[row].tolist()
        return self.documents[int(self.doc_of[row])], index, start, end

    @overload
    def __getitem__(self, row: int) -> Record: ...

    @overload
    def __getitem__(self, row: slice) -> Sequence[Record]: ...

    def __getitem__(self, row: int | slice) -> Record | Sequence[Record]:
        if isinstance(row, slice):
            return [self[n] for n in range(*row.indices(len(self)))]
        count = len(self.doc_of)
        if not -count <= row < count:
            raise IndexError(row)
        return Record(str(row % count), "fact", "", "", ())


class SentencePostings(Postings):
    """The index of the sentences: each one's words, nothing else (no kinds, no dates)."""

    @classmethod
    def _streams(cls, records: Sequence[Record]) -> Iterator[tuple[list[str], list[str]]]:
        rows = records
        assert isinstance(rows, SentenceRows)
        # No strong fields: a lone BREAK stands for them (no row's stream is empty).
        nothing = [BREAK]
        # The rows' order: document after document, sentence after sentence.
        for doc in rows.documents:
            text = doc.text
            for sentence in doc.sentences:
                yield nothing, index_tokens(text[sentence.start : sentence.end])

    def _columns(self) -> None:
        count = len(self.records)
        self.kinds = np.full(count, KINDS.index("fact"), dtype=np.int8)
        self.year_low = np.full(count, -1, dtype=np.int32)
        self.year_high = self.year_low
        self._typos = None


class SentenceSearch:
    """Search over the sentences of every document; the index is built on first use."""

    def __init__(self, documents: Iterable[Document], records: SearchEngine) -> None:
        self.documents = tuple(documents)
        # The records' engine lends its synonyms and entity names.
        self._records = records
        self._engine: SearchEngine | None = None
        self._rows = SentenceRows(())
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        """True once the sentences are indexed."""
        return self._engine is not None

    def _built(self) -> SearchEngine:
        with self._lock:
            if self._engine is None:
                with paused_gc():
                    rows = SentenceRows(self.documents)
                    self._engine = SearchEngine(
                        rows,
                        synonyms=self._records.synonyms,
                        aliases=self._records.aliases,
                        index=SentencePostings.build(rows),
                    )
                    self._rows = rows
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
            document, index, start, end = self._rows.where(int(hit.record.id))
            said = document.text[start:end]
            found.append(SentenceHit(document.id, index, said, hit.score, hit.terms, hit.phrases))
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
        return np.isin(self._rows.doc_of, np.asarray(numbers, dtype=np.int32))
