"""`oic-tui check`: sentence coverage is exact and fast, and generated stores pass it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oic_tui.check import _overlap_test, check_store
from oic_tui.store import Store

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=12)


@given(spans, st.integers(0, 60), st.integers(1, 20))
def test_overlap_test_agrees_with_a_scan(
    starts_and_lengths: list[tuple[int, int]], start: int, length: int
) -> None:
    pairs = [(s, s + n) for s, n in starts_and_lengths]
    end = start + length
    expected = any(s < end and start < e for s, e in pairs)
    assert _overlap_test(list(pairs))(start, end) == expected


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    """The benchmark's store generator, imported from its file."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("generate", BENCHMARKS / "generate.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.mark.parametrize("total", [40, 97, 400])
def test_generated_stores_pass_check(generator: ModuleType, tmp_path: Path, total: int) -> None:
    path = generator.write(total, tmp_path / "store.json")
    store = Store.open(path)
    assert len(store.records) == total
    report = check_store(store)
    assert report.problems == []
    assert all(covered == count for covered, count in report.coverage.values())
