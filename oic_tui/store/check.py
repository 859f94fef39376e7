"""Validate an opened store: provenance, links and sentence coverage."""

from __future__ import annotations

import hashlib
import itertools
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from .reader import Store
from .sanitize import one_line


@dataclass
class CheckReport:
    """Problems found in a store and how much of each document its records cover."""

    problems: list[str] = field(default_factory=list)
    coverage: dict[str, tuple[int, int]] = field(default_factory=dict)
    # Records not yet reviewed: counted, never problems (a draft's review is not a fault).
    drafts: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems

    @property
    def total(self) -> tuple[int, int]:
        """Sentences covered and sentences, over every document."""
        return (
            sum(covered for covered, _ in self.coverage.values()),
            sum(total for _, total in self.coverage.values()),
        )

    @property
    def partial(self) -> int:
        """How many documents have a sentence that is the source of no record."""
        return sum(1 for covered, total in self.coverage.values() if covered < total)


def _overlap_test(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether any span overlaps [start, end), in log time per call."""
    spans.sort()
    starts = [start for start, _ in spans]
    furthest = list(itertools.accumulate((end for _, end in spans), max))

    def overlaps(start: int, end: int) -> bool:
        before = bisect_left(starts, end)  # the spans that start before `end`
        return before > 0 and furthest[before - 1] > start

    return overlaps


def check_store(store: Store) -> CheckReport:
    """Everything `oic-tui check` reports about a store."""
    report = CheckReport(problems=list(store.problems))
    report.drafts = sum(1 for record in store.records if record.draft)
    spans_by_doc: dict[str, list[tuple[int, int]]] = {}
    for record in store.records:
        for span in record.sources:
            spans_by_doc.setdefault(span.doc, []).append((span.start, span.end))
    for doc in store.documents.values():
        digest = hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()
        if doc.sha256 and digest != doc.sha256:
            report.problems.append(f"document {one_line(doc.id)}: text does not match its sha256")
        overlaps = _overlap_test(spans_by_doc.get(doc.id, []))
        covered = counted = 0
        for sentence in doc.sentences:
            if sentence.end <= doc.head_end or doc.is_boilerplate(sentence):
                continue  # the text's metadata lines or page furniture: no record need quote them
            counted += 1
            if overlaps(sentence.start, sentence.end):
                covered += 1
            else:
                snippet = doc.sentence_text(sentence)[:60]
                report.problems.append(
                    f"document {one_line(doc.id)}: sentence {sentence.index + 1} is the source "
                    f"of no record: {snippet!r}"
                )
        report.coverage[doc.id] = (covered, counted)
    for record in store.records:
        if not record.text.strip():
            report.problems.append(f"record {one_line(record.id, 120)}: has no text")
    return report
