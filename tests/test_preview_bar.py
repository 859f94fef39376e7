"""The highlighted row in full above the footer (issue #27): whatever its pane cuts."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from helpers import pane, preview_lines, settled, typed, wait_until
from textual.pilot import Pilot
from textual.widgets import Footer

from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.widgets.preview_bar import PreviewBar
from oic_tui.tui.widgets.record_list import RecordList


@pytest.fixture
async def small(shipped_store: Store) -> AsyncIterator[Pilot[None]]:
    """The explorer on the shipped store at 80×24 (most terminals' size), settled."""
    app = create_app(store=shipped_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        yield pilot


def bar_of(app: OicApp) -> PreviewBar:
    """The current screen's preview bar."""
    return app.screen.query_one(PreviewBar)


def drawn_whole(app: OicApp) -> bool:
    """The bar's drawn lines hold its whole text."""
    return " ".join(preview_lines(app)).split() == bar_of(app).text.split()


async def test_the_preview_shows_the_highlighted_record_whole(small: Pilot[None]) -> None:
    app = small.app
    assert isinstance(app, OicApp)
    await typed(small, "3", "G")
    initiatives = pane(app, "initiative")
    record = initiatives.current
    assert record is not None
    # The title the pane cuts at 80 columns, then the status its row leaves out.
    preview = bar_of(app).text
    assert preview.startswith(record.title) and record.status in preview
    await typed(small, "k")
    previous = initiatives.current
    assert previous is not None and previous is not record
    assert bar_of(app).text.startswith(previous.title)


async def test_at_80_columns_a_long_record_is_drawn_whole_and_the_bar_only_grows(
    small: Pilot[None],
) -> None:
    app = small.app
    assert isinstance(app, OicApp)
    await typed(small, "3")
    heights = []
    for _ in pane(app, "initiative").records:
        await settled(small)
        assert drawn_whole(app)
        heights.append(len(preview_lines(app)))
        await typed(small, "j")
    # Some titles and statuses need two lines at 80 columns; once grown, the bar stays.
    assert 2 in heights and heights == sorted(heights)
    # Another pane starts afresh, on one line again where its row fits.
    await typed(small, "4")
    assert len(preview_lines(app)) == 1


async def test_at_120_columns_the_bar_is_one_line(pilot: Pilot[None], app: OicApp) -> None:
    await typed(pilot, "3", "G")
    assert len(preview_lines(app)) == 1


async def test_the_preview_follows_focus_between_panes(pilot: Pilot[None], app: OicApp) -> None:
    await typed(pilot, "4")
    fact = pane(app, "fact").current
    assert fact is not None
    preview = bar_of(app).text
    assert preview.startswith(fact.title) and fact.value in preview


async def test_while_searching_the_preview_is_the_highlighted_result(
    pilot: Pilot[None], app: OicApp
) -> None:
    await typed(pilot, "slash", *"nuclear")
    first = app.screen.query_one("#results", RecordList).current
    assert first is not None
    # Never the pane's record left behind the search.
    assert bar_of(app).text.startswith(first.title)


async def test_on_a_record_page_the_focused_link_is_shown_whole(small: Pilot[None]) -> None:
    app = small.app
    assert isinstance(app, OicApp)
    await typed(small, "3", "enter")
    page = app.screen
    bar, footer, detail = (
        page.query_one(PreviewBar),
        page.query_one(Footer),
        page.query_one("#detail"),
    )
    # The page has focus and shows everything itself: no bar.
    assert not bar.display
    tall = detail.region.height
    await typed(small, "tab", "tab")
    links = app.focused
    assert isinstance(links, RecordList) and links.id == "related"

    def fitted() -> bool:
        """The page refitted around the bar: the lists, the bar and the footer all on the
        screen, the bar drawn whole (the page refits once the bar is laid out)."""
        return (
            footer.region.bottom == 24 and links.region.bottom <= bar.region.y and drawn_whole(app)
        )

    for _ in links.records:
        await settled(small)
        record = links.current
        assert record is not None and bar.text.startswith(record.title)
        await wait_until(small, fitted, "the page to refit around the bar")
        await typed(small, "j")
    await typed(small, "shift+tab", "shift+tab")
    # The bar gone, the page takes its lines back.
    await wait_until(
        small, lambda: not bar.display and detail.region.height == tall, "the page's lines back"
    )


async def test_in_the_source_the_focused_record_beside_is_shown_whole(
    small: Pilot[None],
) -> None:
    app = small.app
    assert isinstance(app, OicApp)
    await typed(small, "3", "s")
    bar = bar_of(app)
    # The article has focus: it shows its sentences itself.
    assert not bar.display
    await typed(small, "tab")
    beside = app.focused
    assert isinstance(beside, RecordList) and beside.id == "sentence-records"
    record = beside.current
    assert record is not None
    await wait_until(small, lambda: bar.display and bar.region.height, "the bar shown")
    # The list beside the article cuts the title; the bar has it whole.
    area = beside.region
    strips = app.screen._compositor.render_strips()
    drawn = [strips[y].crop(area.x, area.right).text for y in range(area.y, area.bottom)]
    assert not any(record.title in line for line in drawn)
    assert bar.text.startswith(record.title) and drawn_whole(app)
