"""Pilot tests: keys arriving in one burst (a paste, tmux send-keys) apply in order."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from oic_tui.search.service import search
from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.screens.detail import DetailScreen
from oic_tui.tui.screens.main import MainScreen
from oic_tui.tui.widgets.record_list import RecordList

SIZE = (120, 36)
CHARACTERS = {"slash": "/", "enter": "\r"}


def burst(app: OicApp, *keys: str) -> None:
    """Queue every key before any is handled, as one terminal read delivers them."""
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None)))


async def test_digit_then_moves_go_to_the_chosen_pane(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        initiatives = app.main_screen.query_one("#initiative", RecordList).records
        burst(app, "3", "j", "j", "enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.record.id == initiatives[2].id
        timeline = app.main_screen.query_one("#event", RecordList)
        assert timeline.current == timeline.records[0]


async def test_slash_inside_the_box_stays_in_order(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "slash", "a", "slash", "b")
        await pilot.pause(0.3)
        assert isinstance(app.focused, Input) and app.focused.value == "a/b"


async def test_keys_after_slash_land_in_the_box(shipped_store: Store) -> None:
    """Every key after `/` arrives before the box has focus."""
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        burst(app, "slash", "s", "e", "m", "i")
        await pilot.pause(0.3)
        assert isinstance(app.screen, MainScreen)  # `s` did not open the source
        assert isinstance(app.focused, Input) and app.focused.value == "semi"
        await pilot.press("slash")
        assert app.focused.value == "semi/"


async def test_moves_typed_right_after_a_query_reach_its_results(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "slash", *"kazakhstan", "down", "down")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.main_screen.query_one("#results", RecordList)
        assert app.focused is results
        assert results.current == results.records[1]
        expected = [h.record.id for h in search(shipped_store, "kazakhstan")]
        assert sorted(r.id for r in results.records) == sorted(expected)
