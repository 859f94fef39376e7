"""A record's attributes as (label, value) pairs, shared by the TUI's detail and `show`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from oic_tui.store.models import (
    PHASE_LABELS,
    PRECISION_NOTES,
    AliasScope,
    Document,
    Record,
    StatusStep,
)
from oic_tui.store.sanitize import one_line

if TYPE_CHECKING:
    from oic_tui.store.reader import Store

NOT_STATED = "not stated in the article"
REPORT_YEAR_NOTE = "year from the report's date"
# The same absence in a record drawn from several documents of a corpus.
NOT_STATED_ANYWHERE = "not stated in its sources"
# What the detail and `show` say of a record that `oic-tui import` wrote: it may say more
# than its quotes until a curator reviews it (and removes `draft = true`).
DRAFT_NOTE = "draft: not yet reviewed"
# A document's mark in rows and the header is cut to this many characters.
LABEL_WIDTH = 40


def doc_labels(store: Store) -> dict[str, str]:
    """Each document's short label, as rows that mark their document show it."""
    return {doc.id: one_line(doc.short, LABEL_WIDTH) for doc in store.documents.values()}


def as_of(record: Record, date: str) -> Record:
    """An initiative as a document of that date reports it: its history up to then, and
    the status of its last step by then (unchanged when none is that old)."""
    steps = tuple(s for s in record.history if s.date is None or s.date.start <= date)
    if not record.history or steps == record.history or not steps:
        return record
    # A drafted step (not yet reviewed) never sets a status, as in the build.
    reviewed = [s for s in steps if not s.draft]
    return replace(record, history=steps, status=reviewed[-1].status if reviewed else "")


def as_of_marks(records: list[Record], scope: Document) -> tuple[list[Record], dict[str, str]]:
    """Initiatives as a document reports them (their history up to its date), and a mark
    for each whose history went on after it: `as of CFM42 Kuwait`."""
    shown, marks = [], {}
    for record in records:
        seen = as_of(record, scope.date)
        if seen is not record:
            marks[record.id] = f"as of {one_line(scope.short, LABEL_WIDTH)}"
        shown.append(seen)
    return shown, marks


def as_of_status(record: Record, document: Document) -> tuple[str, str] | None:
    """What an initiative's status was as of a document, if its history went on after it:
    (`As of 42nd CFM, Kuwait`, `supported in the resolutions (its last step by then: in
    27–28 May 2015)`)."""
    seen = as_of(record, document.date)
    if seen is record:
        return None
    reviewed = [s for s in seen.history if not s.draft]
    if not reviewed:
        return None
    step = reviewed[-1]
    when = f": {step.date.compact()}" if step.date is not None and step.date.start else ""
    label = f"As of {one_line(document.short, LABEL_WIDTH)}"
    return label, f"{seen.status} (its last step by then{when})"


def proposal_step(record: Record) -> StatusStep | None:
    """The step of its history that reports the proposal, if it has one."""
    return next(
        (step for step in record.history if step.status == "proposed" and not step.draft), None
    )


def _proposed_when(step: StatusStep) -> str:
    return f"proposed {step.date.compact()}" if step.date and step.date.start else "proposed"


def basis_parts(record: Record, names: Mapping[str, str]) -> tuple[str, ...]:
    """For an initiative with neither proposer nor presenter: what its sources do say, short
    as a row's note must be (`proposed 2011`, `promoted by …`). That they name no proposer
    is the page's to say (`Proposed by`), not the row's."""
    if record.kind != "initiative" or record.proposed_by or record.presented_by:
        return ()
    promoted = ", ".join(names.get(i, i) for i in record.promoted_by)
    # A step of its history may report the proposal that its own quotes leave unstated:
    # the year (the page gives the date at its precision).
    step = proposal_step(record)
    year = step.date.start[:4] if step and step.date and step.date.start else ""
    parts = (
        f"proposed {year}".strip() if step else "",
        f"promoted by {promoted}" if promoted else "",
    )
    return tuple(part for part in parts if part)


def latest_label(record: Record) -> str:
    """An initiative's latest step as a row shows it: its date, and its status too when
    the row's status column does not already show that (`9 Sep 2020`, `opened 9 Sep 2020`)."""
    step = record.latest
    if step is None:
        return ""
    date = step.date.compact() if step.date is not None and step.date.start else ""
    status = "" if step.status == record.status else step.status
    return " ".join(part for part in (status, date) if part)


def initiative_notes(records: Iterable[Record], store: Store) -> dict[str, str]:
    """For rows of initiatives (which lead with their status and title): the note after
    the title, its basis where the article gives no proposer, and its latest step."""
    notes = {}
    for record in records:
        names = {r.id: r.title for r in store.resolve(record.promoted_by)}
        remarks = [*basis_parts(record, names), latest_label(record) if record.history else ""]
        if any(remarks):
            notes[record.id] = "; ".join(remark for remark in remarks if remark)
    return notes


def _scoped(record: Record, alias: str) -> bool:
    return any(scope.alias == alias for scope in record.alias_scopes)


def scope_label(scope: AliasScope) -> str:
    """Where a scoped alias names its entity: `Nur-Sultan (2019-03 to 2022-09)`."""
    bounds = [scope.start and f"from {scope.start}", scope.end and f"until {scope.end}"]
    where = " ".join(b for b in bounds if b)
    if scope.docs:
        where = " ".join(filter(None, (where, "in " + ", ".join(scope.docs))))
    return f"{scope.alias} ({where})"


def record_attributes(
    record: Record, names: Mapping[str, str], seen_in: Document | None = None
) -> list[tuple[str, str]]:
    """Labelled attributes of a record; `names` maps linked ids to display names. Seen in
    a document (`seen_in`), an initiative also says its status as of that document."""
    pairs: list[tuple[str, str]] = []
    if record.draft:
        pairs.append(("Review", DRAFT_NOTE))
    if record.date is not None:
        shown, precision = record.date.display(), record.date.precision
        note = PRECISION_NOTES.get(precision, precision)
        value = shown if shown == precision else f"{shown} ({note})"
        # The text leaves the year out: the build took it from the report's own date.
        if record.date_from == "report":
            value += f" ({REPORT_YEAR_NOTE})"
        pairs.append(("Date", value))
    if record.phase:
        pairs.append(("When", PHASE_LABELS.get(record.phase, record.phase)))
    if record.category:
        pairs.append(("Category", record.category))
    if record.status:
        pairs.append(("Status", record.status))
        then = as_of_status(record, seen_in) if seen_in is not None else None
        if then is not None:
            pairs.append(then)
    for label, ids in (
        ("Proposed by", record.proposed_by),
        ("Presented by", record.presented_by),
        ("Promoted by", record.promoted_by),
    ):
        if ids:
            pairs.append((label, ", ".join(names.get(i, i) for i in ids)))
        elif record.kind == "initiative" and label == "Proposed by":
            step = proposal_step(record)
            several = len(record.docs) > 1
            absent = NOT_STATED_ANYWHERE if several else NOT_STATED
            pairs.append((label, f"see its history ({_proposed_when(step)})" if step else absent))
    if record.value:
        pairs.append(("Value", record.value))
    if record.venues:
        pairs.append(("Came up in", ", ".join(record.venues)))
    if record.entity_type:
        pairs.append(("Type", record.entity_type))
    if record.aliases:
        pairs.append(("Named in the article as", "; ".join(record.aliases)))
        scoped = [scope_label(scope) for scope in record.alias_scopes]
        if scoped:
            pairs[-1] = ("Named as", "; ".join(a for a in record.aliases if not _scoped(record, a)))
            pairs.append(("Named only", "; ".join(scoped)))
    return pairs
