"""The benchmark's bare Textual app does the explorer's visible work: a search keystroke in
it shows a screen of results whenever the explorer's does (benchmarks/bare_textual.py), so
the ratio `make bench` prints compares like with like."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest
from helpers import ROOT, generated_store

from oic_tui.search.service import find
from oic_tui.store.reader import Store

# The rows the bench's results list shows at its size (120×36).
SCREEN_ROWS = 30


def benchmark_module(name: str) -> ModuleType:
    """A module of benchmarks/, loaded as the bench loads it (that folder on the path)."""
    folder = str(ROOT / "benchmarks")
    sys.path.insert(0, folder)
    try:
        spec = importlib.util.spec_from_file_location(name, f"{folder}/{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(folder)
    return module


@pytest.fixture(scope="module")
def bench_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The bench's smallest store."""
    return Store.open(generated_store(tmp_path_factory.mktemp("bench") / "s.json", 1000))


def test_every_keystroke_shows_a_screen_of_results_in_both(bench_store: Store) -> None:
    bare = benchmark_module("bare_textual")
    bench = benchmark_module("interaction_bench")
    titles = [record.title for record in bench_store.records]
    folded = [f"{record.title} {record.text}".casefold() for record in bench_store.records]
    queries = [typed for _, typed in bench._typing(bench.SEARCH_QUERY) if typed.strip()]
    assert len(queries) > 40
    screens = 0
    for query in queries:
        if len(find(bench_store, query, limit=SCREEN_ROWS).hits) == SCREEN_ROWS:
            screens += 1
            assert len(bare.first_matches(titles, folded, query)) >= SCREEN_ROWS, query
    # The explorer shows a screen of results for nearly every keystroke of the bench.
    assert screens >= len(queries) - 2
