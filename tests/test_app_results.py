"""Pilot tests: moving between the search box and its results, as in fzf."""

from __future__ import annotations

from helpers import pane, results_list, typed
from textual.pilot import Pilot
from textual.widgets import Input

from oic_tui.tui.app import OicApp


async def test_up_from_the_first_result_returns_to_the_box(pilot: Pilot[None], app: OicApp) -> None:
    await typed(pilot, "slash", *"kazakhstan")
    results = results_list(app)
    await pilot.press("down", "j", "up")
    assert app.focused is results and results.current == results.records[0]
    await pilot.press("up")
    bar = app.focused
    assert isinstance(bar, Input) and bar.value == "kazakhstan"
    assert results.current == results.records[0]
    await pilot.press("down")
    assert app.focused is results


async def test_up_at_the_top_of_a_pane_stays_put(pilot: Pilot[None], app: OicApp) -> None:
    timeline = pane(app, "event")
    await pilot.press("up", "k")
    assert app.focused is timeline and timeline.current == timeline.records[0]


async def test_q_in_the_results_closes_search_and_q_on_the_panes_quits(
    pilot: Pilot[None], app: OicApp
) -> None:
    await typed(pilot, "2", "slash", *"aral")
    await pilot.press("down", "q")
    assert app.is_running and not app.main_screen.searching
    assert app.focused is pane(app, "topic")
    await pilot.press("q")
    await pilot.pause()
    assert not app.is_running


async def test_up_into_the_box_extends_the_query_and_slash_offers_to_replace_it(
    pilot: Pilot[None], app: OicApp
) -> None:
    await typed(pilot, "slash", *"aral")
    await pilot.press("down", "up", *" sea")
    bar = app.focused
    assert isinstance(bar, Input) and bar.value == "aral sea"
    # Reopened, the last query is selected: typing replaces it, End keeps it.
    await pilot.press("escape", "slash", *"iofs")
    assert bar.value == "iofs"
    await pilot.press("escape", "slash", "end", "s")
    assert bar.value == "iofss" and bar.cursor_position == len(bar.value)


async def test_q_typed_in_the_box_is_text(pilot: Pilot[None], app: OicApp) -> None:
    await typed(pilot, "slash", *"iraq")
    bar = app.focused
    assert isinstance(bar, Input) and bar.value == "iraq"
    assert app.is_running and app.main_screen.searching
