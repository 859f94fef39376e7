"""Who speaks for Kazakhstan in an imported text, what it puts forward, and known steps."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from oic_tui.corpus.fidelity import STATUS_VERBS
from oic_tui.store.mentions import Mention
from oic_tui.store.models import Record

from .dates import FoundDate

KAZAKHSTAN = "entity.kazakhstan"
# Verbs (and base forms, as in quoted words or after "would like to") by which a speaker
# puts something forward, and the status each reports.
PUT_FORWARD: dict[str, str] = {
    "proposed": "proposed",
    "proposes": "proposed",
    "propose": "proposed",
    "initiated": "proposed",
    "initiates": "proposed",
    "put forward": "proposed",
    "puts forward": "proposed",
    "suggested": "proposed",
    "suggest": "proposed",
    "called for": "called for",
    "calls for": "called for",
    "call for": "called for",
    "called on": "called for",
    "calls on": "called for",
    "call on": "called for",
    "invited": "invited",
    "invites": "invited",
    "invite": "invited",
    "offered": "offered",
    "offers": "offered",
    "offer": "offered",
}
_PUT = re.compile(r"\b(" + "|".join(sorted(PUT_FORWARD, key=len, reverse=True)) + r")\b")
# Nouns that report what a speaker put forward ("Kazakhstan's initiative to ...").
_NOUN = r"(?:initiatives?|proposals?)"
# Owned: "Kazakhstan's (new) initiative", "the Kazakh proposal" (no words between, unless
# a possessive: "Kazakhstan supported the proposal" is not Kazakhstan's).
_OWNED = re.compile(rf"(?:['’]s\s+(?:[\w-]+\s+){{0,2}}?|\s+){_NOUN}\b")
_OF_SPEAKER = re.compile(rf"\b{_NOUN}\s+(?:put forward\s+)?(?:of|by|from)\s+")
_BY_SPEAKER = re.compile(r"\s+by\s+")
# The title and name words a speaker may stand after ("of the President of Kazakhstan").
_TITLE_RUN = re.compile(r"(?:(?:[A-Z][\w.-]*|of|the)\s+){0,5}")
# Kazakhstan itself, its adjective and the offices that speak for it.
_KAZAKH = re.compile(r"\bKazakh(?:stan)?\b|\bHead of (?:the )?State\b")
# A sentence whose subject refers back to the previous sentence's speaker.
_PRONOUN = re.compile(r"^\W*(?:He|She|They|It|We)\b")
_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our)\b")
# Kinds of named entity that are actors: one of them between a speaker and the verb is the
# verb's subject instead ("Kazakhstan welcomed that Pakistan proposed ...").
_ACTOR_TYPES = frozenset({"country", "person", "group", "organisation"})
# An initiative's linked entities that say where, not what: never enough to name it.
_WHERE_TYPES = frozenset({"city", "country"})
# Heads of state named in reports, for when no gazetteer of Kazakh officials is installed.
_FALLBACK_NAMES = ("Nazarbayev", "Tokayev", "Elbasy")
# The steps of an initiative's history an imported sentence can report, in order of the
# status words the build checks a step's quote for (so a drafted step is true to its quote).
STEP_STATUSES = (
    "proposed",
    "established",
    "opened",
    "joined",
    "signed",
    "ratified",
    "held",
    "adopted",
)
_STEP_VERB = {verb: status for status in STEP_STATUSES for verb in STATUS_VERBS[status]}
_STEP = re.compile(
    r"(?<!\w)(" + "|".join(sorted(map(re.escape, _STEP_VERB), key=len, reverse=True)) + r")(?!\w)",
    re.I,
)
_SUPPORTED = re.compile(r"\bsupported\b.*\bresolutions?\b|\bresolutions?\b.*\bsupported\b", re.I)
# What the corpus calls a vision, a position or an activity has no steps of its own.
_NOT_STEPPED = frozenset({"vision presented", "position conveyed", "activity reported"})
# A step that is only expected has not happened: the report of it is no step.
_FUTURE = re.compile(r"\b(?:will|expected to|is to be|are to be|plans? to|planned to)\b", re.I)
_STOP = frozenset({"with", "from", "that", "this", "their", "support", "proposal", "kazakhstan's"})


def official_names() -> tuple[str, ...]:
    """Surnames of Kazakhstan's presidents and ministers: the gazetteer's, else a few."""
    try:
        from .gazetteer import gazetteer

        entries = gazetteer().values()
    except (ImportError, OSError, ValueError, KeyError):
        return _FALLBACK_NAMES
    # A surname alone is how reports name them again ("the proposal of President Nazarbayev").
    names = {
        name.split()[-1]
        for entry in entries
        if entry.type == "person" and "Kazakhstan" in entry.text
        for name in entry.names
    }
    return tuple(sorted(names)) or _FALLBACK_NAMES


@dataclass(frozen=True)
class KnownInitiative:
    """An initiative of the corpus, by what a sentence reporting a step of it names."""

    id: str
    subjects: frozenset[str]
    # Title words a sentence must also say when the subject is a place ("Aral Sea").
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class InitiativeContext:
    """What the corpus says of who speaks for Kazakhstan and which initiatives it has."""

    kazakh: frozenset[str] = frozenset({KAZAKHSTAN})
    types: dict[str, str] = field(default_factory=dict)
    initiatives: tuple[KnownInitiative, ...] = ()
    names: tuple[str, ...] = field(default_factory=official_names)


@dataclass(frozen=True)
class Finding:
    """A sentence's initiative: its status, and the known initiative it is a step of (or "")."""

    status: str
    step_of: str = ""


def kazakh_entities(entities: Iterable[Record]) -> frozenset[str]:
    """Kazakhstan and the entities linked to it, and persons whose title or text says it."""
    entities = list(entities)
    kazakh = {KAZAKHSTAN}
    # Twice: an entity linked to one linked to Kazakhstan (its delegation's head) speaks too.
    for _ in range(2):
        for entity in entities:
            linked = kazakh.intersection(entity.entities)
            words = f"{entity.title} {entity.text}"
            says = entity.entity_type == "person" and "Kazakhstan" in words
            if linked or says:
                kazakh.add(entity.id)
    return frozenset(kazakh)


def known_initiatives(
    initiatives: Iterable[Record], entities: Iterable[Record]
) -> tuple[KnownInitiative, ...]:
    """The corpus's initiatives, each by the entities its title names (not where it is)."""
    by_id = {e.id: e for e in entities}
    known = []
    for record in initiatives:
        if record.status in _NOT_STEPPED:
            continue
        # The build links every entity a quote names: only those the title names say what.
        subjects = [
            by_id[e]
            for e in record.entities
            if e in by_id
            and e != KAZAKHSTAN
            and by_id[e].entity_type not in _WHERE_TYPES
            and any(_has_word(record.title, alias) for alias in by_id[e].aliases)
        ]
        if not subjects:
            continue
        own = {w.lower() for e in subjects for alias in e.aliases for w in alias.split()}
        words = [w.strip(",.:;").lower() for w in record.title.split()]
        keywords = tuple(w for w in words if len(w) >= 5 and w not in _STOP | own)
        known.append(KnownInitiative(record.id, frozenset(e.id for e in subjects), keywords))
    return tuple(known)


def _has_word(text: str, words: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, re.I) is not None


def initiative_context(
    entities: Iterable[Record], initiatives: Iterable[Record] = ()
) -> InitiativeContext:
    """The context a text's initiatives and steps are read in, from the corpus's records."""
    entities = list(entities)
    types = {e.id: e.entity_type for e in entities}
    return InitiativeContext(
        kazakh_entities(entities), types, known_initiatives(initiatives, entities)
    )


class InitiativeReader:
    """Reads a text's sentences in order, remembering who spoke in the previous one."""

    def __init__(self, context: InitiativeContext) -> None:
        self.context = context
        self._names = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, context.names)) + r")\b")
            if context.names
            else None
        )
        self._previous = False
        self._paragraph = -1
        self._paragraph_speaks = False

    def read(self, sentence: str, mentions: list[Mention], paragraph: int) -> Finding | None:
        """The sentence's step of a known initiative, or the initiative Kazakhstan puts forward."""
        if paragraph != self._paragraph:
            self._paragraph, self._paragraph_speaks = paragraph, False
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(sentence)]
        speakers = [s for s in self.speakers(sentence, mentions) if not _inside(s, quoted)]
        pronoun = _PRONOUN.match(sentence)
        if pronoun and self._previous:
            speakers.insert(0, (pronoun.start(), pronoun.end()))
        attributed = bool(speakers) or self._paragraph_speaks
        self._previous = bool(speakers)
        self._paragraph_speaks = attributed
        step = self.step(sentence, mentions)
        if step:
            return step
        status = self._put_forward(sentence, mentions, speakers, quoted) or (
            _quoted_words(sentence, quoted) if attributed else ""
        )
        return Finding(status) if status else None

    def speakers(self, sentence: str, mentions: list[Mention]) -> list[tuple[int, int]]:
        """Where the sentence names Kazakhstan or one who speaks for it, in order."""
        spans = [(m.start(), m.end()) for m in _KAZAKH.finditer(sentence)]
        spans += [(m.start, m.end) for m in mentions if m.entity_id in self.context.kazakh]
        if self._names:
            spans += [(m.start(), m.end()) for m in self._names.finditer(sentence)]
        return sorted(set(spans))

    def step(self, sentence: str, mentions: list[Mention]) -> Finding | None:
        """A step of an initiative the corpus has: its subject named and a step verb said."""
        if _FUTURE.search(sentence):
            return None
        named = {m.entity_id for m in mentions}
        lower = sentence.lower()
        for known in self.context.initiatives:
            if not known.subjects & named:
                continue
            places = all(self.context.types.get(s) == "place" for s in known.subjects)
            if places and known.keywords and not any(w in lower for w in known.keywords):
                continue
            verb = _STEP.search(sentence)
            if verb:
                return Finding(_STEP_VERB[verb.group(1).lower()], known.id)
            if _SUPPORTED.search(sentence):
                return Finding("supported in the resolutions", known.id)
        return None

    def _put_forward(
        self,
        sentence: str,
        mentions: list[Mention],
        speakers: list[tuple[int, int]],
        quoted: list[tuple[int, int]],
    ) -> str:
        """The status of what a speaker puts forward in the sentence's own words, or ""."""
        if not speakers:
            return ""
        if any(_OWNED.match(sentence, end) for _, end in speakers):
            return "proposed"
        if any(_names_speaker(sentence, m.end(), speakers) for m in _OF_SPEAKER.finditer(sentence)):
            return "proposed"
        actors = [
            m
            for m in mentions
            if m.entity_id not in self.context.kazakh
            and self.context.types.get(m.entity_id) in _ACTOR_TYPES
        ]
        for verb in _PUT.finditer(sentence):
            if _inside((verb.start(), verb.end()), quoted):
                continue
            by = _BY_SPEAKER.match(sentence, verb.end())
            if by and _names_speaker(sentence, by.end(), speakers):
                return PUT_FORWARD[verb.group(1)]
            before = [end for _, end in speakers if end <= verb.start()]
            if before and not any(max(before) <= m.start < verb.start() for m in actors):
                return PUT_FORWARD[verb.group(1)]
        return ""


def _names_speaker(sentence: str, at: int, speakers: list[tuple[int, int]]) -> bool:
    """Whether a speaker is named at `at`, after any title words ("President Nazarbayev")."""
    run = _TITLE_RUN.match(sentence, at)
    end = run.end() if run else at
    return any(at <= start <= end for start, _ in speakers)


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _quoted_words(sentence: str, quoted: list[tuple[int, int]]) -> str:
    """The status of what a speaker's own quoted words put forward ("I would like to invite")."""
    for start, end in quoted:
        words = sentence[start:end]
        person = _FIRST_PERSON.search(words)
        verb = _PUT.search(words, person.end()) if person else None
        if verb:
            return PUT_FORWARD[verb.group(1)]
    return ""


def step_row(
    initiative: str, status: str, quote: str, found: list[FoundDate]
) -> list[tuple[str, str]]:
    """A draft step's fields (TOML values), dated only by a date its own sentence states."""
    from oic_tui.corpus.annotations import toml_string

    fields = [("initiative", toml_string(initiative)), ("status", toml_string(status))]
    # A year taken from the dateline is not in the step's one quote: the review dates it.
    stated = next((f for f in found if not f.year_inferred), None)
    if stated:
        fields.append(("date", toml_string(stated.date_start)))
        if stated.date_end != stated.date_start:
            fields.append(("date_end", toml_string(stated.date_end)))
        fields.append(("precision", toml_string(stated.precision)))
    fields.append(("quote", quote))
    return fields
