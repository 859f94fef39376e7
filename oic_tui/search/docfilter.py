"""Record masks for filters: the documents a `doc:` names (an id, a year, a place, or words of
its label), and the drafts `draft:` keeps (`reviewed:` the others)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from oic_tui.store.models import Document, Record

from .textnorm import tokens


def document_words(doc: Document) -> set[str]:
    """The words a `doc:` value may use for a document."""
    return set(tokens(" ".join((doc.id, doc.date[:4], doc.place, doc.label))))


def matching_documents(documents: Iterable[Document], value: str) -> set[str]:
    """The ids of the documents whose words include every word of the value."""
    wanted = set(tokens(value))
    if not wanted:
        return set()
    return {doc.id for doc in documents if wanted <= document_words(doc)}


class DocumentMasks:
    """Which records draw a source from which documents, as masks over the records."""

    def __init__(self, records: Sequence[Record], documents: Iterable[Document]) -> None:
        self.documents = tuple(documents)
        self._records = records
        self._in_doc: dict[str, list[int]] | None = None
        self._lock = threading.Lock()

    def _rows_by_doc(self) -> dict[str, list[int]]:
        # Built on the first doc filter: most searches never need it.
        with self._lock:
            if self._in_doc is None:
                in_doc: dict[str, list[int]] = {}
                for number, record in enumerate(self._records):
                    for doc_id in {span.doc for span in record.sources}:
                        in_doc.setdefault(doc_id, []).append(number)
                self._in_doc = in_doc
            return self._in_doc

    def mask(self, doc_ids: set[str]) -> npt.NDArray[np.bool_]:
        """True for the records with a source in any of these documents."""
        rows = self._rows_by_doc()
        mask = np.zeros(len(self._records), dtype=bool)
        for doc_id in doc_ids:
            mask[rows.get(doc_id, [])] = True
        return mask


class DraftMask:
    """Which records are drafts, as a mask over the records (built on the first filter)."""

    def __init__(self, records: Sequence[Record]) -> None:
        self._records = records
        self._drafts: npt.NDArray[np.bool_] | None = None

    def mask(self, drafts: bool) -> npt.NDArray[np.bool_]:
        """True for the drafts, or (drafts False) for the reviewed records."""
        if self._drafts is None:
            # Two threads may both build it: the same array, so either one may stay.
            self._drafts = np.fromiter(
                (record.draft for record in self._records), dtype=bool, count=len(self._records)
            )
        return self._drafts.copy() if drafts else ~self._drafts


def named_documents(documents: Sequence[Document], values: Iterable[str]) -> set[str] | None:
    """The ids of the documents that every `doc:` value names; None when there is none."""
    kept: set[str] | None = None
    for value in values:
        named = matching_documents(documents, value)
        kept = named if kept is None else kept & named
    return kept
