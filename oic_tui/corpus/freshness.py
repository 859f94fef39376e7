"""Whether a corpus's store is up to date, judged by the content of its sources.

A build records each source file's path, size and sha256 in the store's meta row. The store
is fresh when the same files are there with the same sizes and, for any file changed since
the build began (by its mtime), the same sha256. A file dated in the future is hashed, not
rebuilt from; a document folder the store does not list is a new source: a rebuild.

A source that leads outside the corpus through a link, or is not a regular file, is
refused (StoreError) rather than read or counted as a change (docs/corpus.md, "What a
corpus may hold").
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oic_tui.store.files import StoreError, shown

from .confine import READ_FLAGS, confined, kind_of

CORPUS_FILE = "corpus.toml"
ANNOTATIONS = "annotations"
DOCUMENTS = "documents"
SOURCES_KEY = "sources"
# The store's mtime is set this far before its sources were read, so that a source written
# while a build ran, or in the same clock tick, is hashed on the next open.
STAMP_MARGIN_NS = 2 * 10**9
# The meta row is the store's first table: it ends at the first top-level `},` line.
_META_END = re.compile(rb"\n },\n")
_HEAD_LIMIT = 64 * 2**20
_CHUNK = 256 * 2**10

Fingerprint = dict[str, tuple[int, str]]


class _Confinement:
    """`confine.confined` of many paths, each folder's real path found once, not per file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._base = os.path.realpath(root)
        self._inside = self._base.rstrip(os.sep) + os.sep
        self._folders: dict[Path, str] = {}

    def confined(self, path: Path, link: bool | None = None) -> Path:
        """`path` when its links keep it inside the corpus; StoreError (as confined's) if not.

        `link`: whether the path is a symbolic link itself, where known already.
        """
        parent = path.parent
        real_parent = self._folders.get(parent)
        if real_parent is None:
            real_parent = self._folders[parent] = os.path.realpath(parent)
        if link is None:
            link = os.path.islink(path)
        # A name that is no link is where its folder really is: no walk from / per file.
        if link or path.name in ("", ".", ".."):
            real = os.path.realpath(path)
        else:
            real = os.path.join(real_parent, path.name)
        if real == self._base or real.startswith(self._inside):
            return path
        # Refused (or let through) by confine itself, which says where the path leads.
        return confined(self.root, path)


def _listed(folder: Path) -> list[os.DirEntry[str]]:
    """A folder's entries by name (as sorted Paths of it would be)."""
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def document_folders(root: Path) -> list[Path]:
    """The corpus's document folders, by name (hidden ones left out).

    StoreError if `documents/` or a document folder leads outside the corpus.
    """
    return _document_folders(_Confinement(root))


def _document_folders(inside: _Confinement) -> list[Path]:
    folder = inside.confined(inside.root / DOCUMENTS)
    if not folder.is_dir():
        return []
    return [
        inside.confined(folder / entry.name, entry.is_symlink())
        for entry in _listed(folder)
        if entry.is_dir() and not entry.name.startswith(".")
    ]


def is_source(root: Path, path: Path) -> bool:
    """True for a regular file inside the corpus; False if missing or a folder (not one).

    StoreError, naming it, for what leads outside the corpus or is a pipe, device or socket:
    it is never read, nor taken for a changed source on every open.
    """
    return _size(_Confinement(root), path) is not None


def _size(inside: _Confinement, path: Path, entry: os.DirEntry[str] | None = None) -> int | None:
    """A source's size if it is a regular file inside the corpus (`is_source`), else None."""
    inside.confined(path, entry.is_symlink() if entry is not None else None)
    try:
        info = entry.stat() if entry is not None else os.stat(path)
    except OSError:
        return None
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{shown(path)}: is {kind_of(info.st_mode)}, not a regular file; refused")
    return info.st_size


def source_files(root: Path) -> dict[str, Path]:
    """Every file a build reads, or whose change calls for one, by its path in the corpus."""
    return {name: path for name, (path, _) in _sources(_Confinement(root))[0].items()}


def _sources(inside: _Confinement) -> tuple[dict[str, tuple[Path, int | None]], list[Path]]:
    """The source files (and their sizes) by their path in the corpus; the document folders."""
    root = inside.root
    corpus_file = root / CORPUS_FILE
    files = {CORPUS_FILE: (corpus_file, _size(inside, corpus_file))}
    annotations = inside.confined(root / ANNOTATIONS)
    if annotations.is_dir():
        for entry in _listed(annotations):
            path = annotations / entry.name
            if path.suffix == ".toml" and (size := _size(inside, path, entry)) is not None:
                files[f"{ANNOTATIONS}/{entry.name}"] = (path, size)
    folders = _document_folders(inside)
    for folder in folders:
        for entry in _listed(folder):
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if (size := _size(inside, path, entry)) is not None:
                files[f"{DOCUMENTS}/{folder.name}/{entry.name}"] = (path, size)
    return files, folders


def _sha256(path: Path) -> str:
    return _hashed(path, 0)[0]


def _hashed(path: Path, keep: int) -> tuple[str, bytes | None]:
    """A file's sha256, and its bytes too when they are at most `keep` (else None)."""
    digest = hashlib.sha256()
    chunks: list[bytes] | None = [] if keep else None
    read = 0
    # Checked as a regular file already; opened so that a pipe swapped in never blocks.
    fd = os.open(path, READ_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path}: not a regular file")
        while chunk := os.read(fd, _CHUNK):
            digest.update(chunk)
            read += len(chunk)
            if chunks is not None and read <= keep:
                chunks.append(chunk)
            else:
                chunks = None
    finally:
        os.close(fd)
    return digest.hexdigest(), None if chunks is None else b"".join(chunks)


@dataclass(frozen=True)
class Snapshot:
    """A corpus's sources as one build read them: what to record, and what was read."""

    fingerprint: Fingerprint
    # The mtime to stamp the store built from them.
    stamp: int
    folders: list[Path]
    # Each source's bytes as hashed (those up to the size asked for), by its path: a build
    # reads these instead of the files again.
    contents: dict[Path, bytes]


def take_snapshot(root: Path, keep: int = 0) -> Snapshot:
    """Each source's size and sha256, and the bytes of those of at most `keep` bytes."""
    stamp = time.time_ns() - STAMP_MARGIN_NS
    fingerprint: Fingerprint = {}
    contents: dict[Path, bytes] = {}
    files, folders = _sources(_Confinement(root))
    for name, (path, listed) in files.items():
        # As listed a moment ago; a corpus.toml that was none is found so here, as before.
        size = listed if listed is not None else path.stat().st_size
        digest, data = _hashed(path, keep if size <= keep else 0)
        fingerprint[name] = (size, digest)
        # Changed while being read: the build reads it again, and says so if it must.
        if data is not None and len(data) == size:
            contents[path] = data
    return Snapshot(fingerprint, stamp, folders, contents)


def take_fingerprint(root: Path) -> tuple[Fingerprint, int]:
    """Each source's size and sha256, and the mtime to stamp the store built from them."""
    snapshot = take_snapshot(root)
    return snapshot.fingerprint, snapshot.stamp


def fingerprint_json(fingerprint: Fingerprint) -> dict[str, list[Any]]:
    """The fingerprint as the store's meta row holds it."""
    return {name: [size, digest] for name, (size, digest) in sorted(fingerprint.items())}


def stamp_store(path: Path, stamp_ns: int) -> None:
    """Date a freshly written store from before its sources were read."""
    # Where it cannot be dated, a source edited during this build is found by its size only.
    with contextlib.suppress(OSError, NotImplementedError):
        os.utime(path, ns=(stamp_ns, stamp_ns), follow_symlinks=False)


def recorded_fingerprint(store: Path, schema_version: int) -> Fingerprint | None:
    """The fingerprint a store of this schema was built from, or None (then: rebuild)."""
    try:
        with open(store, "rb") as handle:
            head = b""
            while (end := _META_END.search(head)) is None:
                chunk = handle.read(_CHUNK)
                if not chunk or len(head) > _HEAD_LIMIT:
                    return None
                # A line break split across chunks is found on the next search.
                head += chunk
        meta = json.loads(head[: end.start()] + b"\n }\n}")["meta"]["1"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(meta, dict) or meta.get("schema_version") != schema_version:
        return None
    return _parsed(meta.get(SOURCES_KEY))


def _parsed(value: Any) -> Fingerprint | None:
    if not isinstance(value, dict):
        return None
    fingerprint: Fingerprint = {}
    for name, entry in value.items():
        if not (isinstance(entry, list) and len(entry) == 2):
            return None
        size, digest = entry
        if type(size) is not int or not isinstance(digest, str):
            return None
        fingerprint[name] = (size, digest)
    return fingerprint


def stale_reason(root: Path, store: Path, schema_version: int) -> str:
    """Why the store must be rebuilt from the corpus's sources, or "" when it is fresh."""
    try:
        built = os.stat(store).st_mtime_ns
    except OSError:
        return "no store yet"
    recorded = recorded_fingerprint(store, schema_version)
    if recorded is None:
        return "the store does not say what it was built from"
    try:
        files = source_files(root)
        if files.keys() != recorded.keys():
            return "sources added or removed"
        for name, path in files.items():
            info = path.stat()
            size, digest = recorded[name]
            if info.st_size != size:
                return "sources changed"
            if info.st_mtime_ns >= built and _sha256(path) != digest:
                return "sources changed"
    except OSError:
        return "a source cannot be read"
    return ""
