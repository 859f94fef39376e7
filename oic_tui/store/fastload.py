"""Well-formed store text decoded straight into records, without a dict per row.

At 100,000 records this is several times faster than `json` plus TinyDB's row copies.
It is all or nothing: a store it does not accept whole (a null, a wrong type, a bad date,
a row key that is not a number, any string that would need sanitising) goes through the
checked path, which says what is wrong and sanitises.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import msgspec

from .dates import check_date
from .models import KINDS, PHASES, DateValue, Record, StatusStep
from .parse import DATE_FROM, row_key
from .sanitize import needs_cleaning, plain_ascii

_PHASES = frozenset(("", *PHASES))
_KINDS = frozenset(KINDS)


# A table other than these three goes through the checked path: msgspec would skip it
# unread, while `json` reads (and may refuse) every number in it.
class _StoreFile(msgspec.Struct, forbid_unknown_fields=True):
    meta: dict[str, dict[str, Any]]
    documents: dict[str, dict[str, Any]]
    records: dict[str, Record]


# The same, each record's JSON left undecoded: looked up among the records accepted before.
class _StoreRows(msgspec.Struct, forbid_unknown_fields=True):
    meta: dict[str, dict[str, Any]]
    documents: dict[str, dict[str, Any]]
    records: dict[str, msgspec.Raw]


# Records accepted by `decode_well_formed(..., keep=True)`, by their JSON: a store rebuilt
# after one decision has only a few new ones. Forgotten all at once past this many.
RECORDS_KEPT = 200_000
_ACCEPTED: dict[bytes, Record] = {}


@dataclass(frozen=True, slots=True)
class WellFormed:
    """The rows of a store that decoded whole: meta and document rows, then records."""

    meta: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    records: list[Record]


@cache
def _decoder() -> msgspec.json.Decoder[_StoreFile]:
    return msgspec.json.Decoder(_StoreFile)


@cache
def _rows_decoder() -> msgspec.json.Decoder[_StoreRows]:
    return msgspec.json.Decoder(_StoreRows)


@cache
def _record_decoder() -> msgspec.json.Decoder[Record]:
    return msgspec.json.Decoder(Record)


def _date_ok(date: DateValue) -> DateValue | None:
    """The date as the checked path reads it (an empty end means the start), if valid."""
    precision = date.precision or "undated"
    end = date.end or date.start
    try:
        check_date(date.start, end, precision)
    except ValueError:
        return None
    if (precision, end) == (date.precision, date.end):
        return date
    return DateValue(date.start, end, precision)


def _record_ok(record: Record) -> Record | None:
    """The record if the checked path would accept it as it stands, else None."""
    if not (
        record.kind in _KINDS
        and record.phase in _PHASES
        and record.date_from in DATE_FROM
        and record.id.strip()
        and record.title.strip()
        and record.sources
        and all(span.doc.strip() for span in record.sources)
        and all(_step_ok(step) for step in record.history)
        and all(scope.alias.strip() for scope in record.alias_scopes)
    ):
        return None
    if record.date is None:
        return record
    date = _date_ok(record.date)
    if date is None:
        return None
    return record if date is record.date else replace(record, date=date)


def _step_ok(step: StatusStep) -> bool:
    """A history step exactly as the checked path would read it."""
    if not (step.status.strip() and step.source.doc.strip()):
        return False
    return step.date is None or _date_ok(step.date) is step.date


def _rows(table: dict[str, Any]) -> bool:
    return all(map(row_key, table))


def _clean(text: str | bytes) -> bool:
    """True when no string in the JSON text can decode to anything needing sanitising."""
    return plain_ascii(text) if isinstance(text, bytes) else not needs_cleaning(text)


def decode_well_formed(text: str | bytes, keep: bool = False) -> WellFormed | None:
    """Meta, documents and records of a store that holds nothing unusual, else None.

    Bytes must be ASCII (other bytes go through `str`, decoded by the caller). With `keep`,
    each record accepted is kept, and found again by its JSON (for a store just written,
    whose records are mostly those of the store before).
    """
    if not _clean(text):
        return None
    if keep:
        return _well_formed_kept(text)
    try:
        decoded = _decoder().decode(text)
    except (msgspec.MsgspecError, RecursionError, ValueError, TypeError):
        return None
    if not (_rows(decoded.meta) and _rows(decoded.documents) and _rows(decoded.records)):
        return None
    records = []
    for record in decoded.records.values():
        accepted = _record_ok(record)
        if accepted is None:
            return None
        records.append(accepted)
    return WellFormed(list(decoded.meta.values()), list(decoded.documents.values()), records)


def _well_formed_kept(text: str | bytes) -> WellFormed | None:
    """`decode_well_formed` of a clean text, each record decoded only if not kept already."""
    try:
        decoded = _rows_decoder().decode(text)
    except (msgspec.MsgspecError, RecursionError, ValueError, TypeError):
        return None
    if not (_rows(decoded.meta) and _rows(decoded.documents) and _rows(decoded.records)):
        return None
    records = []
    for fragment in decoded.records.values():
        key = bytes(fragment)
        accepted = _ACCEPTED.get(key)
        if accepted is None:
            try:
                accepted = _record_ok(_record_decoder().decode(key))
            except (msgspec.MsgspecError, RecursionError, ValueError, TypeError):
                return None
            if accepted is None:
                return None
            if len(_ACCEPTED) >= RECORDS_KEPT:
                _ACCEPTED.clear()
            _ACCEPTED[key] = accepted
        records.append(accepted)
    return WellFormed(list(decoded.meta.values()), list(decoded.documents.values()), records)
