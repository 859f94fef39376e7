"""Shared fixtures: the shipped store and article, copies of data/, apps under a pilot."""

from __future__ import annotations

import inspect
import json
import os
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import ARTICLE, SIZE, STORE_JSON, copy_data, make_store, make_test_corpus, settled
from textual.pilot import Pilot

from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app

# Tests never write index caches into the user's home; the cache tests choose a folder.
os.environ["OIC_TUI_CACHE_DIR"] = "off"

# A test that takes one of these runs the explorer.
UI_FIXTURES = frozenset({"pilot", "app", "corpus_pilot", "corpus_app", "snap_compare"})


def _runs_the_explorer(item: pytest.Item) -> bool:
    function = getattr(item, "function", None)
    if function is None:
        return False
    if inspect.iscoroutinefunction(function) or UI_FIXTURES & set(
        getattr(item, "fixturenames", ())
    ):
        return True
    try:
        return "run_test(" in inspect.getsource(function)
    except (OSError, TypeError):
        return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that runs the explorer `ui`: `make test-fast` leaves them out."""
    for item in items:
        if _runs_the_explorer(item):
            item.add_marker(pytest.mark.ui)


@pytest.fixture(scope="session")
def shipped_store() -> Store:
    """The committed store, opened once for the whole session (it is immutable)."""
    return Store.open(STORE_JSON)


@pytest.fixture(scope="session")
def shipped_text() -> str:
    """The shipped article as text."""
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shipped_raw() -> dict[str, Any]:
    """The committed store as raw JSON (before any validation by Store)."""
    data: dict[str, Any] = json.loads(STORE_JSON.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ to edit annotations in."""
    return copy_data(tmp_path)


@pytest.fixture(scope="session")
def built_test_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test corpus, built once a session; read only (a test that edits takes a copy)."""
    return make_test_corpus(tmp_path_factory.mktemp("shared") / "corpus")


@pytest.fixture
def test_corpus(tmp_path: Path, built_test_corpus: Path) -> Path:
    """A built corpus folder of its own: the seed plus the test documents of tests/corpus/."""
    # Copied with their dates, the sources and the store stay as fresh as they were built.
    return Path(shutil.copytree(built_test_corpus, tmp_path / "corpus", symlinks=True))


@pytest.fixture(scope="session")
def corpus_store(built_test_corpus: Path) -> Store:
    """The opened store of the test corpus, shared by the session (it is never edited)."""
    from oic_tui.corpus.folder import find_corpus

    return Store.open(find_corpus(built_test_corpus).store_path)


@pytest.fixture
def mini_store_path(tmp_path: Path) -> Path:
    """A small valid synthetic store file."""
    return make_store(tmp_path)


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., tuple[int, str, str]]]:
    """Run `oic_tui.cli.main(argv)` in-process; returns (exit status, stdout, stderr)."""
    from oic_tui.cli.main import main

    monkeypatch.setenv("COLUMNS", "200")

    def run(*argv: str | Path) -> tuple[int, str, str]:
        capsys.readouterr()
        status = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return status, out, err

    yield run


@pytest.fixture
async def pilot(shipped_store: Store) -> AsyncIterator[Pilot[None]]:
    """The explorer on the shipped store at the standard size, first screen drawn."""
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as running:
        await running.pause()
        yield running


@pytest.fixture
def app(pilot: Pilot[None]) -> OicApp:
    """The app the `pilot` fixture drives."""
    assert isinstance(pilot.app, OicApp)
    return pilot.app


@pytest.fixture
async def corpus_pilot(corpus_store: Store) -> AsyncIterator[Pilot[None]]:
    """The explorer on the test corpus's store at the standard size, settled."""
    app = create_app(store=corpus_store)
    async with app.run_test(size=SIZE) as running:
        await settled(running)
        yield running


@pytest.fixture
def corpus_app(corpus_pilot: Pilot[None]) -> OicApp:
    """The app the `corpus_pilot` fixture drives."""
    assert isinstance(corpus_pilot.app, OicApp)
    return corpus_pilot.app


@pytest.fixture(scope="session")
def review_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of the shipped document and the review tests' imported text (its drafts)."""
    from helpers import imported_corpus
    from review_pilot import ARTICLE

    return imported_corpus(tmp_path_factory.mktemp("review"), ARTICLE)


@pytest.fixture
def review_root(review_corpus: Path, tmp_path: Path) -> Path:
    """A copy of the review corpus that the test may change."""
    return Path(shutil.copytree(review_corpus, tmp_path / "corpus"))
