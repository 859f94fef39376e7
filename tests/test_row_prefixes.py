"""Row prefixes are short (#27): a compact date column that leaves a group's one year to its
heading and marks a date within a range with `~`; an initiative's row leads with its status
and title; a draft row says draft once."""

from __future__ import annotations

import pytest
from helpers import pane, settled, shown
from textual.content import Content

from oic_tui.present.attributes import initiative_notes
from oic_tui.store.models import DateValue, Record
from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.widgets.styling import (
    DRAFT_TAG,
    WITHIN_MARK,
    column_date,
    date_width,
    group_dates,
    group_heading,
    record_line,
)

WITHIN = DateValue("2015-05-27", "2015-05-28", "within")
SESSION = DateValue("2015-05-27", "2015-05-28", "day-range")


def event(record_id: str, date: DateValue | None) -> Record:
    """A test event (test data, not from any article)."""
    return Record(record_id, "event", f"Test meeting {record_id}", "t", (), date=date)


@pytest.mark.parametrize(
    ("date", "full", "short"),
    [
        (WITHIN, "~27–28 May 2015", "~27–28 May"),
        (SESSION, "27–28 May 2015", "27–28 May"),
        (DateValue("2015-09-30", "2015-10-02", "day-range"), "30 Sep–2 Oct 2015", "30 Sep–2 Oct"),
        (DateValue("2015-05-29", "2015-05-29", "day"), "29 May 2015", "29 May"),
        (DateValue("1995-12", "", "month"), "Dec 1995", "Dec"),
        # A year alone, or a range across years, keeps its years: no heading could say them.
        (DateValue("1969", "1969", "year"), "1969", "1969"),
        (DateValue("2017", "2018", "within"), "~2017–2018", "~2017–2018"),
        (
            DateValue("2015-12-30", "2016-01-02", "within"),
            "~30 Dec 2015 – 2 Jan 2016",
            "~30 Dec 2015 – 2 Jan 2016",
        ),
        (DateValue(), "undated", "undated"),
    ],
)
def test_the_column_date_is_compact_and_marks_a_date_within_a_range(
    date: DateValue, full: str, short: str
) -> None:
    assert column_date(date) == full
    assert column_date(date, year=False) == short
    # A date within a range never reads as an exact one: it carries the mark, one cell.
    assert full.startswith(WITHIN_MARK) == (date.precision == "within")
    # The page and the history keep their words.
    if date.precision == "within":
        assert date.display().startswith("during ") and date.compact().startswith("in ")


def test_a_group_in_one_year_leaves_the_year_to_its_heading() -> None:
    session = [event("a", SESSION), event("b", WITHIN), event("c", None)]
    year, dates = group_dates(session)
    assert year == "2015"
    assert dates == {"a": "27–28 May", "b": "~27–28 May"}
    assert group_heading("The session", year) == "The session · 2015"
    # A heading that says the year already (a corpus's year groups) is left as it is.
    assert group_heading("2015", year) == "2015"
    assert group_heading("2015 · CFM42 (3)", year) == "2015 · CFM42 (3)"
    assert date_width(session, dates) == len("~27–28 May")


@pytest.mark.parametrize(
    "dates",
    [
        # Several years: each row keeps its own.
        [DateValue("1969", "1969", "year"), DateValue("1995-12", "", "month")],
        # One year, but only as a year: nothing to leave out.
        [DateValue("2011", "2011", "year")],
        # A range across two years.
        [DateValue("2015-12-30", "2016-01-02", "day-range")],
    ],
)
def test_a_group_keeps_its_years_unless_one_year_can_go(dates: list[DateValue]) -> None:
    events = [event(str(n), date) for n, date in enumerate(dates)]
    assert group_dates(events) == ("", {})
    assert group_heading("Before the session", "") == "Before the session"


def test_record_line_takes_the_column_date_it_is_given() -> None:
    row = record_line(event("a", WITHIN), date_width=10, date="~27–28 May").plain
    assert row == "~27–28 May Test meeting a"
    assert record_line(event("a", WITHIN)).plain.startswith("~27–28 May 2015 ")


def test_a_draft_row_says_draft_once() -> None:
    # Older imports gave a draft topic the category "draft": the tag already says it.
    topic = Record("topic.t", "topic", "Test topic", "t", (), category="draft", draft=True)
    assert record_line(topic).plain == f"{DRAFT_TAG} · Test topic"
    assert record_line(topic).plain.count("draft") == 1
    reviewed = Record("topic.u", "topic", "Test topic", "t", (), category="draft")
    assert record_line(reviewed).plain == "Test topic  draft"
    other = Record("topic.v", "topic", "Test topic", "t", (), category="security", draft=True)
    assert record_line(other).plain == f"{DRAFT_TAG} · Test topic  security"


def test_initiative_rows_lead_with_their_status(shipped_store: Store) -> None:
    initiatives = shipped_store.by_kind("initiative")
    notes = initiative_notes(initiatives, shipped_store)
    assert notes["initiative.iofs"] == "in 27–28 May 2015"
    rows = [record_line(r, note=notes.get(r.id, "")).plain for r in initiatives]
    assert "supported  Establishment of the IOFS with headquarters in Astana" in "\n".join(rows)
    assert not any("proposer not stated" in row for row in rows)


async def test_the_timeline_title_gets_the_width_at_70_columns(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(70, 20)) as pilot:
        await settled(pilot)
        assert isinstance(app, OicApp)
        timeline = pane(app, "event")
        rows = shown(timeline)
        assert "── The session · 2015 " in rows
        assert not any(row.startswith("in ") for row in rows)
        record = next(r for r in timeline.records if r.date == WITHIN)
        assert timeline.select_record(record.id)
        await pilot.pause()
        assert timeline.highlighted is not None
        line = timeline.render_line(timeline.highlighted - timeline.scroll_offset.y).text
        assert line.startswith("~27–28 May ")
        start = line.index(record.title[:12])
        # The date column takes at most 12 cells; the title gets most of the rest.
        assert start <= 12
        assert Content(line[start:].rstrip()).cell_length >= 40
