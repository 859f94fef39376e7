"""Which records quote each sentence of a document: source spans indexed once per store.

The source view shows, beside every sentence, the records drawn from it. Asking the store
for each sentence in turn scans every record each time (seconds at 100,000 records);
here every span is filed under its document in one pass, and a document's sentences are
then matched against its own spans only.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .gcpause import paused_gc
from .models import Document, Record
from .per_store import PerStore

if TYPE_CHECKING:
    from .reader import Store


class SpanIndex:
    """Each document's spans as (start, end, record number), and answers per sentence."""

    def __init__(self, records: Sequence[Record]) -> None:
        self.records = records
        spans: dict[str, list[tuple[int, int, int]]] = {}
        for number, record in enumerate(records):
            for span in record.sources:
                spans.setdefault(span.doc, []).append((span.start, span.end, number))
        self._spans = spans
        self._answers: dict[str, dict[int, list[Record]]] = {}

    def by_sentence(self, document: Document) -> dict[int, list[Record]]:
        """For each sentence (by index), the records with a span overlapping it, in store
        order: the same records as `Store.from_span` over the sentence."""
        answer = self._answers.get(document.id)
        if answer is None:
            answer = self._answers[document.id] = self._match(document)
        return answer

    def _match(self, document: Document) -> dict[int, list[Record]]:
        sentences = sorted(document.sentences, key=lambda s: (s.start, s.end))
        ends = [sentence.end for sentence in sentences]
        numbers: dict[int, set[int]] = {sentence.index: set() for sentence in sentences}
        # Sentences do not overlap, so their ends ascend with their starts: from the first
        # that ends after a span starts, on while they start before it ends.
        ordered = all(a <= b for a, b in itertools.pairwise(ends))
        for start, end, number in self._spans.get(document.id, ()):
            at = bisect_right(ends, start) if ordered else 0
            while at < len(sentences) and (sentences[at].start < end or not ordered):
                if sentences[at].start < end and start < sentences[at].end:
                    numbers[sentences[at].index].add(number)
                at += 1
        return {index: [self.records[n] for n in sorted(held)] for index, held in numbers.items()}


def _built(store: Store) -> SpanIndex:
    # Thousands of lists that live as long as the store: no collector pass need walk them
    # again.
    with paused_gc():
        return SpanIndex(store.records)


# The store's span index, built on first use and kept while the store lives.
span_index: PerStore[SpanIndex] = PerStore(_built)
