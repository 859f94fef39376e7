"""Pilot tests: a focused list's cursor stays on screen; a detail's page scrolls on its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import burst, make_store, open_record, record, settled, store_data, wait_until
from textual.pilot import Pilot

from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.widgets.record_list import RecordList


def cursor_on_screen(links: RecordList) -> bool:
    """True if the cursor row of a list is inside the visible part of the screen."""
    assert links.highlighted is not None
    row = links.highlighted - links.scroll_offset.y + links.styles.gutter.top
    y = links.region.y + row
    visible = links.screen.find_widget(links).region  # clipped by every container
    return links.screen.region.contains(0, y) and visible.y <= y < visible.bottom


@pytest.mark.parametrize(
    ("record_id", "keys", "size"),
    [
        ("initiative.iofs", ["j"], (80, 24)),
        ("initiative.iofs", ["G"], (120, 24)),
        ("entity.astana", ["j", "j", "j"], (120, 36)),
        ("entity.astana", ["G"], (80, 24)),
        ("initiative.aral-sea", ["j"], (60, 15)),
        ("entity.oic", ["G"], (60, 15)),
        ("entity.oic", ["k"], (120, 36)),
    ],
)
async def test_moving_the_cursor_scrolls_the_page_to_it(
    shipped_store: Store, record_id: str, keys: list[str], size: tuple[int, int]
) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=size) as pilot:
        await open_record(pilot, record_id)
        # The page has focus first; Tab goes on to the links.
        assert app.focused is app.screen.query_one("#detail")
        await pilot.press("tab")
        await pilot.pause()
        links = app.focused
        # The list is in view once focused, and the record's page still at its top.
        assert isinstance(links, RecordList) and cursor_on_screen(links)
        assert app.screen.query_one("#detail").scroll_offset.y == 0
        await pilot.press(*keys)
        await pilot.pause()
        assert app.focused is links
        assert cursor_on_screen(links)


async def test_cursor_back_in_view_after_shrinking_the_terminal(
    pilot: Pilot[None], app: OicApp
) -> None:
    await pilot.press("4", "G")
    await pilot.pause()
    links = app.focused
    assert isinstance(links, RecordList)
    await pilot.resize_terminal(80, 24)
    await pilot.pause()
    await pilot.pause()
    assert cursor_on_screen(links)


async def test_the_page_has_focus_first_and_the_list_keys_scroll_it(
    shipped_store: Store,
) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_record(pilot, "initiative.iofs")
        page = app.screen.query_one("#detail")
        assert app.focused is page
        await pilot.press("j", "j")
        assert page.scroll_offset.y == 2
        await pilot.press("G")
        assert page.scroll_offset.y == page.max_scroll_y > 2
        await pilot.press("g")
        assert page.scroll_offset.y == 0


async def test_a_record_without_links_focuses_its_page(tmp_path: Path) -> None:
    rows = [*store_data()["records"].values(), record("fact.alone", "fact", ["Kuwait"])]
    store = Store.open(make_store(tmp_path, rows))
    app = create_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_record(pilot, "fact.alone")
        assert app.focused is app.screen.query_one("#detail")
        assert not app.screen.query_one("#links").display


async def test_an_entity_lists_the_events_mentioning_it_in_timeline_order(
    tmp_path: Path,
) -> None:
    def event(number: int, start: str | None) -> dict[str, object]:
        date = {"start": start, "end": start, "precision": "day"} if start else None
        return record(
            f"event.e{number}",
            "event",
            ["Kuwait"],
            date=date,
            entities=["entity.kuwait"],
            phase="session",
        )

    # Stored out of order: undated first, then a later day before an earlier one.
    rows = [
        *store_data()["records"].values(),
        event(1, None),
        event(2, "2015-05-28"),
        event(3, "2015-05-27"),
    ]
    store = Store.open(make_store(tmp_path, rows))
    app = create_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_record(pilot, "entity.kuwait")
        backlinks = app.screen.query_one("#backlinks", RecordList)
        events = [r.id for r in backlinks.records if r.kind == "event"]
        assert events[-3:] == ["event.e3", "event.e2", "event.e1"]
        assert events == [r.id for r in store.by_kind("event") if r.id in events]


async def test_every_key_of_a_burst_scrolls_the_page(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_record(pilot, "initiative.iofs")
        page = app.screen.query_one("#detail")
        page.focus()
        await pilot.pause()
        burst(app, *"jjjjj")
        await wait_until(pilot, lambda: page.scroll_offset.y >= 5, "five lines of scrolling")
        await settled(pilot)
        assert page.scroll_offset.y == 5
        burst(app, "k", "pagedown")
        expected = min(4 + page.scrollable_content_region.height - 1, page.max_scroll_y)
        await wait_until(pilot, lambda: page.scroll_offset.y == expected, f"line {expected} on top")
        await settled(pilot)
        assert page.scroll_offset.y == expected


async def test_tab_goes_from_the_page_to_the_history_then_the_links(corpus_store: Store) -> None:
    app = create_app(store=corpus_store)
    async with app.run_test(size=(120, 36)) as pilot:
        record = await open_record(pilot, "initiative.iofs")
        assert len(record.history) > 1  # a history list is shown
        order = [app.focused.id if app.focused else None]
        for _ in range(4):
            await pilot.press("tab")
            order.append(app.focused.id if app.focused else None)
        assert order == ["detail", "history", "entities", "related", "detail"]
        await pilot.press("shift+tab")
        assert app.focused is not None and app.focused.id == "related"
