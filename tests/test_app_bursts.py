"""Pilot tests: keys arriving in one burst (a paste, tmux send-keys) apply in order."""

from __future__ import annotations

from helpers import burst, pane, results_list, settled, wait_until
from textual.pilot import Pilot
from textual.widgets import Input

from oic_tui.search.service import search
from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp
from oic_tui.tui.screens.detail import DetailScreen
from oic_tui.tui.screens.main import MainScreen


def box_value(app: OicApp) -> str | None:
    """What the focused search box holds, or None when no text box has focus."""
    return app.focused.value if isinstance(app.focused, Input) else None


async def test_digit_then_moves_go_to_the_chosen_pane(pilot: Pilot[None], app: OicApp) -> None:
    initiatives = pane(app, "initiative").records
    burst(app, "3", "j", "j", "enter")
    await wait_until(
        pilot, lambda: isinstance(app.screen, DetailScreen), "the burst's Enter to open a record"
    )
    await settled(pilot)
    assert isinstance(app.screen, DetailScreen)
    assert app.screen.record.id == initiatives[2].id
    timeline = pane(app, "event")
    assert timeline.current == timeline.records[0]


async def test_slash_inside_the_box_stays_in_order(pilot: Pilot[None], app: OicApp) -> None:
    burst(app, "slash", "a", "slash", "b")
    await wait_until(
        pilot, lambda: "b" in (box_value(app) or ""), "the burst's last key to reach the box"
    )
    await settled(pilot)
    assert isinstance(app.focused, Input) and app.focused.value == "a/b"


async def test_keys_after_slash_land_in_the_box(pilot: Pilot[None], app: OicApp) -> None:
    """Every key after `/` arrives before the box has focus."""
    await pilot.pause()
    burst(app, "slash", "s", "e", "m", "i")
    await wait_until(
        pilot,
        lambda: not isinstance(app.screen, MainScreen) or "i" in (box_value(app) or ""),
        "the burst's last key to reach the box",
    )
    await settled(pilot)
    assert isinstance(app.screen, MainScreen)  # `s` did not open the source
    assert isinstance(app.focused, Input) and app.focused.value == "semi"
    await pilot.press("slash")
    assert app.focused.value == "semi/"


async def test_moves_typed_right_after_a_query_reach_its_results(
    pilot: Pilot[None], app: OicApp, shipped_store: Store
) -> None:
    burst(app, "slash", *"kazakhstan", "down", "down")
    results = results_list(app)
    await wait_until(pilot, lambda: app.focused is results, "the burst's Down to reach the results")
    await settled(pilot)
    assert app.focused is results
    assert results.current == results.records[1]
    expected = [h.record.id for h in search(shipped_store, "kazakhstan")]
    assert sorted(r.id for r in results.records) == sorted(expected)
