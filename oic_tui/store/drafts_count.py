"""How many draft records (written by `oic-tui import`, not yet reviewed) a store has, in
all and in each document: one pass over the records, once per store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .per_store import PerStore
from .words import counted

if TYPE_CHECKING:
    from .reader import Store


@dataclass(frozen=True, slots=True)
class DraftCounts:
    """Draft records and step rows in all, and in each document they quote (a record in two
    counts in both; documents without drafts are left out)."""

    total: int = 0
    by_doc: dict[str, int] = field(default_factory=dict)


def _count(store: Store) -> DraftCounts:
    total = 0
    by_doc: dict[str, int] = {}
    for record in store.records:
        if record.draft:
            total += 1
            for doc_id in record.docs:
                by_doc[doc_id] = by_doc.get(doc_id, 0) + 1
        for step in record.history:
            # A step row import drafted is a draft to review too, in the document reporting it.
            if step.draft:
                total += 1
                by_doc[step.source.doc] = by_doc.get(step.source.doc, 0) + 1
    return DraftCounts(total, by_doc)


draft_counts = PerStore(_count)


def to_review(store: Store) -> str:
    """The header's note: `12 drafts to review`; nothing for a store without drafts."""
    total = draft_counts(store).total
    return f"{counted(total, 'draft')} to review" if total else ""
