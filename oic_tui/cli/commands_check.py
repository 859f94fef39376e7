"""`check`: a store's problems, its drafts to review, and its sentence coverage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oic_tui.store.sanitize import one_line
from oic_tui.store.words import counted

from .common import COVERAGE_LINES, MESSAGE_LIMIT, share

if TYPE_CHECKING:
    from oic_tui.store.reader import Store


def run_check(store: Store) -> int:
    """`oic-tui check`: exit 0 when clean, 1 with problems."""
    from oic_tui.store.check import check_store

    report = check_store(store)
    for problem in report.problems:
        print(f"problem: {one_line(problem, MESSAGE_LIMIT)}")
    coverage = report.coverage
    if len(coverage) <= COVERAGE_LINES:
        for doc_id, (covered, total) in coverage.items():
            print(f"{one_line(doc_id)}: sentence coverage {share(covered, total)}")
    if len(coverage) > 1:
        # Many documents get this line only: uncovered sentences are listed as problems.
        covered, total = report.total
        print(
            f"{counted(len(coverage), 'document')}: sentence coverage {share(covered, total)}, "
            f"{report.partial:,} not fully covered"
        )
    if report.drafts:
        print(f"{counted(report.drafts, 'draft')} to review")
    print(f"{counted(len(store.records), 'record')}, {counted(len(report.problems), 'problem')}")
    return 0 if report.ok else 1
