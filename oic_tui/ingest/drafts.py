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
from oic_tui.store.mentions import AliasIndex, Mention
from oic_tui.store.names import capitalised_runs
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
# The sentence of the session a document reports: a gathering that was held, took place,
# opened or met (not one that will be: that is not what is reported), on given days.
_GATHERING = re.compile(
    r"\b(?:session|sessions|summit|conference|meeting|forum|council|assembly|congress)\b", re.I
)
_HELD = re.compile(
    r"\b(?:(?:was|were|is|are|has been|have been)(?: being)? held|took place|is taking place"
    r"|(?:was |were )?opened|(?:was |were )?convened|met|gathered)\b"
)
# A session named as another than the one reported ("the previous session was held ...").
_OTHER = re.compile(r"\b(?:previous|preceding|last|next|upcoming|forthcoming|coming)\b", re.I)
_SESSION_PRECISIONS = ("day", "day-range")
PUBLICATION = "published"


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


@dataclass(frozen=True, slots=True)
class Session:
    """The days of the session a document reports."""

    start: calendar_date
    end: calendar_date


def reported_session(sentence: str, found: list[FoundDate], document_date: str) -> Session | None:
    """The session `sentence` reports, if it says one was held on given days, else None."""
    if not _HELD.search(sentence) or _OTHER.search(sentence):
        return None
    if not _GATHERING.search(sentence) and not re.search(r"\b(?:met|gathered)\b", sentence):
        return None
    latest = _iso_day(document_date, last=True) if document_date else None
    for date in found:
        if date.precision not in _SESSION_PRECISIONS:
            continue
        session = Session(_iso_day(date.date_start, False), _iso_day(date.date_end, True))
        # A report does not report a session that begins after its own date.
        if latest is None or session.start <= latest:
            return session
    return None


def phase_of(found: FoundDate, session: Session | None) -> str:
    """Before the session (context), within it (session), after it, or "" with no session."""
    if session is None:
        return ""
    if _iso_day(found.date_end, last=True) < session.start:
        return "context"
    if _iso_day(found.date_start, last=False) > session.end:
        return "after"
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


def _dated_sentences(
    text: str, spans: list[tuple[int, int, int]], document_date: str, head_end: int
) -> list[tuple[int, int, list[FoundDate]]]:
    """Each sentence's span and dates; the metadata head's sentences and dates left out."""
    dated = []
    for start, end, _ in spans:
        if end <= head_end:
            continue  # a date line, headline, time stamp or dateline: metadata, not content
        found = find_dates(text[start:end], document_date)
        # A dateline the splitter left in the first sentence dates the report, not an event.
        dated.append((start, end, [f for f in found if start + f.start >= head_end]))
    return dated


def draft_annotations(
    doc_id: str,
    text: str,
    document_date: str,
    index: AliasIndex,
    dateline: tuple[int, int] | None = None,
    head_end: int = 0,
) -> DraftSet:
    """The draft files (name -> TOML text) for a document, and counts for its summary.

    `dateline` is where the text states its own date: a date whose year a sentence leaves
    out quotes it too, so that the year it takes has a source. The text's first `head_end`
    characters are its metadata (date line, headline, time stamp, dateline): no draft.
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
    all_sentences = sentences(text)
    result.sentences = len(all_sentences)
    dated = _dated_sentences(text, all_sentences, document_date, head_end)
    # The phases need the session first, and it may be reported after earlier events.
    session = next(
        (s for a, b, f in dated if (s := reported_session(text[a:b], f, document_date))), None
    )
    _publication_stub(events, doc_id, document_date, located, all_sentences, head_end)
    for number, (start, end, found) in enumerate(dated, len(all_sentences) - len(dated) + 1):
        sentence = text[start:end]
        quote = _quote(located, start, end)
        # Found once for both the names and the candidates.
        mentions, runs = index.mentions(sentence), capitalised_runs(sentence)
        named = sorted({m.entity_id for m in index.named_among(sentence, mentions, runs)})
        result.entities.update(named)
        covered = False
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
            fields.append(("precision", toml_string(first.precision)))
            # With no session reported there is nothing to place the event by: no phase.
            if phase := phase_of(first, session):
                fields.append(("phase", toml_string(phase)))
            fields.append(("quotes", f"[{', '.join(dict.fromkeys(quotes))}]"))
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


def _publication_stub(
    events: list[str],
    doc_id: str,
    document_date: str,
    located: TextIndex,
    all_sentences: list[tuple[int, int, int]],
    head_end: int,
) -> None:
    """The report's publication as a commented-out event, quoting its metadata lines.

    Whether it is an event of the timeline is the reviewer's to say: uncommented, it also
    makes the metadata lines the source of a record.
    """
    spans = [(a, b) for a, b, _ in all_sentences if b <= head_end]
    if not spans or not document_date:
        return
    precision = {4: "year", 7: "month"}.get(len(document_date), "day")
    quotes = ", ".join(dict.fromkeys(_quote(located, a, b) for a, b in spans))
    events += [
        "",
        "# The report's publication: an event (after the session) only if the review wants",
        "# it. Uncomment it to keep it.",
        "# [[record]]",
        f"# id = {toml_string(f'event.{doc_id}.{PUBLICATION}')}",
        f"# title = {toml_string('The report is published')}",
        f"# text = {toml_string(f'The report is dated {document_date}.')}",
        f"# date = {toml_string(document_date)}",
        f"# precision = {toml_string(precision)}",
        '# phase = "after"',
        f"# quotes = [{quotes}]",
        "# draft = true",
    ]


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
