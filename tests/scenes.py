"""Scenes of the real app, for `make screenshots` and the snapshot tests."""

from __future__ import annotations

import asyncio
import sys
import tempfile
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
    # The page has focus first: Tab to the entities.
    await _keys(pilot, "tab", *["j"] * steps, "enter")


async def source_scene(pilot: Pilot[None]) -> None:
    """The article, at the IOFS initiative's sentence."""
    await _keys(pilot, "3", "G", "enter", "s")


async def search_scene(pilot: Pilot[None]) -> None:
    """Results for `nuclear`."""
    await _keys(pilot, "slash", *"nuclear")


async def snippets_scene(pilot: Pilot[None]) -> None:
    """Results for `astana`, each with the words around its match."""
    await _keys(pilot, "slash", *"astana")


async def light_scene(pilot: Pilot[None]) -> None:
    """The four panes in the light theme."""
    pilot.app.theme = "textual-light"
    await _keys(pilot)


async def help_scene(pilot: Pilot[None]) -> None:
    """The keys."""
    await _keys(pilot, "question_mark")


async def corpus_scene(pilot: Pilot[None]) -> None:
    """The test corpus: the timeline across documents, by year and document."""
    await _keys(pilot)


async def documents_scene(pilot: Pilot[None]) -> None:
    """The document picker."""
    await _keys(pilot, "d")


async def history_scene(pilot: Pilot[None]) -> None:
    """The IOFS initiative followed over the test corpus's documents."""
    await _keys(pilot)
    initiatives = pilot.app.screen.query_one("#initiative", RecordList)
    steps = [r.id for r in initiatives.records].index("initiative.iofs")
    await _keys(pilot, "3", *["j"] * steps, "enter")


async def scoped_scene(pilot: Pilot[None]) -> None:
    """The panes scoped to one document of the corpus."""
    await _keys(pilot, "d", *"dhaka", "enter")


# Scenes of a corpus: the seed and the fictional test documents of tests/corpus/.
CORPUS_SCENES: dict[str, Scene] = {
    "corpus": corpus_scene,
    "documents": documents_scene,
    "history": history_scene,
    "scoped": scoped_scene,
}
SCENES: dict[str, Scene] = {
    "main": main_scene,
    "detail": detail_scene,
    "entity": entity_scene,
    "source": source_scene,
    "search": search_scene,
    "snippets": snippets_scene,
    "light": light_scene,
    "help": help_scene,
}
SIZE = (120, 36)

# TEST DATA: a short fictional report, written for oic-tui, imported for the review scenes.
REVIEW_ARTICLE = (
    "date 2020-06-10 NUR-SULTAN. KAZINFORM - Kazakhstan proposed to hold a forum on food "
    "security in Nur-Sultan in 2021. IOFS Director General Yerlan Baidaulet said the "
    "organization now has 35 member states. Delegations of the OIC Member States discussed "
    "the situation in Syria.\nForeign policy\n"
)


async def review_scene(pilot: Pilot[None]) -> None:
    """The review of the imported report's drafts, at its first drafted sentence."""
    await _keys(pilot, "R")


async def review_light_scene(pilot: Pilot[None]) -> None:
    """The review in the light theme."""
    pilot.app.theme = "textual-light"
    await _keys(pilot, "R")


async def review_form_scene(pilot: Pilot[None]) -> None:
    """An accept refused for want of a phase: the field opens, saying what it takes."""
    await _keys(pilot, "R", "a")


# Scenes of a corpus with the report above imported (its drafts), each on its own copy.
REVIEW_SCENES: dict[str, Scene] = {
    "review": review_scene,
    "review-light": review_light_scene,
    "review-form": review_form_scene,
}


def review_corpus(folder: Path) -> Path:
    """A corpus of the seed and REVIEW_ARTICLE imported into it, built; its folder."""
    from helpers import imported_corpus

    return imported_corpus(folder, REVIEW_ARTICLE)


def corpus_store(folder: Path) -> Store:
    """The test corpus (seed plus tests/corpus/), built in a folder."""
    from helpers import make_test_corpus

    from oic_tui.corpus.folder import find_corpus

    return Store.open(find_corpus(make_test_corpus(folder / "corpus")).store_path)


async def save_all(folder: Path) -> list[Path]:
    """Run every scene on the shipped store and the test corpus and write one SVG each."""
    folder.mkdir(parents=True, exist_ok=True)
    shipped = Store.open()
    with tempfile.TemporaryDirectory() as scratch:
        corpus = corpus_store(Path(scratch))
    scenes = [(n, s, shipped) for n, s in SCENES.items()]
    scenes += [(n, s, corpus) for n, s in CORPUS_SCENES.items()]
    from oic_tui.corpus.folder import find_corpus

    written = []
    for name, scene in REVIEW_SCENES.items():
        with tempfile.TemporaryDirectory() as scratch:
            root = review_corpus(Path(scratch))
            app = create_app(store=Store.open(find_corpus(root).store_path), corpus=root)
            async with app.run_test(size=SIZE) as pilot:
                await scene(pilot)
                app.save_screenshot(filename=f"{name}.svg", path=str(folder))
            written.append(folder / f"{name}.svg")
    for name, scene, store in scenes:
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
