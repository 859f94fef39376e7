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


def document_folders(root: Path) -> list[Path]:
    """The corpus's document folders, by name (hidden ones left out).

    StoreError if `documents/` or a document folder leads outside the corpus.
    """
    folder = confined(root, root / DOCUMENTS)
    if not folder.is_dir():
        return []
    return sorted(
        confined(root, p) for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")
    )


def is_source(root: Path, path: Path) -> bool:
    """True for a regular file inside the corpus; False if missing or a folder (not one).

    StoreError, naming it, for what leads outside the corpus or is a pipe, device or socket:
    it is never read, nor taken for a changed source on every open.
    """
    confined(root, path)
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    if stat.S_ISDIR(mode):
        return False
    if not stat.S_ISREG(mode):
        raise StoreError(f"{shown(path)}: is {kind_of(mode)}, not a regular file; refused")
    return True


def source_files(root: Path) -> dict[str, Path]:
    """Every file a build reads, or whose change calls for one, by its path in the corpus."""
    files = {CORPUS_FILE: root / CORPUS_FILE}
    is_source(root, root / CORPUS_FILE)
    annotations = confined(root, root / ANNOTATIONS)
    if annotations.is_dir():
        for path in sorted(annotations.iterdir()):
            if path.suffix == ".toml" and is_source(root, path):
                files[f"{ANNOTATIONS}/{path.name}"] = path
    for folder in document_folders(root):
        for path in sorted(folder.iterdir()):
            if not path.name.startswith(".") and is_source(root, path):
                files[f"{DOCUMENTS}/{folder.name}/{path.name}"] = path
    return files


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    # Checked as a regular file already; opened so that a pipe swapped in never blocks.
    with open(os.open(path, READ_FLAGS), "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{path}: not a regular file")
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def take_fingerprint(root: Path) -> tuple[Fingerprint, int]:
    """Each source's size and sha256, and the mtime to stamp the store built from them."""
    stamp = time.time_ns() - STAMP_MARGIN_NS
    fingerprint: Fingerprint = {}
    for name, path in source_files(root).items():
        fingerprint[name] = (path.stat().st_size, _sha256(path))
    return fingerprint, stamp


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
