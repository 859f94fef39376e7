"""The highlighted row in full above the footer (issue #27): whatever its pane cuts."""

from __future__ import annotations

from helpers import pane, preview_lines, settled, typed, wait_until
from textual.pilot import Pilot
from textual.widgets import Footer

from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.widgets.preview_bar import PreviewBar
from oic_tui.tui.widgets.record_list import RecordList


async def test_the_preview_shows_the_highlighted_record_whole(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await typed(pilot, "3", "G")
        initiatives = pane(app, "initiative")
        record = initiatives.current
        assert record is not None
        preview = app.screen.query_one(PreviewBar).text
        # The title the pane cuts at 80 columns, whole as far as the line allows.
        assert preview.startswith(record.title[:60])
        assert record.status in preview
        await typed(pilot, "k")
        previous = initiatives.current
        assert previous is not None and previous is not record
        assert app.screen.query_one(PreviewBar).text.startswith(previous.title[:40])


async def test_at_80_columns_a_long_record_is_drawn_whole_and_the_bar_only_grows(
    shipped_store: Store,
) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await typed(pilot, "3")
        initiatives = pane(app, "initiative")
        heights = []
        for _ in initiatives.records:
            await settled(pilot)
            preview = app.screen.query_one(PreviewBar).text
            assert " ".join(preview_lines(app)).split() == preview.split()
            heights.append(len(preview_lines(app)))
            await typed(pilot, "j")
        # Some titles and statuses need two lines at 80 columns; once grown, the bar stays.
        assert 2 in heights and heights == sorted(heights)
        # Another pane starts afresh, on one line again where its row fits.
        await typed(pilot, "4")
        await settled(pilot)
        assert len(preview_lines(app)) == 1


async def test_at_120_columns_the_bar_is_one_line(pilot: Pilot[None], app: OicApp) -> None:
    await typed(pilot, "3", "G")
    await settled(pilot)
    assert len(preview_lines(app)) == 1


async def test_the_preview_follows_focus_between_panes(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settled(pilot)
        await typed(pilot, "4")
        fact = pane(app, "fact").current
        assert fact is not None
        preview = app.screen.query_one(PreviewBar).text
        assert preview.startswith(fact.title) and fact.value in preview


async def test_while_searching_the_preview_is_the_highlighted_result(
    shipped_store: Store,
) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settled(pilot)
        await typed(pilot, "slash", *"nuclear")
        await settled(pilot)
        results = app.screen.query_one("#results", RecordList)
        first = results.current
        assert first is not None
        # Never the pane's record left behind the search.
        assert app.screen.query_one(PreviewBar).text.startswith(first.title[:40])


async def test_on_a_record_page_the_focused_link_is_shown_whole(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await typed(pilot, "3", "enter")
        await settled(pilot)
        page = app.screen
        bar = page.query_one(PreviewBar)
        # The page has focus and shows everything itself: no bar.
        assert not bar.display
        tall = page.query_one("#detail").region.height
        await typed(pilot, "tab", "tab")
        await settled(pilot)
        links = app.focused
        assert isinstance(links, RecordList) and links.id == "related"
        footer, detail = page.query_one(Footer), page.query_one("#detail")

        def fitted() -> bool:
            """The page refitted around the bar: the lists, the bar and the footer all on
            the screen, the bar drawn whole (the page refits once the bar is laid out)."""
            return (
                footer.region.bottom == 24
                and links.region.bottom <= bar.region.y
                and " ".join(preview_lines(app)).split() == bar.text.split()
            )

        for _ in links.records:
            await settled(pilot)
            record = links.current
            assert record is not None and bar.text.startswith(record.title)
            await wait_until(pilot, fitted, "the page to refit around the bar")
            await typed(pilot, "j")
        await typed(pilot, "shift+tab", "shift+tab")
        assert not bar.display
        # The bar gone, the page takes its lines back.
        await wait_until(pilot, lambda: detail.region.height == tall, "the page's lines back")


async def test_in_the_source_the_focused_record_beside_is_shown_whole(
    shipped_store: Store,
) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await typed(pilot, "3", "s")
        await settled(pilot)
        bar = app.screen.query_one(PreviewBar)
        # The article has focus: it shows its sentences itself.
        assert not bar.display
        await typed(pilot, "tab")
        await settled(pilot)
        beside = app.focused
        assert isinstance(beside, RecordList) and beside.id == "sentence-records"
        record = beside.current
        assert record is not None
        await wait_until(pilot, lambda: bar.display and bar.region.height, "the bar shown")
        # The list beside the article cuts the title; the bar has it whole.
        area = beside.region
        strips = app.screen._compositor.render_strips()
        drawn = [strips[y].crop(area.x, area.right).text for y in range(area.y, area.bottom)]
        assert not any(record.title in line for line in drawn)
        assert bar.text.startswith(record.title)
        assert " ".join(preview_lines(app)).split() == bar.text.split()
