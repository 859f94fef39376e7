"""Keys where users try them: panes by h/l and arrows, half pages, digits from anywhere,
the cursor's place in each pane's title."""

from __future__ import annotations

from helpers import breadcrumb, current_id, typed
from textual.content import Content
from textual.pilot import Pilot

from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp
from oic_tui.tui.screens.detail import DetailScreen
from oic_tui.tui.screens.main import MainScreen
from oic_tui.tui.screens.source import SourceScreen
from oic_tui.tui.widgets.page_scroll import PageScroll
from oic_tui.tui.widgets.record_list import RecordList
from oic_tui.tui.widgets.sentence_list import SentenceList


def focused_pane(app: OicApp) -> str:
    assert isinstance(app.focused, RecordList)
    return app.focused.id or ""


async def test_h_l_and_arrows_move_between_panes(pilot: Pilot[None], app: OicApp) -> None:
    assert focused_pane(app) == "event"
    # By position in the 2×2 grid, stopping at its edges: a burst ends in a known place.
    order = []
    for key in ("l", "l", "3", "right", "l"):
        await typed(pilot, key)
        order.append(focused_pane(app))
    assert order == ["topic", "topic", "initiative", "fact", "fact"]
    await typed(pilot, "h")
    assert focused_pane(app) == "initiative"
    await typed(pilot, "2", "left", "left")
    assert focused_pane(app) == "event"


async def test_half_pages_in_a_pane(pilot: Pilot[None], app: OicApp, shipped_store: Store) -> None:
    await typed(pilot, "2")
    topics = [r.id for r in shipped_store.by_kind("topic")]
    await typed(pilot, "ctrl+d")
    down = topics.index(current_id(app))
    pane = app.main_screen.query_one("#topic", RecordList)
    assert 0 < down < len(topics) - 1
    assert down in range(pane.scrollable_content_region.height // 2 - 2, pane.size.height)
    await typed(pilot, "ctrl+u")
    assert current_id(app) == topics[0]


async def test_half_pages_in_the_article_and_a_record(pilot: Pilot[None], app: OicApp) -> None:
    await typed(pilot, "s")
    assert isinstance(app.screen, SourceScreen)
    sentences = app.screen.query_one(SentenceList)
    await typed(pilot, "g", "ctrl+d")
    assert sentences.highlighted is not None and sentences.highlighted > 1
    await typed(pilot, "ctrl+u")
    assert sentences.highlighted == 0
    await typed(pilot, "escape", "3", "G", "enter")
    assert isinstance(app.screen, DetailScreen)
    page = app.screen.query_one("#detail", PageScroll)
    page.focus()
    await typed(pilot, "ctrl+d")
    assert page.scroll_y > 0
    await typed(pilot, "ctrl+u")
    assert page.scroll_y == 0


async def test_digits_work_from_any_screen_and_keep_the_trail(
    pilot: Pilot[None], app: OicApp
) -> None:
    await typed(pilot, "3", "enter")
    assert isinstance(app.screen, DetailScreen)
    opened = app.screen.record.id
    await typed(pilot, "s")
    assert isinstance(app.screen, SourceScreen)
    await typed(pilot, "4")
    assert isinstance(app.screen, MainScreen) and focused_pane(app) == "fact"
    await typed(pilot, "right_square_bracket")
    assert isinstance(app.screen, DetailScreen) and app.screen.record.id == opened
    # The trail as it was when the record was opened: from Initiatives, not from Facts.
    assert breadcrumb(app).startswith("Initiatives ›")
    await typed(pilot, "right_square_bracket")
    assert isinstance(app.screen, SourceScreen)
    assert breadcrumb(app).startswith("Initiatives ›") and breadcrumb(app).endswith("Source")


async def test_pane_titles_show_the_cursor_place(pilot: Pilot[None], app: OicApp) -> None:
    def title(kind: str) -> str:
        pane = app.main_screen.query_one(f"#{kind}", RecordList)
        return Content.from_markup(pane.border_title or "").plain

    assert title("topic") == "Topics 1/20"
    await typed(pilot, "2", "j", "j")
    assert title("topic") == "Topics 3/20"
    await typed(pilot, "G")
    assert title("topic") == "Topics 20/20"
    # Headings are not counted: the timeline's first record is 1 of its 16.
    assert title("event") == "Timeline 1/16"


def footer_keys(app: OicApp) -> list[str]:
    """The keys the current screen's footer offers."""
    return [
        b.key for (_, b, enabled, _) in app.screen.active_bindings.values() if b.show and enabled
    ]


async def test_forward_is_offered_only_when_there_is_somewhere_to_go(
    pilot: Pilot[None], app: OicApp
) -> None:
    await typed(pilot, "3", "enter")
    assert isinstance(app.screen, DetailScreen)
    assert "right_square_bracket" not in footer_keys(app)
    await typed(pilot, "s", "escape")
    assert isinstance(app.screen, DetailScreen)
    assert "right_square_bracket" in footer_keys(app)


async def test_help_has_its_own_footer(pilot: Pilot[None], app: OicApp) -> None:
    from textual.widgets import Footer

    from oic_tui.tui.screens.help import HelpScreen

    await typed(pilot, "question_mark")
    assert isinstance(app.screen, HelpScreen)
    assert app.screen.query(Footer)
    assert footer_keys(app) == ["escape"]
