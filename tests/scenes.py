"""Scenes of the real app, for `make screenshots` and the snapshot tests."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from oic_tui.store.reader import Store
from oic_tui.tui.app import create_app
from oic_tui.tui.widgets.record_list import RecordList

Scene = Callable[[Pilot[None]], Awaitable[None]]


async def _keys(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def main_scene(pilot: Pilot[None]) -> None:
    """The four panes."""
    await _keys(pilot)


async def detail_scene(pilot: Pilot[None]) -> None:
    """The IOFS initiative's detail."""
    await _keys(pilot, "3", "G", "enter")


async def entity_scene(pilot: Pilot[None]) -> None:
    """Astana and its backlinks, reached from the IOFS initiative's entities."""
    await _keys(pilot, "3", "G", "enter")
    entities = pilot.app.screen.query_one("#entities", RecordList)
    steps = [r.id for r in entities.records].index("entity.astana")
    await _keys(pilot, *["j"] * steps, "enter")


async def source_scene(pilot: Pilot[None]) -> None:
    """The article, at the IOFS initiative's sentence."""
    await _keys(pilot, "3", "G", "enter", "s")


async def search_scene(pilot: Pilot[None]) -> None:
    """Results for `nuclear`."""
    await _keys(pilot, "slash", *"nuclear")


async def help_scene(pilot: Pilot[None]) -> None:
    """The keys."""
    await _keys(pilot, "question_mark")


SCENES: dict[str, Scene] = {
    "main": main_scene,
    "detail": detail_scene,
    "entity": entity_scene,
    "source": source_scene,
    "search": search_scene,
    "help": help_scene,
}
SIZE = (120, 36)


async def save_all(folder: Path) -> list[Path]:
    """Run every scene on the shipped store and write one SVG each."""
    folder.mkdir(parents=True, exist_ok=True)
    store = Store.open()
    written = []
    for name, scene in SCENES.items():
        app = create_app(store=store)
        async with app.run_test(size=SIZE) as pilot:
            await scene(pilot)
            path = folder / f"{name}.svg"
            app.save_screenshot(filename=path.name, path=str(folder))
            written.append(path)
    return written


if __name__ == "__main__":
    for written in asyncio.run(save_all(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))):
        print(written)
