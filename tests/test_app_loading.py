"""Pilot tests: keys pressed while the store is still loading are not lost."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import SIZE, results_list, settled, wait_until
from textual.widgets import Input

from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.widgets.record_list import RecordList


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """`Store.open` waits until the returned event is set: the app stays loading."""
    release = threading.Event()
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def slow_open(cls: type[Store], path: Path | str | None = None) -> Store:
        release.wait(10)
        return real_open(cls, path)  # type: ignore[no-any-return]

    monkeypatch.setattr(Store, "open", classmethod(slow_open))
    yield release
    release.set()


async def finish_loading(app: OicApp, release: threading.Event) -> None:
    release.set()
    await app.workers.wait_for_complete()


async def test_search_typed_while_loading_runs_once_loaded(
    shipped_store: Store, held_open: threading.Event
) -> None:
    app = create_app(db_path=shipped_store.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"aral")
        await pilot.pause()
        assert app.store is None
        bar = app.focused
        assert isinstance(bar, Input) and bar.value == "aral"
        assert app.main_screen.query_one("#loading").display
        assert not app.main_screen.query_one("#panes").display
        await finish_loading(app, held_open)
        results = results_list(app)
        await wait_until(pilot, lambda: results.display, "the results once the store is loaded")
        await settled(pilot)
        assert app.focused is bar and bar.value == "aral"
        assert results.display
        assert "Restoration of the Aral Sea region" in {r.title for r in results.records}
        assert not app.main_screen.query_one("#panes").display


async def test_search_closed_while_loading_leaves_the_panes(
    shipped_store: Store, held_open: threading.Event
) -> None:
    app = create_app(db_path=shipped_store.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", "x", "escape")
        await pilot.pause()
        assert not app.main_screen.query_one("#panes").display
        await finish_loading(app, held_open)
        await pilot.pause()
        assert app.main_screen.query_one("#panes").display
        assert isinstance(app.focused, RecordList) and app.focused.id == "event"


async def test_pane_chosen_while_loading_is_focused_once_loaded(
    shipped_store: Store, held_open: threading.Event
) -> None:
    app = create_app(db_path=shipped_store.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await finish_loading(app, held_open)
        await pilot.pause()
        assert isinstance(app.focused, RecordList) and app.focused.id == "initiative"
        assert app.focused.current is not None
