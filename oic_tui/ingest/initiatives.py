"""Who speaks for Kazakhstan in an imported text, what it puts forward, and known steps."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from oic_tui.corpus.fidelity import STATUS_VERBS
from oic_tui.store.mentions import Mention
from oic_tui.store.models import Record

from .dates import FoundDate

KAZAKHSTAN = "entity.kazakhstan"
# Verbs (and base forms, as in quoted words or after "would like to") by which a speaker
# puts something forward, and the status each reports.
_PUTS = {
    "proposed": "proposed proposes propose initiated initiates suggested suggest",
    "called for": "called_for calls_for call_for called_on calls_on call_on",
    "invited": "invited invites invite",
    "offered": "offered offers offer",
}
PUT_FORWARD: dict[str, str] = {
    verb.replace("_", " "): status for status, verbs in _PUTS.items() for verb in verbs.split()
} | {"put forward": "proposed", "puts forward": "proposed"}
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
# An office, then the words of its title and a person's name: "Deputy Minister of Foreign
# Affairs Akan Rakhmetullin" (the name is the run's last words that are no title words).
_OFFICE = re.compile(
    r"\b(?:Minister|Ambassador|President|Secretary|Chairman|Envoy|Representative|Speaker)"
    r"((?:\s+(?:[A-Z][\w'’-]*|of|the|and))+)"
)
_TITLE_WORDS = frozenset(
    re.findall(
        r"\S+",
        "Minister Ministry Foreign Affairs Deputy Vice First Prime President Ambassador Secretary "
        "General State Chairman Envoy Special Representative Permanent Head Speaker of the and "
        "Kazakhstan Kazakh Republic Mr Mrs Ms Dr",
    )
)
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
# Verbs only: a noun ("initiative") shows whose proposal it is, never a step being taken.
_STEP_VERB = {v: s for s in STEP_STATUSES for v in STATUS_VERBS[s] if v != "initiative"}
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
# Entities so many texts name that naming one says nothing of which initiative a text means.
HUBS = frozenset({KAZAKHSTAN, "entity.oic", "entity.oic-member-states", "entity.cfm"})
# Between a step's subject and its verb: auxiliaries and adverbs ("the IOFS was officially").
_AUX = re.compile(r"\s*(?:(?:has|have|had|was|were|is|are|been|\w+ly)\s+)*$")
# Words that end a clause, or put a name under another noun ("a meeting on the IOFS").
_CLAUSE = frozenset({"that", "which", "who", "and", "but", "while", "when", "where", "as"})
_PREPOSITIONS = frozenset({"of", "on", "in", "at", "for", "with", "from", "about", "by", "during"})


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
    """The reviewed initiatives, each by the entities specific to it its title names."""
    by_id = {e.id: e for e in entities}
    # A draft is a sentence's first words, not yet an initiative: its steps wait for review.
    reviewed = [r for r in initiatives if not r.draft]

    def titled(record: Record) -> list[str]:
        # The build links every entity a quote names: only those the title names say what.
        return [
            e
            for e in record.entities
            if e in by_id and any(_has_word(record.title, a) for a in by_id[e].aliases)
        ]

    counts = Counter(e for record in reviewed for e in set(titled(record)))
    known = []
    for record in reviewed:
        if record.status in _NOT_STEPPED:
            continue
        # Not a hub, not where it is, not named in the titles of several initiatives.
        subjects = [
            by_id[e]
            for e in titled(record)
            if e not in HUBS and by_id[e].entity_type not in _WHERE_TYPES and counts[e] == 1
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
        # Whether the paragraph so far is about Kazakhstan, and the speakers it named so far.
        self._about = False
        self._people: set[str] = set()

    def read(self, sentence: str, mentions: list[Mention], paragraph: int) -> Finding | None:
        """The sentence's step of a known initiative, or the initiative Kazakhstan puts forward."""
        # A sentence of no known paragraph (-1: its start moved by a dateline) opens the next.
        if paragraph != self._paragraph and self._paragraph != -1:
            self._paragraph_speaks, self._about = False, False
        self._paragraph = paragraph
        kazakh = any(m.entity_id in self.context.kazakh for m in mentions)
        self._about = self._about or kazakh or _KAZAKH.search(sentence) is not None
        if self._about:
            self._people |= self.officials(sentence, mentions)
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
        for name in self._people:
            spans += [
                (m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(name)}\b", sentence)
            ]
        return sorted(set(spans))

    def officials(self, sentence: str, mentions: list[Mention]) -> set[str]:
        """Names (and surnames) after an office title that is no other country's or body's."""
        found: set[str] = set()
        for office in _OFFICE.finditer(sentence):
            words = office.group(1).split()
            name: list[str] = []
            while words and words[-1] not in _TITLE_WORDS and len(name) < 3:
                name.insert(0, words.pop())
            # "OIC Secretary General", "Turkish Minister": a qualifier names whose office.
            before = sentence[: office.start()].split()
            while before and before[-1] in _TITLE_WORDS:
                before.pop()
            qualifier = before[-1] if before else ""
            qualified = qualifier.istitle() or qualifier.isupper()
            if (
                qualifier in {"The", "A", "An"}
                or _KAZAKH.match(qualifier)
                or qualifier[-1:] in ":,."
            ):
                qualified = False
            others = [
                m
                for m in mentions
                if office.start() <= m.start < office.end()
                and m.entity_id not in self.context.kazakh
                and not sentence[: m.start].endswith("to ")  # a posting: "Ambassador to Turkey"
            ]
            if name and not qualified and not others:
                found |= {" ".join(name), name[-1]}
        return found

    def step(self, sentence: str, mentions: list[Mention]) -> Finding | None:
        """A step of an initiative the corpus has: its subject named and a step verb said."""
        if _FUTURE.search(sentence):
            return None
        lower = sentence.lower()
        for known in self.context.initiatives:
            named = [m for m in mentions if m.entity_id in known.subjects]
            if not named:
                continue
            places = all(self.context.types.get(s) == "place" for s in known.subjects)
            if places and known.keywords and not any(w in lower for w in known.keywords):
                continue
            for verb in _STEP.finditer(sentence):
                if any(_governs(sentence, verb.start(), verb.end(), m) for m in named):
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


def _governs(sentence: str, start: int, end: int, mention: Mention) -> bool:
    """Whether the step verb at [start, end) has the mention as its subject or object."""
    if mention.end <= start:
        # Its subject: nothing but auxiliaries between, and not under a preposition's noun.
        before = sentence[: mention.start].split()
        while before and before[-1].lower() in {"the", "a", "an"}:
            before.pop()
        under = bool(before) and before[-1].lower() in _PREPOSITIONS
        return not under and _AUX.fullmatch(sentence, mention.end, start) is not None
    # Its object: a few words after it in the same clause ("joined the IOFS", "to set up the").
    gap = sentence[end : mention.start]
    words = gap.split()
    plain = all(w.isalpha() and w.islower() for w in words)
    return len(words) <= 4 and plain and not (_CLAUSE | _PREPOSITIONS) & set(words)


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
