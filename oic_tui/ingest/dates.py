"""Dates written in English news text, normalised with their precision; vague ones are left out."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from oic_tui.store.dates import LONGER_ABBREVIATIONS, MONTH_NUMBERS, WEEKDAYS, check_date
from oic_tui.store.models import MONTH_NAMES, MONTHS


@dataclass(frozen=True, slots=True)
class FoundDate:
    """One date expression: where it is, what it says and how precisely."""

    start: int
    end: int
    text: str
    date_start: str
    date_end: str
    precision: str
    year_inferred: bool


# Abbreviations besides the full names ("May" is both), with or without a full stop.
_ABBREVIATIONS = [name for name in (*MONTHS, *LONGER_ABBREVIATIONS) if name not in MONTH_NAMES]


def _either_case(words: Iterable[str]) -> str:
    """An alternation of the words as written and in capitals, longest first."""
    variants = sorted({v for w in words for v in (w, w.upper())}, key=len, reverse=True)
    return "|".join(variants)


# Month names are matched as written (title case or capitals), so the verb "may" is no month.
_MONTH = rf"\b(?:(?:{_either_case(MONTH_NAMES)})\b|(?:{_either_case(_ABBREVIATIONS)})(?:\.|\b))"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-z]|[.,:][0-9])"
_YEAR = r"(?:19[0-9]{2}|20[0-9]{2}|2100)(?![0-9A-Za-z])"
_DASHES = r"\-–‐‑"  # escaped: in a character class after `/` a bare `-` makes a range
_SEP = rf"\s*[{_DASHES}]\s*"
# A bare year stands alone: not glued to a word or number (`EXPO-2017`, `$2015`, `1.2015`)
# except after `mid-`, and not followed by more of a number, a percent sign or a word.
_PRE = rf"(?:(?<=[Mm]id-)|(?<![\w$€£#+/{_DASHES}]))(?<![0-9][.,])"
_POST = rf"(?![\w%/]|[.,][0-9]|[{_DASHES}][0-9A-Za-z])"
_Y4 = r"(?:19[0-9]{2}|20[0-9]{2}|2100)"
# A date without a year is only a date when no number that may be a year follows it.
_NO_YEAR = r"(?!,?\s*[0-9]{3})"

_MONTH_FIRST = (
    rf"(?P<am1>{_MONTH})\s+(?P<ad1>{_DAY})"
    rf"(?:(?:,?\s*(?P<ay1>{_YEAR}))?{_SEP}(?P<am2>{_MONTH})\s+(?P<ad2>{_DAY})"
    rf"|{_SEP}(?P<ad3>{_DAY}))?"
    rf"(?:,?\s*(?P<ay2>{_YEAR})|{_NO_YEAR})"
)
_DAY_FIRST = (
    rf"(?<![0-9A-Za-z.,:/{_DASHES}])(?P<bd1>{_DAY})(?:{_SEP}(?P<bd2>{_DAY}))?"
    rf"(?:\s+of)?\s+(?P<bm1>{_MONTH})"
    rf"(?:(?:,?\s+(?P<by1>{_YEAR}))?{_SEP}(?P<bd3>{_DAY})(?:\s+of)?\s+(?P<bm2>{_MONTH}))?"
    rf"(?:,?\s+(?P<by2>{_YEAR})|{_NO_YEAR})"
)
# Every date starts with a digit, a capital or from/between: other places fail at once.
_PATTERN = re.compile(
    "(?=[0-9A-Zfb])(?:"
    + "|".join(
        (
            rf"(?:\b(?P<wd>{_either_case(WEEKDAYS)})(?:,\s*|\s+))?(?:{_MONTH_FIRST}|{_DAY_FIRST})",
            rf"(?<![0-9A-Za-z./{_DASHES}])(?P<iy>{_Y4})-(?P<im>[01][0-9])-(?P<id>[0-3][0-9])"
            rf"(?![0-9]|[-.][0-9])",
            rf"{_PRE}(?P<ry1>{_Y4})(?:{_SEP}|/)(?P<ry2>{_Y4}|[0-9]{{2}}){_POST}",
            rf"\b(?:[Ff]rom|FROM)\s+(?P<fy1>{_Y4})\s+(?:to|until|till|through)\s+(?P<fy2>{_Y4})"
            rf"{_POST}",
            rf"\b(?:[Bb]etween|BETWEEN)\s+(?P<gy1>{_Y4})\s+and\s+(?P<gy2>{_Y4}){_POST}",
            rf"(?P<mm>{_MONTH}),?\s+(?P<my>{_Y4}){_POST}",
            rf"{_PRE}(?P<by>{_Y4}){_POST}",
        )
    )
    + ")"
)
# A four-digit number that counts something is no year: `more than 2000 people`, `2015 tonnes`.
_COUNTING_BEFORE = re.compile(
    r"(?:\b(?:than|nearly|almost|some|over|about|around|approximately|up to|at least|total of"
    r"|[Rr]esolution|[Nn]o\.|[Nn]umber|[Nn]os\.)|[$€£#])\s*$"
)
_COUNTED_AFTER = re.compile(
    r"\s*(?:%|(?:percent|per cent|people|persons|participants|delegates|students|years"
    r"|tons|tonnes|km|kilometres|kilometers|metres|meters|hectares|dollars|euros|USD|tenge"
    r"|units|times)\b)"
)

# The document date a missing year is read from: its year and the day to be closest to.
_Reference = tuple[int, datetime.date | None]
_ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def find_dates(text: str, document_date: str = "") -> list[FoundDate]:
    """Every date written in `text`, in text order and without overlaps; never raises."""
    if not isinstance(text, str):
        return []
    reference = _reference(document_date)
    found: list[FoundDate] = []
    for match in _PATTERN.finditer(text):
        try:
            date = _read(match, text, reference)
        except ValueError:  # not a real calendar date (`February 30`) or out of range
            continue
        if date is not None:
            found.append(date)
    return found


def _reference(document_date: str) -> _Reference | None:
    """The document's year and, if it gives a month, the day a missing year is closest to."""
    match = _ISO_DATE.fullmatch(document_date.strip()) if isinstance(document_date, str) else None
    if match is None:
        return None
    year, month, day = match.groups()
    if month is None:
        return int(year), None
    try:
        # A month-only document date is taken at mid-month.
        return int(year), datetime.date(int(year), int(month), int(day or 15))
    except ValueError:
        return None


def _read(match: re.Match[str], text: str, reference: _Reference | None) -> FoundDate | None:
    """The date a match says, or None when it is no date (or not a real one)."""
    group = match.group
    if group("am1") is not None or group("bm1") is not None:
        return _day_date(match, reference)
    if group("iy") is not None:
        iso = match.group(0)
        return _found(match, match.start(), iso, iso, "day", False)
    if group("ry1") is not None:
        first, second = group("ry1"), group("ry2")
        if len(second) == 2:
            last = int(first) // 100 * 100 + int(second)
            if last <= int(first):
                # `2015-05` cannot be a range: it is an ISO month (`2009-10` is a range).
                if not ("01" <= second <= "12" and "-" in match.group(0)):
                    return None
                return _year_found(match, text, match.start(), f"{first}-{second}", "", "month")
            second = str(last)
        return _year_found(match, text, match.start(), first, second, "year-range")
    for one, two in (("fy1", "fy2"), ("gy1", "gy2")):
        if group(one) is not None:
            return _year_found(match, text, match.start(one), group(one), group(two), "year-range")
    if group("mm") is not None:
        value = f"{group('my')}-{MONTH_NUMBERS[_month_key(group('mm'))]:02d}"
        return _found(match, match.start(), value, value, "month", False)
    return _year_found(match, text, match.start(), group("by"), "", "year")


def _year_found(
    match: re.Match[str], text: str, start: int, first: str, last: str, precision: str
) -> FoundDate | None:
    """A year, year range or ISO month, unless the number counts something."""
    if _COUNTING_BEFORE.search(text, max(0, start - 16), start) or _COUNTED_AFTER.match(
        text, match.end()
    ):
        return None
    return _found(match, start, first, last or first, precision, False)


def _found(
    match: re.Match[str], start: int, first: str, last: str, precision: str, inferred: bool
) -> FoundDate:
    """A checked FoundDate from `start` to the end of the match; ValueError if not real."""
    check_date(first, last, precision)
    end = match.end()
    return FoundDate(start, end, match.string[start:end], first, last, precision, inferred)


def _month_key(name: str) -> str:
    """A month name as a key of MONTH_NUMBERS."""
    key = name.rstrip(".").lower()
    return key if key in MONTH_NUMBERS else key[:3]


def _day_date(match: re.Match[str], reference: _Reference | None) -> FoundDate | None:
    """A day or a range of days, month first or day first; the year written or inferred."""
    group = match.group
    if group("am1") is not None:
        month1 = MONTH_NUMBERS[_month_key(group("am1"))]
        first = (month1, _day(group("ad1")))
        last_month = MONTH_NUMBERS[_month_key(group("am2"))] if group("am2") else month1
        last_day = group("ad2") or group("ad3")
        year1, year2 = group("ay1"), group("ay2")
    else:
        if group("bd2") is not None and group("bd3") is not None:
            return None  # `27-28 May - 2 June`: no such range
        month1 = MONTH_NUMBERS[_month_key(group("bm1"))]
        first = (month1, _day(group("bd1")))
        last_month = MONTH_NUMBERS[_month_key(group("bm2"))] if group("bm2") else month1
        last_day = group("bd2") or group("bd3")
        year1, year2 = group("by1"), group("by2")
    last = (last_month, _day(last_day)) if last_day else None
    # A range that ends in an earlier month than it starts runs into the next year.
    wraps = int(last is not None and last < first)
    if year1 is not None or year2 is not None:
        end_year = int(year2) if year2 is not None else int(year1 or 0) + wraps
        start_year = int(year1) if year1 is not None else end_year - wraps
        inferred = False
    else:
        if reference is None:
            return None  # no year written and none to infer it from
        start_year = _infer(first, reference)
        end_year = start_year + wraps
        inferred = True
    start = datetime.date(start_year, *first)
    end = datetime.date(end_year, *last) if last else start
    precision = "day-range" if last else "day"
    return _found(match, match.start(), start.isoformat(), end.isoformat(), precision, inferred)


def _day(digits: str) -> int:
    """A day of the month from its digits, ordinal suffix dropped."""
    return int(digits.rstrip("stndrh"))


def _infer(month_day: tuple[int, int], reference: _Reference) -> int:
    """The year of a month and day: the document's, or the one next to it closest to its date."""
    year, when = reference
    if when is None:
        return year
    best: tuple[int, int] | None = None
    for candidate in (year - 1, year, year + 1):
        try:
            distance = abs((datetime.date(candidate, *month_day) - when).days)
        except ValueError:  # February 29 of a common year, or year 0 / 10000
            continue
        if best is None or distance < best[0]:
            best = (distance, candidate)
    if best is None:
        raise ValueError(f"no year has {month_day}")
    return best[1]
