"""Rows across a corpus's documents: the timeline in date order under year headings, each
row's document at its right end, an initiative's status as of the document in scope, and
the keys that scope and unscope (`d`, `D`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers import (
    MINI_DOC_ID,
    MINI_TEXT,
    SIZE,
    document_row,
    make_store,
    pane,
    record,
    results_list,
    settled,
    shown,
    span,
    static_text,
    store_data,
    typed,
)
from textual.pilot import Pilot

from oic_tui.store.models import Record
from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.screens.detail import DetailScreen
from oic_tui.tui.screens.main import PANE_KINDS
from oic_tui.tui.widgets.history import HistoryList
from oic_tui.tui.widgets.record_list import RecordList
from oic_tui.tui.widgets.record_view import RecordView

IOFS = "initiative.iofs"
KUWAIT = "42nd CFM, Kuwait"
LATER = "later-doc"


def oic(pilot: Pilot[None]) -> OicApp:
    assert isinstance(pilot.app, OicApp)
    return pilot.app


def notices(app: OicApp) -> list[str]:
    """The notifications on screen, oldest first."""
    return [notification.message for notification in app._notifications]


def year_groups(rows: list[str], records: list[Record]) -> dict[str, list[Record]]:
    """The timeline's records under each year heading."""
    groups: dict[str, list[Record]] = {}
    members = iter(records)
    heading = ""
    for row in rows:
        if row.startswith("── "):
            heading = row.strip("─ ")
            assert heading not in groups, f"{heading} twice"
            groups[heading] = []
        else:
            groups[heading].append(next(members))
    return groups


def row_of(records: RecordList, record_id: str) -> str:
    """The plain text of a record's row (its mark after ` · `)."""
    rows = [row for row in shown(records) if not row.startswith("── ")]
    return rows[[r.id for r in records.records].index(record_id)]


def drawn(records: RecordList, record_id: str) -> str:
    """A record's row as drawn at the list's width (scrolled into view)."""
    assert records.select_record(record_id)
    assert records.highlighted is not None
    return records.render_line(records.highlighted - records.scroll_offset.y).text


def interleaved_store() -> dict[str, Any]:
    """Two documents whose April 2016 events interleave: one dated before the other's."""
    later_text = "On April 13 the ministers met. On April 28 they met again."
    data = store_data(
        [
            event("event.28", "On April 28 they met again.", "2016-04-28", later_text, LATER),
            event("event.13", "On April 13 the ministers met.", "2016-04-13", later_text, LATER),
            event("event.20", "The council met in Kuwait on May 27-28, 2015.", "2016-04-20"),
        ]
    )
    data["documents"]["1"].update(label="Earlier")
    data["documents"]["2"] = document_row(later_text, LATER) | {
        "date": "2016-05-02",
        "label": "Later",
    }
    return data


def event(
    record_id: str, quote: str, date: str, text: str = MINI_TEXT, doc: str = MINI_DOC_ID
) -> dict[str, Any]:
    """An event quoting a document, on a day."""
    return record(
        record_id,
        "event",
        sources=[span(quote, text=text, doc=doc)],
        title=f"Meeting of {date}",
        date={"start": date, "end": date, "precision": "day"},
        phase="session",
    )


async def choose(pilot: Pilot[None], *filter_keys: str) -> None:
    await typed(pilot, "d", *filter_keys, "enter")
    assert oic(pilot).screen is oic(pilot).main_screen


async def test_the_timeline_runs_by_date_within_each_year_whatever_the_document(
    corpus_pilot: Pilot[None],
) -> None:
    app = oic(corpus_pilot)
    timeline = pane(app, "event")
    groups = year_groups(shown(timeline), timeline.records)
    assert list(groups)[-1] == "Undated"
    for year, records in groups.items():
        keys = [r.date.sort_key if r.date else "9999" for r in records]
        assert keys == sorted(keys), year
        if year != "Undated":
            assert all(key.startswith(year) for key in keys), year
    # 2011 mixes three documents, each row where its date puts it.
    assert len({r.docs[0] for r in groups["2011"]}) == 3


async def test_dates_of_two_documents_interleave_within_their_year(tmp_path: Path) -> None:
    """Two reports of April 2016: their events run 13, 20, 28 April, not by report."""
    store = Store.open(make_store(tmp_path, data=interleaved_store()))
    app = create_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        timeline = pane(oic(pilot), "event")
        rows = shown(timeline)
        assert [row for row in rows if row.startswith("── ")] == ["── 2016 "]
        assert [r.id for r in timeline.records] == ["event.13", "event.20", "event.28"]
        assert [row.split(" · ")[-1] for row in rows[1:]] == ["Later", "Earlier", "Later"]


async def test_rows_across_documents_end_with_their_document(corpus_pilot: Pilot[None]) -> None:
    app = oic(corpus_pilot)
    store = app.store
    assert store is not None
    for kind in PANE_KINDS:
        records = pane(app, kind)
        for one in records.records:
            label = store.documents[one.docs[0]].short
            more = f" +{len(one.docs) - 1}" if len(one.docs) > 1 else ""
            assert row_of(records, one.id).endswith(f" · {label}{more}"), one.id
    # Drawn, the label stands at the right edge, dim, and the title keeps its start.
    facts = pane(app, "fact")
    fact = facts.records[0]
    line = drawn(facts, fact.id)
    assert line.rstrip().endswith(store.documents[fact.docs[0]].short)
    assert line.startswith(fact.title[:12])
    # Its own date's year heads a row, not its document's.
    rows = shown(pane(app, "event"))
    assert "── 1969 " in rows
    assert not any(row.startswith("── ") and KUWAIT in row for row in rows)


async def test_a_single_document_store_marks_no_row(app: OicApp, pilot: Pilot[None]) -> None:
    for kind in PANE_KINDS:
        assert not any(row.endswith(KUWAIT) for row in shown(pane(app, kind))), kind


async def test_scoped_an_initiative_says_as_of_which_document(corpus_pilot: Pilot[None]) -> None:
    app = oic(corpus_pilot)
    await choose(corpus_pilot, *"kuwait")
    initiatives = pane(app, "initiative")
    row = row_of(initiatives, IOFS)
    assert row.startswith("supported ")
    assert row.endswith(f" · as of {KUWAIT}")
    # Drawn at the standard size, the mark keeps its right edge (the header names the
    # document in full: the mark is cut before the title gets too short).
    assert drawn(initiatives, IOFS).rstrip().split("  ")[-1].startswith("as of 42n")
    # Only where its history goes on after the document.
    others = [r.id for r in initiatives.records if r.id != IOFS]
    assert others and not any("as of" in row_of(initiatives, i) for i in others)
    # Its page, opened from there, gives both its latest status and the one then.
    await typed(corpus_pilot, "3", "enter")
    detail = app.screen
    assert isinstance(detail, DetailScreen)
    page = static_text(detail.query_one(RecordView))
    assert "Status: opened\n" in page
    then = "supported in the resolutions (its last step by then: in 27–28 May 2015)"
    assert f"As of {KUWAIT}: {then}\n" in page
    history = detail.query_one("#history", HistoryList)
    assert history.current is not None and history.current.source.doc == app.main_screen.scope
    # Back and forward restore it as it was.
    await typed(corpus_pilot, "escape", "right_square_bracket")
    page = static_text(app.screen.query_one(RecordView))
    assert f"As of {KUWAIT}: supported" in page
    # Unscoped, the row and the page say its latest status alone.
    await typed(corpus_pilot, "escape", "D")
    assert app.main_screen.scope is None
    assert row_of(pane(app, "initiative"), IOFS).startswith("opened ")
    assert "as of" not in row_of(pane(app, "initiative"), IOFS)
    await typed(corpus_pilot, "3", "enter")
    assert "As of" not in static_text(app.screen.query_one(RecordView))


async def test_scoped_search_results_say_as_of_which_document(
    corpus_pilot: Pilot[None],
) -> None:
    app = oic(corpus_pilot)
    await choose(corpus_pilot, *"kuwait")
    await typed(corpus_pilot, "slash", *"iofs establishment")
    results = results_list(app)
    row = row_of(results, IOFS)
    assert row.startswith("supported ") and row.endswith(f" · as of {KUWAIT}")


async def test_d_says_a_single_document_store_has_one(app: OicApp, pilot: Pilot[None]) -> None:
    await typed(pilot, "d")
    assert app.screen is app.main_screen
    assert notices(app) == [f"This store holds one document ({KUWAIT}): no other to choose."]
    await typed(pilot, "D")
    assert notices(app)[-1] == "Already showing its one document."


async def test_capital_d_shows_every_document_again(corpus_pilot: Pilot[None]) -> None:
    app = oic(corpus_pilot)
    store = app.store
    assert store is not None
    await typed(corpus_pilot, "D")
    assert notices(app) == ["Already showing every document."]
    await choose(corpus_pilot, *"dhaka")
    assert app.main_screen.scope is not None
    await typed(corpus_pilot, "D")
    assert app.main_screen.scope is None
    assert app.sub_title == f"All documents ({len(store.documents)})"
    assert len(pane(app, "event").records) == len(store.by_kind("event"))
    assert len(notices(app)) == 1
    # Also a command of the palette.
    await choose(corpus_pilot, *"dhaka")
    await typed(corpus_pilot, "ctrl+p", *"show all documents", "enter")
    assert app.main_screen.scope is None


def test_the_page_says_the_status_as_of_a_document_only_where_it_went_on(
    corpus_store: Store,
) -> None:
    from oic_tui.present.attributes import record_attributes

    iofs = corpus_store.get(IOFS)
    assert iofs is not None
    documents = {doc.short: doc for doc in corpus_store.documents.values()}
    dhaka = dict(record_attributes(iofs, {}, documents["CFM45 Dhaka (test)"]))
    assert dhaka["Status"] == "opened"
    assert dhaka["As of CFM45 Dhaka (test)"].startswith("supported in the resolutions (")
    # Its last step's document, or none: nothing to add.
    for seen_in in (documents["IOFS 2020 (test)"], None):
        assert not any(k.startswith("As of") for k, _ in record_attributes(iofs, {}, seen_in))


def test_help_lists_capital_d_for_a_corpus() -> None:
    from oic_tui.tui.screens.help import CORPUS_KEYS

    assert "D" in dict(CORPUS_KEYS)
