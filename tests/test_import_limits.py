"""`oic-tui import` bounded and safe: limits checked before a byte is written, links refused."""

from __future__ import annotations

import hashlib
import os
import signal
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from helpers import ARTICLE, ARTICLE_NAME, SHIPPED_DOC_ID
from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.corpus import confine
from oic_tui.corpus.folder import find_corpus, init_corpus
from oic_tui.ingest import importer, textinput
from oic_tui.ingest.importer import AliasSource, Importer, ImportOptions, corpus_entities
from oic_tui.ingest.textinput import (
    MAX_SENTENCES,
    MAX_TEXT_BYTES,
    ImportRefused,
    check_sentences,
    plain_text,
    read_input,
)
from oic_tui.store.check import check_store
from oic_tui.store.files import StoreError
from oic_tui.store.reader import Store, data_dir

# TEST DATA: a fictional dateline and sentences written for these tests.
DATELINE = "DHAKA, May 7, 2018 (Test Wire) - "
WIRE = DATELINE + "The ministers met in Dhaka on 5-6 May 2018. Kazakhstan called for more trade.\n"
WHITESPACE = [chr(c) for c in range(0x110000) if chr(c).isspace()]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A new corpus: the shipped document, built."""
    return init_corpus(tmp_path / "corpus", data_dir()).root


def tree(root: Path) -> dict[str, bytes | str]:
    """Every file's bytes, link's target and folder under `root`, links not followed."""
    found: dict[str, bytes | str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            key = str(path.relative_to(root))
            if path.is_symlink():
                found[key] = "link to " + os.readlink(path)
            elif path.is_dir():
                found[key] = "folder"
            else:
                found[key] = path.read_bytes()
    return found


def text_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(err: str, name: str) -> str:
    """The one line the import said of a refused file."""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and lines[0].endswith("; skipped"), err
    return lines[0]


def no_drafting(*_: Any) -> Any:
    raise AssertionError("drafted a text that should have been refused first")


def test_an_oversized_text_is_refused_and_nothing_is_written(
    cli: Any, corpus: Path, tmp_path: Path
) -> None:
    big = text_file(tmp_path, "big.txt", DATELINE + "a" * MAX_TEXT_BYTES + "\n")
    before = tree(corpus)
    status, _, err = cli("import", big, "--corpus", corpus)
    assert status == 2
    line = refusal(err, "big.txt")
    assert "is larger than 2 MiB, the most a news report is imported at" in line
    assert tree(corpus) == before


def test_a_text_of_exactly_the_size_limit_is_read(tmp_path: Path) -> None:
    path = text_file(tmp_path, "full.txt", "a" * (MAX_TEXT_BYTES - 1) + "\n")
    assert len(read_input(path)) == MAX_TEXT_BYTES


def test_too_many_sentences_are_refused_before_drafting(
    cli: Any, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "draft_annotations", no_drafting)
    many = text_file(tmp_path, "many.txt", DATELINE + "A b. " * MAX_SENTENCES + "\n")
    before = tree(corpus)
    status, _, err = cli("import", many, "--corpus", corpus)
    assert status == 2
    assert f"has {MAX_SENTENCES + 1:,} sentences, more than the {MAX_SENTENCES:,}" in refusal(
        err, "many.txt"
    )
    assert tree(corpus) == before


def test_the_sentence_limit_itself_is_allowed() -> None:
    text = DATELINE + "A b. " * (MAX_SENTENCES - 1)
    assert len(check_sentences(text)) == MAX_SENTENCES


def sentences_text(count: int) -> str:
    """A dateline and `count` - 1 short sentences, each its own (test data)."""
    return DATELINE + " ".join(f"Item {n} was read on 5 May 2018." for n in range(count - 1))


def test_a_text_at_the_limits_is_imported_and_the_corpus_builds(
    cli: Any, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Lowered limits: the same checks, on a text small enough to draft in a moment.
    monkeypatch.setattr(textinput, "MAX_SENTENCES", 300)
    monkeypatch.setattr(textinput, "MAX_DRAFTS", 300)
    status, _, err = cli(
        "import", text_file(tmp_path, "over.txt", sentences_text(301)), "--corpus", corpus
    )
    assert status == 2 and "has 301 sentences, more than the 300" in refusal(err, "over.txt")
    status, out, err = cli(
        "import", text_file(tmp_path, "at.txt", sentences_text(300)), "--corpus", corpus
    )
    assert status == 0, err
    assert "300 sentences" in out
    store = Store.open(find_corpus(corpus).store_path)
    assert check_store(store).problems == []
    assert len(store.documents) == 2


@pytest.mark.parametrize(
    ("limit", "value", "reason"),
    [
        # Six sentences, the dateline's no draft: five drafts.
        ("MAX_DRAFTS", 4, "would have 5 drafts, more than the 4"),
        ("MAX_DRAFT_FILE_BYTES", 1500, "its drafts in events.toml would be"),
    ],
)
def test_drafts_beyond_their_limits_are_refused_and_nothing_is_written(
    cli: Any,
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    limit: str,
    value: int,
    reason: str,
) -> None:
    monkeypatch.setattr(textinput, limit, value)
    path = text_file(tmp_path, "drafts.txt", sentences_text(6))
    before = tree(corpus)
    status, _, err = cli("import", path, "--corpus", corpus)
    assert status == 2 and reason in refusal(err, "drafts.txt")
    assert tree(corpus) == before


@settings(max_examples=200, deadline=None)
@given(
    st.booleans(),
    st.text(st.sampled_from(WHITESPACE + INVISIBLE), min_size=1, max_size=30),
)
def test_a_text_of_only_white_space_or_invisible_characters_is_refused(
    bom: bool, text: str
) -> None:
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    with pytest.raises(ImportRefused, match=r"^is empty"):
        plain_text(raw)


@pytest.mark.parametrize(
    "raw",
    [
        b"\xc2\xa0\n",
        "\u3000\u3000\n".encode(),
        "\u2028\u2029".encode(),
        "\ufeff \u00a0\t\u2003\u205f\r\n\u200b".encode(),
        b"\xef\xbb\xbf",
    ],
)
def test_a_blank_text_is_refused_in_one_line_and_nothing_is_written(
    cli: Any, corpus: Path, tmp_path: Path, raw: bytes
) -> None:
    blank = tmp_path / "blank.txt"
    blank.write_bytes(raw)
    before = tree(corpus)
    status, _, err = cli("import", blank, "--corpus", corpus, "--date", "2020-01-01")
    assert status == 2 and "is empty" in refusal(err, "blank.txt")
    assert tree(corpus) == before


def test_a_bom_hides_no_dateline_and_the_text_is_kept_byte_for_byte(
    cli: Any, corpus: Path, tmp_path: Path
) -> None:
    raw = b"\xef\xbb\xbf" + WIRE.encode()
    path = tmp_path / "bom.txt"
    path.write_bytes(raw)
    status, _, err = cli("import", path, "--corpus", corpus)
    assert status == 0, err
    folder = corpus / "documents" / "test-wire-2018-05-07"
    meta = tomllib.loads((folder / "document.toml").read_text(encoding="utf-8"))
    assert (meta["place"], meta["publisher"], meta["date"]) == ("Dhaka", "Test Wire", "2018-05-07")
    assert (folder / "test-wire-2018-05-07.txt").read_bytes() == raw
    assert "\ufeff" not in (folder / "events.toml").read_text(encoding="utf-8")
    store = Store.open(find_corpus(corpus).store_path)
    assert check_store(store).problems == []
    # The build reads the text less its BOM, as the drafts quote it.
    assert store.documents["test-wire-2018-05-07"].text == WIRE


def test_a_documents_folder_leading_outside_is_refused_and_nothing_is_written_there(
    cli: Any, corpus: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (corpus / "documents").rename(outside / "documents")
    (corpus / "documents").symlink_to(outside / "documents")
    before = tree(outside)
    status, out, err = cli("import", text_file(tmp_path, "wire.txt", WIRE), "--corpus", corpus)
    assert status == 2 and "imported" not in out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "documents" in lines[0], err
    assert tree(outside) == before
    # The importer itself refuses before writing, whatever ran before it.
    found = find_corpus(corpus)
    with pytest.raises(StoreError, match="leads outside the corpus folder"):
        Importer(found, AliasSource([]), ImportOptions()).run([tmp_path / "wire.txt"])
    assert tree(outside) == before


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail, rather than hang, should a read block on a pipe."""

    def fail(signum: int, frame: FrameType | None) -> None:
        raise AssertionError("a read blocked")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def plant(corpus: Path, doc_id: str) -> Path:
    """A document folder whose document.toml names `<doc_id>.txt`; that path is returned."""
    folder = corpus / "documents" / doc_id
    folder.mkdir()
    (folder / "document.toml").write_text(f'id = "{doc_id}"\nfile = "{doc_id}.txt"\n')
    return folder / f"{doc_id}.txt"


def test_known_texts_are_hashed_without_reading_links_out_pipes_or_big_files(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alarm: None
) -> None:
    found = find_corpus(corpus)
    entities = AliasSource(corpus_entities(found))
    outside = tmp_path / "outside"
    outside.mkdir()
    os.mkfifo(outside / "pipe")
    plant(corpus, "piped").symlink_to(outside / "pipe")
    os.mkfifo(plant(corpus, "fifo"))
    # The same bytes as the text imported: were it read, the import would be "already".
    (outside / "same.txt").write_text(WIRE, encoding="utf-8")
    plant(corpus, "linked").symlink_to(outside / "same.txt")
    with plant(corpus, "big").open("wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)
    big = os.stat(corpus / "documents" / "big" / "big.txt").st_ino
    read_from: set[int] = set()
    real_read = os.read

    def spy(fd: int, size: int) -> bytes:
        read_from.add(os.fstat(fd).st_ino)
        return real_read(fd, size)

    monkeypatch.setattr(os, "read", spy)
    hashes = importer._texts_by_hash(found)
    assert set(hashes.values()) == {SHIPPED_DOC_ID}
    assert big not in read_from
    results = Importer(found, entities, ImportOptions()).run([text_file(tmp_path, "w.txt", WIRE)])
    assert results[0].doc_id and not results[0].already
    assert big not in read_from


def test_a_fresh_store_gives_the_known_texts_without_reading_them(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[Path] = []
    real = confine.read_source

    def spy(root: Path, path: Path, limit: int) -> bytes:
        read.append(path)
        return real(root, path, limit)

    monkeypatch.setattr(importer, "read_source", spy)
    hashes = importer._texts_by_hash(find_corpus(corpus))
    assert hashes == {hashlib.sha256(ARTICLE.read_bytes()).hexdigest(): SHIPPED_DOC_ID}
    assert [p.name for p in read] == ["document.toml"]
    assert not any(p.name == ARTICLE_NAME for p in read)
