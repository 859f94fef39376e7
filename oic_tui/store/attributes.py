"""A record's attributes as (label, value) pairs, shared by the TUI's detail and `show`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .models import PHASE_LABELS, PRECISION_NOTES, Record

if TYPE_CHECKING:
    from .reader import Store

NOT_STATED = "not stated in the article"


def basis_parts(record: Record, names: Mapping[str, str]) -> tuple[str, ...]:
    """For an initiative with neither proposer nor presenter: what the article does say."""
    if record.kind != "initiative" or record.proposed_by or record.presented_by:
        return ()
    promoted = ", ".join(names.get(i, i) for i in record.promoted_by)
    return (
        ("proposer not stated", f"promoted by {promoted}") if promoted else ("proposer not stated",)
    )


def initiative_labels(
    records: Iterable[Record], store: Store
) -> tuple[dict[str, str], dict[str, str]]:
    """For rows of initiatives the article gives no proposer: a lead (before the title,
    kept by a narrow list) and a note (after it), by record id."""
    leads, notes = {}, {}
    for record in records:
        names = {r.id: r.title for r in store.resolve(record.promoted_by)}
        parts = basis_parts(record, names)
        if parts:
            leads[record.id] = parts[0]
        if len(parts) > 1:
            notes[record.id] = "; ".join(parts[1:])
    return leads, notes


def record_attributes(record: Record, names: Mapping[str, str]) -> list[tuple[str, str]]:
    """Labelled attributes of a record; `names` maps linked ids to display names."""
    pairs: list[tuple[str, str]] = []
    if record.date is not None:
        shown, precision = record.date.display(), record.date.precision
        note = PRECISION_NOTES.get(precision, precision)
        pairs.append(("Date", shown if shown == precision else f"{shown} ({note})"))
    if record.phase:
        pairs.append(("When", PHASE_LABELS.get(record.phase, record.phase)))
    if record.category:
        pairs.append(("Category", record.category))
    if record.status:
        pairs.append(("Status", record.status))
    for label, ids in (
        ("Proposed by", record.proposed_by),
        ("Presented by", record.presented_by),
        ("Promoted by", record.promoted_by),
    ):
        if ids:
            pairs.append((label, ", ".join(names.get(i, i) for i in ids)))
        elif record.kind == "initiative" and label == "Proposed by":
            pairs.append((label, NOT_STATED))
    if record.value:
        pairs.append(("Value", record.value))
    if record.venues:
        pairs.append(("Came up in", ", ".join(record.venues)))
    if record.entity_type:
        pairs.append(("Type", record.entity_type))
    if record.aliases:
        pairs.append(("Named in the article as", "; ".join(record.aliases)))
    return pairs
