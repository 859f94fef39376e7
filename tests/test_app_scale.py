"""Pilot tests on a generated store of thousands of records: counts, jumps, search."""

from __future__ import annotations

from pathlib import Path

from helpers import SIZE, generated_store, pane, results_list, typed
from textual.content import Content

from oic_tui.store.reader import Store
from oic_tui.tui.app import create_app


async def test_thousands_of_records_count_jump_and_search(tmp_path: Path) -> None:
    store = Store.open(generated_store(tmp_path / "store.json", 6000))
    app = create_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        facts = pane(app, "fact")
        count = len(store.by_kind("fact"))
        assert count > 1000
        assert Content.from_markup(facts.border_title or "").plain.endswith(f"/{count:,}")
        await pilot.press("4", "G")
        assert facts.current == facts.records[-1]
        assert facts.scroll_offset.y == facts.max_scroll_y > 0
        await pilot.press("g")
        assert facts.current == facts.records[0] and facts.scroll_offset.y == 0
        await typed(pilot, "slash", *"kind:fact")
        title = Content.from_markup(results_list(app).border_title or "").plain
        assert title == "Results 1/500+"
