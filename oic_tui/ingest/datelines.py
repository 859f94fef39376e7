"""A news text's date, place, publisher and headline, read from its first lines."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from oic_tui.store.dates import MONTH_NUMBERS, WEEKDAYS
from oic_tui.store.sanitize import one_line
from oic_tui.store.sentences import CAPTION

from .boilerplate import is_furniture, is_tag
from .gazetteer import gazetteer


@dataclass(frozen=True, slots=True)
class TextMeta:
    """What the first lines of a text say about it; "" (or -1) where they say nothing."""

    date: str = ""
    place: str = ""
    publisher: str = ""
    title: str = ""
    dateline_start: int = -1
    dateline_end: int = -1
    problem: str = ""
    # Where the metadata lines (date line, headline, time stamp, dateline) end: 0 if none.
    head_end: int = 0
    # The date the text itself states, whatever `date_hint` says.
    stated: str = ""


NO_DATE = "no dateline with a date: give --date YYYY-MM-DD"
NO_DATE_IN_DATELINE = "the dateline gives no date: give --date YYYY-MM-DD"
NO_YEAR = "the dateline gives a month and day but no year: give --date YYYY-MM-DD"

_MONTH = "(?P<month>(?i:" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r"))\.?"
_DAY = r"(?P<day>\d{1,2})"
_YEAR = r"(?P<year>\d{4})"
# What follows a dateline starts a sentence: not in lower case.
_DASH = r"[-–—](?=\s*$|\s+[^\sa-z])"
_UPPER = r"[A-Z][A-Z'’]+"
_CAPS_PLACE = rf"(?P<place>{_UPPER}(?:[- ]{_UPPER})*)"
_ANY_PLACE = r"(?P<place>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})"
_TIME = r"(?:,? (?:at )?\d{1,2}[:.]\d{2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?)?)?"
_WEEKDAY = rf"(?:(?:{'|'.join(WEEKDAYS)}),? )?"

# `date 2015-05-29` at the start of the text, alone on its line or before the dateline.
_DATE_PREFIX = re.compile(r"date:? (?P<iso>\d{4}-\d{2}-\d{2})(?=\s|$)\s*", re.IGNORECASE)
# `ASTANA. KAZINFORM - `, `ASTANA. May 29. KAZINFORM – ` (and with a year after the day).
_AGENCY_DATELINE = re.compile(
    rf"{_CAPS_PLACE}\. (?:{_MONTH} {_DAY}(?:, {_YEAR})?\. )?"
    rf"(?P<agency>[A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){{0,2}}) {_DASH}"
)
# `DHAKA, May 7, 2018 (Test Wire) - `, `DHAKA, May 7 (Wire) - `, `DHAKA, Bangladesh (Wire) - `.
_WIRE_DATELINE = re.compile(
    rf"{_ANY_PLACE}(?:, {_MONTH} {_DAY}(?:, {_YEAR})?|, (?P<region>[A-Z][\w'’. -]{{0,40}}?))?"
    rf" \((?P<agency>[^()\r\n]{{1,60}})\) {_DASH}"
)
# With no dash, what follows must start a sentence: `ASTANA. KAZINFORM A Ministerial ...`.
_STARTS = r"(?=[A-Z0-9\"“‘'«(])"
_AGENCY_NO_DASH = re.compile(
    rf"{_CAPS_PLACE}\. (?:{_MONTH} {_DAY}(?:, {_YEAR})?\. )?(?P<agency>{_UPPER}) {_STARTS}"
)
# `DHAKA, May 5, 2018 (Kazinform) A Kazakh ...`: a place in capitals, or a date, says it is one.
_AGENCY_IN_BRACKETS = rf" \((?P<agency>[^()\r\n]{{1,60}})\) {_STARTS}"
_WIRE_NO_DASH = re.compile(
    rf"{_CAPS_PLACE}(?:, {_MONTH} {_DAY}(?:, {_YEAR})?)?{_AGENCY_IN_BRACKETS}"
)
_DATED_NO_DASH = re.compile(rf"{_ANY_PLACE}, {_MONTH} {_DAY}(?:, {_YEAR})?{_AGENCY_IN_BRACKETS}")
# A byline: `The Astana Times | 6 May 2024`.
_BYLINE = re.compile(r"(?P<publisher>[A-Z][^|\r\n]{1,60}?) ?[|•] ?(?P<stamp>[^|\r\n]{6,40})")
# A source line after the byline: `Astana: Kazakhstan stressed ...`.
_SOURCE_LINE = re.compile(rf"{_ANY_PLACE}: {_STARTS}")
# `ALMATY-ASTANA - `: places only.
_PLACE_DATELINE = re.compile(rf"{_CAPS_PLACE} {_DASH}")
_DATELINES = (
    _AGENCY_DATELINE,
    _WIRE_DATELINE,
    _PLACE_DATELINE,
    _AGENCY_NO_DASH,
    _WIRE_NO_DASH,
    _DATED_NO_DASH,
)
_WIRES = (_WIRE_DATELINE, _WIRE_NO_DASH, _DATED_NO_DASH)
# A time-stamp line: `13 December 2019, 07:40`, `December 13, 2019`, `13.12.2019 07:40`.
_STAMPS = (
    re.compile(rf"{_WEEKDAY}{_DAY} {_MONTH},? {_YEAR}{_TIME}"),
    re.compile(rf"{_WEEKDAY}{_MONTH} {_DAY},? {_YEAR}{_TIME}"),
    re.compile(rf"{_DAY}\.(?P<number>\d{{1,2}})\.{_YEAR}{_TIME}"),
    re.compile(r"(?P<iso>\d{4}-\d{2}-\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"),
)
_LINE = re.compile(r"[^\r\n]+")
_SENTENCE_END = re.compile(r"[.!?…][\"')\]»”’]*$")
_PLACE_TYPES = ("city", "country")
BOM = "\ufeff"
# How far into a text its metadata may be: a headline, a date line, a time stamp, the dateline.
_MAX_LINES = 10
_MAX_HEADLINE = 250


@dataclass(slots=True)
class _Read:
    """What has been read so far, line by line."""

    date: str = ""
    date_span: tuple[int, int] = (-1, -1)
    month_day: bool = False
    bad_date: str = ""
    place: str = ""
    publisher: str = ""
    title: str = ""
    dateline: tuple[int, int] = (-1, -1)
    head_end: int = 0


def _month(name: str) -> int:
    """The number of a month written in English (case-insensitive), 0 when unknown."""
    return MONTH_NUMBERS.get(name.casefold(), 0)


def _iso(year: str, month: int, day: str) -> str:
    """`YYYY-MM-DD` for a calendar date, else ""."""
    try:
        return datetime.date(int(year), month, int(day)).isoformat()
    except (ValueError, OverflowError):
        return ""


def _iso_checked(value: str) -> str:
    """`value` when it is a calendar date written `YYYY-MM-DD`, else ""."""
    year, month, day = value.split("-")
    return _iso(year, int(month), day)


def _valid_hint(value: str) -> bool:
    """True when `value` is a calendar date written YYYY-MM-DD, YYYY-MM or YYYY."""
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value, re.ASCII):
        return False
    parts = [*value.split("-"), "01", "01"]
    return _iso(parts[0], int(parts[1]), parts[2]) != ""


def _title_case(name: str) -> str:
    """`NUR-SULTAN` -> `Nur-Sultan`; a name not all in capitals stays as written."""
    if not name.isupper():
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), name)


def _agency(name: str) -> str:
    """`KAZINFORM` -> `Kazinform`; short capitals such as `AFP` stay, as do mixed-case names."""
    words = name.split(" ")
    return " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w for w in words)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Offsets of the first non-blank lines, trimmed."""
    count = 0
    # A byte order mark is no character of the text: the first line starts after it.
    for match in _LINE.finditer(text, 1 if text.startswith(BOM) else 0):
        line = match.group()
        if not line.strip():
            continue
        lead = len(line) - len(line.lstrip())
        yield match.start() + lead, match.start() + len(line.rstrip())
        count += 1
        if count >= _MAX_LINES:
            return


@cache
def _places() -> frozenset[str]:
    """The gazetteer's city and country names, case-folded."""
    entries = gazetteer().values()
    return frozenset(n.casefold() for e in entries if e.type in _PLACE_TYPES for n in e.names)


def _source_line(line: str, headline: str, after_byline: bool) -> re.Match[str] | None:
    """`Astana: Kazakhstan stressed ...` after a byline, or after a headline naming a known place.

    Without a byline the place must be one the gazetteer knows and the line before a headline
    (no sentence's end), so that a headline such as `Kazakhstan: ...` is never read as one.
    """
    source = _SOURCE_LINE.match(line)
    if not source or after_byline:
        return source
    if not headline or _SENTENCE_END.search(headline):
        return None
    return source if source["place"].casefold() in _places() else None


def _stamp_date(line: str) -> str | None:
    """The date of a time-stamp line ("" when not a calendar date), None when not one."""
    for pattern in _STAMPS:
        match = pattern.fullmatch(line)
        if not match:
            continue
        found = match.groupdict()
        if found.get("iso"):
            return _iso_checked(found["iso"])
        month = _month(found["month"]) if found.get("month") else int(found["number"])
        return _iso(found["year"], month, found["day"])
    return None


def _set_date(read: _Read, value: str, written: str, span: tuple[int, int]) -> None:
    """Record a date read from the text, or that it is not a calendar date."""
    if read.date or read.bad_date:
        return
    if value:
        read.date, read.date_span = value, span
    else:
        read.bad_date = written


def _dateline(read: _Read, text: str, start: int, end: int) -> bool:
    """Read a dateline at `start` (after any `date` prefix); False when there is none."""
    for pattern in _DATELINES:
        match = pattern.match(text, start, end)
        if match:
            break
    else:
        return False
    found = match.groupdict()
    read.place = _title_case(found["place"])
    agency = (found.get("agency") or "").strip()
    if agency:
        read.publisher = agency if pattern in _WIRES else _agency(agency)
    read.dateline = (start, match.end())
    if found.get("month"):
        month = _month(found["month"])
        if found.get("year"):
            value = _iso(found["year"], month, found["day"])
            _set_date(read, value, match.group(), read.dateline)
        else:
            read.month_day = True
    return True


def _read_lines(text: str) -> _Read:
    """Walk the first lines: headline, date line, time stamp, up to the dateline."""
    read = _Read()
    headline: tuple[int, int] | None = None
    previous: tuple[int, int] | None = None
    # A headline is one only when a time stamp or the dateline follows it.
    confirmed = after_byline = False
    for start, end in _lines(text):
        line_start = start
        prefix = _DATE_PREFIX.match(text, start, end)
        if prefix:
            written = (start, prefix.end("iso"))
            _set_date(read, _iso_checked(prefix.group("iso")), prefix.group("iso"), written)
            start = read.head_end = prefix.end()
        if start < end and _dateline(read, text, start, end):
            # The quote runs from the line just before when that line gave the date.
            near = previous is not None and read.date_span[0] == previous[0]
            read.dateline = (previous[0] if previous and near else line_start, read.dateline[1])
            read.head_end = read.dateline[1]
            confirmed = True
            break
        previous = (line_start, end)
        line = text[start:end]
        if prefix:
            if start < end and not is_furniture(line):
                break
            # Page text after the date (`date 2019-12-13 Go to the main site`) is no headline.
            read.head_end = end
            continue
        if is_furniture(line):
            continue
        stamp = _stamp_date(line)
        byline = _BYLINE.fullmatch(line) if stamp is None else None
        if byline and (stamp := _stamp_date(byline["stamp"].strip())) is not None:
            read.publisher = byline["publisher"].strip()
            after_byline = True
        if stamp is not None:
            _set_date(read, stamp, line, (start, end))
            read.head_end = end
            confirmed = confirmed or headline is not None
            continue
        above = text[headline[0] : headline[1]] if headline else ""
        source = _source_line(line, above, after_byline)
        if source:
            # `Astana: Kazakhstan stressed ...`: the place, then the article.
            confirmed = confirmed or headline is not None
            read.place = _title_case(source["place"])
            read.dateline = (start, start + source.end())
            read.head_end = start + source.end()
            break
        if headline and is_tag(line):
            continue  # a site tag after the headline
        if headline and not is_tag(text[headline[0] : headline[1]]):
            break
        if end - start > _MAX_HEADLINE or CAPTION.match(text, start, end):
            break
        # A tag before the headline is taken for one until the headline follows it.
        headline = (start, end)
    if headline and confirmed:
        read.title = one_line(text[headline[0] : headline[1]])
    return read


def read_text_meta(text: str, date_hint: str = "") -> TextMeta:
    """Date, place, publisher and headline from a text's first lines; `date_hint` wins."""
    read = _read_lines(text)
    date, problem = read.date, ""
    if read.bad_date:
        problem = f"the text's date {one_line(read.bad_date, 60)!r} is not a calendar date: "
        problem += "give --date YYYY-MM-DD"
    elif read.month_day and not date:
        problem = NO_YEAR
    elif not date:
        problem = NO_DATE_IN_DATELINE if read.dateline[0] >= 0 else NO_DATE
    if date_hint:
        if _valid_hint(date_hint):
            date, problem = date_hint, ""
        else:
            problem = f"--date must be YYYY-MM-DD, YYYY-MM or YYYY, not {one_line(date_hint, 40)!r}"
    start, end = read.dateline if read.dateline[0] >= 0 else read.date_span
    return TextMeta(
        date=date,
        place=read.place,
        publisher=read.publisher,
        title=read.title,
        dateline_start=start,
        dateline_end=end,
        problem=problem,
        head_end=read.head_end,
        stated=read.date,
    )


class DateConflict(ValueError):
    """The text states one date and --date another (one line)."""


def chosen_date(read: TextMeta, given: str, force: bool) -> tuple[str, str]:
    """The document's date and, when --date overrode the text's, a note saying so.

    `--date` is for texts that state no date: where the text states another (not merely
    a more precise one, `2018-05-05` for `2018-05`), DateConflict unless `force`.
    """
    stated = read.stated
    if not given or not stated:
        return read.date, ""
    if stated == given or stated.startswith(given + "-"):
        return stated, ""
    if not force:
        raise DateConflict(
            f"states {stated} but --date says {given}: give --force-date to use --date"
        )
    return given, f"--date, over the text's {stated}"
