"""Dates written in English news text, normalised with their precision; vague ones are left out."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
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
    # Which rule chose an inferred year: forward, past, nearest or report (see YEAR_RULES).
    year_rule: str = ""


# What each rule of an inferred year says, for the draft's comment.
YEAR_RULES = {
    "forward": "the sentence looks forward, so the first such date from the report's date on",
    "past": "the sentence is in the past, so the last such date up to the report's date",
    "nearest": "the sentence has no tense to go by, so the such date nearest the report's",
    "report": "the report's date gives only its year",
}


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

# A range of days in words: `from 22 to 23 March`, `March 22 through 24`.
_TO = rf"(?:{_SEP}|\s+(?:to|until|till|through)\s+)"
# A month without a year is a date only after a word that makes it one (`in March`).
_MONTH_AFTER = (
    "|".join(
        f"(?<={re.escape(word)})"
        for lead in ("in", "since", "until", "till", "by", "from", "during", "early", "late")
        for word in (f"{lead} ", f"{lead.capitalize()} ")
    )
    + "|(?<=mid-)|(?<=end of )|(?<=beginning of )"
)
_MONTH_FIRST = (
    rf"(?P<am1>{_MONTH})\s+(?P<ad1>{_DAY})"
    rf"(?:(?:,?\s*(?P<ay1>{_YEAR}))?{_SEP}(?P<am2>{_MONTH})\s+(?P<ad2>{_DAY})"
    rf"|{_TO}(?P<ad3>{_DAY}))?"
    rf"(?:,?\s*(?P<ay2>{_YEAR})|{_NO_YEAR})"
)
_DAY_FIRST = (
    rf"(?<![0-9A-Za-z.,:/{_DASHES}])(?P<bd1>{_DAY})(?:{_TO}(?P<bd2>{_DAY}))?"
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
            rf"(?<![0-9A-Za-z./{_DASHES}])(?P<nd>[0-3]?[0-9])\.(?P<nn>[01]?[0-9])\.(?P<ny>{_Y4})"
            rf"(?![0-9]|[.,][0-9])",
            rf"(?P<mm>{_MONTH})(?:,?\s+|\s+of\s+)(?P<my>{_Y4}){_POST}",
            rf"{_PRE}(?P<by>{_Y4}){_POST}",
            rf"(?:{_MONTH_AFTER})(?P<nm>{_MONTH})(?!\s*(?:of\s+)?,?\s*[0-9])",
        )
    )
    + ")"
)
# A bare year is a date only after a word that makes it one, never as a modifier ("the
# 1967 borders"): in/since/until/by/from 2015, mid-2015, the end of 2015, (2011).
_YEAR_AFTER = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|before|after|during|through|throughout|early|late"
    r"|as of|end of|beginning of|start of|middle of|half of|year|spring|summer|autumn|winter)"
    r"\s+|\bmid-|\()$",
    re.IGNORECASE,
)
# A further year of a list of dates: `in 2015 and 2016`, `in 2014, 2015 or 2016`.
_LISTED = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s*")
# Words by which a sentence looks forward from the report, or back from it.
_FORWARD = re.compile(
    r"\b(?:will|shall|is to be|are to be|is due|are due|expected|scheduled|planned|next"
    r"|upcoming|forthcoming|coming|going to|plans to|intends to|set for|set to|to be held)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|has been|have been|ago|last|previous|earlier|held|met|took|began"
    r"|became|gave|made|said|told|sent|won|led|ran|came|went|rose|grew|agreed|[a-z]{2,}(?<!e)ed)\b"
)
_CLAUSE_END = re.compile(r"[;.!?]\s|,\s|\s(?:and|but|while|whereas)\s")
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


@dataclass(frozen=True, slots=True)
class _Reference:
    """The document date a missing year is read from: its year and, given a month, its days."""

    year: int
    # The day to be nearest to (mid-month for a month), and the first and last days it covers.
    near: datetime.date | None = None
    first: datetime.date | None = None
    last: datetime.date | None = None


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
        if date is None or (date.precision == "year" and not _as_date(text, date, found)):
            continue
        found.append(date)
    return found


def _as_date(text: str, year: FoundDate, found: list[FoundDate]) -> bool:
    """Whether a bare year stands as a date (`in 1967`), not as a modifier (`1967 borders`)."""
    if _YEAR_AFTER.search(text, max(0, year.start - 24), year.start):
        return True
    # After another date, joined by a comma, `and` or `or`: one more of a list of dates.
    return bool(found) and _LISTED.fullmatch(text, found[-1].end, year.start) is not None


def _reference(document_date: str) -> _Reference | None:
    """The document's year and, if it gives a month, the day a missing year is closest to."""
    match = _ISO_DATE.fullmatch(document_date.strip()) if isinstance(document_date, str) else None
    if match is None:
        return None
    year, month, day = match.groups()
    if month is None:
        return _Reference(int(year))
    try:
        if day is not None:
            when = datetime.date(int(year), int(month), int(day))
            return _Reference(int(year), when, when, when)
        # A month-only document date is taken at mid-month, and covers the whole month.
        first = datetime.date(int(year), int(month), 1)
        return _Reference(int(year), first.replace(day=15), first, _month_end(first))
    except (ValueError, OverflowError):
        return None


def _month_end(day: datetime.date) -> datetime.date:
    """The last day of `day`'s month."""
    following = day.replace(day=28) + datetime.timedelta(days=4)
    return following - datetime.timedelta(days=following.day)


def _read(match: re.Match[str], text: str, reference: _Reference | None) -> FoundDate | None:
    """The date a match says, or None when it is no date (or not a real one)."""
    group = match.group
    if group("am1") is not None or group("bm1") is not None:
        return _day_date(match, text, reference)
    if group("nd") is not None:
        value = f"{group('ny')}-{int(group('nn')):02d}-{int(group('nd')):02d}"
        return _found(match, match.start(), value, value, "day", "")
    if group("nm") is not None:
        return _month_date(match, text, reference)
    if group("iy") is not None:
        iso = match.group(0)
        return _found(match, match.start(), iso, iso, "day", "")
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
        return _found(match, match.start(), value, value, "month", "")
    return _year_found(match, text, match.start(), group("by"), "", "year")


def _year_found(
    match: re.Match[str], text: str, start: int, first: str, last: str, precision: str
) -> FoundDate | None:
    """A year, year range or ISO month, unless the number counts something."""
    if _COUNTING_BEFORE.search(text, max(0, start - 16), start) or _COUNTED_AFTER.match(
        text, match.end()
    ):
        return None
    return _found(match, start, first, last or first, precision, "")


def _found(
    match: re.Match[str], start: int, first: str, last: str, precision: str, rule: str
) -> FoundDate:
    """A checked FoundDate from `start` to the end of the match; ValueError if not real.

    `rule` is the rule that inferred its year (YEAR_RULES), or "" (False) when written.
    """
    check_date(first, last, precision)
    end = match.end()
    text = match.string[start:end]
    return FoundDate(start, end, text, first, last, precision, bool(rule), rule or "")


def _tense(text: str, start: int, end: int) -> str:
    """Forward, past or nearest: how the clause holding text[start:end] looks at its date."""
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_END.finditer(text, end)), len(text))
    # The clause first; the sentence when the clause has no tense of its own.
    for span in (text[left:right], text):
        if _FORWARD.search(span):
            return "forward"
        if _PAST.search(span):
            return "past"
    return "nearest"


def _month_date(match: re.Match[str], text: str, reference: _Reference | None) -> FoundDate | None:
    """A month without a year (`in March`): the year inferred from the document's date."""
    if reference is None:
        return None
    month = MONTH_NUMBERS[_month_key(match.group("nm"))]
    rule = _tense(text, match.start(), match.end())

    def span(year: int) -> tuple[datetime.date, datetime.date]:
        first = datetime.date(year, month, 1)
        return first, _month_end(first)

    year, rule = _infer(span, reference, rule)
    value = f"{year:04d}-{month:02d}"
    return _found(match, match.start(), value, value, "month", rule)


def _month_key(name: str) -> str:
    """A month name as a key of MONTH_NUMBERS."""
    key = name.rstrip(".").lower()
    return key if key in MONTH_NUMBERS else key[:3]


def _day_date(match: re.Match[str], text: str, reference: _Reference | None) -> FoundDate | None:
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
    if last == first:
        last = None  # `September 10-10`: one day written twice
    # A range that ends in an earlier month than it starts runs into the next year.
    wraps = int(last is not None and last < first)
    if year1 is not None or year2 is not None:
        end_year = int(year2) if year2 is not None else int(year1 or 0) + wraps
        start_year = int(year1) if year1 is not None else end_year - wraps
        rule = ""
    else:
        if reference is None:
            return None  # no year written and none to infer it from
        days = (first, last or first)

        def span(year: int) -> tuple[datetime.date, datetime.date]:
            return datetime.date(year, *days[0]), datetime.date(year + wraps, *days[1])

        start_year, rule = _infer(span, reference, _tense(text, match.start(), match.end()))
        end_year = start_year + wraps
    start = datetime.date(start_year, *first)
    end = datetime.date(end_year, *last) if last else start
    precision = "day-range" if last else "day"
    return _found(match, match.start(), start.isoformat(), end.isoformat(), precision, rule)


def _day(digits: str) -> int:
    """A day of the month from its digits, ordinal suffix dropped."""
    return int(digits.rstrip("stndrh"))


def _infer(
    span: Callable[[int], tuple[datetime.date, datetime.date]], reference: _Reference, rule: str
) -> tuple[int, str]:
    """The year of a date written without one, and the rule (YEAR_RULES) that chose it.

    Looking forward, the first such date that has not ended by the report's date; in the
    past, the last that had begun by it; else the one nearest it. Only years next to the
    report's are candidates; a report dated by its year alone gives that year.
    """
    if reference.near is None or reference.first is None or reference.last is None:
        return reference.year, "report"
    spans = []
    for candidate in (reference.year - 1, reference.year, reference.year + 1):
        try:
            spans.append((candidate, *span(candidate)))
        except (ValueError, OverflowError):  # February 29 of a common year, year 0 / 10000
            continue
    if not spans:
        raise ValueError("no year next to the report's has this date")
    if rule == "forward":
        ahead = [year for year, _, end in spans if end >= reference.first]
        if ahead:
            return ahead[0], rule
    if rule == "past":
        behind = [year for year, start, _ in spans if start <= reference.last]
        if behind:
            return behind[-1], rule
    near = reference.near
    return min(spans, key=lambda s: abs((s[1] - near).days))[0], "nearest"
