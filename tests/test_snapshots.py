"""One snapshot per screen, from the same scenes `make screenshots` draws."""

from __future__ import annotations

from typing import Any

import pytest
from scenes import CORPUS_SCENES, SCENES, SIZE

from oic_tui.store.reader import Store
from oic_tui.tui.app import create_app


@pytest.mark.parametrize("name", sorted(SCENES))
def test_screen_snapshot(name: str, snap_compare: Any, shipped_store: Store) -> None:
    assert snap_compare(
        create_app(store=shipped_store), terminal_size=SIZE, run_before=SCENES[name]
    )


@pytest.mark.parametrize("name", sorted(CORPUS_SCENES))
def test_corpus_screen_snapshot(name: str, snap_compare: Any, corpus_store: Store) -> None:
    assert snap_compare(
        create_app(store=corpus_store), terminal_size=SIZE, run_before=CORPUS_SCENES[name]
    )


def test_small_terminal_snapshot(snap_compare: Any, shipped_store: Store) -> None:
    assert snap_compare(create_app(store=shipped_store), terminal_size=(80, 24))


def test_too_small_snapshot(snap_compare: Any, shipped_store: Store) -> None:
    assert snap_compare(create_app(store=shipped_store), terminal_size=(50, 12))
