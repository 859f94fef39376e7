"""Pilot tests: keys arriving in one burst act in order, each on the screen it arrives at;
a breadcrumb is the trail that led to its screen; Esc then a letter; `/` from a drill-down."""

from __future__ import annotations

from typing import cast

import pytest
from helpers import SIZE, breadcrumb, burst, current_id, full_trail, pane, settled, wait_until
from textual import events
from textual._xterm_parser import XTermParser
from textual.pilot import Pilot
from textual.widgets import Input

from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.screens.detail import DetailScreen
from oic_tui.tui.screens.drill import DrillScreen
from oic_tui.tui.screens.drill_search import SearchScreen
from oic_tui.tui.screens.main import MainScreen
from oic_tui.tui.screens.source import SourceScreen
from oic_tui.tui.widgets.record_list import RecordList

# What `tmux send-keys Enter Escape j Enter s Escape Escape` writes to the terminal.
TMUX_BURST = "\r\x1bj\rs\x1b\x1b"


def terminal_keys(parser: XTermParser, data: str, *, flush: bool = False) -> list[events.Key]:
    """The keys Textual's input parser makes of what a terminal sent in one read (`flush`:
    then the end of input, which ends a pending Esc as the escape window would)."""
    tokens = [*parser.feed(data), *(parser.feed("") if flush else ())]
    return [token for token in tokens if isinstance(token, events.Key)]


def post(app: OicApp, keys: list[events.Key]) -> None:
    """Queue keys before any is handled, as one terminal read delivers them."""
    for key in keys:
        app.post_message(key)


async def applied(pilot: Pilot[None], app: OicApp) -> None:
    """Wait until every key sent has been applied and what it set off has settled."""
    await wait_until(pilot, app.keys_settled, "every key of the burst to be applied")
    await settled(pilot)


def trails_match_the_stack(app: OicApp) -> bool:
    """Whether every drill-down's trail is the crumbs of the screens below it, then its own."""
    stack = app.screen_stack
    return all(
        screen.trail[1:] == tuple(cast(DrillScreen, s).crumb for s in stack[1 : index + 1])
        for index, screen in enumerate(stack)
        if isinstance(screen, DrillScreen)
    )


async def test_two_bursts_of_drills_and_backs_apply_in_order(
    pilot: Pilot[None], app: OicApp
) -> None:
    await pilot.press("2")
    topics = pane(app, "topic").records
    keys = ("enter", "escape", "j", "enter", "s", "escape", "escape")
    burst(app, *keys)
    # The second burst arrives while the first is still being applied.
    await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), "the source to open")
    burst(app, *keys)
    await applied(pilot, app)
    assert isinstance(app.screen, MainScreen)
    assert app.focused is pane(app, "topic")
    assert current_id(app) == topics[2].id


def stack_trail(app: OicApp) -> list[tuple[str, str]]:
    """Each screen of the stack and its crumb, bottom first."""
    return [(type(s).__name__, str(getattr(s, "crumb", ""))) for s in app.screen_stack]


async def test_a_burst_arriving_while_screens_open_does_not_crash(
    pilot: Pilot[None], app: OicApp, shipped_store: Store
) -> None:
    """Two tmux bursts, as Textual's input parser turns them into keys (an Esc followed by
    more keys in one read becomes `^`); the second arrives while the first is applied.
    It used to end with `NoMatches: No nodes match 'HeaderTitle'`: a screen popped while
    it was still mounting."""
    parser = XTermParser()
    first = terminal_keys(parser, TMUX_BURST)
    second = terminal_keys(parser, TMUX_BURST, flush=True)
    await pilot.press("2")
    post(app, first)
    opened = lambda: any(isinstance(s, SourceScreen) for s in app.screen_stack)  # noqa: E731
    await wait_until(pilot, opened, "the first burst to open the source")
    post(app, second)
    await applied(pilot, app)
    assert trails_match_the_stack(app)
    # The same keys typed one at a time end in the same place.
    slow = create_app(store=shipped_store)
    async with slow.run_test(size=SIZE) as slow_pilot:
        await slow_pilot.press("2")
        for key in [*first, *second]:
            post(slow, [events.Key(key.key, key.character)])
            await applied(slow_pilot, slow)
        assert stack_trail(app) == stack_trail(slow)
    # What the bursts say: each comes back to the main screen, a topic further down.
    assert app.screen_stack == [app.main_screen]
    assert current_id(app) == pane(app, "topic").records[2].id


async def test_enter_escape_four_times_as_tmux_sends_them_ends_on_the_main_screen(
    pilot: Pilot[None], app: OicApp
) -> None:
    await pilot.press("2")
    post(app, terminal_keys(XTermParser(), "\r\x1b" * 4, flush=True))
    await applied(pilot, app)
    assert app.screen_stack == [app.main_screen]


async def test_a_caret_typed_in_the_search_box_is_text(pilot: Pilot[None], app: OicApp) -> None:
    burst(app, "3", "enter", "slash", "a")
    post(app, [events.Key("circumflex_accent", "^")])
    burst(app, "b")
    await applied(pilot, app)
    assert isinstance(app.focused, Input) and app.focused.value == "a^b"


async def test_the_breadcrumb_is_the_trail_that_led_to_the_screen(
    pilot: Pilot[None], app: OicApp
) -> None:
    initiative = pane(app, "initiative").records[0]
    burst(app, "3", "enter", "s")
    await applied(pilot, app)
    assert [type(s) for s in app.screen_stack] == [MainScreen, DetailScreen, SourceScreen]
    assert breadcrumb(app) == f"Initiatives › {initiative.title} › Source"


async def test_open_and_back_in_one_burst_leave_no_screen_behind(
    pilot: Pilot[None], app: OicApp
) -> None:
    topic = pane(app, "topic").records[0]
    burst(app, "2", *["enter", "escape"] * 4)
    await applied(pilot, app)
    assert app.screen_stack == [app.main_screen]
    await pilot.press("enter")
    await applied(pilot, app)
    assert breadcrumb(app) == f"Topics › {topic.title}"


@pytest.mark.parametrize(("letter", "key", "index"), [("j", "alt+j", 1), ("G", "alt+shift+g", -1)])
async def test_esc_then_a_letter_within_the_escape_window_goes_back_then_moves(
    pilot: Pilot[None], app: OicApp, letter: str, key: str, index: int
) -> None:
    """Esc then a letter before the terminal's escape window closes arrive as Alt+letter."""
    initiatives = pane(app, "initiative").records
    burst(app, "3", "enter")
    await applied(pilot, app)
    assert isinstance(app.screen, DetailScreen)
    keys = terminal_keys(XTermParser(), f"\x1b{letter}", flush=True)
    assert [k.key for k in keys] == [key]
    post(app, keys)
    await applied(pilot, app)
    assert isinstance(app.screen, MainScreen)
    assert app.focused is pane(app, "initiative")
    assert current_id(app) == initiatives[index].id


async def test_slash_on_a_drill_down_searches_over_it(pilot: Pilot[None], app: OicApp) -> None:
    """`3 jjjjj Enter s /iofs Esc` used to land on the main screen, the trail thrown away."""
    initiative = pane(app, "initiative").records[5]
    burst(app, "3", *"jjjjj", "enter", "s")
    await applied(pilot, app)
    source = app.screen
    assert isinstance(source, SourceScreen)
    trail = f"Initiatives › {initiative.title} › Source"
    burst(app, "slash", *"iofs", "escape")
    await applied(pilot, app)
    assert app.screen is source
    assert breadcrumb(app) == trail

    burst(app, "slash", *"iofs")
    await applied(pilot, app)
    assert isinstance(app.screen, SearchScreen)
    results = app.screen.query_one("#results", RecordList)
    assert results.records and results.region.height > 2  # on screen, not just there
    burst(app, "enter")
    await applied(pilot, app)
    assert isinstance(app.screen, DetailScreen)
    found = app.screen.record
    assert "iofs" in found.id
    # In full: the line itself shortens the long crumbs to fit.
    assert full_trail(app) == f"{trail} › Search “iofs” › {found.title}"
    burst(app, "escape")
    await applied(pilot, app)
    assert isinstance(app.screen, SearchScreen) and app.screen.search_bar.value == "iofs"
    assert breadcrumb(app) == f"{trail} › Search “iofs”"
    burst(app, "escape")
    await applied(pilot, app)
    assert app.screen is source
    assert breadcrumb(app) == trail


async def test_slash_in_the_drill_search_box_is_text_and_queries_are_shared(
    pilot: Pilot[None], app: OicApp
) -> None:
    burst(app, "3", "enter", "slash", "a", "slash", "b")
    await applied(pilot, app)
    assert isinstance(app.focused, Input) and app.focused.value == "a/b"
    burst(app, "escape", "escape", "slash")
    await applied(pilot, app)
    box = app.focused
    assert isinstance(app.screen, MainScreen) and isinstance(box, Input)
    box.value = ""
    await pilot.press("up")
    assert box.value == "a/b"
