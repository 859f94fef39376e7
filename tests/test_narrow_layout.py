"""One pane below 100 columns, `z` zoom at any size, and h/l/j/k by position on screen
(issue #27)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from helpers import burst, pane, settled, typed, wait_until
from textual.pilot import Pilot

from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.screens.detail import DetailScreen
from oic_tui.tui.screens.main import PANE_KINDS, MainScreen
from oic_tui.tui.widgets.pane_tabs import PaneTabs, tab_cells
from oic_tui.tui.widgets.record_list import RecordList

NARROW = (80, 24)
WIDE = (120, 36)


@pytest.fixture
async def narrow_pilot(shipped_store: Store) -> AsyncIterator[Pilot[None]]:
    """The explorer on the shipped store at 80×24, first screen drawn."""
    app = create_app(store=shipped_store)
    async with app.run_test(size=NARROW) as running:
        await settled(running)
        yield running


def oic(pilot: Pilot[None]) -> OicApp:
    assert isinstance(pilot.app, OicApp)
    return pilot.app


def main(pilot: Pilot[None]) -> MainScreen:
    return oic(pilot).main_screen


def focused_kind(pilot: Pilot[None]) -> str:
    focused = pilot.app.focused
    assert isinstance(focused, RecordList)
    return focused.id or ""


def shown_panes(pilot: Pilot[None]) -> list[str]:
    """The panes on screen (displayed, with room), in the order of the keys 1-4."""
    screen = main(pilot)
    return [
        kind
        for kind in PANE_KINDS
        if (widget := screen.query_one(f"#{kind}", RecordList)).display and widget.region.area
    ]


def strip(pilot: Pilot[None]) -> PaneTabs | None:
    """The tab strip, if it is on screen."""
    tabs = main(pilot).query_one(PaneTabs)
    return tabs if tabs.display and tabs.region.area else None


async def test_below_100_columns_the_focused_pane_takes_the_width(
    narrow_pilot: Pilot[None],
) -> None:
    screen = main(narrow_pilot)
    assert screen.narrow and screen.has_class("-narrow") and not screen.zoomed
    assert shown_panes(narrow_pilot) == ["event"]
    timeline = pane(oic(narrow_pilot), "event")
    assert timeline.outer_size.width == NARROW[0]
    tabs = strip(narrow_pilot)
    assert tabs is not None and tabs.region.y < timeline.region.y  # the strip is above
    # The current tab is marked by brackets, not only by colour.
    assert tabs.text == "[1 Timeline]│ 2 Topics │ 3 Initiatives │ 4 Facts "


async def test_at_100_columns_and_more_the_grid_stays(pilot: Pilot[None]) -> None:
    screen = main(pilot)
    assert not screen.narrow and not screen.has_class("-narrow")
    assert shown_panes(pilot) == list(PANE_KINDS)
    assert strip(pilot) is None
    timeline, topics = pane(oic(pilot), "event"), pane(oic(pilot), "topic")
    assert timeline.region.y == topics.region.y and timeline.region.x < topics.region.x


async def test_digits_h_l_and_tab_switch_the_one_pane(narrow_pilot: Pilot[None]) -> None:
    pilot = narrow_pilot
    await typed(pilot, "3")
    assert shown_panes(pilot) == ["initiative"] and focused_kind(pilot) == "initiative"
    tabs = strip(pilot)
    assert tabs is not None and "[3 Initiatives]" in tabs.text and tabs.current == 2
    # h/l run through the strip, 1 to 4, and stop at either end.
    visited = []
    for key in ("h", "h", "h", "l", "right", "l", "l", "left"):
        await typed(pilot, key)
        visited.append(focused_kind(pilot))
        assert shown_panes(pilot) == [visited[-1]]
    assert visited == [
        *("topic", "event", "event"),
        *("topic", "initiative", "fact", "fact", "initiative"),
    ]
    # Tab wraps, as it does over the four.
    await typed(pilot, "4", "tab")
    assert shown_panes(pilot) == ["event"]
    await typed(pilot, "shift+tab")
    assert shown_panes(pilot) == ["fact"]
    assert "[4 Facts]" in (strip(pilot) or PaneTabs([])).text


async def test_a_click_on_a_tab_shows_its_pane(narrow_pilot: Pilot[None]) -> None:
    tabs = strip(narrow_pilot)
    assert tabs is not None
    cells = tab_cells(["Timeline", "Topics", "Initiatives", "Facts"], tabs.current)
    x = sum(len(cell) + 1 for cell in cells[:3]) + 3  # inside " 4 Facts ", after the padding
    await narrow_pilot.click(PaneTabs, offset=(x, 0))
    await settled(narrow_pilot)
    assert focused_kind(narrow_pilot) == "fact" and shown_panes(narrow_pilot) == ["fact"]


async def test_z_zooms_and_unzooms_at_any_size(pilot: Pilot[None]) -> None:
    screen = main(pilot)
    await typed(pilot, "2", "z")
    assert screen.zoomed and screen.has_class("-zoomed")
    assert shown_panes(pilot) == ["topic"]
    topics = pane(oic(pilot), "topic")
    assert topics.outer_size.width == WIDE[0]
    tabs = strip(pilot)
    assert tabs is not None and "[2 Topics]" in tabs.text and "z" in tabs.hint
    # Switching panes keeps the zoom, on the new pane; Esc keeps it too.
    await typed(pilot, "l", "escape", "3")
    assert screen.zoomed and shown_panes(pilot) == ["initiative"]
    await typed(pilot, "z")
    assert not screen.zoomed and shown_panes(pilot) == list(PANE_KINDS)
    assert strip(pilot) is None and focused_kind(pilot) == "initiative"


async def test_z_in_the_narrow_view_is_kept_for_a_wider_terminal(
    narrow_pilot: Pilot[None],
) -> None:
    pilot = narrow_pilot
    await typed(pilot, "z", "4")
    await pilot.resize_terminal(*WIDE)
    await settled(pilot)
    screen = main(pilot)
    assert not screen.narrow and screen.zoomed and shown_panes(pilot) == ["fact"]
    await typed(pilot, "z")
    assert shown_panes(pilot) == list(PANE_KINDS)


async def test_h_l_move_by_position_in_the_grid(pilot: Pilot[None]) -> None:
    moves = {
        # From a pane, the key: where it leads (at the grid's edge, nowhere).
        ("1", "l"): "topic",
        ("2", "l"): "topic",
        ("2", "h"): "event",
        ("1", "h"): "event",
        ("3", "l"): "fact",
        ("4", "right"): "fact",
        ("4", "h"): "initiative",
        ("3", "left"): "initiative",
    }
    for (start, key), expected in moves.items():
        await typed(pilot, start, key)
        assert focused_kind(pilot) == expected, (start, key)


async def test_j_k_at_a_pane_edge_move_to_the_pane_below_or_above(pilot: Pilot[None]) -> None:
    timeline = pane(oic(pilot), "event")
    await typed(pilot, "1", "G")
    last = timeline.highlighted
    await typed(pilot, "j")
    assert focused_kind(pilot) == "initiative"
    assert timeline.highlighted == last  # the timeline keeps its place
    initiatives = pane(oic(pilot), "initiative")
    assert initiatives.current == initiatives.records[0]
    await typed(pilot, "k")
    assert focused_kind(pilot) == "event" and timeline.highlighted == last
    # Topics above Facts; a bottom pane's last row and a top pane's first go nowhere.
    await typed(pilot, "2", "G", "down")
    assert focused_kind(pilot) == "fact"
    await typed(pilot, "G", "j")
    assert focused_kind(pilot) == "fact"
    await typed(pilot, "g", "up")
    assert focused_kind(pilot) == "topic"
    await typed(pilot, "g", "k")
    assert focused_kind(pilot) == "topic"


async def test_a_burst_of_j_past_the_edge_moves_one_pane_per_key(pilot: Pilot[None]) -> None:
    app = oic(pilot)
    await typed(pilot, "1", "G")
    initiatives = pane(app, "initiative")
    # The first j leaves the timeline; the next two move down the initiatives.
    burst(app, "j", "j", "j")
    await wait_until(pilot, app.keys_settled, "the burst's keys to be applied")
    await settled(pilot)
    assert focused_kind(pilot) == "initiative"
    assert initiatives.current == initiatives.records[2]


async def test_with_one_pane_j_k_stay_in_it(narrow_pilot: Pilot[None]) -> None:
    await typed(narrow_pilot, "1", "G", "j")
    assert focused_kind(narrow_pilot) == "event"
    await typed(narrow_pilot, "3", "g", "k")
    assert focused_kind(narrow_pilot) == "initiative"


async def test_a_resize_keeps_the_focused_pane_and_its_cursor(pilot: Pilot[None]) -> None:
    screen = main(pilot)
    await typed(pilot, "3", "j", "j")
    initiatives = pane(oic(pilot), "initiative")
    at = initiatives.highlighted
    await pilot.resize_terminal(*NARROW)
    await settled(pilot)
    assert screen.narrow and shown_panes(pilot) == ["initiative"]
    assert focused_kind(pilot) == "initiative" and initiatives.highlighted == at
    assert initiatives.outer_size.width == NARROW[0]
    await pilot.resize_terminal(*WIDE)
    await settled(pilot)
    assert not screen.narrow and shown_panes(pilot) == list(PANE_KINDS)
    assert focused_kind(pilot) == "initiative" and initiatives.highlighted == at


async def test_a_resize_under_another_screen_is_seen_on_return(pilot: Pilot[None]) -> None:
    await typed(pilot, "2", "enter")
    assert isinstance(pilot.app.screen, DetailScreen)
    await pilot.resize_terminal(*NARROW)
    await typed(pilot, "escape")
    assert isinstance(pilot.app.screen, MainScreen)
    assert main(pilot).narrow and shown_panes(pilot) == ["topic"]


async def test_searching_hides_the_strip(narrow_pilot: Pilot[None]) -> None:
    await typed(narrow_pilot, "slash", *"aral")
    assert strip(narrow_pilot) is None and shown_panes(narrow_pilot) == []
    await typed(narrow_pilot, "escape")
    assert strip(narrow_pilot) is not None and shown_panes(narrow_pilot) == ["event"]


async def test_the_palette_zooms_and_unzooms(pilot: Pilot[None]) -> None:
    app = oic(pilot)

    def zoom_command() -> str:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        return next(t for t in titles if t in ("Zoom the pane", "Show all four panes"))

    assert zoom_command() == "Zoom the pane"
    await pilot.press("ctrl+p", *"zoom", "enter")
    await settled(pilot)
    assert main(pilot).zoomed
    assert zoom_command() == "Show all four panes"
