"""Interaction benchmark: pane switch, search keystroke, command palette keystroke and
source view open in the running explorer, at 1k, 10k and 100k records.

The explorer runs headless under Textual's Pilot, on a store opened and indexed
beforehand (the interactions of a user once the app is ready). Each interaction is timed
from the key reaching the app until it has handled it, every message it caused has been
handled, its workers have finished, and the screen has refreshed after them. Each size
runs in its own process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

SIZE = (120, 36)
PANE_KEYS = ["2", "3", "4", "1"] * 10
# Typed a key at a time, then erased a key at a time: every keystroke is a sample.
SEARCH_QUERY = "council foreign ministers"
PALETTE_QUERY = "islamic cooperation"
SOURCE_OPENS = 20
INTERACTIONS = ("pane switch", "search keystroke", "palette keystroke", "source open")


async def _settled(pilot: Any) -> None:
    """Every message handled, every worker done, and a refresh after their results.

    No `pilot.press` or `pilot.pause`: they wait for the process to look idle in 20 ms
    steps, which would be most of what is measured.
    """
    await pilot._wait_for_screen()
    await pilot.app.workers.wait_for_complete()
    await pilot._wait_for_screen()
    refreshed = asyncio.Event()
    pilot.app.call_after_refresh(refreshed.set)
    await asyncio.wait_for(refreshed.wait(), 30)


async def _key(pilot: Any, key: str, handled: Callable[[], bool]) -> float:
    """Seconds from a key press until `handled()` and the app has settled after it."""
    from textual import events

    started = time.perf_counter()
    event = events.Key(key, " " if key == "space" else key if len(key) == 1 else None)
    pilot.app._driver.send_message(event)
    while not handled():
        await asyncio.sleep(0.0005)
    await _settled(pilot)
    return time.perf_counter() - started


async def _measure(path: Path) -> dict[str, list[float]]:
    from textual.command import CommandPalette
    from textual.widgets import Input

    from oic_tui.search.service import engine_for
    from oic_tui.store.reader import Store
    from oic_tui.tui.app import create_app
    from oic_tui.tui.screens.source import SourceScreen

    store = Store.open(path)
    engine_for(store).warm()
    times: dict[str, list[float]] = {name: [] for name in INTERACTIONS}
    app = create_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.screen
        for key in PANE_KEYS:
            pane = main.query_one(f"#{PANE_ORDER[int(key) - 1]}")
            took = await _key(pilot, key, lambda p=pane: app.focused is p)
            times["pane switch"].append(took)
        await pilot.press("1")
        for _ in range(SOURCE_OPENS):
            took = await _key(pilot, "s", lambda: isinstance(app.screen, SourceScreen))
            times["source open"].append(took)
            await pilot.press("escape", "j")
        await pilot.press("slash")
        await pilot.pause()
        box = main.search_bar
        for key, typed in _typing(SEARCH_QUERY):
            took = await _key(pilot, key, lambda t=typed: box.value == t)
            times["search keystroke"].append(took)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        field = app.screen.query_one(Input)
        for key, typed in _typing(PALETTE_QUERY):
            took = await _key(pilot, key, lambda t=typed: field.value == t)
            times["palette keystroke"].append(took)
        await pilot.press("escape")
    return times


PANE_ORDER = ("event", "topic", "initiative", "fact")


def _typing(text: str) -> list[tuple[str, str]]:
    """Each key typing `text` then erasing it, with the box's value after it."""
    typed = [("space" if c == " " else c, text[: n + 1]) for n, c in enumerate(text)]
    erased = [("backspace", text[:n]) for n in range(len(text) - 1, -1, -1)]
    return typed + erased


def measure(path: Path) -> dict[str, Any]:
    """Run in a child process: every interaction's times, in seconds."""
    os.environ.setdefault("OIC_TUI_CACHE_DIR", "off")
    from oic_tui.store.reader import Store

    times = asyncio.run(_measure(path))
    return {"records": len(Store.open(path).records), "times": times}


def run(sizes: list[int], keep: Path | None) -> list[dict[str, Any]]:
    """Generate each store (unless kept), measure it in a child process."""
    from generate import stores_measured

    return [result for _, result in stores_measured(sizes, keep, __file__)]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def table(results: list[dict[str, Any]]) -> str:
    """A Markdown table: p50 / p95 of each interaction, in milliseconds."""
    lines = [
        "| records | " + " | ".join(f"{name} p50 / p95" for name in INTERACTIONS) + " |",
        "| ---: | " + " | ".join("---:" for _ in INTERACTIONS) + " |",
    ]
    for result in results:
        cells = [
            f"{_percentile(result['times'][name], 0.5) * 1000:.0f} / "
            f"{_percentile(result['times'][name], 0.95) * 1000:.0f} ms"
            for name in INTERACTIONS
        ]
        lines.append(f"| {result['records']:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--keep", type=Path, help="keep the generated stores in this folder")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    print(table(run([int(s) for s in args.sizes.split(",")], args.keep)))


if __name__ == "__main__":
    main()
