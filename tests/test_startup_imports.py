"""Startup: a small store's records are in the first paint; search is imported after it."""

from __future__ import annotations

import gc
import json
from concurrent.futures import Future
from pathlib import Path

from helpers import SIZE, STORE_JSON, VENV_BIN, pane, run_subprocess, wait_until

from oic_tui.cli.launch import OPEN_EARLY_BYTES, open_early
from oic_tui.store.reader import Store
from oic_tui.tui.app import create_app
from oic_tui.tui.screens.notice import StoreErrorScreen

# Runs the explorer as `oic-tui` does (a small store opened while the UI imports) and
# reports what had been imported, and what was shown, at its first paint.
_FIRST_PAINT = """
import gc, json, sys
from pathlib import Path

gc.disable()  # as `launch` does
from oic_tui.cli.launch import open_early
from oic_tui.tui.app import OicApp

NAMES = ("numpy", "oic_tui.search.engine", "oic_tui.search.service")
seen = {{}}


class Probe(OicApp):
    def on_mount(self):
        # Runs before OicApp.on_mount: this callback comes first after the first paint.
        self.call_after_refresh(self.first_paint)

    def first_paint(self):
        main = self.main_screen
        seen["loading"] = main.loading_store
        seen["panes shown"] = main.query_one("#panes").display
        seen["loading shown"] = main.query_one("#loading").display
        seen["rows"] = sum(len(pane.records) for pane in main.query(".pane"))
        seen["imported"] = [name for name in NAMES if name in sys.modules]
        self.set_interval(0.01, self.searchable)

    def searchable(self):
        # Once the warm-up worker that imported search has finished.
        if "oic_tui.search.service" in sys.modules and all(w.is_finished for w in self.workers):
            from oic_tui.search.service import engine_ready

            seen["searchable"] = engine_ready(self.store)
            seen["collecting"] = gc.isenabled()
            self.exit()


path = Path({path!r})
Probe(path, opening=open_early(path)).run(headless=True, size=(120, 36))
print(json.dumps(seen))
"""


def test_the_first_paint_shows_the_records_and_imports_no_search(tmp_path: Path) -> None:
    code = _FIRST_PAINT.format(path=str(STORE_JSON))
    result = run_subprocess([str(VENV_BIN / "python"), "-c", code], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["loading"] is False
    assert seen["panes shown"] and not seen["loading shown"]
    assert seen["rows"] > 0
    assert seen["imported"] == []
    # ...and search is ready soon after, without anything asking for it.
    assert seen["searchable"] is True
    assert seen["collecting"] is True


def test_only_a_small_readable_store_is_opened_early(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (OPEN_EARLY_BYTES + 1))
    assert open_early(big) is None  # would slow the imports the first paint waits for
    assert open_early(tmp_path / "missing.json") is None  # the loader says what is wrong
    opening = open_early(STORE_JSON)
    assert opening is not None
    assert len(opening.result(timeout=30).records) > 0


async def test_a_store_that_fails_early_shows_why(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    opening = open_early(broken)
    assert opening is not None
    opening.exception(timeout=30)
    app = create_app(broken, opening=opening)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, StoreErrorScreen), "the error")
        assert str(broken.name) in app.store_error
        assert app.store is None


async def test_a_store_still_opening_at_the_first_paint_fills_the_panes_once_open(
    shipped_store: Store,
) -> None:
    opening: Future[Store] = Future()
    app = create_app(STORE_JSON, opening=opening)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.main_screen.loading_store
        opening.set_result(shipped_store)
        await wait_until(pilot, lambda: not app.main_screen.loading_store, "the panes to fill")
        assert app.store is shipped_store
        assert pane(app, "topic").records


async def test_the_collector_paused_for_startup_resumes_after_the_first_paint(
    shipped_store: Store,
) -> None:
    gc.disable()  # as `launch` does
    try:
        app = create_app(store=shipped_store)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, gc.isenabled, "the collector to resume")
    finally:
        gc.enable()
