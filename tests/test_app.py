"""Pilot tests of the explorer's flows on the shipped store."""

# A pilot test asserts what a screen is, awaits a key, then asserts another: the narrowing
# mypy keeps across the await does not hold.
# mypy: disable-error-code="comparison-overlap"

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import (
    SIZE,
    breadcrumb,
    current_id,
    open_record,
    pane,
    results_list,
    settled,
    shown,
    static_text,
    typed,
    wait_until,
)
from rich.console import Console
from textual.command import CommandList
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, Static

from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.screens.detail import DetailScreen
from oic_tui.tui.screens.entity import EntityScreen
from oic_tui.tui.screens.help import HelpScreen
from oic_tui.tui.screens.main import MainScreen
from oic_tui.tui.screens.notice import TooSmallScreen
from oic_tui.tui.screens.source import SourceScreen
from oic_tui.tui.widgets.record_list import RecordList
from oic_tui.tui.widgets.sentence_list import SentenceList


def select(app: OicApp, record_id: str) -> None:
    """Move the focused list's cursor to a record, as j/k would."""
    focused = app.focused
    assert isinstance(focused, RecordList)
    assert focused.select_record(record_id), record_id


async def test_four_panes_with_titles_and_counts(app: OicApp, shipped_store: Store) -> None:
    titles = {
        kind: Content.from_markup(pane(app, kind).border_title or "").plain
        for kind in ("event", "topic", "initiative", "fact")
    }
    # The cursor's place among the records, then how many (as k9s and lazygit show it).
    assert titles["event"] == f"Timeline 1/{len(shipped_store.by_kind('event'))}"
    assert titles["topic"].startswith("Topics ")
    assert titles["initiative"].startswith("Kazakhstan initiatives ")
    assert titles["fact"].startswith("OIC facts ")
    timeline = shown(pane(app, "event"))
    assert timeline[0].startswith("── Before the session")
    assert any(line.startswith("27–28 May ") for line in timeline)  # its year in the heading
    assert any(line.startswith("Dec 1995") for line in timeline)
    assert any(line.startswith("2017–2018") for line in timeline)
    headings = [line for line in timeline if line.startswith("──")]
    assert [h.strip("─ ") for h in headings] == [
        "Before the session",
        "The session · 2015",
        "After the session",
    ]
    assert any(line.startswith("supported  ") for line in shown(pane(app, "initiative")))
    # Facts: the label first, then the value.
    assert any(
        line.startswith("Total population") and "1.5 billion people" in line
        for line in shown(pane(app, "fact"))
    )
    assert app.focused is pane(app, "event")


async def test_tab_cycles_and_digits_jump(pilot: Pilot[None], app: OicApp) -> None:
    order = []
    for _ in range(4):
        assert isinstance(app.focused, RecordList)
        order.append(app.focused.id)
        await pilot.press("tab")
    assert order == ["event", "topic", "initiative", "fact"]
    assert app.focused is pane(app, "event")
    await pilot.press("shift+tab")
    assert app.focused is pane(app, "fact")
    for key, kind in (("3", "initiative"), ("2", "topic"), ("4", "fact"), ("1", "event")):
        await pilot.press(key)
        assert app.focused is pane(app, kind)


async def test_jk_g_G_move(pilot: Pilot[None], app: OicApp, shipped_store: Store) -> None:
    await pilot.press("3")
    initiatives = shipped_store.by_kind("initiative")
    assert current_id(app) == initiatives[0].id
    await pilot.press("j", "j")
    assert current_id(app) == initiatives[2].id
    await pilot.press("k")
    assert current_id(app) == initiatives[1].id
    await pilot.press("G")
    assert current_id(app) == initiatives[-1].id
    await pilot.press("g")
    assert current_id(app) == initiatives[0].id
    await pilot.press("1", "G")
    assert current_id(app) == shipped_store.by_kind("event")[-1].id
    await pilot.press("g")
    assert current_id(app) == shipped_store.by_kind("event")[0].id


async def test_drill_down_and_back_to_same_item(pilot: Pilot[None], app: OicApp) -> None:
    await pilot.press("2", "j", "j", "j")
    before = current_id(app)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, DetailScreen)
    assert app.screen.record.id == before
    assert breadcrumb(app).startswith("Topics › ")
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    assert app.focused is pane(app, "topic")
    assert current_id(app) == before
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("backspace")
    await pilot.pause()
    assert current_id(app) == before


async def test_forward_after_back_and_new_path_drops_forward(
    pilot: Pilot[None], app: OicApp
) -> None:
    await pilot.press("3")
    select(app, "initiative.aral-sea")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, DetailScreen)
    await pilot.press("tab", "enter")  # the page first, then the first entity: Kazakhstan
    await pilot.pause()
    assert isinstance(app.screen, EntityScreen)
    entity_id = app.screen.record.id
    await pilot.press("escape", "escape")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    await pilot.press("right_square_bracket")
    await pilot.pause()
    assert isinstance(app.screen, DetailScreen)
    assert app.screen.record.id == "initiative.aral-sea"
    await pilot.press("right_square_bracket")
    await pilot.pause()
    assert isinstance(app.screen, EntityScreen)
    assert app.screen.record.id == entity_id
    await pilot.press("escape")
    await pilot.pause()
    assert len(app.forward_history) == 1
    await pilot.press("s")  # somewhere new: the source
    await pilot.pause()
    assert isinstance(app.screen, SourceScreen)
    assert len(app.forward_history) == 0
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()
    assert len(app.screen_stack) == 1
    assert current_id(app) == "initiative.aral-sea"


async def test_entity_backlinks_grouped_by_kind(pilot: Pilot[None], app: OicApp) -> None:
    await open_record(pilot, "entity.astana")
    assert isinstance(app.screen, EntityScreen)
    backlinks = app.screen.query_one("#backlinks", RecordList)
    ids = {r.id for r in backlinks.records}
    assert {"initiative.iofs", "event.expo-2017", "topic.food-security"} <= ids
    lines = shown(backlinks)
    assert any(line.startswith("── Initiatives (") for line in lines)
    assert any(line.startswith("── Timeline (") for line in lines)
    view = static_text(app.screen.query_one("#record-view", Static))
    assert "ASTANA" in view and "city" in view


async def test_source_opens_at_record_span(
    pilot: Pilot[None], app: OicApp, shipped_store: Store
) -> None:
    record = await open_record(pilot, "fact.observers")
    excerpt = static_text(app.screen.query_one("#source-excerpt", Static))
    assert record.sources[0].quote in excerpt
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, SourceScreen)
    sentences = app.screen.query_one(SentenceList)
    expected = shipped_store.document.sentence_at(record.sources[0].start)
    assert expected is not None
    assert sentences.highlighted == sentences.get_option_index(str(expected.index))
    prompt = sentences.get_option_at_index(sentences.highlighted).prompt
    styles = [str(span.style) for span in getattr(prompt, "spans", [])]
    assert any("reverse" in style for style in styles)
    records = app.screen.query_one("#sentence-records", RecordList)
    assert "fact.observers" in {r.id for r in records.records}
    await pilot.press("enter")
    assert app.focused is records


async def test_iofs_to_source_to_astana_and_back(pilot: Pilot[None], app: OicApp) -> None:
    """The issue's acceptance walk, keyboard only."""
    await pilot.press("3", "G")
    assert current_id(app) == "initiative.iofs"
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, SourceScreen)
    await pilot.press("enter")
    records = app.screen.query_one("#sentence-records", RecordList)
    assert app.focused is records
    astana_index = [r.id for r in records.records].index("entity.astana")
    await pilot.press("g", *["j"] * astana_index, "enter")
    await pilot.pause()
    assert isinstance(app.screen, EntityScreen)
    assert app.screen.record.id == "entity.astana"
    trail = breadcrumb(app)
    assert trail.split(" › ")[0] == "Initiatives"
    assert trail.endswith("Source › Astana")
    assert "initiative.iofs" in {
        r.id for r in app.screen.query_one("#backlinks", RecordList).records
    }
    for _ in range(3):
        await pilot.press("escape")
        await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    assert app.focused is pane(app, "initiative")
    assert current_id(app) == "initiative.iofs"


async def test_search_open_type_results_and_close(pilot: Pilot[None], app: OicApp) -> None:
    await pilot.press("2", "j")
    before = current_id(app)
    await pilot.press("slash")
    assert isinstance(app.focused, Input)
    await typed(pilot, *"aral")
    results = results_list(app)
    ids = [r.id for r in results.records]
    assert "initiative.aral-sea" in ids
    assert any(line.startswith("── Initiatives (") for line in shown(results))
    assert app.main_screen.searching
    await pilot.press("down")
    assert app.focused is results
    await pilot.press("escape")
    await pilot.pause()
    assert not app.main_screen.searching
    assert app.focused is pane(app, "topic")
    assert current_id(app) == before


async def test_search_enter_opens_top_result_and_back_returns_to_results(
    pilot: Pilot[None], app: OicApp
) -> None:
    await typed(pilot, "slash", *"semipalatinsk")
    top = results_list(app).records[0]
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, (DetailScreen, EntityScreen))
    assert app.screen.record.id == top.id
    assert breadcrumb(app).startswith("Search “semipalatinsk”")
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    assert app.main_screen.searching


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("zzzqqq", "No records match zzzqqq"),
        ("kind:foo", "kind:foo is not a kind: use event, topic, initiative, fact or entity"),
    ],
)
async def test_search_no_results_message_also_after_reopening(
    pilot: Pilot[None], app: OicApp, query: str, said: str
) -> None:
    await typed(pilot, "slash", *query)
    empty = app.screen.query_one("#no-results", Static)
    assert empty.display and said in static_text(empty)
    await typed(pilot, "escape", "slash")
    assert empty.display and said in static_text(empty)


async def test_search_history_recall(pilot: Pilot[None], app: OicApp) -> None:
    await pilot.press("slash", *"kuwait", "escape", "slash")
    bar = app.screen.query_one(Input)
    bar.value = ""
    await pilot.press("up")
    assert bar.value == "kuwait"


async def test_help_screen(pilot: Pilot[None], app: OicApp) -> None:
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    console = Console(record=True, width=100)
    console.print(app.screen.query_one("#help-text", Static).content)
    text = console.export_text()
    for key in ("Tab", "Enter", "Esc", "]", "/", "Ctrl+P", "q", "kind:initiative", '"food'):
        assert key in text
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)


async def test_help_scrolls_with_the_keys_that_move_everywhere_else(
    shipped_store: Store,
) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        box = app.screen.query_one("#help-box")
        assert box.max_scroll_y > 2
        await pilot.press("j", "j")
        assert box.scroll_y == 2
        await pilot.press("k")
        assert box.scroll_y == 1
        await pilot.press("G")
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("g")
        assert box.scroll_y == 0


async def test_q_quits_from_main(pilot: Pilot[None], app: OicApp) -> None:
    await pilot.press("q")
    await pilot.pause()
    assert not app.is_running
    assert app.return_code == 0


async def test_too_small_then_resized(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_loads_store_from_path_in_worker(shipped_store: Store) -> None:
    app = create_app(db_path=shipped_store.path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert app.store is not None
        assert len(pane(app, "fact").records) == len(shipped_store.by_kind("fact"))


async def test_missing_store_shows_error_screen(tmp_path: Path) -> None:
    missing = tmp_path / "absent.json"
    app = create_app(db_path=missing)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        text = static_text(app.screen.query_one("#store-error", Static))
        assert str(missing) in text and "no such file" in text
        assert not missing.exists()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 2


async def test_command_palette_opens_record_by_title(pilot: Pilot[None], app: OicApp) -> None:
    await typed(pilot, "ctrl+p")
    await typed(pilot, *"Restoration of the Aral")
    commands = app.screen.query_one(CommandList)
    await wait_until(
        pilot, lambda: commands.highlighted is not None, "the palette to highlight a match"
    )
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, DetailScreen)
    assert app.screen.record.title == "Restoration of the Aral Sea region"


async def test_resize_from_huge_to_tiny_and_back(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        await pilot.press("3", "G", "enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        for width, height in ((200, 60), (120, 36), (80, 24), (60, 15), (40, 10), (10, 3)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert app.is_running
        assert isinstance(app.screen, TooSmallScreen)
        for width, height in ((1, 1), (59, 40), (200, 14), (200, 60)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
        assert app.screen is detail
        await pilot.press("escape")
        await pilot.pause()
        assert current_id(app) == "initiative.iofs"


async def test_no_color_gives_a_monochrome_ui(
    shipped_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.filter import Monochrome

    monkeypatch.setenv("NO_COLOR", "1")
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.no_color
        assert any(isinstance(f, Monochrome) for f in app.get_line_filters())


@pytest.mark.parametrize(
    ("record_id", "links", "row_id"),
    [
        ("fact.population", "#entities", "entity.oic-member-states"),
        ("entity.oic-member-states", "#backlinks", "fact.population"),
    ],
)
async def test_a_link_the_quotes_do_not_name_says_from_context(
    pilot: Pilot[None], app: OicApp, shipped_store: Store, record_id: str, links: str, row_id: str
) -> None:
    await open_record(pilot, record_id)
    rows = shown(app.screen.query_one(links, RecordList))
    linked = shipped_store.get(row_id)
    assert linked is not None
    assert any(f"{linked.title} (from context)" in text for text in rows)
    # Links the quotes do name carry no note.
    assert record_id == "fact.population" or any("(from context)" not in t for t in rows)
