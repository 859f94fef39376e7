"""Draft annotations of an imported text: its dated events, named entities and initiatives.

Every draft quotes a whole sentence verbatim and says `draft = true`, so the build takes it
(its labels are only warned about) and every sentence is the source of at least one draft.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date as calendar_date
from datetime import timedelta

from oic_tui.corpus.annotations import toml_string
from oic_tui.corpus.records import TextIndex
from oic_tui.store.mentions import AliasIndex, Mention, capitalised_runs
from oic_tui.store.sentences import sentences

from .dates import FoundDate, find_dates

# Verbs by which Kazakhstan puts something forward, and the status word each reports.
INITIATIVE_VERBS: dict[str, str] = {
    "proposed": "proposed",
    "proposes": "proposed",
    "initiated": "proposed",
    "initiates": "proposed",
    "put forward": "proposed",
    "puts forward": "proposed",
    "suggested": "proposed",
    "called for": "called for",
    "calls for": "called for",
    "called on": "called for",
    "calls on": "called for",
    "invited": "invited",
    "invites": "invited",
    "offered": "offered",
    "offers": "offered",
}
_VERB = re.compile(r"\b(" + "|".join(sorted(INITIATIVE_VERBS, key=len, reverse=True)) + r")\b")
KAZAKHSTAN = "entity.kazakhstan"
TITLE_WORDS = 12
# A person written with initials: `A. Musinov`, `A.Musinov`, `H.E. K. Tokayev`.
_INITIALS = re.compile(r"\b(?:[A-Z]\.\s?){1,3}[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
# Within this many days before the document, a happening is the reported occasion itself.
SESSION_DAYS = 14


@dataclass
class DraftSet:
    """The draft files of one document and what they hold, for the import's summary."""

    files: dict[str, str] = field(default_factory=dict)
    sentences: int = 0
    dates: int = 0
    inferred_years: int = 0
    entities: set[str] = field(default_factory=set)
    initiatives: int = 0
    candidates: list[str] = field(default_factory=list)
    drafts: int = 0


def _title(sentence: str) -> str:
    """The sentence's first words as they are written (a draft title says no more)."""
    words = sentence.split()
    head = " ".join(words[:TITLE_WORDS]).rstrip(".,;:") or " ".join(words[:TITLE_WORDS])
    return head + ("…" if len(words) > TITLE_WORDS else "")


def _quote(index: TextIndex, start: int, end: int) -> str:
    """A quote of text[start:end] as TOML, with `nth` when the same words occur elsewhere."""
    quote = index.text[start:end]
    starts = index.occurrences(quote)
    if len(starts) == 1:
        return toml_string(quote)
    return f"{{ text = {toml_string(quote)}, nth = {bisect_left(starts, start) + 1} }}"


def _iso_day(value: str, last: bool) -> calendar_date:
    """The first (or last) day an ISO date of any precision covers."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return calendar_date(parts[0], 12, 31) if last else calendar_date(parts[0], 1, 1)
    if len(parts) == 2:
        year, month = parts
        if not last:
            return calendar_date(year, month, 1)
        return calendar_date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return calendar_date(parts[0], parts[1], parts[2])


def phase_of(found: FoundDate, document_date: str) -> str:
    """Before the reported occasion (context), the occasion itself (session), or after."""
    if not document_date:
        return "session"
    reported = _iso_day(document_date, last=True)
    if _iso_day(found.date_start, last=False) > reported:
        return "after"
    if (reported - _iso_day(found.date_end, last=True)).days > SESSION_DAYS:
        return "context"
    return "session"


def _record(lines: list[str], fields: list[tuple[str, str]]) -> None:
    lines.append("\n[[record]]")
    lines.extend(f"{key} = {value}" for key, value in fields)
    lines.append("draft = true")


def _list(values: list[str]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def _candidates(sentence: str, mentions: list[Mention], spans: list[tuple[int, int]]) -> list[str]:
    """Names no entity has: capitalised runs of two words or more, and people by initials."""
    known = {sentence[m.start : m.end] for m in mentions}
    runs = [sentence[s:e] for s, e in spans]
    names = [r for r in runs if len(r.split()) >= 2] + _INITIALS.findall(sentence)
    return [n for n in dict.fromkeys(names) if n not in known and not any(n in k for k in known)]


def draft_annotations(
    doc_id: str,
    text: str,
    document_date: str,
    index: AliasIndex,
    dateline: tuple[int, int] | None = None,
) -> DraftSet:
    """The draft files (name -> TOML text) for a document, and counts for its summary.

    `dateline` is where the text states its own date: a date whose year a sentence leaves
    out quotes it too, so that the year it takes has a source.
    """
    result = DraftSet()
    head = ["# Drafts written by `oic-tui import`: review each, then remove `draft = true`."]
    events, initiatives, topics = [*head, 'kind = "event"'], [*head], [*head]
    initiatives.append('kind = "initiative"')
    topics.append('kind = "topic"')
    # Ordered and without repeats: a dict, so that each name is looked up, not searched for.
    candidates: dict[str, None] = {}
    # One index of the text locates every quote: rescanning it for each was quadratic.
    located = TextIndex(text)
    for number, (start, end, _) in enumerate(sentences(text), 1):
        result.sentences += 1
        sentence = text[start:end]
        quote = _quote(located, start, end)
        # Found once for both the names and the candidates.
        mentions, runs = index.mentions(sentence), capitalised_runs(sentence)
        named = sorted({m.entity_id for m in index.named_among(sentence, mentions, runs)})
        result.entities.update(named)
        covered = False
        found = find_dates(sentence, document_date)
        if found:
            first = found[0]
            result.dates += len(found)
            result.inferred_years += sum(f.year_inferred for f in found)
            fields = [
                ("id", toml_string(f"event.{doc_id}.s{number}")),
                ("title", toml_string(_title(sentence))),
                ("text", toml_string(sentence)),
                ("date", toml_string(first.date_start)),
            ]
            if first.date_end != first.date_start:
                fields.append(("date_end", toml_string(first.date_end)))
            quotes = [quote]
            stated = text[dateline[0] : dateline[1]] if dateline else ""
            if first.year_inferred and dateline and first.date_start[:4] in stated:
                quotes.append(_quote(located, *dateline))
            fields += [
                ("precision", toml_string(first.precision)),
                ("phase", toml_string(phase_of(first, document_date))),
                ("quotes", f"[{', '.join(dict.fromkeys(quotes))}]"),
            ]
            if named:
                fields.append(("entities", _list(named)))
            if first.year_inferred:
                events.append(f"\n# The year of {first.text!r} is the dateline's: check it.")
            _record(events, fields)
            covered = True
        verb = _VERB.search(sentence)
        if verb and KAZAKHSTAN in named:
            result.initiatives += 1
            fields = [
                ("id", toml_string(f"initiative.{doc_id}.s{number}")),
                ("title", toml_string(_title(sentence))),
                ("text", toml_string(sentence)),
                ("status", toml_string(INITIATIVE_VERBS[verb.group(1)])),
                ("proposed_by", _list([KAZAKHSTAN])),
                ("quotes", f"[{quote}]"),
            ]
            if len(named) > 1:
                fields.append(("entities", _list([n for n in named if n != KAZAKHSTAN])))
            _record(initiatives, fields)
            covered = True
        if not covered:
            fields = [
                ("id", toml_string(f"topic.{doc_id}.s{number}")),
                ("title", toml_string(_title(sentence))),
                ("text", toml_string(sentence)),
                ("category", toml_string("draft")),
                ("quotes", f"[{quote}]"),
            ]
            if named:
                fields.append(("entities", _list(named)))
            _record(topics, fields)
        candidates.update(dict.fromkeys(_candidates(sentence, mentions, runs)))
    result.candidates = _outermost(list(candidates))
    result.drafts = sum(part.count("\n[[record]]") for part in (*events, *initiatives, *topics))
    result.files = {
        "events.toml": "\n".join(events) + "\n",
        "initiatives.toml": "\n".join(initiatives) + "\n",
        "topics.toml": "\n".join(topics) + "\n",
        "entities.toml": _entity_stubs(doc_id, located, result.candidates),
    }
    return result


def _outermost(names: list[str]) -> list[str]:
    """The names not inside a longer one ("H.E. Yerlan" is in "H.E. Yerlan Idrissov")."""
    # All names in one string, each searched for in it once: a name found anywhere but at
    # its own place is inside another (no name holds a NUL, so none spans two).
    joined = "\0".join(names)
    kept, place = [], 0
    for name in names:
        first = joined.find(name)
        if first == place and joined.find(name, first + 1) < 0:
            kept.append(name)
        place += len(name) + 1
    return kept


def slug(text: str, limit: int) -> str:
    """`text` in lower-case letters and digits joined by `-`, at most `limit` long ("" if none)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit]


def _entity_stubs(doc_id: str, located: TextIndex, names: list[str]) -> str:
    """New-name candidates as commented-out entities: a curator uncomments those that are."""
    lines = [
        "# New names `oic-tui import` found in the text that no entity of the corpus has.",
        "# Uncomment the real ones, give each a `type` and a `text`, and check the aliases.",
        'kind = "entity"',
    ]
    for name in names:
        once = len(located.occurrences(name)) == 1
        quote = toml_string(name) if once else f"{{ text = {toml_string(name)}, nth = 1 }}"
        lines += [
            "",
            "# [[record]]",
            f"# id = {toml_string('entity.' + (slug(name, 60) or 'name'))}",
            f"# title = {toml_string(name)}",
            f"# aliases = [{toml_string(name)}]",
            f"# text = {toml_string(f'Named in {doc_id}.')}",
            f"# quotes = [{quote}]",
        ]
    return "\n".join(lines) + "\n"
