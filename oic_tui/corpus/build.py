"""Compile a corpus's documents and curated TOML annotations into the TinyDB store."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PurePosixPath
from typing import Any

import msgspec

from oic_tui.store.gcpause import held_gc
from oic_tui.store.sentences import paragraphs, sentences

from .annotations import AnnotationFile, DocumentMeta, head_problem
from .atomic import write_bytes_atomic
from .extensions import apply_extensions
from .fidelity import alias_problems, named_by_record, placed, shared_list_quotes
from .freshness import stamp_store
from .memo import Memo
from .records import LINK_FIELDS, Context, SourceDoc
from .reuse import (
    Same,
    alias_index,
    compiled_records,
    fidelity,
    generation,
    result_key,
    source_doc,
)

SCHEMA_VERSION = 2
# The order of kinds in the store (and so in the panes' default order within a kind).
RECORD_ORDER = ("entity", "event", "topic", "initiative", "fact")


class BuildError(Exception):
    """The annotations cannot be compiled; `problems` names each record at fault."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class BuildResult:
    """What a build produced and how much of each document its records cover.

    Its store's rows are shared with later builds of the same sources: read, never changed.
    """

    store: dict[str, Any]
    sentence_count: int
    covered: int
    uncovered: list[str] = field(default_factory=list)
    # Worth a curator's look, but not wrong enough to refuse the build.
    warnings: list[str] = field(default_factory=list)
    # Per document: (sentences covered, sentences).
    coverage_by_doc: dict[str, tuple[int, int]] = field(default_factory=dict)
    # For a corpus's store: the mtime it is given, from before its sources were read.
    stamp_ns: int | None = None

    @property
    def coverage(self) -> float:
        """Share of sentences that are the source of at least one record."""
        return self.covered / self.sentence_count if self.sentence_count else 1.0


def _uncovered(
    text: str, sentence_spans: list[tuple[int, int, int]], spans: list[tuple[int, int]]
) -> list[str]:
    """The sentences no source span overlaps, in one sweep over both sorted lists.

    `sentence_spans` leaves out the metadata head's sentences: they need no record.
    """
    ordered = sorted(spans)
    uncovered, index, reach = [], 0, -1
    for start, end, _ in sentence_spans:
        # Sentences come in order: a span starting before this sentence's end may cover it.
        while index < len(ordered) and ordered[index][0] < end:
            reach = max(reach, ordered[index][1])
            index += 1
        if reach <= start:
            uncovered.append(text[start:end])
    return uncovered


def _check_links(
    records: list[dict[str, Any]], places: dict[Any, str], problems: list[str]
) -> None:
    seen: dict[str, str] = {}
    for record in records:
        record_id, file = record["id"], places.get(id(record), "")
        if record_id in seen:
            first = f" (also in {seen[record_id]})" if seen[record_id] else ""
            problems.append(placed(file, f"{record['kind']} {record_id}: duplicate id{first}"))
        seen.setdefault(record_id, file)
    kinds = {r["id"]: r["kind"] for r in records}
    for record in records:
        where = placed(places.get(id(record), ""), f"{record['kind']} {record['id']}")
        for key in LINK_FIELDS:
            for target in record[key]:
                if target not in kinds:
                    problems.append(f"{where}: {key} -> {target} dangles")
                elif key != "related" and kinds[target] != "entity":
                    problems.append(f"{where}: {key} -> {target} is not an entity")


def _relative(path: str, folder_doc: str | None) -> str:
    """An annotation file's path from the corpus root, when it lies where a corpus keeps it."""
    file = PurePath(path)
    if folder_doc is not None and file.parent.name == folder_doc:
        if file.parent.parent.name == "documents":
            return f"documents/{folder_doc}/{file.name}"
    elif folder_doc is None and file.parent.name == "annotations":
        return f"annotations/{file.name}"
    return path


def quoting_boilerplate(
    records: list[dict[str, Any]], documents: list[DocumentSource], places: dict[Any, str]
) -> tuple[list[str], list[str]]:
    """Records quoting a line marked as boilerplate: problems, and warnings for drafts."""
    marked = {d.meta.id: d.meta.boilerplate for d in documents if d.meta.boilerplate}
    reviewed: list[str] = []
    drafts: list[str] = []
    if not marked:
        return reviewed, drafts
    for record in records:
        for span in record["sources"]:
            ranges = marked.get(span["doc"], ())
            hit = next((r for r in ranges if r[0] < span["end"] and span["start"] < r[1]), None)
            if hit is None:
                continue
            draft = "draft " if record.get("draft") else ""
            where = placed(places.get(id(record), ""), f"{draft}{record['kind']} {record['id']}")
            said = f"{where}: quotes [{hit[0]}, {hit[1]}] of {span['doc']}, marked as boilerplate"
            (drafts if draft else reviewed).append(said)
            break
    return reviewed, drafts


def _symmetric_related(records: list[dict[str, Any]]) -> None:
    by_id = {r["id"]: r for r in records}
    for record in records:
        for target in record["related"]:
            back = by_id[target]["related"]
            if record["id"] not in back:
                back.append(record["id"])


def _link_mentions(records: list[dict[str, Any]], named: list[set[str]]) -> None:
    """Link each record to every entity its quotes name (`named_by_record`'s answer).

    Backlinks then list every record whose source text mentions an entity, not only the
    ones a curator remembered to link. Each quote is read with the aliases that apply in
    its own document.
    """
    # In the order of the entities file, as the curated links are.
    order = {
        r["id"]: number for number, r in enumerate(r for r in records if r["kind"] == "entity")
    }
    for record, names in zip(records, named, strict=True):
        added = names - {record["id"], *record["entities"]}
        record["entities"].extend(sorted(added, key=order.__getitem__))


@dataclass(frozen=True)
class DocumentSource:
    """One document to compile: its checked metadata, its bytes and its path in the corpus."""

    meta: DocumentMeta
    raw: bytes
    file: str


def compile_sources(
    title: str,
    documents: list[DocumentSource],
    annotations: list[tuple[AnnotationFile, str | None]],
) -> BuildResult:
    """Compile documents and annotation files (each with the document its folder holds).

    Every problem and warning names its file first (an annotation file's from the corpus
    root), then its record by id, or a step by its record, document and status. The same
    sources compiled again (a decision's check, then the rebuild after it is written; an
    undo) give a copy of the result kept.
    """
    # Each kept with its quote index while its bytes stay the same (see `reuse`).
    docs = {d.meta.id: source_doc(d.meta.id, d.meta.date, d.raw) for d in documents}
    same_docs = generation(docs)
    key = result_key(title, documents, annotations, same_docs)
    kept = _RESULTS.get(key)
    if kept is None:
        with held_gc():  # see `compile_corpus`
            kept = _RESULTS.put(key, _compiled(title, documents, annotations, docs, same_docs))
    return _copied(kept)


# The last builds' results: a decision's check is then its rebuild, and an undo's rebuild
# the build before the decision. Few: each holds a whole store.
RESULTS_KEPT = 3
_RESULTS: Memo[tuple[Any, ...], BuildResult] = Memo(RESULTS_KEPT)


def _copied(result: BuildResult) -> BuildResult:
    """A result of its own to hand out: its tables and lists new, their rows shared."""
    store = {
        "meta": {number: dict(row) for number, row in result.store["meta"].items()},
        "documents": dict(result.store["documents"]),
        "records": dict(result.store["records"]),
    }
    return BuildResult(
        store,
        result.sentence_count,
        result.covered,
        list(result.uncovered),
        list(result.warnings),
        dict(result.coverage_by_doc),
        result.stamp_ns,
    )


def _compiled(
    title: str,
    documents: list[DocumentSource],
    annotations: list[tuple[AnnotationFile, str | None]],
    docs: dict[str, SourceDoc],
    same_docs: Same,
) -> BuildResult:
    """`compile_sources` of documents already seen as `docs`."""
    problems: list[str] = []
    tomls: dict[str, str] = {}
    for d in documents:
        toml = str(PurePosixPath(d.file).parent / "document.toml")
        if d.meta.id in tomls:
            problems.append(f"{toml}: document {d.meta.id}: {tomls[d.meta.id]} has the same id")
        tomls.setdefault(d.meta.id, toml)
    # Read from a folder, a wrong head is refused already; compiled directly, it is here.
    for d in documents:
        marked = d.meta.head or d.meta.boilerplate
        if marked and (problem := head_problem(d.meta, d.raw.decode("utf-8-sig"))):
            problems.append(f"{PurePosixPath(d.file).parent / 'document.toml'}: {problem}")
    records: list[dict[str, Any]] = []
    extensions: list[tuple[AnnotationFile, Context]] = []
    # Each record's and step's file, for the checks after compiling (Context.places).
    places: dict[Any, str] = {}
    for annotation, folder_doc in annotations:
        path = _relative(annotation.path, folder_doc) if annotation.path else ""
        ctx = Context(docs, annotation.doc or folder_doc, problems, path, places)
        if annotation.kind in RECORD_ORDER:
            # A file compiled before against the same documents is not compiled again.
            records.extend(compiled_records(annotation, ctx, same_docs))
        else:
            extensions.append((annotation, ctx))
    records.sort(key=lambda r: RECORD_ORDER.index(r["kind"]))
    _check_links(records, places, problems)
    drafts = apply_extensions(records, extensions, places, problems)
    reviewed_quotes, draft_quotes = quoting_boilerplate(records, documents, places)
    problems.extend(reviewed_quotes)
    drafts.extend(draft_quotes)
    if not problems:
        problems.extend(alias_problems(records, docs, places))
    # Every entity's aliases are final now: one index serves the checks, links and warnings
    # (the last build's, with what it found, while the aliases stay the same).
    index = alias_index(records, docs)
    named: list[set[str]] = []
    if not problems:
        # Found once: the fidelity checks and the links both read them.
        named = named_by_record(records, index)
        # A draft's labels beyond its quotes are for its review: warnings, not problems.
        reviewed, draft_problems = fidelity(records, named, places)
        problems.extend(reviewed)
        drafts.extend(draft_problems)
    if problems:
        raise BuildError(problems)
    _symmetric_related(records)
    _link_mentions(records, named)
    result = BuildResult({}, 0, 0, warnings=[*shared_list_quotes(records, index, places), *drafts])
    # Each document's spans, gathered in one pass (not every record once per document).
    spans: dict[str, list[tuple[int, int]]] = {d.meta.id: [] for d in documents}
    for record in records:
        for span in record["sources"]:
            spans[span["doc"]].append((span["start"], span["end"]))
    rows = [_document_row(d, docs[d.meta.id], spans[d.meta.id], result) for d in documents]
    rows.sort(key=lambda row: (row["date"], row["id"]))
    result.store = {
        "meta": {"1": {"schema_version": SCHEMA_VERSION, "title": title}},
        "documents": {str(n): row for n, row in enumerate(rows, 1)},
        "records": {str(n): r for n, r in enumerate(records, 1)},
    }
    return result


def _document_row(
    source: DocumentSource, doc: SourceDoc, spans: list[tuple[int, int]], result: BuildResult
) -> dict[str, Any]:
    """A document's store row; its sentence coverage (by its spans) is added to the result."""
    key = (source.meta, source.file, doc, tuple(sorted(spans)))
    row, covered, count, uncovered = _ROWS.made(key, lambda: _row(source, doc.text, spans))
    result.sentence_count += count
    result.covered += covered
    result.uncovered.extend(uncovered)
    result.coverage_by_doc[source.meta.id] = (covered, count)
    # Its own dict: the row kept is never handed out to be changed.
    return dict(row)


_Row = tuple[dict[str, Any], int, int, tuple[str, ...]]
# A document's row and coverage while its text, metadata and spans stay the same.
_ROWS: Memo[tuple[Any, ...], _Row] = Memo(20_000)


def _row(source: DocumentSource, text: str, spans: list[tuple[int, int]]) -> _Row:
    """A document's store row, its sentences covered, its sentences, those not covered."""
    meta = source.meta
    sentence_spans = sentences(text)
    head_end = len(meta.head)
    # A sentence within the head is metadata, one within boilerplate page furniture:
    # neither is covered nor counted.
    content = [
        s for s in sentence_spans if s[1] > head_end and not _within(meta.boilerplate, s[0], s[1])
    ]
    uncovered = _uncovered(text, content, spans)
    covered = len(content) - len(uncovered)
    row: dict[str, Any] = {
        "id": meta.id,
        "title": meta.title,
        "publisher": meta.publisher,
        "date": meta.date,
        "precision": meta.precision,
        "place": meta.place,
        "url": meta.url,
        "label": meta.label,
        "file": source.file,
        # Of the text as stored, which readers check it by: the file's bytes less any BOM.
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "text": text,
        "sentences": [list(s) for s in sentence_spans],
        "paragraphs": [list(p) for p in paragraphs(text)],
    }
    # Only when there is one: a store without heads stays as it was written before them.
    if head_end:
        row["head"] = head_end
    if meta.boilerplate:
        row["boilerplate"] = [list(r) for r in meta.boilerplate]
    return row, covered, len(content), tuple(uncovered)


def _within(ranges: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """True when `start`-`end` lies inside one of `ranges`."""
    return any(a <= start and end <= b for a, b in ranges)


def serialise(store: dict[str, Any]) -> str:
    """The store as deterministic JSON text (TinyDB's on-disk layout)."""
    return serialised(store).decode("utf-8")


def serialised(store: dict[str, Any]) -> bytes:
    """The store's JSON as UTF-8 bytes: what `json.dumps(indent=1)` would write."""
    # msgspec encodes and indents in C, 5× faster than json's indenting encoder (pure
    # Python). They agree on everything a store holds, which has no floats (tests/test_build).
    return msgspec.json.format(msgspec.json.encode(store), indent=1) + b"\n"


def write_store(
    store: dict[str, Any], target: Path, stamp_ns: int | None = None, *, replace_link: bool = False
) -> Path:
    """Write atomically so a reader never sees half a store; return the file written.

    `stamp_ns` dates the store from before its sources were read (see `freshness`); a final
    symlink is refused, or with `replace_link` replaced itself (see `atomic`).
    """
    return write_store_bytes(serialised(store), target, stamp_ns, replace_link=replace_link)


def write_store_bytes(
    data: bytes, target: Path, stamp_ns: int | None = None, *, replace_link: bool = False
) -> Path:
    """`write_store` of a store already serialised (`serialised`)."""
    written = write_bytes_atomic(target, data, replace_link=replace_link)
    if stamp_ns is not None:
        stamp_store(written, stamp_ns)
    return written
