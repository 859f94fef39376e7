"""The store's side of a fast rebuild: the sanitising check's shortcut, and answers kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import STORE_JSON, default_records, make_store, record
from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.store import sanitize
from oic_tui.store.fastload import decode_well_formed
from oic_tui.store.mentions import AliasIndex
from oic_tui.store.reader import Store

# Controls, joiners, escapes and quotes among plain and other characters.
_ALPHABET = 'ab "\\\n\t\x1b\x0b\x7f\u200c\u200d\u202e\u2028\ufeff…é\ud800😀'


def _by_the_expression(text: str) -> bool:
    """`needs_cleaning` as it was: its regular expression over the whole text."""
    if "\x7f" in text or sanitize._unsafe_escape(text):
        return True
    return not text.isascii() and sanitize._RAW_UNSAFE.search(text) is not None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_needs_cleaning_answers_as_its_regular_expression_does(text: str) -> None:
    assert sanitize.needs_cleaning(text) == _by_the_expression(text)


def test_an_answer_kept_is_a_copy_and_an_index_without_aliases_answers_anew() -> None:
    index = AliasIndex([("entity.a", ["Test Council", "Council"]), ("entity.b", ["Test"])])
    quote = "The Test Council met the Council."
    expected = index.named_among(quote, index.mentions(quote))
    first = index.named(quote)
    assert first == expected and {m.entity_id for m in first} == {"entity.a"}
    first.clear()
    assert index.named(quote) == expected
    smaller = index.without(frozenset({("entity.a", "Test Council")}))
    assert {m.entity_id for m in smaller.named(quote)} == {"entity.a", "entity.b"}
    assert index.named(quote) == expected


def test_the_same_bytes_again_give_the_store_made_of_them(tmp_path: Path) -> None:
    """An undo writes back the store of the build before: it is handed that store again."""
    raw = STORE_JSON.read_bytes()
    path = tmp_path / "store.json"
    first = Store.from_bytes(path, raw)
    assert Store.from_bytes(path, raw) is first
    other = raw.replace(b'"Kuwait"', b'"Kuwaiti"', 1)
    assert other != raw
    second = Store.from_bytes(path, other)
    assert second is not first
    assert Store.from_bytes(path, bytes(raw)) is first
    assert first.records == Store.open(STORE_JSON).records


_UNUSUAL = [
    {"value": None},
    {"date": {"start": "2015-02-30", "end": "2015-02-30", "precision": "day"}},
    {"kind": "rumour"},
    {"sources": []},
    {"unknown_field": 1},
    {"date": {"start": "2015-05-29", "end": "", "precision": "day"}},
]


@pytest.mark.parametrize("change", [{}, *_UNUSUAL])
def test_records_kept_by_their_json_decode_as_every_record_does(
    tmp_path: Path, change: dict[str, Any]
) -> None:
    path = make_store(tmp_path, [*default_records(), record("entity.odd", **change)])
    text = path.read_text(encoding="utf-8")
    expected = decode_well_formed(text)
    for _ in range(2):  # decoded, then found again
        assert decode_well_formed(text, keep=True) == expected
    compact = json.dumps(json.loads(text))
    assert decode_well_formed(compact, keep=True) == decode_well_formed(compact)


@pytest.mark.parametrize(
    "data",
    [
        {"meta": {"1": {"schema_version": 2}}, "documents": {}, "records": {"x": {}}},
        {"meta": {"1": {"schema_version": 2}}, "documents": {}, "records": {"1": []}},
        {"meta": [], "documents": {}, "records": {}},
        [1, 2, 3],
    ],
)
def test_wrong_shapes_are_refused_with_records_kept(data: Any) -> None:
    assert decode_well_formed(json.dumps(data), keep=True) is None
