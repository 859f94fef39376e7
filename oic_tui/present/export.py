"""Records as citations and as export files (Markdown, CSV, TSV, JSON, JSON lines, ids)."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oic_tui.present.citing import Passage, passages, plain, where
from oic_tui.store.models import DateValue, Document, Record, Sentence, SourceSpan, StatusStep
from oic_tui.store.sanitize import clean_text
from oic_tui.store.words import counted

if TYPE_CHECKING:
    from oic_tui.store.reader import Store

# What `export_text` writes; `table` (the CLI's readable one) is not a file format.
EXPORT_FORMATS: tuple[str, ...] = ("md", "csv", "tsv", "json", "jsonl", "ids")
# A file's format by its extension (the explorer's `e`).
EXTENSIONS: dict[str, str] = {
    ".md": "md",
    ".markdown": "md",
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
}
# The columns of a CSV or TSV export, one row per record: `date` as the explorer shows it,
# `date_start` and `date_end` in ISO at its precision (YYYY, YYYY-MM or YYYY-MM-DD); `quote`
# the words its citation quotes (those naming it; two quotes joined by " … "), `sentence` the
# whole sentence(s) they stand in, and `source` where that is.
COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    "title",
    "summary",
    "date",
    "date_start",
    "date_end",
    "documents",
    "quote",
    "sentence",
    "source",
)
# A spreadsheet runs a cell starting with one of these as a formula: such a cell is
# written after a single quote (OWASP's advice against CSV injection). Spreadsheets skip
# leading blanks and controls, so a trigger after them counts too; a tab or carriage
# return at the start counts by itself. "-5" is guarded as well: `-5+cmd|...` is a formula,
# and a quoted number is still readable.
_FORMULA_START = frozenset("=+-@")
_BARE_START = ("\t", "\r")
# Characters Markdown would read as markup (emphasis, code, links, HTML, tables); `&`,
# which starts an entity (`&rlm;` would bring back what the sanitiser removed), is written
# `&amp;` instead, CommonMark's own way of saying a literal `&`.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~#])")
_WHITESPACE = re.compile(r"\s+")


def date_json(date: DateValue | None) -> dict[str, str] | None:
    """A date as ISO `start`/`end` at its `precision` and its human `text`; None if undated."""
    if date is None or not date.start:
        return None
    return {
        "start": date.start,
        "end": date.end or date.start,
        "precision": date.precision,
        "text": date.display(),
    }


def record_json(record: Record) -> dict[str, Any]:
    """A record as plain JSON-ready data (as `oic-tui search --json` and `show --json`)."""
    return {
        "id": record.id,
        "kind": record.kind,
        "title": record.title,
        "text": record.text,
        "date": date_json(record.date),
        "phase": record.phase or None,
        "summary": record.summary,
        "category": record.category or None,
        "status": record.status or None,
        "value": record.value or None,
        "proposed_by": list(record.proposed_by),
        "presented_by": list(record.presented_by),
        "promoted_by": list(record.promoted_by),
        "venues": list(record.venues),
        "type": record.entity_type or None,
        "aliases": list(record.aliases),
        "entities": list(record.entities),
        "related": list(record.related),
        # The documents its sources lie in (ids, as `oic-tui docs` lists them).
        "docs": list(record.docs),
        # True for a record `oic-tui import` wrote and no curator has reviewed yet.
        "draft": record.draft,
        # "report" when the date's year is the report's date's (the text leaves it out).
        "date_from": record.date_from or None,
        "sources": [span_json(s) for s in record.sources],
        # An initiative's dated steps, oldest first; scoped aliases with where they apply.
        "history": [
            {
                "status": step.status,
                "date": date_json(step.date),
                "source": span_json(step.source),
                "draft": step.draft,
            }
            for step in record.history
        ],
        "alias_scopes": [
            {
                "alias": a.alias,
                "from": a.start or None,
                "until": a.end or None,
                "docs": list(a.docs),
            }
            for a in record.alias_scopes
        ],
    }


def span_json(span: SourceSpan) -> dict[str, Any]:
    """A source span as JSON-ready data."""
    return {"doc": span.doc, "start": span.start, "end": span.end, "quote": span.quote}


def json_lines(values: Iterable[Any]) -> str:
    """One compact JSON value a line (JSON lines), each line ending with a newline."""
    return "".join(json.dumps(value, ensure_ascii=False) + "\n" for value in values)


def format_for(path: Path) -> str | None:
    """The export format a file name asks for by its extension, None for an unknown one."""
    return EXTENSIONS.get(path.suffix.lower())


def source_line(span: SourceSpan, store: Store) -> str:
    """A quote with where it stands: `“quote” — Title (Publisher, date), sentence N.`"""
    doc = store.documents.get(span.doc)
    sentence = doc.sentence_at(span.start) if doc else None
    return f"“{span.quote}” — {where(doc, span.doc, sentence, sentence)}"


def citation(record: Record, store: Store) -> str:
    """A record cited by the quotes that name it, each inside its whole sentence, with where
    it stands: `Title: “quote”, in “sentence” — Document (Publisher, date), sentence N.`"""
    cited = passages(record, store)
    if not cited:
        stop = "" if record.title.endswith((".", "!", "?")) else "."
        return clean_text(f"{record.title}{stop}")
    return clean_text(f"{record.title}: " + " ".join(plain(p) for p in cited))


def sentence_citation(doc: Document, sentence: Sentence) -> str:
    """A sentence of a document, verbatim, with where it stands."""
    return clean_text(f"“{doc.sentence_text(sentence)}” — {where(doc, doc.id, sentence, None)}")


def _row(record: Record, store: Store) -> list[str]:
    cited = passages(record, store)
    quote = " … ".join(q for p in cited for q in p.quotes)
    sentence = " … ".join(p.text for p in cited)
    source = " ".join(p.where for p in cited)
    date = record.date.display() if record.date else ""
    iso = date_json(record.date) or {}
    return [
        record.id,
        record.kind,
        record.title,
        record.summary,
        date,
        iso.get("start", ""),
        iso.get("end", ""),
        " ".join(record.docs),
        quote,
        sentence,
        source,
    ]


def formula_like(value: str) -> bool:
    """True for a cell a spreadsheet could run: `= + - @` after blanks and controls, or tab/CR."""
    if value.startswith(_BARE_START):
        return True
    for char in value:
        if not (char.isspace() or unicodedata.category(char).startswith("C")):
            return char in _FORMULA_START
    return False


def _cell(value: str) -> str:
    """A spreadsheet cell that is never run as a formula."""
    return f"'{value}" if formula_like(value) else value


def _table(records: Sequence[Record], store: Store, delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([_cell(value) for value in _row(record, store)] for record in records)
    return out.getvalue()


def markdown_text(text: str) -> str:
    """Store text as inert Markdown on one line: markup characters escaped."""
    return _md_part(text).strip()


def _md_part(text: str) -> str:
    """A piece of a Markdown line: markup escaped, blanks kept at its ends."""
    return _MARKDOWN.sub(r"\\\1", _WHITESPACE.sub(" ", text).replace("&", "&amp;"))


def _md_passage(passage: Passage) -> str:
    """A cited passage in Markdown: the whole sentence, the quotes naming the record in bold."""
    text, parts, at = passage.text, [], 0
    for start, end in passage.marks:
        # Emphasis closes only against its words: blanks at a quote's ends go outside it.
        inner = text[start:end].strip()
        start = start + text[start:end].index(inner[:1]) if inner else end
        parts += [_md_part(text[at:start]), f"**{markdown_text(inner)}**" if inner else ""]
        at = start + len(inner)
    parts.append(_md_part(text[at:]))
    return f"“{''.join(parts).strip()}” — {markdown_text(passage.where)}"


def _md_step(step: StatusStep, store: Store) -> str:
    """A history step: its date, its status beside its own quote, where that stands."""
    when = step.date.display() if step.date and step.date.start else "undated"
    status, source = markdown_text(step.status), markdown_text(source_line(step.source, store))
    return f"  - {markdown_text(when)} · **{status}**: {source}"


def _markdown(records: Sequence[Record], store: Store, title: str) -> str:
    count = counted(len(records), "record")
    lines = [f"# {markdown_text(title)}", "", f"{count}."] if title else [f"{count}."]
    for record in records:
        parts = [record.kind, record.summary, record.id]
        head = " · ".join(markdown_text(part) for part in parts if part)
        lines += ["", f"- **{markdown_text(record.title)}** · {head}"]
        lines += [line for p in passages(record, store) for line in ("", f"  > {_md_passage(p)}")]
        if record.history:
            lines += ["", "  History:", ""]
            lines += [_md_step(step, store) for step in record.history]
        # Every quote it rests on, when the citation shows only some of them.
        if len(record.sources) > 1:
            lines += ["", "  Quotes:", ""]
            lines += [f"  - {markdown_text(source_line(span, store))}" for span in record.sources]
    return "\n".join(lines) + "\n"


def export_text(records: Sequence[Record], store: Store, fmt: str, title: str = "") -> str:
    """Records in a file format: md, csv, tsv, json, jsonl or ids (`title` heads Markdown)."""
    if fmt == "md":
        text = _markdown(records, store, title)
    elif fmt in ("csv", "tsv"):
        text = _table(records, store, "," if fmt == "csv" else "\t")
    elif fmt == "json":
        text = json.dumps([record_json(r) for r in records], ensure_ascii=False, indent=2) + "\n"
    elif fmt == "jsonl":
        text = json_lines(record_json(r) for r in records)
    elif fmt == "ids":
        text = "".join(f"{record.id}\n" for record in records)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return clean_text(text)
