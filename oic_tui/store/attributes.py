"""A record's attributes as (label, value) pairs, shared by the TUI's detail and `show`."""

from __future__ import annotations

from collections.abc import Mapping

from .models import PHASE_LABELS, PRECISION_NOTES, Record


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
    if record.by:
        pairs.append(("Put forward by", ", ".join(names.get(i, i) for i in record.by)))
    elif record.kind == "initiative":
        pairs.append(("Put forward by", "not stated in the article"))
    if record.value:
        pairs.append(("Value", record.value))
    if record.venues:
        pairs.append(("Came up in", ", ".join(record.venues)))
    if record.entity_type:
        pairs.append(("Type", record.entity_type))
    if record.aliases:
        pairs.append(("Named in the article as", "; ".join(record.aliases)))
    return pairs
