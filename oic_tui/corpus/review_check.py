"""The build that checks a review decision, with the files it edits as they would be.

`compile_corpus` takes edited annotation files' text (its `overlay`) but finds the files,
and reads each document.toml, on disk. A decision that makes a new file (a document's first
steps.toml) or marks boilerplate in a document.toml is checked here instead, by the same
steps from the same parts, with those files as they would be. Nothing is written.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from oic_tui.store.files import shown
from oic_tui.store.models import KINDS

from .annotations import (
    BOILERPLATE_FORM,
    EXTENSION_KINDS,
    AnnotationFile,
    DocumentMeta,
    annotation_file,
    document_meta,
    read_article,
)
from .build import BuildError, BuildResult, DocumentSource, compile_sources
from .folder import annotation_paths, compile_corpus, find_corpus
from .freshness import ANNOTATIONS, DOCUMENTS, document_folders

DOCUMENT_TOML = "document.toml"


def check_corpus(root: Path, overlay: Mapping[Path, str]) -> BuildResult:
    """Compile the corpus with files (path -> text) as a decision would leave them.

    BuildError as `compile_corpus` raises it. A document.toml in `overlay` may differ from
    the one on disk in its `boilerplate` only (that is all a decision changes in one).
    """
    new = [p for p in overlay if p.name == DOCUMENT_TOML or not os.path.lexists(p)]
    if not new:
        return compile_corpus(root, overlay)
    corpus = find_corpus(root)
    problems: list[str] = []
    documents: list[DocumentSource] = []
    for folder in document_folders(corpus.root):
        meta = document_meta(folder, problems, corpus.root)
        text = overlay.get(folder / DOCUMENT_TOML)
        if meta is not None and text is not None:
            meta = _with_boilerplate(meta, text, folder / DOCUMENT_TOML, problems)
        raw = read_article(folder, meta, problems, corpus.root) if meta else None
        if meta and raw is not None:
            file = f"{DOCUMENTS}/{folder.name}/{meta.file}"
            documents.append(DocumentSource(meta, raw, file))
    if not documents and not problems:
        problems.append(f"{shown(corpus.root)}: has no documents (documents/<id>/document.toml)")
    paths = sorted(
        {*annotation_paths(corpus.root), *(p for p in overlay if p.name != DOCUMENT_TOML)}
    )
    # In the order compile_corpus reads them: the shared files, then each document's by date.
    files: list[tuple[AnnotationFile, str | None]] = [
        (annotation, None)
        for path in paths
        if path.parent == corpus.root / ANNOTATIONS
        and (annotation := _annotation(path, overlay, problems, corpus.root))
    ]
    for source in sorted(documents, key=lambda d: (d.meta.date, d.meta.id)):
        folder = corpus.root / DOCUMENTS / source.meta.id
        files += [
            (annotation, source.meta.id)
            for path in paths
            if path.parent == folder
            and (annotation := _annotation(path, overlay, problems, corpus.root))
        ]
    if problems:
        raise BuildError(problems)
    return compile_sources(corpus.title, documents, files)


def _annotation(
    path: Path, overlay: Mapping[Path, str], problems: list[str], root: Path
) -> AnnotationFile | None:
    """An annotation file as read, or as `overlay` has it (its rows; all of it if new)."""
    text = overlay.get(path)
    if text is None or os.path.lexists(path):
        annotation = annotation_file(path, problems, root)
        if annotation is None or text is None:
            return annotation
        return dataclasses.replace(annotation, rows=_rows(tomllib.loads(text)))
    table = tomllib.loads(text)
    kind, doc = table.get("kind"), table.get("doc")
    if not isinstance(kind, str) or kind not in (*KINDS, *EXTENSION_KINDS):
        problems.append(f"{path}: kind must be one of {', '.join((*KINDS, *EXTENSION_KINDS))}")
        return None
    return AnnotationFile(kind, _rows(table), doc if isinstance(doc, str) else None, str(path))


def _rows(table: dict[str, Any]) -> list[dict[str, Any]]:
    rows = table.get("record", [])
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _with_boilerplate(
    meta: DocumentMeta, text: str, path: Path, problems: list[str]
) -> DocumentMeta | None:
    """The document's metadata with the boilerplate ranges of the edited document.toml."""
    value = tomllib.loads(text).get("boilerplate", [])
    pairs: list[tuple[int, int]] = []
    for pair in value if isinstance(value, list) else [None]:
        numbers = pair if isinstance(pair, list) and len(pair) == 2 else []
        if not all(type(n) is int for n in numbers) or len(numbers) != 2:
            problems.append(f"{path}: {BOILERPLATE_FORM}")
            return None
        start, end = numbers
        if not 0 <= start < end or (pairs and start < pairs[-1][1]):
            problems.append(f"{path}: {BOILERPLATE_FORM}")
            return None
        pairs.append((start, end))
    return dataclasses.replace(meta, boilerplate=tuple(pairs))


def quoted_within(result: BuildResult, doc: str, start: int, end: int) -> list[str]:
    """The records of a build that quote any of the text from `start` to `end` of `doc`."""
    found = []
    for record in result.store["records"].values():
        spans = [s for s in record["sources"] if s["doc"] == doc]
        if any(s["start"] < end and start < s["end"] for s in spans):
            found.append(record["id"])
    return found
