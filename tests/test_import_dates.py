"""Issue #25: every date of a sentence at its precision; a year from the report's date stands.

Every text here is test data: short fictional sentences written for these tests.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.corpus.fidelity import fidelity_by_review
from oic_tui.corpus.records import Context, SourceDoc, compile_record
from oic_tui.ingest.dates import find_dates
from oic_tui.ingest.drafts import draft_annotations
from oic_tui.present.attributes import REPORT_YEAR_NOTE, record_attributes
from oic_tui.present.export import record_json
from oic_tui.store.dates import check_date
from oic_tui.store.mentions import AliasIndex
from oic_tui.store.parse import parse_record

ARTICLES = Path(__file__).parent.parent / "benchmarks" / "articles"
Found = tuple[str, str, str, str]


def found(sentence: str, document_date: str = "") -> list[Found]:
    return [
        (f.text, f.date_start, f.date_end, f.precision) for f in find_dates(sentence, document_date)
    ]


@pytest.mark.parametrize(
    ("sentence", "document_date", "expected"),
    [
        (
            "Ruritania joined the union in December 1995, hosted the forum in June 2011 and "
            "held the chair until November 2012.",
            "",
            [
                ("December 1995", "1995-12", "1995-12", "month"),
                ("June 2011", "2011-06", "2011-06", "month"),
                ("November 2012", "2012-11", "2012-11", "month"),
            ],
        ),
        (
            "The fund opened in April of 2016.",
            "",
            [("April of 2016", "2016-04", "2016-04", "month")],
        ),
        (
            "The talks ran from 22 to 23 March.",
            "2016-05-02",
            [("22 to 23 March", "2016-03-22", "2016-03-23", "day-range")],
        ),
        (
            "The fair is set for March 22 through 24, 2016.",
            "",
            [("March 22 through 24, 2016", "2016-03-22", "2016-03-24", "day-range")],
        ),
        (
            "The fair is set for September 10-10.",
            "2017-02-10",
            [("September 10-10", "2017-09-10", "2017-09-10", "day")],
        ),
        ("Talks on the 1967 borders resumed.", "", []),
        ("The 2015 summit and its 1995 charter.", "", []),
        ("The zone has stood since 1967.", "", [("1967", "1967", "1967", "year")]),
        ("The zone was drawn in 1967.", "", [("1967", "1967", "1967", "year")]),
        ("Fees rose in 2015 and 2016.", "", [("2015",) * 3 + ("year",), ("2016",) * 3 + ("year",)]),
        (
            "The charter was signed on 29.05.2015 in Ruritown.",
            "",
            [("29.05.2015", "2015-05-29", "2015-05-29", "day")],
        ),
        (
            "The summit is expected to be held on September 10-11.",
            "2017-02-14",
            [("September 10-11", "2017-09-10", "2017-09-11", "day-range")],
        ),
        (
            "The summit was held on 10-11 September.",
            "2017-02-14",
            [("10-11 September", "2016-09-10", "2016-09-11", "day-range")],
        ),
        ("The fair will open in March.", "2017-05-02", [("March", "2018-03", "2018-03", "month")]),
        ("The fair opened in March.", "2017-05-02", [("March", "2017-03", "2017-03", "month")]),
    ],
)
def test_dates_of_a_sentence(sentence: str, document_date: str, expected: list[Found]) -> None:
    assert found(sentence, document_date) == expected


def test_the_rule_that_chose_a_year_is_named() -> None:
    (ahead,) = find_dates("The summit is expected to be held on September 10-11.", "2017-02-14")
    (back,) = find_dates("The summit was held on 10-11 September.", "2017-02-14")
    (only,) = find_dates("The summit was held on 10-11 September.", "2017")
    assert (ahead.year_rule, back.year_rule, only.year_rule) == ("forward", "past", "report")
    assert (ahead.date_start, only.date_start) == ("2017-09-10", "2017-09-10")


TEXT = (
    "Ruritania joined the union in December 1995, hosted the forum in June 2011 and held the "
    "chair until November 2012. The next summit is expected to be held on September 10-11."
)


def test_every_date_of_a_sentence_is_its_own_draft_event() -> None:
    drafts = draft_annotations("doc", TEXT, "2017-02-14", AliasIndex([]))
    events = tomllib.loads(drafts.files["events.toml"])["record"]
    assert [(e["id"], e["date"], e["precision"]) for e in events] == [
        ("event.doc.s1", "1995-12", "month"),
        ("event.doc.s1-2", "2011-06", "month"),
        ("event.doc.s1-3", "2012-11", "month"),
        ("event.doc.s2", "2017-09-10", "day-range"),
    ]
    # Each quotes the clause that holds its date, verbatim.
    assert events[0]["quotes"] == ["Ruritania joined the union in December 1995"]
    assert events[1]["quotes"] == ["hosted the forum in June 2011"]
    assert events[2]["quotes"] == ["held the chair until November 2012"]
    assert all(quote in TEXT for event in events for quote in event["quotes"])
    assert "date_from" not in events[0]
    assert events[3]["date_from"] == "report"
    # The comment says where the year came from and which rule chose it.
    assert (
        "is from the report's date (2017-02-14): the sentence looks forward"
        in (drafts.files["events.toml"])
    )


DOC = SourceDoc("doc", "2017-02-14", TEXT)


def compiled(**fields: Any) -> tuple[dict[str, Any], list[str]]:
    raw = {
        "id": "event.next-summit",
        "title": "The next summit",
        "text": "The next summit is expected.",
        "phase": "after",
        "quotes": ["The next summit is expected to be held on September 10-11"],
        "date": "2017-09-10",
        "date_end": "2017-09-11",
        "precision": "day-range",
        **fields,
    }
    problems: list[str] = []
    record = compile_record(raw, "event", Context({"doc": DOC}, "doc", problems))
    return record, problems


def test_a_reviewed_year_from_the_report_builds_clean_and_is_labelled() -> None:
    record, problems = compiled(date_from="report")
    reviewed, drafts = fidelity_by_review([record], [set()])
    assert (problems, reviewed, drafts) == ([], [], [])
    stored = parse_record(record)
    assert stored.date_from == "report"
    assert record_json(stored)["date_from"] == "report"
    (date,) = [value for label, value in record_attributes(stored, {}) if label == "Date"]
    assert date.endswith(f"({REPORT_YEAR_NOTE})")
    assert REPORT_YEAR_NOTE == "year from the report's date"


def test_without_date_from_the_year_still_needs_a_quote() -> None:
    record, problems = compiled()
    reviewed, _ = fidelity_by_review([record], [set()])
    assert problems == []
    assert reviewed == ["event event.next-summit: precision 'day-range' needs 2017 in a quote"]
    assert record_json(parse_record(record))["date_from"] is None


@pytest.mark.parametrize(
    ("start", "end"), [("2014-09-10", "2014-09-11"), ("2019-09-10", "2019-09-11")]
)
def test_a_year_not_the_reports_is_refused(start: str, end: str) -> None:
    _, problems = compiled(date_from="report", date=start, date_end=end)
    assert len(problems) == 1
    assert "is not the year of the report's date (2017-02-14)" in problems[0]


def test_date_from_says_report_or_nothing() -> None:
    _, problems = compiled(date_from="dateline")
    assert problems == ["event event.next-summit: date_from must be \"report\", not 'dateline'"]


def test_a_stored_date_from_is_checked() -> None:
    record, _ = compiled(date_from="report")
    with pytest.raises(ValueError, match="date_from"):
        parse_record({**record, "date_from": "guess"})


def gold_articles() -> list[Path]:
    return sorted(ARTICLES.glob("*.gold.toml"))


@pytest.mark.skipif(not gold_articles(), reason="no fictional benchmark articles yet")
def test_the_benchmark_articles_dates_are_found() -> None:
    # Fictional articles with gold files (benchmarks/articles/README.md): each gold date is
    # found at its precision (the gold text may include its lead word: `from 22 to 23 March`).
    missed = []
    for path in gold_articles():
        gold = tomllib.loads(path.read_text(encoding="utf-8"))
        text = path.with_name(path.name.replace(".gold.toml", ".txt")).read_text(encoding="utf-8")
        dates = find_dates(text, gold.get("import_date") or gold.get("date", ""))
        got = {(f.date_start, f.date_end, f.precision): f.text for f in dates}
        for want in gold.get("dates", []):
            key = (want["start"], want["end"] or want["start"], want["precision"])
            if got.get(key) is None or got[key] not in want["text"]:
                missed.append((path.name, want["text"]))
    assert missed == []


SENTENCE_BITS = st.sampled_from(
    [
        "in ", "since ", "until ", "the ", "from ", " to ", " and ", " of ", "will ", "was ",
        "expected ", "March", "Sept.", "May", "10", "11", "22", "29.05.", "1967", "2015", "2017",
        "-", "–", ".", ",", " ", "borders", "held", "(", ")", "mid-", "end of ",
    ]
)  # fmt: skip


@settings(max_examples=300)
@given(
    st.one_of(st.text(), st.lists(SENTENCE_BITS, max_size=25).map("".join)),
    st.sampled_from(["", "2017-02-14", "2017-02", "2017", "junk", "9999-12-31", "0001-01-01"]),
)
def test_the_date_finder_never_fails(text: str, document_date: str) -> None:
    end = 0
    for date in find_dates(text, document_date):
        assert 0 <= end <= date.start < date.end <= len(text)
        assert text[date.start : date.end] == date.text
        check_date(date.date_start, date.date_end, date.precision)
        assert date.year_inferred == bool(date.year_rule)
        end = date.end
