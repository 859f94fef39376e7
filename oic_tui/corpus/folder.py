"""A corpus folder: its documents, its annotations and the store compiled from them.

Layout (docs/corpus.md, "The folder"): `corpus.toml`; `annotations/*.toml` for what spans
documents; `documents/<id>/` holding `document.toml`, the text and its annotations; and
the compiled store. Every write is atomic and inside the corpus folder, and every read
too: a link that leads outside it is refused (docs/corpus.md, "What a corpus may hold").
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from oic_tui.store.files import StoreError, shown
from oic_tui.store.gcpause import held_gc
from oic_tui.store.reader import Store

from .annotations import (
    MAX_INPUT_BYTES,
    AnnotationFile,
    annotation_file,
    document_meta,
    read_article,
    read_toml,
    toml_string,
)
from .atomic import write_bytes_atomic, write_text_atomic
from .build import (
    SCHEMA_VERSION,
    BuildError,
    BuildResult,
    DocumentSource,
    compile_sources,
    serialised,
    write_store,
    write_store_bytes,
)
from .confine import confined
from .freshness import (
    ANNOTATIONS,
    CORPUS_FILE,
    DOCUMENTS,
    SOURCES_KEY,
    document_folders,
    fingerprint_json,
    stale_reason,
    take_snapshot,
)
from .lock import LOCK_FILE, corpus_lock
from .memo import toml_table

DEFAULT_STORE = "corpus.json"
# Read by the search layer, not compiled into the store.
NOT_RECORDS = frozenset({"synonyms.toml", "document.toml"})


@dataclass(frozen=True)
class Corpus:
    """An opened corpus folder: where it is, what it is called, where its store goes."""

    root: Path
    title: str
    store_path: Path


def find_corpus(root: Path | str) -> Corpus:
    """The corpus in a folder; StoreError in one line if the folder is not one."""
    folder = Path(root)
    problems: list[str] = []
    # Present but not a file (a pipe, a link outside): read_toml says what it is instead.
    if not os.path.lexists(folder / CORPUS_FILE):
        raise StoreError(f"{shown(folder)}: is not a corpus folder (it has no {CORPUS_FILE})")
    table = read_toml(folder / CORPUS_FILE, problems, folder)
    if table is None:
        raise StoreError(problems[0])
    title, store = table.get("title", folder.name), table.get("store", DEFAULT_STORE)
    name = PurePosixPath(store) if isinstance(store, str) else None
    if name is None or len(name.parts) != 1 or not name.name.endswith(".json"):
        raise StoreError(
            f"{shown(folder / CORPUS_FILE)}: store must name a .json file in the corpus folder"
        )
    # Read, and rebuilt, only where it stays inside the corpus.
    store_path = confined(folder, folder / name.name)
    return Corpus(folder, title if isinstance(title, str) else folder.name, store_path)


def _toml_files(root: Path, folder: Path, confined_already: bool = False) -> list[Path]:
    if not (folder if confined_already else confined(root, folder)).is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".toml" and p.name not in NOT_RECORDS)


def compile_corpus(root: Path | str, overlay: Mapping[Path, str] | None = None) -> BuildResult:
    """Read every document and annotation file of a corpus; raise BuildError if wrong.

    The result's store records what it was built from (each source's size and sha256), so
    that its freshness is judged by content. Call it under `corpus_lock` when the store is
    to be written. `overlay` gives annotation files' rows as they would be after an edit
    (path as `annotation_paths` lists it -> TOML text): a check, never a store to write.
    """
    # A build makes thousands of objects and keeps many (reuse): collections would walk
    # every one kept, many times over.
    with held_gc():
        return _compile_corpus(root, overlay)


def _compile_corpus(root: Path | str, overlay: Mapping[Path, str] | None) -> BuildResult:
    corpus = find_corpus(root)
    # Each source is read once: hashed for the store's record of them, then compiled.
    snapshot = take_snapshot(corpus.root, MAX_INPUT_BYTES)
    known = snapshot.contents
    problems: list[str] = []
    documents: list[DocumentSource] = []
    for folder in snapshot.folders:
        meta = document_meta(folder, problems, corpus.root, known)
        raw = read_article(folder, meta, problems, corpus.root, known) if meta else None
        if meta and raw is not None:
            file = f"{DOCUMENTS}/{folder.name}/{meta.file}"
            documents.append(DocumentSource(meta, raw, file))
    if not documents and not problems:
        problems.append(f"{shown(corpus.root)}: has no documents (documents/<id>/document.toml)")
    files: list[tuple[AnnotationFile, str | None]] = []
    for path in _toml_files(corpus.root, corpus.root / ANNOTATIONS):
        if annotation := _annotation(path, problems, corpus.root, overlay, known):
            files.append((annotation, None))
    for source in sorted(documents, key=lambda d: (d.meta.date, d.meta.id)):
        # Its folder was found inside the corpus by the snapshot a moment ago.
        folder = corpus.root / DOCUMENTS / source.meta.id
        for path in _toml_files(corpus.root, folder, confined_already=True):
            if annotation := _annotation(path, problems, corpus.root, overlay, known):
                files.append((annotation, source.meta.id))
    if problems:
        raise BuildError(problems)
    result = compile_sources(corpus.title, documents, files)
    result.store["meta"]["1"][SOURCES_KEY] = fingerprint_json(snapshot.fingerprint)
    result.stamp_ns = snapshot.stamp
    return result


def _annotation(
    path: Path,
    problems: list[str],
    root: Path,
    overlay: Mapping[Path, str] | None,
    known: Mapping[Path, bytes] | None = None,
) -> AnnotationFile | None:
    """An annotation file as read, its rows taken from `overlay`'s text for it if given."""
    annotation = annotation_file(path, problems, root, known)
    text = overlay.get(path) if overlay else None
    if annotation is None or text is None:
        return annotation
    # An edit changes rows only: the kind and document are the file's, checked as read.
    # Parsed as the file will be once written, so that the rebuild after finds its records.
    try:
        table = toml_table(text.encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate: no file could hold it as it is
        table = tomllib.loads(text)
    rows = table.get("record", [])
    return dataclasses.replace(annotation, rows=[row for row in rows if isinstance(row, dict)])


def annotation_paths(root: Path | str) -> list[Path]:
    """Every annotation file of a corpus: the shared ones, then each document folder's."""
    corpus = find_corpus(root)
    paths = _toml_files(corpus.root, corpus.root / ANNOTATIONS)
    for folder in document_folders(corpus.root):
        paths.extend(_toml_files(corpus.root, folder))
    return paths


def build_corpus(corpus: Corpus) -> BuildResult:
    """Compile a corpus and write its store atomically (the old store stays if this fails)."""
    with corpus_lock(corpus.root):
        result = compile_corpus(corpus.root)
        write_store(result.store, corpus.store_path, result.stamp_ns)
    return result


def build_corpus_store(corpus: Corpus) -> tuple[BuildResult, Store]:
    """`build_corpus`, and the store it wrote as `Store.open(corpus.store_path)` gives it.

    The store is made from the bytes written, not read back from the file.
    """
    with corpus_lock(corpus.root):
        result = compile_corpus(corpus.root)
        data = serialised(result.store)
        write_store_bytes(data, corpus.store_path, result.stamp_ns)
    return result, Store.from_bytes(corpus.store_path, data)


def stale_because(corpus: Corpus) -> str:
    """Why the corpus's store must be rebuilt (missing, or its sources differ), or ""."""
    return stale_reason(corpus.root, corpus.store_path, SCHEMA_VERSION)


def corpus_stale(corpus: Corpus) -> bool:
    """True when the store is missing or was built from other sources than the corpus has."""
    return bool(stale_because(corpus))


def init_corpus(target: Path | str, shipped: Path) -> Corpus:
    """A new corpus folder holding the shipped document and its annotations, built.

    The folder must not exist or be empty: nothing already there is ever overwritten. If
    init fails, what it wrote is removed; killed, it leaves no corpus.toml until its last
    source is written (so no half-copied corpus) and never a half-written store.
    """
    folder = Path(target)
    if folder.exists() and (not folder.is_dir() or any(os.scandir(folder))):
        raise StoreError(f"{shown(folder)}: already exists and is not an empty folder")
    if not folder.parent.is_dir():
        # Creating missing parents would write outside the folder asked for.
        raise StoreError(f"{shown(folder.parent)}: no such folder")
    source = find_corpus(shipped)
    created = not folder.exists()
    folder.mkdir(exist_ok=True)
    written: list[Path] = []
    try:
        with corpus_lock(folder):
            _copy_and_build(source, folder, written)
    except BaseException:
        _undo(folder, written, created)
        raise
    return find_corpus(folder)


def _copy_and_build(source: Corpus, folder: Path, written: list[Path]) -> None:
    """Copy the shipped corpus's sources into a new folder (corpus.toml last), then build."""
    shared = source.root / ANNOTATIONS
    for path in [*_toml_files(source.root, shared), shared / "synonyms.toml"]:
        if path.is_file():
            target_path = _made(folder / ANNOTATIONS) / path.name
            written.append(write_bytes_atomic(target_path, path.read_bytes()))
    for doc in document_folders(source.root):
        for path in sorted(doc.iterdir()):
            if path.is_file() and not path.name.startswith("."):
                target_path = _made(folder / DOCUMENTS / doc.name) / path.name
                written.append(write_bytes_atomic(target_path, path.read_bytes()))
    written.append(
        write_text_atomic(
            folder / CORPUS_FILE,
            f'# A corpus made by `oic-tui init` (docs/corpus.md, "Your own corpus").\n'
            f'title = {toml_string(source.title)}\nstore = "{DEFAULT_STORE}"\n',
        )
    )
    corpus = find_corpus(folder)
    try:
        build_corpus(corpus)
    except BuildError as error:  # the shipped corpus always builds; say so if it did not
        raise StoreError(f"{shown(folder)}: the new corpus does not build: {error}") from None


def _made(folder: Path) -> Path:
    """A folder of the new corpus, made if missing (its parent is always there by now)."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _undo(folder: Path, written: list[Path], created: bool) -> None:
    """Remove the files a failed init wrote, then the folders it made if left empty."""
    for path in written:
        path.unlink(missing_ok=True)
    inside = {p.parent for p in written} - {folder}
    folders = sorted(inside, key=lambda p: len(p.parts), reverse=True)
    (folder / LOCK_FILE).unlink(missing_ok=True)  # made by this init: the folder was empty
    for empty in [*folders, folder / DOCUMENTS, *([folder] if created else [])]:
        # Not empty (someone else's file) or already gone: left as it is.
        with contextlib.suppress(OSError):
            empty.rmdir()
