"""Draft annotations of an imported text: its dated events, named entities and initiatives.

Every draft quotes a whole sentence verbatim and says `draft = true`, so the build takes it
(its labels are only warned about) and every sentence is the source of at least one draft.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as calendar_date
from datetime import timedelta

from oic_tui.corpus.annotations import toml_string
from oic_tui.corpus.records import TextIndex
from oic_tui.store.mentions import AliasIndex, Mention
from oic_tui.store.sentences import sentences

from .boilerplate import inside
from .clauses import clauses, year_note
from .dates import FoundDate, find_dates
from .gazetteer import Drafted, draft_known, gazetteer
from .initiatives import KAZAKHSTAN, InitiativeContext, InitiativeReader, step_row
from .names import Runs, entity_stubs, extra_names, surname_forms

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
    steps: int = 0
    candidates: list[str] = field(default_factory=list)
    drafts: int = 0
    # The gazetteer's entities drafted here -> their names as written (see AliasSource).
    known: dict[str, list[str]] = field(default_factory=dict)


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
    text: str,
    spans: list[tuple[int, int, int]],
    document_date: str,
    head_end: int,
    furniture: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, int, list[FoundDate]]]:
    """Each sentence's span and dates; the metadata head's and the boilerplate's left out."""
    dated = []
    for start, end, _ in spans:
        if end <= head_end or inside(furniture, start, end):
            continue  # metadata (date line, headline, dateline) or page furniture: not content
        if start < head_end:
            # A dateline the splitter left in the sentence (`KAZINFORM A ...`): quoted without.
            start = head_end + len(text[head_end:end]) - len(text[head_end:end].lstrip())
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
    furniture: Sequence[tuple[int, int]] = (),
    context: InitiativeContext | None = None,
) -> DraftSet:
    """The draft files (name -> TOML text) for a document, and counts for its summary.

    `dateline` is where the text states its own date: a date whose year a sentence leaves
    out quotes it too, so that the year it takes has a source. The text's first `head_end`
    characters are its metadata (date line, headline, time stamp, dateline): no draft.
    `context` says who speaks for Kazakhstan and which initiatives the corpus has.
    """
    result = DraftSet()
    head = ["# Drafts written by `oic-tui import`: review each, then remove `draft = true`."]
    events, initiatives, topics = [*head, 'kind = "event"'], [*head], [*head]
    initiatives.append('kind = "initiative"')
    topics.append('kind = "topic"')
    steps = [*head, 'kind = "step"']
    reader = InitiativeReader(context or InitiativeContext())
    # Ordered and without repeats: a dict, so that each name is looked up, not searched for.
    candidates: dict[str, None] = {}
    # One index of the text locates every quote: rescanning it for each was quadratic.
    located = TextIndex(text)
    all_sentences = sentences(text)
    result.sentences = len(all_sentences)
    paragraph_of = {a: p for a, _, p in all_sentences}
    dated = _dated_sentences(text, all_sentences, document_date, head_end, furniture)
    # The phases need the session first, and it may be reported after earlier events.
    session = next(
        (s for a, b, f in dated if (s := reported_session(text[a:b], f, document_date))), None
    )
    # The gazetteer's entities the text names, drafted once each and linked like the corpus's.
    runs_of = Runs({a for names in index.aliases.values() for a in names} | _gazetteer_names())
    content = [(a, b) for a, b, _ in dated]
    known = draft_known(doc_id, text, document_date, index, content, located, runs_of)
    index = known.index
    result.known = known.written
    _publication_stub(events, doc_id, document_date, located, all_sentences, head_end)
    for number, (start, end, found) in enumerate(dated, len(all_sentences) - len(dated) + 1):
        sentence = text[start:end]
        quote = _quote(located, start, end)
        # Found once for both the names and the candidates.
        mentions, runs = index.mentions(sentence), runs_of(sentence)
        names = index.named_among(sentence, mentions, runs)
        named = sorted({m.entity_id for m in names})
        result.entities.update(named)
        covered = False
        if found:
            result.dates += len(found)
            result.inferred_years += sum(f.year_inferred for f in found)
            # One event per date the sentence states, each quoting the clause that holds it.
            spans = clauses(sentence, found)
            stated = (
                (text[dateline[0] : dateline[1]], _quote(located, *dateline)) if dateline else None
            )
            for part, (date, (a, b)) in enumerate(zip(found, spans, strict=True), 1):
                suffix = f"-{part}" if part > 1 else ""
                # The entities its clause names (all the sentence's, when it is the clause).
                linked = sorted({m.entity_id for m in names if a <= m.start and m.end <= b})
                where = (f"event.{doc_id}.s{number}{suffix}", sentence[a:b], linked)
                clause_quote = _quote(located, start + a, start + b)
                _event(events, where, clause_quote, date, session, stated, document_date)
            covered = True
        finding = reader.read(sentence, mentions, paragraph_of.get(start, -1))
        if finding and finding.step_of:
            # A step of an initiative the corpus has, not a new one (docs/corpus.md, Import).
            result.steps += 1
            _record(steps, step_row(finding.step_of, finding.status, quote, found))
            covered = True
        elif finding:
            result.initiatives += 1
            fields = [
                ("id", toml_string(f"initiative.{doc_id}.s{number}")),
                ("title", toml_string(_title(sentence))),
                ("text", toml_string(sentence)),
                ("status", toml_string(finding.status)),
                ("proposed_by", _list([KAZAKHSTAN])),
                ("quotes", f"[{quote}]"),
            ]
            if others := [n for n in named if n != KAZAKHSTAN]:
                fields.append(("entities", _list(others)))
            _record(initiatives, fields)
            covered = True
        if not covered:
            fields = [
                ("id", toml_string(f"topic.{doc_id}.s{number}")),
                ("title", toml_string(_title(sentence))),
                ("text", toml_string(sentence)),
                # No category: "draft" was kept by an accept, and a topic may have none.
                ("quotes", f"[{quote}]"),
            ]
            if named:
                fields.append(("entities", _list(named)))
            _record(topics, fields)
        candidates.update(dict.fromkeys(_candidates(sentence, mentions, runs)))
        named_here = {sentence[m.start : m.end] for m in mentions}
        candidates.update(dict.fromkeys(extra_names(sentence, runs, runs_of, named_here)))
    result.candidates = _outermost(list(candidates))
    parts = (*events, *initiatives, *topics, *steps)
    result.drafts = sum(part.count("\n[[record]]") for part in parts)
    result.files = {
        "events.toml": "\n".join(events) + "\n",
        "initiatives.toml": "\n".join(initiatives) + "\n",
        "topics.toml": "\n".join(topics) + "\n",
        "entities.toml": _entity_stubs(doc_id, located, result.candidates, known, runs_of),
    }
    if result.steps:
        result.files["steps.toml"] = "\n".join(steps) + "\n"
    if aliases := known.alias_rows(doc_id):
        result.files["aliases.toml"] = aliases
    return result


def _event(
    events: list[str],
    where: tuple[str, str, list[str]],
    quote: str,
    found: FoundDate,
    session: Session | None,
    dateline: tuple[str, str] | None,
    document_date: str,
) -> None:
    """The draft event of one date: `where` is its id, its clause and the entities it names;
    `dateline` the text's own date line and its quote, a source of a year the clause omits."""
    event_id, clause, named = where
    fields = [
        ("id", toml_string(event_id)),
        ("title", toml_string(_title(clause))),
        ("text", toml_string(clause)),
        ("date", toml_string(found.date_start)),
    ]
    if found.date_end != found.date_start:
        fields.append(("date_end", toml_string(found.date_end)))
    fields.append(("precision", toml_string(found.precision)))
    # A year the text leaves out is the report's: the build accepts it as such once marked.
    if found.year_inferred:
        fields.append(("date_from", toml_string("report")))
    quotes = [quote]
    if found.year_inferred and dateline and found.date_start[:4] in dateline[0]:
        quotes.append(dateline[1])
    # With no session reported there is nothing to place the event by: no phase.
    if phase := phase_of(found, session):
        fields.append(("phase", toml_string(phase)))
    fields.append(("quotes", f"[{', '.join(dict.fromkeys(quotes))}]"))
    if named:
        fields.append(("entities", _list(named)))
    if found.year_inferred:
        events.append("\n" + year_note(found, document_date))
    _record(events, fields)


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


def _gazetteer_names() -> set[str]:
    return {name for entry in gazetteer().values() for name in entry.names}


def _entity_stubs(
    doc_id: str, located: TextIndex, names: list[str], known: Drafted, runs: Runs
) -> str:
    """Known entities the text names as drafts; new names as commented-out stubs."""
    lines = [
        "# Entities `oic-tui import` found in the text that the corpus has not: those the",
        "# gazetteer knows as drafts, new names commented out. Uncomment the real ones, give",
        "# each a `type` (a reviewed entity needs one) and a `text`, and check the aliases.",
        'kind = "entity"',
        *known.notes,
    ]
    # Short forms ("E. Idrissov") join the full name's entity, drafted or stubbed.
    drafted = known.names()
    merged = surname_forms(names, drafted)
    for short, full in merged.items():
        if full in drafted:
            known.aliases[drafted[full]].append(toml_string(short))
    lines += [*known.lines(), *entity_stubs(doc_id, located, names, runs, merged)]
    return "\n".join(lines) + "\n"
