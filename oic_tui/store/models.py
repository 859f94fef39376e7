"""Typed, immutable model objects that the store hands to the rest of the app."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS: tuple[str, ...] = ("event", "topic", "initiative", "fact", "entity")
KIND_LABELS: dict[str, str] = {
    "event": "Timeline",
    "topic": "Topics",
    "initiative": "Kazakhstan initiatives",
    "fact": "OIC facts",
    "entity": "Entities",
}
# `within`: at some time within [start, end] (days or years), not all of it.
PRECISIONS: tuple[str, ...] = (
    "day",
    "day-range",
    "within",
    "month",
    "year",
    "year-range",
    "undated",
)
PRECISION_NOTES: dict[str, str] = {"within": "at some time within this range"}
PHASES: tuple[str, ...] = ("context", "session", "after")
PHASE_LABELS: dict[str, str] = {
    "context": "Before the session",
    "session": "The session",
    "after": "After the session",
}
# The one table of the months: every name, abbreviation and lookup is made from it.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS = tuple(name[:3] for name in MONTH_NAMES)


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """A verbatim quote of a document and the character offsets it occupies."""

    doc: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class DateValue:
    """A normalised date: ISO start/end strings and how precise they are."""

    start: str = ""
    end: str = ""
    precision: str = "undated"

    @property
    def sort_key(self) -> str:
        """Sortable key; undated values sort after every dated one."""
        return self.start or "9999"

    @property
    def years(self) -> tuple[int, int] | None:
        """First and last year covered, or None when undated."""
        if not self.start:
            return None
        return int(self.start[:4]), int((self.end or self.start)[:4])

    def display(self) -> str:
        """Human form at its precision, e.g. `27–28 May 2015`, `Dec 1995`, `2017–2018`."""
        return format_date(self)

    def compact(self) -> str:
        """A short form for a column: `30 Sep–2 Oct 2015`, not `30 September 2015 – …`."""
        return format_date(self, MONTHS)


def _day_month_year(iso: str) -> tuple[int, int, int]:
    year, month, day = iso.split("-")
    return int(day), int(month), int(year)


def format_date(
    date: DateValue,
    month_names: tuple[str, ...] = MONTH_NAMES,
    *,
    year: bool = True,
    within: str | None = None,
) -> str:
    """Render a date at exactly the precision the source gives.

    Without its `year` when it lies within one year (a heading above says the year), and
    with `within` before a date at some time within its range instead of the words.
    """
    p = date.precision
    if p == "undated" or not date.start:
        return "undated"
    if p == "within":
        inner = DateValue(
            date.start, date.end, "year-range" if len(date.start) == 4 else "day-range"
        )
        if within is None:
            # The compact form, for history and notes: `in 27–28 May 2015`.
            within = "in " if month_names is MONTHS else "during "
        return within + format_date(inner, month_names, year=year)
    if p == "year":
        return date.start[:4]
    if p == "year-range":
        return f"{date.start[:4]}–{date.end[:4]}"
    # A day or month keeps its year unless the year is said above it (one year only).
    tail = f" {date.start[:4]}" if year or date.years is None or len(set(date.years)) > 1 else ""
    if p == "month":
        return f"{MONTHS[int(date.start[5:7]) - 1]}{tail}"
    d1, m1, y1 = _day_month_year(date.start)
    if p == "day":
        return f"{d1} {month_names[m1 - 1]}{tail}"
    d2, m2, y2 = _day_month_year(date.end)
    if (m1, y1) == (m2, y2):
        return f"{d1}–{d2} {month_names[m1 - 1]}{tail}"
    if y1 == y2 and month_names is MONTHS:
        return f"{d1} {month_names[m1 - 1]}–{d2} {month_names[m2 - 1]}{tail}"
    return f"{d1} {month_names[m1 - 1]} {y1} – {d2} {month_names[m2 - 1]} {y2}"


@dataclass(frozen=True, slots=True)
class StatusStep:
    """One dated step of an initiative's history, with the quote that reports it."""

    status: str
    date: DateValue | None
    source: SourceSpan
    # Drafted by `oic-tui import`, not yet reviewed: shown, never the initiative's status.
    draft: bool = False


@dataclass(frozen=True, slots=True)
class AliasScope:
    """Where an alias names its entity: documents dated within [start, end], or listed ones."""

    alias: str
    start: str = ""
    end: str = ""
    docs: tuple[str, ...] = ()

    def applies(self, doc_id: str, doc_date: str) -> bool:
        """True when the alias names its entity in this document."""
        if self.docs and doc_id not in self.docs:
            return False
        if self.start and doc_date[: len(self.start)] < self.start:
            return False
        return not (self.end and doc_date[: len(self.end)] > self.end)


@dataclass(frozen=True, slots=True)
class Record:
    """One curated record of any kind; fields a kind does not use stay empty."""

    id: str
    kind: str
    title: str
    text: str
    sources: tuple[SourceSpan, ...]
    entities: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    date: DateValue | None = None
    phase: str = ""
    category: str = ""
    status: str = ""
    value: str = ""
    # An initiative's people or bodies, each role with its own meaning: whose proposal it
    # is, who presented (or called for) it, and who promoted it without either.
    proposed_by: tuple[str, ...] = ()
    presented_by: tuple[str, ...] = ()
    promoted_by: tuple[str, ...] = ()
    venues: tuple[str, ...] = ()
    entity_type: str = ""
    aliases: tuple[str, ...] = ()
    # Aliases that name the entity only in some documents (a role's holder, a renamed city).
    alias_scopes: tuple[AliasScope, ...] = ()
    # An initiative's dated steps, oldest first, each with its own source.
    history: tuple[StatusStep, ...] = ()
    # Written by `oic-tui import` and not yet reviewed by a curator (see README, drafts).
    draft: bool = False
    # "report" when the date's year (a text leaves it out) is taken from the report's date.
    date_from: str = ""

    @property
    def docs(self) -> tuple[str, ...]:
        """The documents its sources lie in, in the order first quoted."""
        return tuple(dict.fromkeys(span.doc for span in self.sources))

    @property
    def year(self) -> str:
        """The year its date starts in ("" when undated)."""
        return self.date.start[:4] if self.date else ""

    @property
    def latest(self) -> StatusStep | None:
        """The newest step of its history, if it has one."""
        return self.history[-1] if self.history else None

    @property
    def by(self) -> tuple[str, ...]:
        """Every entity in any of the three roles, once each."""
        return tuple(dict.fromkeys((*self.proposed_by, *self.presented_by, *self.promoted_by)))

    @property
    def summary(self) -> str:
        """The short attribute a pane shows beside the title for this kind."""
        if self.kind == "event" and self.date is not None:
            return self.date.display()
        if self.kind == "topic":
            return self.category
        if self.kind == "initiative":
            return self.status
        if self.kind == "fact":
            return self.value
        if self.kind == "entity":
            return self.entity_type
        return ""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document by its character offsets."""

    index: int
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Document:
    """A source document: its text, metadata and sentence boundaries."""

    id: str
    title: str
    publisher: str
    date: str
    place: str
    text: str
    sha256: str
    sentences: tuple[Sentence, ...] = field(default=())
    paragraphs: tuple[tuple[int, int], ...] = field(default=())
    # How precise `date` is: day, month or year.
    precision: str = "day"
    url: str = ""
    # A short name for rows that mark their document, e.g. "CFM42 Kuwait".
    label: str = ""
    # Where the text's metadata lines end (date line, headline, dateline): 0 if it has none.
    head_end: int = 0
    # Lines that are not the article (navigation, tags, credits): sorted (start, end) ranges.
    boilerplate: tuple[tuple[int, int], ...] = ()

    def is_boilerplate(self, sentence: Sentence) -> bool:
        """True when a sentence lies within a boilerplate range: page furniture, not the article."""
        return any(a <= sentence.start and sentence.end <= b for a, b in self.boilerplate)

    @property
    def when(self) -> DateValue:
        """The document's date at its precision."""
        return DateValue(self.date, self.date, self.precision) if self.date else DateValue()

    @property
    def short(self) -> str:
        """The label rows mark it by: its curated label, else its id."""
        return self.label or self.id

    def sentence_text(self, sentence: Sentence) -> str:
        """The text of one sentence."""
        return self.text[sentence.start : sentence.end]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing a character offset, if any."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None
