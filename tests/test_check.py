"""`oic-tui check`: sentence coverage is exact and fast, and generated stores pass it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import generated_store
from hypothesis import given
from hypothesis import strategies as st

from oic_tui.store.check import _overlap_test, check_store
from oic_tui.store.reader import Store

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


def test_check_sums_coverage_up_over_many_documents(tmp_path: Path, cli: Any) -> None:
    path = generated_store(tmp_path / "store.json", 600)
    documents = len(Store.open(path).documents)
    assert documents > 10
    status, out, _ = cli("check", path)
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 2, out
    assert lines[0].startswith(f"{documents:,} documents: sentence coverage ")
    assert lines[0].endswith("(100%), 0 not fully covered")
    assert lines[1] == "600 records, 0 problems"
