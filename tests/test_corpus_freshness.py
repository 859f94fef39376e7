"""A corpus's store is fresh by content: what changes a source rebuilds, nothing else does."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from oic_tui.corpus.folder import find_corpus, stale_because
from oic_tui.corpus.freshness import SOURCES_KEY, recorded_fingerprint, source_files
from oic_tui.store.reader import Store

NEXT_YEAR_NS = time.time_ns() + 365 * 24 * 3600 * 10**9
STEPS = "documents/test-iofs-2020/steps.toml"


def set_mtime(path: Path, ns: int) -> None:
    os.utime(path, ns=(ns, ns))


def store_mtime(corpus: Path) -> int:
    return find_corpus(corpus).store_path.stat().st_mtime_ns


def test_the_store_records_each_source_with_its_size_and_sha256(test_corpus: Path) -> None:
    corpus = find_corpus(test_corpus)
    recorded = recorded_fingerprint(corpus.store_path, 2)
    assert recorded is not None
    assert recorded.keys() == source_files(test_corpus).keys()
    assert STEPS in recorded and "corpus.toml" in recorded
    size, digest = recorded[STEPS]
    assert size == (test_corpus / STEPS).stat().st_size and len(digest) == 64
    # Read from the head of the file, it agrees with the whole store read as JSON.
    meta = json.loads(corpus.store_path.read_text(encoding="utf-8"))["meta"]["1"]
    assert {k: tuple(v) for k, v in meta[SOURCES_KEY].items()} == recorded
    assert stale_because(corpus) == ""


def test_a_source_dated_in_the_future_but_unchanged_is_no_reason_to_rebuild(
    test_corpus: Path,
) -> None:
    corpus = find_corpus(test_corpus)
    set_mtime(test_corpus / STEPS, NEXT_YEAR_NS)
    assert stale_because(corpus) == ""


def test_a_changed_source_is_stale_whatever_its_size_or_date(test_corpus: Path) -> None:
    corpus = find_corpus(test_corpus)
    steps = test_corpus / STEPS
    text = steps.read_text(encoding="utf-8")
    # Same size, one letter changed, dated after the build: its hash tells.
    steps.write_text(text.replace("#", "%", 1), encoding="utf-8")
    set_mtime(steps, store_mtime(test_corpus) + 10**9)
    assert stale_because(corpus) == "sources changed"
    # Another size, dated long before the build: its size tells.
    steps.write_text(text + "# a comment\n", encoding="utf-8")
    set_mtime(steps, 10**9)
    assert stale_because(corpus) == "sources changed"


def test_a_document_folder_the_store_does_not_list_is_stale_even_if_older(
    test_corpus: Path,
) -> None:
    """The lost-document race: a folder renamed in before a store built without it landed."""
    corpus = find_corpus(test_corpus)
    new = test_corpus / "documents" / "late-doc"
    new.mkdir()
    (new / "document.toml").write_text('id = "late-doc"\n', encoding="utf-8")
    for path in (new / "document.toml", new, new.parent):
        set_mtime(path, 10**9)
    assert stale_because(corpus) == "sources added or removed"


def test_a_removed_source_and_a_store_without_a_fingerprint_are_stale(
    test_corpus: Path,
) -> None:
    corpus = find_corpus(test_corpus)
    (test_corpus / STEPS).unlink()
    assert stale_because(corpus) == "sources added or removed"
    data = json.loads(corpus.store_path.read_text(encoding="utf-8"))
    del data["meta"]["1"][SOURCES_KEY]
    corpus.store_path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    assert stale_because(corpus) == "the store does not say what it was built from"
    corpus.store_path.unlink()
    assert stale_because(corpus) == "no store yet"


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"{",
        b'{\n "meta": {\n  "1": [1]\n },\n',
        b'{\n "meta": {\n  "1": {"sources": 3}\n },\n',
    ],
)
def test_an_unreadable_fingerprint_means_rebuild(tmp_path: Path, head: bytes) -> None:
    store = tmp_path / "corpus.json"
    store.write_bytes(head + b' "documents": {}\n}\n')
    assert recorded_fingerprint(store, 2) is None


def test_a_future_dated_change_rebuilds_once_then_opens_at_once(
    test_corpus: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    title = test_corpus / "corpus.toml"
    title.write_text(title.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    set_mtime(title, NEXT_YEAR_NS)
    status, _, err = cli("--corpus", test_corpus, "docs")
    assert status == 0 and "rebuilding" in err and "(sources changed)" in err
    for _ in range(2):
        status, _, err = cli("--corpus", test_corpus, "docs")
        assert status == 0 and "rebuilding" not in err
    assert Store.open(find_corpus(test_corpus).store_path).multi_document
