"""Snapshots of the review screen (issue #26), dark and light, from `make screenshots`' scenes."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from scenes import REVIEW_SCENES, SIZE, review_corpus

from oic_tui.corpus.folder import find_corpus
from oic_tui.store.reader import Store
from oic_tui.tui.app import create_app


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return review_corpus(tmp_path_factory.mktemp("review-scenes"))


@pytest.mark.parametrize("name", sorted(REVIEW_SCENES))
def test_review_snapshot(name: str, snap_compare: Any, reviewed: Path, tmp_path: Path) -> None:
    # A copy each: a scene may decide, and writes to its corpus.
    root = Path(shutil.copytree(reviewed, tmp_path / "corpus"))
    app = create_app(store=Store.open(find_corpus(root).store_path), corpus=root)
    assert snap_compare(app, terminal_size=SIZE, run_before=REVIEW_SCENES[name])
