"""Compile the curated TOML annotations under data/ into the TinyDB store."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .annotations import annotation_records, document_meta, read_article
from .atomic import write_text_atomic
from .dates import check_date
from .fidelity import fidelity_problems, shared_list_quotes
from .mentions import AliasIndex, joined_quotes
from .models import PHASES
from .sentences import paragraphs, sentences

SCHEMA_VERSION = 1
ANNOTATION_FILES = ("entities", "events", "topics", "initiatives", "facts")
_OPTIONAL_TEXT = ("phase", "category", "status", "value")
_LINK_FIELDS = ("entities", "related", "proposed_by", "presented_by", "promoted_by")


class BuildError(Exception):
    """The annotations cannot be compiled; `problems` names each record at fault."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class BuildResult:
    """What a build produced and how much of the document its records cover."""

    store: dict[str, Any]
    sentence_count: int
    covered: int
    uncovered: list[str] = field(default_factory=list)
    # Worth a curator's look, but not wrong enough to refuse the build.
    warnings: list[str] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        """Share of sentences that are the source of at least one record."""
        return self.covered / self.sentence_count if self.sentence_count else 1.0


def _locate(text: str, quote: Any, where: str, problems: list[str]) -> tuple[int, int] | None:
    """Offsets of a quote given as a string or as {text, nth}; None after noting a problem."""
    nth = None
    if isinstance(quote, dict):
        nth = quote.get("nth")
        quote = quote.get("text")
    if not isinstance(quote, str) or not quote:
        problems.append(f"{where}: a quote must be a non-empty string")
        return None
    starts = _occurrences(text, quote)
    if not starts:
        problems.append(f"{where}: quote is not verbatim in the document: {quote!r}")
        return None
    if nth is None and len(starts) > 1:
        problems.append(
            f"{where}: quote is ambiguous ({len(starts)} occurrences); "
            f'give {{text = "...", nth = N}}: {quote!r}'
        )
        return None
    if nth is None:
        nth = 1
    if isinstance(nth, bool) or not isinstance(nth, int) or not 1 <= nth <= len(starts):
        problems.append(
            f"{where}: nth must be a whole number from 1 to {len(starts)} "
            f"(the quote occurs {len(starts)} times), not {nth!r}"
        )
        return None
    return starts[nth - 1], starts[nth - 1] + len(quote)


def _occurrences(text: str, quote: str) -> list[int]:
    """Where a quote starts in the text (overlapping occurrences too), by str.find in C."""
    starts = []
    at = text.find(quote)
    while at >= 0:
        starts.append(at)
        at = text.find(quote, at + 1)
    return starts


def _uncovered(
    text: str, sentence_spans: list[tuple[int, int, int]], spans: list[tuple[int, int]]
) -> list[str]:
    """The sentences no source span overlaps, in one sweep over both sorted lists."""
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


def _date(raw: dict[str, Any], where: str, problems: list[str]) -> dict[str, str] | None:
    precision = raw.get("precision")
    if precision is None and "date" not in raw:
        return None
    if precision == "undated":
        return {"start": "", "end": "", "precision": "undated"}
    start, end = str(raw.get("date", "")), str(raw.get("date_end", raw.get("date", "")))
    try:
        check_date(start, end, str(precision))
    except ValueError as error:
        problems.append(f"{where}: {error}")
        return None
    return {"start": start, "end": end, "precision": str(precision)}


def _strings(raw: dict[str, Any], key: str, where: str, problems: list[str]) -> list[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where}: {key} must be a list of strings")
        return []
    return list(value)


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key, "")
    return value if isinstance(value, str) else ""


def _compile_record(
    raw: dict[str, Any], kind: str, doc_id: str, text: str, problems: list[str]
) -> dict[str, Any]:
    record_id = raw.get("id") if isinstance(raw.get("id"), str) else ""
    where = f"{kind} {record_id or '?'}"
    for key in ("id", "title", "text"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            problems.append(f"{where}: {key} is required")
    quotes = raw.get("quotes", [])
    if not isinstance(quotes, list):
        problems.append(f"{where}: quotes must be a list")
        quotes = []
    sources = []
    for number, quote in enumerate(quotes, 1):
        span = _locate(text, quote, f"{where} quote {number}", problems)
        if span:
            sources.append(
                {"doc": doc_id, "start": span[0], "end": span[1], "quote": text[span[0] : span[1]]}
            )
    if not quotes:
        problems.append(f"{where}: at least one source quote is required")
    aliases = _strings(raw, "aliases", where, problems)
    problems.extend(
        f"{where}: alias {alias!r} does not occur in the document"
        for alias in aliases
        if alias not in text
    )
    if not isinstance(raw.get("type", ""), str):
        problems.append(f"{where}: type must be text")
    for key in _OPTIONAL_TEXT:
        if not isinstance(raw.get(key, ""), str):
            problems.append(f"{where}: {key} must be text")
    if kind == "event" and raw.get("phase") not in PHASES:
        problems.append(f"{where}: phase must be one of {', '.join(PHASES)}")
    record: dict[str, Any] = {
        "id": record_id,
        "kind": kind,
        "title": _text(raw, "title"),
        "text": _text(raw, "text"),
        "sources": sources,
        "date": _date(raw, where, problems),
        "venues": _strings(raw, "venues", where, problems),
        "entity_type": _text(raw, "type"),
        "aliases": aliases,
    }
    record.update({key: _text(raw, key) for key in _OPTIONAL_TEXT})
    record.update({key: _strings(raw, key, where, problems) for key in _LINK_FIELDS})
    return record


def _check_links(records: list[dict[str, Any]], problems: list[str]) -> None:
    ids = [r["id"] for r in records]
    seen: set[str] = set()
    for record_id in ids:
        if record_id in seen:
            problems.append(f"duplicate id: {record_id}")
        seen.add(record_id)
    kinds = {r["id"]: r["kind"] for r in records}
    for record in records:
        for key in _LINK_FIELDS:
            for target in record[key]:
                if target not in kinds:
                    problems.append(f"{record['kind']} {record['id']}: {key} -> {target} dangles")
                elif key != "related" and kinds[target] != "entity":
                    problems.append(f"{record['id']}: {key} -> {target} is not an entity")


def _symmetric_related(records: list[dict[str, Any]]) -> None:
    by_id = {r["id"]: r for r in records}
    for record in records:
        for target in record["related"]:
            back = by_id[target]["related"]
            if record["id"] not in back:
                back.append(record["id"])


def _link_mentions(records: list[dict[str, Any]]) -> None:
    """Link each record to every entity its quotes name (by the rule of `mentions`).

    Backlinks then list every record whose source text mentions an entity, not only the
    ones a curator remembered to link. One pass over each record's quotes.
    """
    index = AliasIndex((r["id"], r["aliases"]) for r in records if r["kind"] == "entity")
    # In the order of the entities file, as the curated links are.
    order = {entity_id: number for number, entity_id in enumerate(index.aliases)}
    for record in records:
        quotes = joined_quotes(span["quote"] for span in record["sources"])
        named = index.named_entities(quotes) - {record["id"], *record["entities"]}
        record["entities"].extend(sorted(named, key=order.__getitem__))


def compile_annotations(data_dir: Path) -> BuildResult:
    """Read every annotation file and return the store contents, or raise BuildError."""
    problems: list[str] = []
    meta = document_meta(data_dir, problems)
    raw_bytes = read_article(data_dir, meta, problems) if meta else None
    if meta is None or raw_bytes is None:
        raise BuildError(problems)
    text = raw_bytes.decode("utf-8")
    doc_id = meta.id
    records: list[dict[str, Any]] = []
    for name in ANNOTATION_FILES:
        kind, rows = annotation_records(data_dir / "annotations" / f"{name}.toml", problems)
        records.extend(_compile_record(raw, kind, doc_id, text, problems) for raw in rows)
    _check_links(records, problems)
    if not problems:
        problems.extend(fidelity_problems(records))
    if problems:
        raise BuildError(problems)
    _symmetric_related(records)
    _link_mentions(records)
    sentence_spans = sentences(text)
    spans = [(s["start"], s["end"]) for r in records for s in r["sources"]]
    uncovered = _uncovered(text, sentence_spans, spans)
    document = {
        "id": doc_id,
        "title": meta.title,
        "publisher": meta.publisher,
        "date": meta.date,
        "place": meta.place,
        "file": meta.file,
        "sha256": hashlib.sha256(raw_bytes).hexdigest(),
        "text": text,
        "sentences": [list(s) for s in sentence_spans],
        "paragraphs": [list(p) for p in paragraphs(text)],
    }
    store = {
        "meta": {"1": {"schema_version": SCHEMA_VERSION, "title": meta.title}},
        "documents": {"1": document},
        "records": {str(n): r for n, r in enumerate(records, 1)},
    }
    covered = len(sentence_spans) - len(uncovered)
    warnings = shared_list_quotes(records)
    return BuildResult(store, len(sentence_spans), covered, uncovered, warnings)


def serialise(store: dict[str, Any]) -> str:
    """The store as deterministic JSON text (TinyDB's on-disk layout)."""
    return json.dumps(store, ensure_ascii=False, indent=1) + "\n"


def write_store(store: dict[str, Any], target: Path) -> Path:
    """Write atomically so a reader never sees half a store; return the file written."""
    return write_text_atomic(target, serialise(store))
