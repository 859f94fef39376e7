"""Turn raw store rows into model objects, rejecting any row of the wrong shape."""

from __future__ import annotations

from typing import Any

from .dates import check_date
from .models import (
    KINDS,
    PHASES,
    AliasScope,
    DateValue,
    Document,
    Record,
    Sentence,
    SourceSpan,
    StatusStep,
)
from .sanitize import one_line
from .sentences import paragraphs, sentences

# TinyDB turns row keys into ints; `int` refuses more than 4,300 digits, and no store has
# anywhere near 10**18 rows.
_ROW_KEY_DIGITS = 18


def row_key(key: str) -> bool:
    """True for a table row key TinyDB can read: ASCII digits `int` takes ("²" is not)."""
    return key.isascii() and key.isdigit() and len(key) <= _ROW_KEY_DIGITS


def _text(raw: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = raw.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValueError(f"{key} is not text")
    if required and not value.strip():
        raise ValueError(f"{key} is missing")
    return value


def _strings(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{key} is not a list of text")
    return tuple(value)


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} is not a whole number")
    return value


def _date(raw: Any) -> DateValue | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("date is not an object")
    precision = _text(raw, "precision") or "undated"
    start, end = _text(raw, "start"), _text(raw, "end")
    end = end or start
    check_date(start, end, precision)
    return DateValue(start, end, precision)


def _span(raw: Any) -> SourceSpan:
    if not isinstance(raw, dict):
        raise ValueError("a source is not an object")
    start, end = _int(raw.get("start"), "source start"), _int(raw.get("end"), "source end")
    return SourceSpan(_text(raw, "doc", required=True), start, end, _text(raw, "quote"))


def _step(raw: Any) -> StatusStep:
    if not isinstance(raw, dict):
        raise ValueError("a history step is not an object")
    return StatusStep(
        _text(raw, "status", required=True),
        _date(raw.get("date")),
        _span(raw.get("source")),
        _draft(raw),
    )


def _scope(raw: Any) -> AliasScope:
    if not isinstance(raw, dict):
        raise ValueError("an alias scope is not an object")
    return AliasScope(
        _text(raw, "alias", required=True),
        _text(raw, "start"),
        _text(raw, "end"),
        _strings(raw, "docs"),
    )


def _draft(raw: dict[str, Any]) -> bool:
    value = raw.get("draft", False)
    if not isinstance(value, bool):
        raise ValueError("draft is not true or false")
    return value


def _history_and_scopes(
    raw: dict[str, Any],
) -> tuple[tuple[StatusStep, ...], tuple[AliasScope, ...]]:
    history, scopes = raw.get("history") or [], raw.get("alias_scopes") or []
    if not isinstance(history, list) or not isinstance(scopes, list):
        raise ValueError("history and alias_scopes must be lists")
    return tuple(map(_step, history)), tuple(map(_scope, scopes))


_OPTIONAL_TEXT = ("phase", "category", "status", "value", "entity_type")
# A record's date_from: empty, or "report" (its year is the report's date's).
DATE_FROM = ("", "report")
ROLES = ("proposed_by", "presented_by", "promoted_by")
_LISTS = ("entities", "related", *ROLES, "venues", "aliases")


def _is_text_list(value: Any) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


def _fast_record(raw: dict[str, Any]) -> Record | None:
    """A well-formed row in one pass (stores hold 100,000 of them); None for anything else."""
    get = raw.get
    kind, record_id, title, text = get("kind"), get("id"), get("title"), get("text", "")
    if not (
        type(kind) is str
        and kind in KINDS
        and type(record_id) is str
        and record_id.strip()
        and type(title) is str
        and title.strip()
        and type(text) is str
    ):
        return None
    phase, category, status, value, entity_type = (get(key, "") for key in _OPTIONAL_TEXT)
    if not all(type(v) is str for v in (phase, category, status, value, entity_type)):
        return None
    if phase and phase not in PHASES:
        return None
    lists = [get(key) or [] for key in _LISTS]
    if not all(map(_is_text_list, lists)):
        return None
    draft = get("draft", False)
    if type(draft) is not bool:
        return None
    date_from = get("date_from", "")
    if date_from not in DATE_FROM:
        return None
    entities, related, proposed_by, presented_by, promoted_by, venues, aliases = lists
    sources = get("sources")
    if type(sources) is not list or not sources:
        return None
    spans = []
    for source in sources:
        if type(source) is not dict:
            return None
        doc, start, end = source.get("doc"), source.get("start"), source.get("end")
        quote = source.get("quote", "")
        if not (type(doc) is str and doc.strip() and type(start) is int and type(end) is int):
            return None
        if type(quote) is not str:
            return None
        spans.append(SourceSpan(doc, start, end, quote))
    try:
        date = _date(get("date"))
        history, alias_scopes = (
            _history_and_scopes(raw) if ("history" in raw or "alias_scopes" in raw) else ((), ())
        )
    except ValueError:
        return None
    return Record(
        id=record_id,
        kind=kind,
        title=title,
        text=text,
        sources=tuple(spans),
        entities=tuple(entities),
        related=tuple(related),
        date=date,
        phase=phase,
        category=category,
        status=status,
        value=value,
        proposed_by=tuple(proposed_by),
        presented_by=tuple(presented_by),
        promoted_by=tuple(promoted_by),
        venues=tuple(venues),
        entity_type=entity_type,
        aliases=tuple(aliases),
        alias_scopes=alias_scopes,
        history=history,
        draft=draft,
        date_from=date_from,
    )


def parse_record(raw: dict[str, Any]) -> Record:
    """A Record from a store row, or ValueError saying what is wrong."""
    record = _fast_record(raw)
    return record if record is not None else _checked_record(raw)


def _checked_record(raw: dict[str, Any]) -> Record:
    """The row field by field, raising ValueError at the first thing wrong."""
    kind = _text(raw, "kind", required=True)
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is unknown")
    sources = raw.get("sources")
    if not isinstance(sources, list) or not sources:
        raise ValueError("it has no source span")
    history, alias_scopes = _history_and_scopes(raw)
    record = Record(
        id=_text(raw, "id", required=True),
        kind=kind,
        title=_text(raw, "title", required=True),
        text=_text(raw, "text"),
        sources=tuple(_span(s) for s in sources),
        date=_date(raw.get("date")),
        phase=_text(raw, "phase"),
        category=_text(raw, "category"),
        status=_text(raw, "status"),
        value=_text(raw, "value"),
        entity_type=_text(raw, "entity_type"),
        entities=_strings(raw, "entities"),
        related=_strings(raw, "related"),
        proposed_by=_strings(raw, "proposed_by"),
        presented_by=_strings(raw, "presented_by"),
        promoted_by=_strings(raw, "promoted_by"),
        venues=_strings(raw, "venues"),
        aliases=_strings(raw, "aliases"),
        alias_scopes=alias_scopes,
        history=history,
        draft=_draft(raw),
        date_from=_text(raw, "date_from"),
    )
    if record.date_from not in DATE_FROM:
        raise ValueError(f'date_from {record.date_from!r} is not "report"')
    if record.phase and record.phase not in PHASES:
        raise ValueError(f"phase {record.phase!r} is unknown")
    return record


def verify_sources(record: Record, texts: dict[str, str]) -> None:
    """Raise ValueError unless every quote equals its document at its offsets."""
    for span in (*record.sources, *(step.source for step in record.history)):
        text = texts.get(span.doc)
        if text is None:
            raise ValueError(f"source document {span.doc!r} is not in the store")
        if not 0 <= span.start < span.end <= len(text):
            raise ValueError(f"source offsets {span.start}-{span.end} are outside the document")
        if text[span.start : span.end] != span.quote:
            raise ValueError(f"quote at {span.start}-{span.end} does not match the document")


def _head_end(raw: dict[str, Any], text: str, doc_id: str, problems: list[str] | None) -> int:
    """Where the row says the text's metadata ends; 0 (and a problem) if not an offset in it."""
    value = raw.get("head")
    if value is None:
        return 0
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= len(text):
        return value
    if problems is not None:
        # A bad head only loses the metadata's exemption from coverage, not the document.
        problems.append(
            f"document {one_line(doc_id, 120)}: head is not an offset within its text (ignored)"
        )
    return 0


def _boilerplate(
    raw: dict[str, Any], text: str, doc_id: str, problems: list[str] | None
) -> tuple[tuple[int, int], ...]:
    """The row's boilerplate ranges; none (and a problem) unless sorted, disjoint, in the text."""
    value = raw.get("boilerplate")
    if value is None:
        return ()
    ranges: list[tuple[int, int]] = []
    if isinstance(value, list):
        for pair in value:
            if not (isinstance(pair, list) and len(pair) == 2):
                break
            start, end = pair
            if not all(isinstance(n, int) and not isinstance(n, bool) for n in pair):
                break
            if not (ranges[-1][1] if ranges else 0) <= start < end <= len(text):
                break
            ranges.append((start, end))
        else:
            return tuple(ranges)
    if problems is not None:
        # Bad ranges only lose the furniture's exemption from coverage, not the document.
        problems.append(
            f"document {one_line(doc_id, 120)}: boilerplate is not a list of sorted, "
            "disjoint ranges within its text (ignored)"
        )
    return ()


def parse_document(raw: dict[str, Any], problems: list[str] | None = None) -> Document:
    """A Document from a store row; sentence boundaries are recomputed if absent.

    What is wrong with its optional `head` goes to `problems`: the document is still read.
    """
    text = _text(raw, "text", required=True)
    spans = raw.get("sentences")
    if not isinstance(spans, list):
        spans = [list(s) for s in sentences(text)]
    try:
        parsed = tuple(
            Sentence(i, _int(s[0], "sentence"), _int(s[1], "sentence"), _int(s[2], "sentence"))
            for i, s in enumerate(spans)
        )
    except (IndexError, TypeError, KeyError):
        raise ValueError("sentence boundaries are malformed") from None
    if any(not 0 <= s.start <= s.end <= len(text) for s in parsed):
        raise ValueError("sentence boundaries are outside the text")
    doc_id = _text(raw, "id", required=True)
    return Document(
        id=doc_id,
        title=_text(raw, "title"),
        publisher=_text(raw, "publisher"),
        date=_text(raw, "date"),
        place=_text(raw, "place"),
        text=text,
        sha256=_text(raw, "sha256"),
        sentences=parsed,
        paragraphs=tuple((s, e) for s, e in paragraphs(text)),
        precision=_text(raw, "precision") or "day",
        url=_text(raw, "url"),
        label=_text(raw, "label"),
        head_end=_head_end(raw, text, doc_id, problems),
        boilerplate=_boilerplate(raw, text, doc_id, problems),
    )
