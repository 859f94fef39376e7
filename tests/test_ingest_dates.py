"""Dates in news text: ranges, missing years, year boundaries and vague words, found exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.ingest.dates import FoundDate, find_dates
from oic_tui.store.dates import check_date

Expected = tuple[str, str, str, str, bool]

CASES: list[tuple[str, str, list[Expected]]] = [
    # Ranges of days, the year written.
    (
        "The session was held on May 27-28, 2015 in Kuwait.",
        "",
        [("May 27-28, 2015", "2015-05-27", "2015-05-28", "day-range", False)],
    ),
    (
        "Held May 27–28, 2015.",
        "",
        [("May 27–28, 2015", "2015-05-27", "2015-05-28", "day-range", False)],
    ),
    (
        "Ministers met on 27-28 May 2015 in Kuwait City.",
        "",
        [("27-28 May 2015", "2015-05-27", "2015-05-28", "day-range", False)],
    ),
    (
        "It took place on 28–30 June 2011 in Astana.",
        "",
        [("28–30 June 2011", "2011-06-28", "2011-06-30", "day-range", False)],
    ),
    (
        "The talks on 5-6 May 2018 went well.",
        "",
        [("5-6 May 2018", "2018-05-05", "2018-05-06", "day-range", False)],
    ),
    (
        "The fair runs May 30 - June 2, 2016 in Baku.",
        "",
        [("May 30 - June 2, 2016", "2016-05-30", "2016-06-02", "day-range", False)],
    ),
    (
        "From 30 December 2015 - 2 January 2016 the office is closed.",
        "",
        [("30 December 2015 - 2 January 2016", "2015-12-30", "2016-01-02", "day-range", False)],
    ),
    (
        "The holidays, December 30, 2015 - January 2, 2016, were quiet.",
        "",
        [
            (
                "December 30, 2015 - January 2, 2016",
                "2015-12-30",
                "2016-01-02",
                "day-range",
                False,
            )
        ],
    ),
    # Single days, the year written.
    (
        "The summit opened on September 9, 2020.",
        "",
        [("September 9, 2020", "2020-09-09", "2020-09-09", "day", False)],
    ),
    (
        "The summit opened on 9 September 2020.",
        "",
        [("9 September 2020", "2020-09-09", "2020-09-09", "day", False)],
    ),
    (
        "It was signed on the 9th of September 2020.",
        "",
        [("9th of September 2020", "2020-09-09", "2020-09-09", "day", False)],
    ),
    (
        "MAY 27, 2015 - KUWAIT",
        "",
        [("MAY 27, 2015", "2015-05-27", "2015-05-27", "day", False)],
    ),
    (
        "The record is dated 2015-05-29 in the archive.",
        "",
        [("2015-05-29", "2015-05-29", "2015-05-29", "day", False)],
    ),
    (
        "Posted 13 December 2019, 07:40 by the press service.",
        "",
        [("13 December 2019", "2019-12-13", "2019-12-13", "day", False)],
    ),
    # Missing years, inferred from the document date.
    (
        "The forum runs June 28-30 in Astana.",
        "2015-05-29",
        [("June 28-30", "2015-06-28", "2015-06-30", "day-range", True)],
    ),
    (
        "ASTANA. May 29. KAZINFORM - The ministers arrived.",
        "2015-05-29",
        [("May 29", "2015-05-29", "2015-05-29", "day", True)],
    ),
    (
        "The vote came on May 27th after a long debate.",
        "2015-05-29",
        [("May 27th", "2015-05-27", "2015-05-27", "day", True)],
    ),
    (
        "The accord was signed on Tuesday, May 26 in Kuwait.",
        "2015-05-29",
        [("Tuesday, May 26", "2015-05-26", "2015-05-26", "day", True)],
    ),
    (
        "The deal was reached on Sept. 9 in Jeddah.",
        "2020-09-10",
        [("Sept. 9", "2020-09-09", "2020-09-09", "day", True)],
    ),
    (
        "It ends on Feb 29 this time.",
        "2016-03-01",
        [("Feb 29", "2016-02-29", "2016-02-29", "day", True)],
    ),
    # Year boundaries: the year among the document's, the one before and after, closest to it.
    (
        "The ministers met on December 28 in Jeddah.",
        "2016-01-05",
        [("December 28", "2015-12-28", "2015-12-28", "day", True)],
    ),
    (
        "The ministers met on December 28 in Jeddah.",
        "2016-01",
        [("December 28", "2015-12-28", "2015-12-28", "day", True)],
    ),
    (
        "The ministers will meet on January 3 in Jeddah.",
        "2015-12-30",
        [("January 3", "2016-01-03", "2016-01-03", "day", True)],
    ),
    (
        "The ministers met on December 28 in Jeddah.",
        "2016",
        [("December 28", "2016-12-28", "2016-12-28", "day", True)],
    ),
    (
        "Offices close December 30 - January 2 for the holidays.",
        "2016-01-10",
        [("December 30 - January 2", "2015-12-30", "2016-01-02", "day-range", True)],
    ),
    ("The ministers met on December 28 in Jeddah.", "", []),
    # Months and years.
    (
        "The plan was adopted in May 2015.",
        "",
        [("May 2015", "2015-05", "2015-05", "month", False)],
    ),
    (
        "It was founded in December 1995 in Dakar.",
        "",
        [("December 1995", "1995-12", "1995-12", "month", False)],
    ),
    ("Founded Dec 1995.", "", [("Dec 1995", "1995-12", "1995-12", "month", False)]),
    ("Kazakhstan chaired it in 2011.", "", [("2011", "2011", "2011", "year", False)]),
    ("Growth slowed in mid-2015.", "", [("2015", "2015", "2015", "year", False)]),
    (
        "The budget for 2017-2018 is agreed.",
        "",
        [("2017-2018", "2017", "2018", "year-range", False)],
    ),
    ("Plans for 2017–2018 differ.", "", [("2017–2018", "2017", "2018", "year-range", False)]),
    (
        "The programme covers the period of 2017-2018 only.",
        "",
        [("2017-2018", "2017", "2018", "year-range", False)],
    ),
    (
        "Trade grew from 2010 to 2015 across the region.",
        "",
        [("2010 to 2015", "2010", "2015", "year-range", False)],
    ),
    (
        "Prices rose between 2000 and 2010 everywhere.",
        "",
        [("2000 and 2010", "2000", "2010", "year-range", False)],
    ),
    ("The 2015/16 season starts.", "", [("2015/16", "2015", "2016", "year-range", False)]),
    (
        "Resolution 1973 (2011) was recalled.",
        "",
        [("2011", "2011", "2011", "year", False)],
    ),
    (
        "On 9 September 2020 and again in 2021 they met.",
        "",
        [
            ("9 September 2020", "2020-09-09", "2020-09-09", "day", False),
            ("2021", "2021", "2021", "year", False),
        ],
    ),
    # Numbers that are no dates.
    ("More than 90 resolutions were adopted by 56 member states.", "2015-05-29", []),
    ("It serves 1.5 billion Muslims in 35 countries.", "2015-05-29", []),
    ("More than 2000 people and about 2015 delegates came.", "", []),
    ("The budget of 1850 dollars, or 3000 tenge, dates from 1850.", "", []),
    ("EXPO-2017 and the Kazakhstan-2050 strategy were discussed.", "", []),
    ("The plane landed at 07:40 local time.", "2015-05-29", []),
    ("A caption stamped Sept. 07:40 is a time.", "2015-05-29", []),
    ("The 1990s were hard; 12015 is a code; 2015.5 is a number.", "", []),
    ("Delegates may 27 times ask; February 30, 2015 never was.", "2015-05-29", []),
    # Relative and vague expressions are never dates.
    (
        "Today, as yesterday, two years later, this fall, last year, next month and recently.",
        "2015-05-29",
        [],
    ),
]


def as_tuples(found: list[FoundDate]) -> list[Expected]:
    return [(f.text, f.date_start, f.date_end, f.precision, f.year_inferred) for f in found]


@pytest.mark.parametrize(("sentence", "document_date", "expected"), CASES)
def test_dates_are_found_and_normalised(
    sentence: str, document_date: str, expected: list[Expected]
) -> None:
    found = find_dates(sentence, document_date)
    assert as_tuples(found) == expected
    assert_well_formed(sentence, document_date, found)


def test_the_table_covers_enough_cases() -> None:
    assert len(CASES) >= 35


def test_offsets_point_into_the_text_passed_in() -> None:
    text = "Intro. The session was held on May 27-28, 2015 in Kuwait."
    (found,) = find_dates(text)
    assert (found.start, found.end) == (31, 46)
    assert text[found.start : found.end] == "May 27-28, 2015"


def assert_well_formed(text: str, document_date: str, found: list[FoundDate]) -> None:
    end = 0
    for date in found:
        assert date.text == text[date.start : date.end]
        assert end <= date.start < date.end
        end = date.end
        check_date(date.date_start, date.date_end, date.precision)
        assert date.precision in ("day", "day-range", "month", "year", "year-range")
        if date.year_inferred:
            assert document_date.strip()
            assert date.date_start[:4] not in date.text


DOCUMENT_DATES = st.sampled_from(
    [
        "", "2015-05-29", "2016-01", "2016", "2100-12-31", "1900-01-01", "9999-12-31",
        "0001-01-01", "2015-02-30", "junk", " 2015 ",
    ]
) | st.text(max_size=12)  # fmt: skip

FRAGMENTS = st.sampled_from(
    [
        "May", "MAY", "June", "Sept.", "Dec", "February", "Tuesday", "Tuesday, ", "mid-", "EXPO-",
        "from ", "between ", " to ", " and ", " of ", "the ", "th", "st",
        "1", "5", "9", "12", "27", "28", "29", "30", "31", "32", "07:40", "1.5", "90", "00",
        "1850", "1900", "1999", "2011", "2015", "2017", "2018", "2100", "2101", "12015",
        "-", "–", "—", "/", ",", ", ", ".", " ", "  ", "\n", "%", "$", "(", ")", "a", "é", "٢",
    ]
)  # fmt: skip


@given(st.text(), DOCUMENT_DATES)
def test_any_text_imports_without_raising(text: str, document_date: str) -> None:
    assert_well_formed(text, document_date, find_dates(text, document_date))


@settings(max_examples=400)
@given(st.lists(FRAGMENTS, max_size=30).map("".join), DOCUMENT_DATES)
def test_date_like_text_gives_well_formed_dates(text: str, document_date: str) -> None:
    assert_well_formed(text, document_date, find_dates(text, document_date))
