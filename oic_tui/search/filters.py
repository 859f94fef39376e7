"""Filters as record masks: `kind:`, `year:`, `entity:`, `doc:`, `draft:` and the explorer's
document scope."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import numpy as np

from oic_tui.store.models import KINDS, Document

from .docfilter import DocumentMasks, DraftMask, document_words, matching_documents
from .fuzzy import CloseNames
from .query import Query
from .textnorm import token_lines, tokens

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .postings import Postings

    Bools = NDArray[np.bool_]


def says(text: str, words: Sequence[str]) -> bool:
    """True when the words stand in a row, whole, in token lines (see `token_lines`)."""
    return f" {' '.join(words)} " in text


class RecordFilters:
    """Which records each filter keeps, as masks over the index's records."""

    def __init__(self, index: Postings, documents: Sequence[Document]) -> None:
        self.index = index
        self.records = index.records
        self.documents = tuple(documents)
        self.documents_by_id = {doc.id: doc for doc in self.documents}
        self._doc_masks = DocumentMasks(self.records, documents)
        self._draft_mask = DraftMask(self.records)
        rows = np.flatnonzero(index.kinds == KINDS.index("entity")).tolist()
        self.entity_rows = {self.records[row].id: row for row in rows}
        self.entities = {i: self.records[row] for i, row in self.entity_rows.items()}
        # Each keystroke of `entity:…` asks again; the answer for a name never changes.
        self.named_entities = lru_cache(maxsize=256)(self._named_entities)

    def mask(self, query: Query, kind: str | None, doc: str | None) -> Bools | None:
        """True for the records every filter keeps; None when nothing is filtered."""
        mask: Bools | None = None

        def narrow(condition: Bools) -> None:
            nonlocal mask
            mask = condition if mask is None else mask & condition

        for kinds in (set(query.kinds), {kind} if kind else set()):
            if kinds:
                codes = [KINDS.index(k) for k in kinds if k in KINDS]
                narrow(np.isin(self.index.kinds, codes))
        for low, high in query.years:
            narrow(
                (self.index.year_low <= high)
                & (self.index.year_high >= low)
                & (self.index.year_low >= 0)
            )
        for name in query.entities:
            narrow(self._entity_mask(name))
        for value in query.docs:
            narrow(self._doc_masks.mask(matching_documents(self.documents, value)))
        if doc is not None:
            narrow(self._doc_masks.mask({doc}))
        if query.drafts is not None:
            narrow(self._draft_mask.mask(query.drafts))
        return mask

    @cached_property
    def entity_labels(self) -> dict[str, str]:
        """Each entity's id, name and aliases as token lines (see `token_lines`)."""
        return {
            entity.id: token_lines(
                (
                    entity.id.replace(".", " "),
                    entity.id.partition(".")[2],
                    entity.title,
                    *entity.aliases,
                )
            )
            for entity in self.entities.values()
        }

    def _named_entities(self, name: str) -> dict[str, bool]:
        """Entities a filter names, each with whether a whole name of it is the filter."""
        words = name.split()
        if not words:
            return {}
        whole = f" {' '.join(words)} "
        # Whole words of the id, the name or an alias: `un` is not in "Council".
        return {
            entity_id: whole in labels.split("\n")
            for entity_id, labels in self.entity_labels.items()
            if says(labels, words)
        }

    @cached_property
    def document_names(self) -> dict[str, tuple[str, frozenset[str]]]:
        """What a `doc:` value may say, folded -> as shown, and the documents it names:
        each document's id, label and the words of its id, date, place and label."""
        names: dict[str, tuple[str, set[str]]] = {}
        for doc in self.documents:
            for shown in (doc.id, doc.label, *document_words(doc)):
                key = " ".join(tokens(shown))
                if key:
                    names.setdefault(key, (shown, set()))[1].add(doc.id)
        return {key: (shown, frozenset(ids)) for key, (shown, ids) in names.items()}

    @cached_property
    def entity_names(self) -> dict[str, str]:
        """What an `entity:` value may say, folded -> as shown: each entity's name, aliases
        and id, and their words."""
        names: dict[str, str] = {}
        for entity in self.entities.values():
            for shown in (entity.title, *entity.aliases, entity.id.partition(".")[2]):
                words = tokens(shown)
                names.setdefault(" ".join(words), shown)
                for word in words:
                    names.setdefault(word, word)
        names.pop("", None)
        return names

    @cached_property
    def close_documents(self) -> CloseNames:
        """The `doc:` values a misspelt one may have meant (built on the first)."""
        return CloseNames(self.document_names)

    @cached_property
    def close_entities(self) -> CloseNames:
        """The `entity:` values a misspelt one may have meant (built on the first)."""
        return CloseNames(self.entity_names)

    @cached_property
    def _mentions(self) -> dict[str, list[int]]:
        """For each entity id, the records that link to it (built on the first entity:)."""
        mentions: dict[str, list[int]] = {}
        for row, record in enumerate(self.records):
            for entity_id in {*record.entities, *record.by}:
                mentions.setdefault(entity_id, []).append(row)
        return mentions

    def _entity_mask(self, name: str) -> Bools:
        mask = np.zeros(len(self.records), dtype=bool)
        for entity_id in self.named_entities(name):
            mask[self.entity_rows[entity_id]] = True
            mask[self._mentions.get(entity_id, [])] = True
        return mask
