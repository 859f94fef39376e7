"""Month and weekday names as written; normalised dates checked against precision and calendar."""

from __future__ import annotations

import datetime
import re

from .models import MONTH_NAMES, MONTHS, PRECISIONS

# Abbreviations of months besides their first three letters.
LONGER_ABBREVIATIONS = {"Sept": 9}
# Each month's number by its name in lower case: in full or abbreviated (`sep`, `sept`).
MONTH_NUMBERS: dict[str, int] = {
    name.lower(): number for names in (MONTH_NAMES, MONTHS) for number, name in enumerate(names, 1)
} | {name.lower(): number for name, number in LONGER_ABBREVIATIONS.items()}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_LENGTHS = {"day": 10, "day-range": 10, "month": 7, "year": 4, "year-range": 4}
_RANGES = ("day-range", "year-range", "within")


def _calendar(value: str) -> datetime.date:
    parts = value.split("-")
    if not all(p.isdigit() and p.isascii() for p in parts):
        raise ValueError(f"date {value!r} is not ISO")
    padded = parts + ["01"] * (3 - len(parts))
    try:
        return datetime.date(int(padded[0]), int(padded[1]), int(padded[2]))
    except ValueError:
        raise ValueError(f"date {value!r} is not a real date") from None


def check_date(start: str, end: str, precision: str) -> None:
    """Raise ValueError unless start/end are real dates written at `precision`."""
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
    if precision == "undated":
        if start or end:
            raise ValueError("an undated date has no start or end")
        return
    # A `within` range is of days or of years, both ends alike.
    want = _LENGTHS.get(precision, len(start) if len(start) in (4, 10) else 10)
    for value in (start, end):
        if len(value) != want or not _ISO.fullmatch(value):
            raise ValueError(f"date {value!r} does not match precision {precision!r}")
    if _calendar(end) < _calendar(start):
        raise ValueError(f"date range {start}..{end} does not fit: it ends before it starts")
    if (precision in _RANGES) == (start == end):
        raise ValueError(f"date {start}..{end} does not fit precision {precision!r}")
