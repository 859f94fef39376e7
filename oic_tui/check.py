"""Validate an opened store: provenance, links and sentence coverage."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .store import Store


@dataclass
class CheckReport:
    """Problems found in a store and how much of each document its records cover."""

    problems: list[str] = field(default_factory=list)
    coverage: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def check_store(store: Store) -> CheckReport:
    """Everything `oic-tui check` reports about a store."""
    report = CheckReport(problems=list(store.problems))
    for doc in store.documents.values():
        digest = hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()
        if doc.sha256 and digest != doc.sha256:
            report.problems.append(f"document {doc.id}: text does not match its sha256")
        spans = [(s.start, s.end) for r in store.records for s in r.sources if s.doc == doc.id]
        covered = 0
        for sentence in doc.sentences:
            if any(s < sentence.end and sentence.start < e for s, e in spans):
                covered += 1
            else:
                snippet = doc.sentence_text(sentence)[:60]
                report.problems.append(
                    f"document {doc.id}: sentence {sentence.index + 1} is the source of no "
                    f"record: {snippet!r}"
                )
        report.coverage[doc.id] = (covered, len(doc.sentences))
    for record in store.records:
        if not record.text.strip():
            report.problems.append(f"record {record.id}: has no text")
    return report
