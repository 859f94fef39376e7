"""A build's steps over inputs it has seen before, answered from what it made of them then.

Each answer is found by its inputs' content: a document by its id, date and bytes; an
annotation file's records by its rows (parsed once per content, so the same rows are the
same objects), its place and the documents it compiles against; a record's fidelity by all
its fields. A rebuild after one decision so compiles the one file it touched. What a step
made is copied before a later step may change it: a build's result is always its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import msgspec

from .annotations import AnnotationFile
from .fidelity import fidelity_by_review, scoped_aliases
from .memo import Memo
from .records import Context, SourceDoc, compile_record

# Bounds: far above a corpus of thousands of documents, far below what would hurt.
TEXT_BYTES = 64 * 2**20
RECORDS_KEPT = 200_000
INDEXES_KEPT = 4


class Same:
    """Values compared by identity, hashed once: objects only ever made once per content.

    Holding them keeps their identities from being reused by other objects.
    """

    __slots__ = ("_hash", "values")

    def __init__(self, values: Sequence[Any]) -> None:
        self.values = tuple(values)
        self._hash = hash(tuple(map(id, self.values)))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Same) or len(other.values) != len(self.values):
            return False
        return all(a is b for a, b in zip(self.values, other.values, strict=True))


_ENCODE = msgspec.json.Encoder().encode
_DOCS: Memo[tuple[str, str, bytes], SourceDoc] = Memo(TEXT_BYTES)
# One token per set of documents: the files compiled against it are found by identity.
_GENERATIONS: Memo[Same, Same] = Memo(INDEXES_KEPT)


def source_doc(doc_id: str, date: str, raw: bytes) -> SourceDoc:
    """The document as the build sees it (its quote index kept with it), once per content."""
    key = (doc_id, date, raw)
    # A leading byte order mark is no character of the text: it would hide its dateline.
    return _DOCS.made(key, lambda: SourceDoc(doc_id, date, raw.decode("utf-8-sig")), len(raw))


def generation(docs: dict[str, SourceDoc]) -> Same:
    """A token of a build's documents: the same object for the same documents."""
    token = Same(list(docs.values()))
    return _GENERATIONS.made(token, lambda: token)


@dataclass(frozen=True)
class _Compiled:
    """An annotation file's records as compiled, and the problems noted on the way."""

    records: tuple[dict[str, Any], ...]
    problems: tuple[str, ...]


_FILES: Memo[tuple[Any, ...], _Compiled] = Memo(RECORDS_KEPT)


def compiled_records(annotation: AnnotationFile, ctx: Context, docs: Same) -> list[dict[str, Any]]:
    """`compile_record` of each row of a file, its problems and places noted in `ctx`."""
    key = (annotation.kind, ctx.default_doc, ctx.path, Same(annotation.rows), docs)
    compiled = _FILES.get(key)
    if compiled is None:
        own = Context(ctx.docs, ctx.default_doc, [], ctx.path, {})
        records = tuple(compile_record(row, annotation.kind, own) for row in annotation.rows)
        compiled = _FILES.put(key, _Compiled(records, tuple(own.problems)), len(records) + 1)
    ctx.problems.extend(compiled.problems)
    fresh = [_fresh(record) for record in compiled.records]
    for record in fresh:
        ctx.places[id(record)] = ctx.path
        for step in record.get("history", ()):
            ctx.places[id(step)] = ctx.path
    return fresh


def _fresh(record: dict[str, Any]) -> dict[str, Any]:
    """A record to build on: its lists are its own (later steps add to them)."""
    return {key: value[:] if type(value) is list else value for key, value in record.items()}


_INDEXES: Memo[tuple[bytes, tuple[tuple[str, str], ...]], Any] = Memo(INDEXES_KEPT)


def alias_index(records: list[dict[str, Any]], docs: dict[str, SourceDoc]) -> Any:
    """`scoped_aliases` of the records, the same index (with its answers) for the same aliases."""
    entities = [
        [r["id"], r["aliases"], r.get("alias_scopes")] for r in records if r["kind"] == "entity"
    ]
    key = (_ENCODE(entities), tuple((doc.id, doc.date) for doc in docs.values()))
    return _INDEXES.made(key, lambda: scoped_aliases(records, docs))


def result_key(
    title: str,
    documents: Sequence[Any],
    annotations: Sequence[tuple[AnnotationFile, str | None]],
    docs: Same,
) -> tuple[Any, ...]:
    """What a build's result is made from: its title, documents and files (rows by identity).

    `documents` are `DocumentSource`s; `docs` their `generation` token.
    """
    return (
        title,
        docs,
        tuple((d.meta, d.file) for d in documents),
        tuple((a.kind, a.doc, a.path, doc, Same(a.rows)) for a, doc in annotations),
    )


_FIDELITY: Memo[tuple[Any, ...], tuple[list[str], list[str]]] = Memo(RECORDS_KEPT)


def fidelity(
    records: list[dict[str, Any]], named: list[set[str]], places: dict[Any, str]
) -> tuple[list[str], list[str]]:
    """`fidelity_by_review`, record by record, each answer kept by the record's content."""
    reviewed: list[str] = []
    drafts: list[str] = []
    for record, names in zip(records, named, strict=True):
        steps = tuple(places.get(id(step)) for step in record.get("history", ()))
        key = (_ENCODE(record), frozenset(names), places.get(id(record)), steps)
        found = _FIDELITY.get(key)
        if found is None:
            found = _FIDELITY.put(key, fidelity_by_review([record], [names], places))
        reviewed.extend(found[0])
        drafts.extend(found[1])
    return reviewed, drafts
