"""Text from a store is data: markup, action links and control sequences show literally."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from helpers import (
    SIZE,
    breadcrumb,
    make_store,
    open_record,
    pane,
    record,
    results_list,
    shown,
    static_text,
    typed,
    wait_until,
)
from textual.command import CommandList
from textual.widgets import Static

from oic_tui.store.reader import Store
from oic_tui.tui.app import create_app
from oic_tui.tui.screens.detail import DetailScreen
from oic_tui.tui.screens.main import MainScreen

HOSTILE_TITLES = {
    "fact.bold": "[bold]x[/]",
    "fact.click": "[@click=app.quit]y",
    "fact.open": "a [/",
    "fact.close": "[/]",
    "fact.screenshot": "[@click=app.save_screenshot('/tmp/pwned.svg')]shot",
    "fact.escape": "\x1b]0;evil title\x07\x1b[2Jcleared \x1b]52;c;cGF5bG9hZA==\x07",
    "fact.link": "\x1b]8;;http://evil.example/\x1b\\safe\x1b]8;;\x1b\\",
    "fact.bidi": "abc\u202edcba\u200b\u2066x",
    "fact.surrogate": "lone \ud800 surrogate",
    "fact.long": "L" * 50_000,
    "fact.cjk": "東京 🇰🇿 emoji 👍🏽",
}


def hostile_store(tmp_path: Path) -> Path:
    rows = [
        record(
            record_id,
            "fact",
            ["Kuwait"],
            title=title,
            value=title[:40],
            text=f"{title} $accent [red]text[/red]",
            related=["fact.bold"] if record_id != "fact.bold" else [],
        )
        for record_id, title in HOSTILE_TITLES.items()
    ]
    return make_store(tmp_path, rows, ensure_ascii=True)


def assert_inert(text: str) -> None:
    """No character that could act on a terminal survives."""
    for char in text:
        if char in "\n\t":
            continue
        assert unicodedata.category(char) not in ("Cc", "Cf", "Cs"), repr(char)


async def test_hostile_titles_shown_literally_and_inert(tmp_path: Path) -> None:
    path = hostile_store(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    mtime = path.stat().st_mtime_ns
    store = Store.open(path)
    app = create_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        facts = pane(app, "fact")
        lines = shown(facts)
        for literal in ("[bold]x[/]", "[@click=app.quit]y", "a [/", "[/]"):
            assert any(literal in line for line in lines), literal
        for line in lines:
            assert_inert(line)
        assert any("]0;evil title" in line for line in lines)
        # One click path: a click on a hostile row opens its page and acts on nothing else.
        await pilot.press("4")
        facts.highlighted = list(HOSTILE_TITLES).index("fact.click")
        region = facts.region
        await pilot.click(offset=(region.x + 3, region.y + 1 + facts.highlighted))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, DetailScreen)
        await pilot.press("tab", "enter")  # a hostile related record's page, from this one
        await pilot.pause()
        assert app.is_running
        assert_inert(breadcrumb(app))
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        # Every other title's page is opened directly.
        for record_id in HOSTILE_TITLES:
            await open_record(pilot, record_id)
            assert app.is_running and isinstance(app.screen, DetailScreen)
            rendered = static_text(app.screen.query_one("#record-view", Static))
            assert_inert(rendered)
            assert "[red]text[/red]" in rendered and "$accent" in rendered
            assert_inert(breadcrumb(app))
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
        await typed(pilot, "slash", *"evil title")
        assert [r.id for r in results_list(app).records] == ["fact.escape"]
        await typed(pilot, "ctrl+p", *"click")
        commands = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: commands.option_count > 0, "the palette to list matches")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
    assert not Path("/tmp/pwned.svg").exists()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert path.stat().st_mtime_ns == mtime
