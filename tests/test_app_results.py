"""Pilot tests: moving between the search box and its results, as in fzf."""

from __future__ import annotations

from textual.widgets import Input

from oic_tui.app import create_app
from oic_tui.store import Store
from oic_tui.widgets.record_list import RecordList

SIZE = (120, 36)


async def test_up_from_the_first_result_returns_to_the_box(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"kazakhstan")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.main_screen.query_one("#results", RecordList)
        await pilot.press("down", "j", "up")
        assert app.focused is results and results.current == results.records[0]
        await pilot.press("up")
        bar = app.focused
        assert isinstance(bar, Input) and bar.value == "kazakhstan"
        assert results.current == results.records[0]
        await pilot.press("down")
        assert app.focused is results


async def test_up_at_the_top_of_a_pane_stays_put(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = app.main_screen.query_one("#event", RecordList)
        await pilot.press("up", "k")
        assert app.focused is timeline and timeline.current == timeline.records[0]
