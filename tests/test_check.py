"""`oic-tui check`: sentence coverage is exact and fast, and generated stores pass it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import generated_store
from hypothesis import given
from hypothesis import strategies as st

from oic_tui.check import _overlap_test, check_store
from oic_tui.store import Store

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=12)


@given(spans, st.integers(0, 60), st.integers(1, 20))
def test_overlap_test_agrees_with_a_scan(
    starts_and_lengths: list[tuple[int, int]], start: int, length: int
) -> None:
    pairs = [(s, s + n) for s, n in starts_and_lengths]
    end = start + length
    expected = any(s < end and start < e for s, e in pairs)
    assert _overlap_test(list(pairs))(start, end) == expected


@pytest.mark.parametrize("total", [40, 97, 400])
def test_generated_stores_pass_check(tmp_path: Path, total: int) -> None:
    path = generated_store(tmp_path / "store.json", total)
    store = Store.open(path)
    assert len(store.records) == total
    report = check_store(store)
    assert report.problems == []
    assert all(covered == count for covered, count in report.coverage.values())
