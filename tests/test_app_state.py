"""Screen modes as reactives, the loader's messages, footers that offer only working keys."""

from __future__ import annotations

from pathlib import Path

from helpers import SIZE, STORE_JSON, make_store, typed
from textual.pilot import Pilot
from textual.widgets import Static

from oic_tui.store.models import Record
from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.messages import StoreFailed, StoreLoaded
from oic_tui.tui.screens.detail import DetailScreen
from oic_tui.tui.screens.source import SourceScreen
from oic_tui.tui.widgets.record_list import CACHE_ROWS, RecordList
from oic_tui.tui.widgets.sentence_list import SentenceList, SentenceOption


def footer_keys(app: OicApp) -> list[str]:
    """The keys the current screen's footer offers."""
    return [
        binding.key
        for (_, binding, enabled, _) in app.screen.active_bindings.values()
        if binding.show and enabled
    ]


async def test_searching_is_a_reactive_mode_with_its_class(pilot: Pilot[None], app: OicApp) -> None:
    main = app.main_screen
    assert not main.searching and not main.has_class("-searching")
    assert "escape" not in footer_keys(app)
    await typed(pilot, "slash")
    assert main.searching and main.has_class("-searching")
    assert "escape" in footer_keys(app)  # bindings follow the mode
    assert main.query_one("#search-view").display and not main.query_one("#panes").display
    await typed(pilot, "escape")
    assert not main.searching and not main.has_class("-searching")
    assert main.query_one("#panes").display and not main.query_one("#search-view").display


async def test_loading_is_a_reactive_mode_ended_by_store_loaded() -> None:
    app = create_app(db_path=STORE_JSON)
    received: list[type] = []
    async with app.run_test(size=SIZE, message_hook=lambda m: received.append(type(m))) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert StoreLoaded in received
        main = app.main_screen
        assert not main.loading_store and not main.has_class("-loading")
        assert main.query_one("#panes").display and not main.query_one("#loading").display
        assert isinstance(app.focused, RecordList) and app.focused.id == "event"


async def test_a_store_loaded_message_fills_the_panes(tmp_path: Path) -> None:
    app = create_app(db_path=tmp_path / "never-opened.json")
    async with app.run_test(size=SIZE) as pilot:
        app.workers.cancel_all()
        await pilot.pause()
        store = Store.open(make_store(tmp_path))
        app.post_message(StoreLoaded(store))
        await pilot.pause()
        assert app.store is store
        assert not app.main_screen.loading_store
        events = app.main_screen.query_one("#event", RecordList)
        assert [r.id for r in events.records] == [r.id for r in store.by_kind("event")]


async def test_store_failed_shows_the_reason_and_keeps_it(tmp_path: Path) -> None:
    app = create_app(db_path=tmp_path / "missing.json")
    received: list[object] = []
    async with app.run_test(size=SIZE, message_hook=received.append) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        failed = [m for m in received if isinstance(m, StoreFailed)]
        assert len(failed) == 1 and "missing.json: no such file" in failed[0].reason
        assert app.store_error == failed[0].reason
        text = app.screen.query_one("#store-error", Static).render()
        assert "no such file" in str(getattr(text, "plain", text))
        assert app.main_screen.loading_store


async def test_source_footer_offers_no_source_key(pilot: Pilot[None], app: OicApp) -> None:
    await typed(pilot, "3", "enter")
    assert isinstance(app.screen, DetailScreen)
    assert "s" in footer_keys(app)
    await typed(pilot, "s")
    assert isinstance(app.screen, SourceScreen)
    assert "s" not in footer_keys(app)
    await typed(pilot, "s")  # and it does nothing there
    assert isinstance(app.screen, SourceScreen) and len(app.screen_stack) == 3


async def test_record_list_cursor_is_clamped(pilot: Pilot[None], app: OicApp) -> None:
    pane = app.main_screen.query_one("#topic", RecordList)
    pane.highlighted = 10_000
    assert pane.highlighted == len(pane.records) - 1
    pane.highlighted = -5
    assert pane.highlighted == 0
    pane.show_records([])
    pane.highlighted = 3
    assert pane.highlighted is None and pane.current is None


async def test_record_list_cache_is_bounded_and_survives_cursor_moves(
    pilot: Pilot[None], app: OicApp
) -> None:
    pane = app.main_screen.query_one("#event", RecordList)
    await pilot.pause()
    cached = len(pane._cache)
    assert 0 < cached <= CACHE_ROWS
    await typed(pilot, "j")
    # Moving the cursor renders the two changed rows anew; nothing is thrown away.
    assert len(pane._cache) >= cached
    assert pane._cache.maxsize == CACHE_ROWS


async def test_sentence_options_carry_their_sentence(shipped_store: Store) -> None:
    received: list[object] = []
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE, message_hook=received.append) as pilot:
        await typed(pilot, "s")
        assert isinstance(app.screen, SourceScreen)
        document = app.screen.document
        sentences = app.screen.query_one(SentenceList)
        options = [sentences.get_option_at_index(i) for i in range(sentences.option_count)]
        carried = [o.sentence for o in options if isinstance(o, SentenceOption)]
        assert carried == list(document.sentences)
        received.clear()
        await typed(pilot, "j")
        moved = [m for m in received if isinstance(m, SentenceList.Moved)]
        assert moved and moved[-1].control is sentences
        assert sentences.highlighted is not None
        current = sentences.get_option_at_index(sentences.highlighted)
        assert isinstance(current, SentenceOption) and moved[-1].sentence == current.sentence


async def test_opened_message_names_its_list(shipped_store: Store) -> None:
    received: list[object] = []
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE, message_hook=received.append) as pilot:
        await typed(pilot, "2", "enter")
        opened = [m for m in received if isinstance(m, RecordList.Opened)]
        assert opened and opened[0].control is app.main_screen.query_one("#topic", RecordList)
        assert isinstance(opened[0].record, Record)
