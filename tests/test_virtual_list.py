"""The virtual list both lists share: the cursor rests on rows it may, in view; pages; clicks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual.app import App, ComposeResult
from textual.content import Content
from textual.pilot import Pilot
from textual.strip import Strip

from oic_tui.tui.widgets.virtual_list import VirtualList, line_strip

ROWS = 100
# Every tenth row is a heading the cursor passes over.
HEADINGS = set(range(0, ROWS, 10))


class Rows(VirtualList):
    """Two-line rows; the cursor passes over headings; choosing a row is recorded."""

    ROW_LINES = 2
    PAGE_OVERLAP = 0

    def __init__(self) -> None:
        super().__init__(8)
        self.chosen: list[int] = []
        self.drawn: list[int] = []

    def can_rest(self, index: int) -> bool:
        return index not in HEADINGS

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.chosen.append(self.highlighted)

    def draw_row(self, index: int, cursor: bool, width: int) -> list[Strip]:
        self.drawn.append(index)
        style = self.get_visual_style()
        return [line_strip(Content(f"{index} {part}"), style, width) for part in "ab"]


class RowsApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Rows()


@asynccontextmanager
async def shown(at: int | None = 1) -> AsyncIterator[tuple[Pilot[None], Rows]]:
    """The rows in a small app, the cursor on row `at`."""
    async with RowsApp().run_test(size=(30, 12)) as pilot:
        rows = pilot.app.query_one(Rows)
        rows._fill(ROWS)
        rows.highlighted = at
        await pilot.pause()
        yield pilot, rows


async def test_the_cursor_rests_on_rows_it_may_and_stays_in_view() -> None:
    async with shown(None) as (pilot, rows):
        rows.highlight_first()
        assert rows.highlighted == 1
        rows.action_cursor_up()  # at the top it stays put
        assert rows.highlighted == 1
        rows.highlighted = 9
        rows.action_cursor_down()  # over the heading
        assert rows.highlighted == 11
        rows.action_last()
        await pilot.pause()
        assert rows.highlighted == ROWS - 1
        assert rows.scroll_offset.y == ROWS * 2 - rows.scrollable_content_region.height
        rows.highlighted = ROWS * 5
        assert rows.highlighted == ROWS - 1


async def test_pages_move_by_whole_rows_and_stop_at_the_ends() -> None:
    async with shown() as (_, rows):
        per_page = rows.scrollable_content_region.height // 2
        rows.action_page_down()
        assert rows.highlighted == 1 + per_page
        rows.action_page_up()
        rows.action_page_up()
        assert rows.highlighted == 1


async def test_a_click_chooses_the_row_under_it_and_rows_are_drawn_once() -> None:
    async with shown() as (pilot, rows):
        await pilot.click(Rows, offset=(2, 5))  # the second line of row 2
        await pilot.pause()
        assert rows.highlighted == 2 and rows.chosen == [2]
        await pilot.click(Rows, offset=(2, 0))  # a heading: nothing
        assert rows.chosen == [2]
        drawn = len(rows.drawn)
        rows.refresh()
        await pilot.pause()
        assert len(rows.drawn) == drawn
