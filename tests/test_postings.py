"""The inverted index agrees with counting every record's tokens by hand."""

from __future__ import annotations

from array import array
from collections import Counter

import numpy as np
import pytest

from oic_tui.search import postings
from oic_tui.search.postings import STRONG_REPEATS, Postings, _count_pairs, record_tokens
from oic_tui.store.reader import Store


def expected_postings(store: Store) -> dict[str, dict[int, int]]:
    """term -> {record number: weighted count}, counted the obvious way."""
    result: dict[str, dict[int, int]] = {}
    for number, record in enumerate(store.records):
        strong, body = record_tokens(record)
        counts = Counter(body)
        for token in strong:
            counts[token] += STRONG_REPEATS
        for term, count in counts.items():
            result.setdefault(term, {})[number] = count
    return result


def test_postings_match_a_hand_count(shipped_store: Store) -> None:
    index = Postings.build(shipped_store.records)
    expected = expected_postings(shipped_store)
    assert set(index.vocabulary) == set(expected)
    for term, holders in expected.items():
        rows, impacts = index.get(term)
        assert rows.tolist() == sorted(holders), term
        assert np.all(impacts > 0), term


@pytest.mark.parametrize("narrow_keys", [1 << 32, 4])
def test_counting_pairs_with_narrow_and_wide_keys(
    monkeypatch: pytest.MonkeyPatch, narrow_keys: int
) -> None:
    monkeypatch.setattr(postings, "NARROW_KEYS", narrow_keys)
    # Three records: [0, 2, 0], [], [1, 1, 2].
    rows, tf, per_term = _count_pairs(array("I", [0, 2, 0, 1, 1, 2]), array("I", [3, 0, 3]), 3)
    assert rows.dtype == np.int32
    assert rows.tolist() == [0, 2, 0, 2]
    assert tf.tolist() == [2.0, 2.0, 1.0, 1.0]
    assert per_term[:3].tolist() == [1, 1, 2]


def test_no_records_make_an_empty_index() -> None:
    index = Postings.build([])
    assert index.get("anything")[0].size == 0
    assert index.stats == {"records": 0, "terms": 0, "postings": 0}
    again = Postings.from_arrays([], index.arrays())
    assert again is not None and again.stats == index.stats


def test_arrays_give_back_the_same_index(shipped_store: Store) -> None:
    built = Postings.build(shipped_store.records)
    saved = built.arrays()
    restored = Postings.from_arrays(shipped_store.records, saved)
    assert restored is not None
    assert "python" in built.build_seconds and "cached" in restored.build_seconds
    again = restored.arrays()
    assert again.keys() == saved.keys()
    for name, array_saved in saved.items():
        assert again[name].dtype == array_saved.dtype, name
        assert np.array_equal(again[name], array_saved), name
    assert restored.vocabulary == built.vocabulary
    assert restored.sorted_terms == built.sorted_terms
    for column in ("kinds", "year_low", "year_high"):
        assert np.array_equal(getattr(restored, column), getattr(built, column)), column
    for term in ("kazakhstan", "security", "2015"):
        for mine, theirs in zip(restored.get(term), built.get(term), strict=True):
            assert np.array_equal(mine, theirs), term


def test_arrays_of_other_records_are_refused(shipped_store: Store) -> None:
    saved = Postings.build(shipped_store.records).arrays()
    assert Postings.from_arrays(shipped_store.records[:-1], saved) is None
    assert Postings.from_arrays([], saved) is None
    wider = {**saved, "impacts": saved["impacts"].astype(np.float64)}
    assert Postings.from_arrays(shipped_store.records, wider) is None
    fewer = {name: array for name, array in saved.items() if name != "starts"}
    assert Postings.from_arrays(shipped_store.records, fewer) is None


def test_building_reads_no_file_and_starts_no_thread(
    shipped_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins
    import os
    import threading

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the index touched a file or started a thread")

    before = threading.active_count()
    for module, name in ((builtins, "open"), (os, "open"), (threading.Thread, "start")):
        monkeypatch.setattr(module, name, refuse)
    index = Postings.build(shipped_store.records)
    assert Postings.from_arrays(shipped_store.records, index.arrays()) is not None
    assert threading.active_count() == before
