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
    index = Postings(shipped_store.records)
    expected = expected_postings(shipped_store)
    assert set(index.vocabulary) == set(expected)
    for term, holders in expected.items():
        docs, impacts = index.get(term)
        assert docs.tolist() == sorted(holders), term
        assert np.all(impacts > 0), term


@pytest.mark.parametrize("narrow_keys", [1 << 32, 4])
def test_counting_pairs_with_narrow_and_wide_keys(
    monkeypatch: pytest.MonkeyPatch, narrow_keys: int
) -> None:
    monkeypatch.setattr(postings, "NARROW_KEYS", narrow_keys)
    # Three records: [0, 2, 0], [], [1, 1, 2].
    docs, tf, per_term = _count_pairs(array("I", [0, 2, 0, 1, 1, 2]), array("I", [3, 0, 3]), 3)
    assert docs.dtype == np.int32
    assert docs.tolist() == [0, 2, 0, 2]
    assert tf.tolist() == [2.0, 2.0, 1.0, 1.0]
    assert per_term[:3].tolist() == [1, 1, 2]


def test_no_records_make_an_empty_index() -> None:
    index = Postings([])
    assert index.get("anything")[0].size == 0
    assert index.stats == {"records": 0, "terms": 0, "postings": 0}
