"""Pilot tests: a focused list's cursor stays on screen, inside a scrolling page too."""

from __future__ import annotations

import pytest

from oic_tui.app import create_app
from oic_tui.store import Store
from oic_tui.widgets.record_list import RecordList


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
    ],
)
async def test_moving_the_cursor_scrolls_the_page_to_it(
    shipped_store: Store, record_id: str, keys: list[str], size: tuple[int, int]
) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        record = shipped_store.get(record_id)
        assert record is not None
        app.open_record(record)
        await pilot.pause()
        links = app.focused
        assert isinstance(links, RecordList)
        # Opening keeps the record itself in view, not the links below it.
        assert app.screen.query_one("#detail").scroll_offset.y == 0
        await pilot.press(*keys)
        await pilot.pause()
        assert app.focused is links
        assert cursor_on_screen(links)


async def test_cursor_back_in_view_after_shrinking_the_terminal(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("4", "G")
        await pilot.pause()
        links = app.focused
        assert isinstance(links, RecordList)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert cursor_on_screen(links)
