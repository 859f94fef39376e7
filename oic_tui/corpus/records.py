"""Compile one annotation row into a store record: quotes located in their documents."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cached_property
from typing import Any

from oic_tui.store.dates import check_date
from oic_tui.store.models import PHASES

from .fidelity import placed, unscoped_alias_problem

_OPTIONAL_TEXT = ("phase", "category", "status", "value")
LINK_FIELDS = ("entities", "related", "proposed_by", "presented_by", "promoted_by")
# An alias scope's bounds: an ISO date or a prefix of one (2019, 2019-03, 2019-03-20).
_ISO_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SourceDoc:
    """A document as the build sees it: its id, date and text."""

    id: str
    date: str
    text: str

    @cached_property
    def index(self) -> TextIndex:
        """Where quotes occur in the text, built on the first quote located in it."""
        return TextIndex(self.text)


@dataclass
class Context:
    """What every row of one annotation file compiles against."""

    docs: dict[str, SourceDoc]
    # The document a quote is in when neither it nor its record names one (None: must).
    default_doc: str | None
    problems: list[str]
    # The annotation file (relative to the corpus root), which every problem names first.
    path: str = ""
    # The file of each compiled record and step (by id()) and of each alias row's alias (by
    # (entity id, alias)): the checks run after compiling name it. Shared by a build's files.
    places: dict[Any, str] = dataclass_field(default_factory=dict)

    def at(self, where: str) -> str:
        """A problem's place: the file (unless `where` names it already) and the record."""
        return where if self.path and where.startswith(self.path) else placed(self.path, where)

    def problem(self, where: str, text: str) -> None:
        """Note a problem of the record or step `where`, in this file."""
        self.problems.append(f"{self.at(where)}: {text}")


def step_name(owner: str, raw: Any, record_doc: str | None) -> str:
    """A step as problems name it: its record, and its document and status."""
    row = raw if isinstance(raw, dict) else {}
    quote = row.get("quote")
    doc = row.get("doc", quote.get("doc") if isinstance(quote, dict) else None) or record_doc
    status = row.get("status")
    shown = status if isinstance(status, str) and status.strip() else "no status"
    return f"{owner} step ({doc if isinstance(doc, str) else '?'}, {shown})"


def occurrences(text: str, quote: str) -> list[int]:
    """Where a quote starts in the text (overlapping occurrences too), by str.find in C."""
    starts = []
    at = text.find(quote)
    while at >= 0:
        starts.append(at)
        at = text.find(quote, at + 1)
    return starts


class TextIndex:
    """Every occurrence of a quote in one text, found through an index of the text's words.

    A quote's whole words that are neither its first nor its last stand as whole words of
    the text wherever the quote occurs: the candidates are where its rarest such word
    stands, each then compared. Locating a text's every sentence this way is linear in the
    text, where scanning the text once per quote was quadratic. Answers are kept per quote.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, list[int]] = {}

    @cached_property
    def _words(self) -> dict[str, list[int]]:
        """Each word of the text -> where it starts, in order."""
        words: dict[str, list[int]] = {}
        for match in _WORD.finditer(self.text):
            words.setdefault(match.group(), []).append(match.start())
        return words

    def occurrences(self, quote: str) -> list[int]:
        """Where a quote starts in the text, overlapping occurrences too, in order."""
        found = self._found.get(quote)
        if found is None:
            found = self._found[quote] = self._search(quote)
        return found

    def _search(self, quote: str) -> list[int]:
        offset, candidates = -1, None
        for match in _WORD.finditer(quote):
            # Only a word with a non-word character on both sides in the quote is known to
            # be a whole word of the text at every occurrence.
            if match.start() == 0 or match.end() == len(quote):
                continue
            starts = self._words.get(match.group())
            if starts is None:
                return []
            if candidates is None or len(starts) < len(candidates):
                offset, candidates = match.start(), starts
                if len(starts) == 1:
                    break
        if candidates is None:
            return occurrences(self.text, quote)
        text = self.text
        # A negative start would count from the end of the text: those are no candidates.
        return [
            at for start in candidates if (at := start - offset) >= 0 and text.startswith(quote, at)
        ]


def _doc_of(value: Any, fallback: str | None, where: str, ctx: Context) -> SourceDoc | None:
    """The document a `doc` value (or the fallback) names; None after noting a problem."""
    doc_id = value if value is not None else fallback
    if doc_id is None:
        ctx.problem(where, 'say which document it quotes (doc = "<document id>")')
        return None
    if not isinstance(doc_id, str) or doc_id not in ctx.docs:
        ctx.problem(where, f"doc {doc_id!r} is not a document of the corpus")
        return None
    return ctx.docs[doc_id]


def locate(quote: Any, record_doc: str | None, where: str, ctx: Context) -> dict[str, Any] | None:
    """A quote ({text, nth, doc} or a string) as a source span; None after noting a problem."""
    nth = doc_value = None
    if isinstance(quote, dict):
        nth, doc_value = quote.get("nth"), quote.get("doc")
        quote = quote.get("text")
    if not isinstance(quote, str) or not quote:
        ctx.problem(where, "a quote must be a non-empty string")
        return None
    doc = _doc_of(doc_value, record_doc, where, ctx)
    if doc is None:
        return None
    starts = doc.index.occurrences(quote)
    if not starts:
        ctx.problem(where, f"quote is not verbatim in document {doc.id}: {quote!r}")
        return None
    if nth is None and len(starts) > 1:
        ctx.problem(
            where,
            f"quote is ambiguous ({len(starts)} occurrences); "
            f'give {{text = "...", nth = N}}: {quote!r}',
        )
        return None
    if nth is None:
        nth = 1
    if isinstance(nth, bool) or not isinstance(nth, int) or not 1 <= nth <= len(starts):
        ctx.problem(
            where,
            f"nth must be a whole number from 1 to {len(starts)} "
            f"(the quote occurs {len(starts)} times), not {nth!r}",
        )
        return None
    start = starts[nth - 1]
    return {"doc": doc.id, "start": start, "end": start + len(quote), "quote": quote}


def compile_date(raw: dict[str, Any], where: str, problems: list[str]) -> dict[str, str] | None:
    """A row's date, date_end and precision as a store date; None if it has none."""
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


def strings(raw: dict[str, Any], key: str, where: str, problems: list[str]) -> list[str]:
    """A list-of-text field, or [] after noting that it is not one."""
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where}: {key} must be a list of strings")
        return []
    return list(value)


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key, "")
    return value if isinstance(value, str) else ""


def alias_scope(
    raw: dict[str, Any], where: str, ctx: Context, *, rules: bool = True
) -> dict[str, Any] | None:
    """An alias table's scope ({alias, start, end, docs}); None after noting a problem.

    With `rules`, a role or generic alias without the scope it needs is a problem too (an
    entity's own aliases are checked together instead, by `_aliases`).
    """
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        ctx.problem(where, "a scoped alias needs a name")
        return None
    scope: dict[str, Any] = {"alias": name, "start": "", "end": "", "docs": []}
    for key, field in (("from", "start"), ("until", "end")):
        value = raw.get(key, "")
        if not isinstance(value, str) or (value and not _ISO_PREFIX.fullmatch(value)):
            ctx.problem(where, f"alias {name!r}: {key} must be YYYY, YYYY-MM or a date")
            return None
        scope[field] = value
    docs = strings(raw, "docs", ctx.at(where), ctx.problems)
    unknown = [d for d in docs if d not in ctx.docs]
    if unknown:
        ctx.problem(where, f"alias {name!r}: no such document: {', '.join(unknown)}")
        return None
    scope["docs"] = docs
    if rules and (problem := unscoped_alias_problem(name, [scope])):
        ctx.problem(where, problem)
        return None
    return scope


def _aliases(
    raw: dict[str, Any], kind: str, where: str, ctx: Context
) -> tuple[list[str], list[Any]]:
    value = raw.get("aliases", [])
    if not isinstance(value, list):
        ctx.problem(where, "aliases must be a list")
        return [], []
    names, scopes = [], []
    for item in value:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and (scope := alias_scope(item, where, ctx, rules=False)):
            names.append(scope["alias"])
            scopes.append(scope)
        elif not isinstance(item, dict):
            ctx.problem(where, "an alias must be text or a {name = ...} table")
    names = list(dict.fromkeys(names))
    if kind == "entity":
        for name in names:
            if problem := unscoped_alias_problem(name, scopes, tuple(names)):
                ctx.problem(where, problem)
    return names, scopes


def compile_step(
    raw: Any, record_doc: str | None, where: str, ctx: Context
) -> dict[str, Any] | None:
    """One history step: its status, date and located quote; None after noting a problem."""
    if not isinstance(raw, dict):
        ctx.problem(where, "a history step must be a table")
        return None
    status = raw.get("status")
    if not isinstance(status, str) or not status.strip():
        ctx.problem(where, "status is required")
        return None
    quote = raw.get("quote")
    if isinstance(quote, str) and "doc" in raw:
        quote = {"text": quote, "doc": raw["doc"]}
    elif isinstance(quote, dict) and "doc" in raw:
        quote = {"doc": raw["doc"], **quote}
    source = locate(quote, record_doc, f"{where} quote", ctx)
    date = compile_date(raw, ctx.at(where), ctx.problems)
    if source is None:
        return None
    return {"status": status, "date": date, "source": source}


def compile_record(raw: dict[str, Any], kind: str, ctx: Context) -> dict[str, Any]:
    """A store record from one `[[record]]` row, noting every problem in ctx."""
    problems = ctx.problems
    record_id = raw.get("id") if isinstance(raw.get("id"), str) else ""
    where = f"{kind} {record_id or '?'}"
    for key in ("id", "title", "text"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            ctx.problem(where, f"{key} is required")
    record_doc = raw.get("doc", ctx.default_doc)
    quotes = raw.get("quotes", [])
    if not isinstance(quotes, list):
        ctx.problem(where, "quotes must be a list")
        quotes = []
    sources = [
        span
        for number, quote in enumerate(quotes, 1)
        if (span := locate(quote, record_doc, f"{where} quote {number}", ctx))
    ]
    history = raw.get("history", [])
    if not isinstance(history, list):
        ctx.problem(where, "history must be a list of [[record.history]] tables")
        history = []
    owner = record_id or "?"
    steps = [
        step
        for row in history
        if (step := compile_step(row, record_doc, step_name(owner, row, record_doc), ctx))
    ]
    if not quotes and not history:
        ctx.problem(where, "at least one source quote is required")
    aliases, scopes = _aliases(raw, kind, where, ctx)
    if not isinstance(raw.get("type", ""), str):
        ctx.problem(where, "type must be text")
    elif kind == "entity" and raw.get("draft") is not True and not raw.get("type", "").strip():
        # A reviewed entity says what it is; an uncommented stub without one is not reviewed.
        ctx.problem(where, "type is required (person, country, city, organisation, ...)")
    for key in _OPTIONAL_TEXT:
        if not isinstance(raw.get(key, ""), str):
            ctx.problem(where, f"{key} must be text")
    # A draft event may leave its phase to the review: no session was reported to place it by.
    phase_left_to_review = raw.get("draft") is True and "phase" not in raw
    if kind == "event" and not phase_left_to_review and raw.get("phase") not in PHASES:
        ctx.problem(where, f"phase must be one of {', '.join(PHASES)}")
    draft = raw.get("draft", False)
    if not isinstance(draft, bool):
        ctx.problem(where, f"draft must be true or false, not {draft!r}")
    record: dict[str, Any] = {
        "id": record_id,
        "kind": kind,
        "title": _text(raw, "title"),
        "text": _text(raw, "text"),
        "sources": sources,
        "date": compile_date(raw, ctx.at(where), problems),
        "venues": strings(raw, "venues", ctx.at(where), problems),
        "entity_type": _text(raw, "type"),
        "aliases": aliases,
    }
    record.update({key: _text(raw, key) for key in _OPTIONAL_TEXT})
    record.update({key: strings(raw, key, ctx.at(where), problems) for key in LINK_FIELDS})
    if scopes:
        record["alias_scopes"] = scopes
    # Only when set: a store without drafts stays byte for byte what it was.
    if draft is True:
        record["draft"] = True
    if "date_from" in raw and _date_from(raw["date_from"], record, where, ctx):
        record["date_from"] = "report"
    ctx.places[id(record)] = ctx.path
    for step in steps:
        add_step(record, step)
        ctx.places[id(step)] = ctx.path
    return record


def _date_from(value: Any, record: dict[str, Any], where: str, ctx: Context) -> bool:
    """Whether `date_from = "report"` stands: the year is its report's (or one next to it)."""
    if value != "report":
        ctx.problem(where, f'date_from must be "report", not {value!r}')
        return False
    date = record["date"]
    if not date or date["precision"] in ("undated", "within"):
        ctx.problem(where, "date_from needs a date whose year it gives")
        return False
    dates = {ctx.docs[span["doc"]].date for span in record["sources"]}
    years = {int(d[:4]) for d in dates if d[:4].isdigit()}
    # The year a sentence's tense gives is the report's, the one before or the one after.
    near = {y + step for y in years for step in (-1, 0, 1)}
    if not {int(date["start"][:4]), int(date["end"][:4])} <= near:
        reports = ", ".join(sorted(d for d in dates if d)) or "no date"
        ctx.problem(
            where,
            f'date_from = "report", but {date["start"][:4]} is not the year of '
            f"the report's date ({reports}) nor next to it",
        )
        return False
    return True


def add_step(record: dict[str, Any], step: dict[str, Any]) -> None:
    """Add a history step (oldest first) whose quote also becomes one of the sources."""
    history = record.setdefault("history", [])
    history.append(step)
    history.sort(key=lambda s: s["date"]["start"] or "9999" if s["date"] else "9999")
    if step["source"] not in record["sources"]:
        record["sources"].append(step["source"])
