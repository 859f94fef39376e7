"""The fast decode of well-formed stores gives exactly what the checked path gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import default_records, make_store, record

from oic_tui.store.fastload import decode_well_formed
from oic_tui.store.files import read_json
from oic_tui.store.reader import Store, default_store_path


def both_ways(path: Path) -> tuple[Store, Store]:
    """The store opened normally, and through the checked path only."""
    checked = Store.from_data(path, read_json(path), sanitise=False)
    return Store.open(path), checked


def assert_same(opened: Store, checked: Store) -> None:
    assert opened.records == checked.records
    assert opened.documents == checked.documents
    assert opened.problems == checked.problems


def test_the_shipped_store_decodes_whole() -> None:
    text = default_store_path().read_text(encoding="utf-8")
    rows = decode_well_formed(text)
    assert rows is not None
    assert len(rows.records) == len(json.loads(text)["records"])
    assert_same(*both_ways(default_store_path()))


def test_a_small_store_gives_the_same_records(tmp_path: Path) -> None:
    path = make_store(tmp_path)
    assert decode_well_formed(path.read_text(encoding="utf-8")) is not None
    assert_same(*both_ways(path))


def test_an_empty_date_end_means_the_start_either_way(tmp_path: Path) -> None:
    records = default_records()
    records[0]["date"] = {"start": "2015-05-29", "end": "", "precision": "day"}
    records[1]["date"] = {"start": "", "end": "", "precision": ""}
    path = make_store(tmp_path, records)
    assert decode_well_formed(path.read_text(encoding="utf-8")) is not None
    opened, checked = both_ways(path)
    assert_same(opened, checked)
    assert opened.get("event.report").date.end == "2015-05-29"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "change",
    [
        {"value": None},
        {"entities": None},
        {"date": {"start": "2015-02-30", "end": "2015-02-30", "precision": "day"}},
        {"kind": "rumour"},
        {"phase": "later"},
        {"title": "  "},
        {"sources": []},
        {"sources": [{"doc": "mini-doc", "start": True, "end": 6, "quote": "Kuwait"}]},
    ],
    ids=["null", "null list", "bad date", "kind", "phase", "blank", "no spans", "bool"],
)
def test_anything_unusual_takes_the_checked_path(tmp_path: Path, change: dict[str, Any]) -> None:
    rows = [*default_records(), record("entity.odd", **change)]
    path = make_store(tmp_path, rows)
    assert decode_well_formed(path.read_text(encoding="utf-8")) is None
    assert_same(*both_ways(path))


@pytest.mark.parametrize(
    "data",
    [
        {"meta": {"1": {"schema_version": 2}}, "documents": {}, "records": {"x": {}}},
        {"meta": [], "documents": {}, "records": {}},
        {"meta": {}, "documents": {}},
        [1, 2, 3],
    ],
)
def test_wrong_shapes_are_refused(data: Any) -> None:
    assert decode_well_formed(json.dumps(data)) is None


def test_deep_nesting_is_refused_not_crashed() -> None:
    deep = '{"meta": {"1": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}}"
    assert decode_well_formed(deep) is None
