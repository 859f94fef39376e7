"""What the review screen shows of a document's drafts, and the fields a reviewer may set."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as calendar_date
from typing import TYPE_CHECKING, Any

from oic_tui.store.models import MONTH_NAMES, PHASES, PRECISIONS, Record
from oic_tui.store.per_store import PerStore

if TYPE_CHECKING:
    from oic_tui.corpus.review import Draft, Review
    from oic_tui.store.reader import Store

# The statuses a step of an initiative's history takes in the shipped corpus and import.
STEP_STATUSES = (
    *("proposed", "established", "opened", "joined", "signed"),
    *("ratified", "held", "adopted", "supported"),
)
ENTITY_TYPES = (
    *("country", "city", "place", "person", "organisation"),
    *("body", "group", "event", "agreement", "other"),
)
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Capitalised words that never name an entity of their own.
_NOT_NAMES = frozenset(
    (*MONTH_NAMES, "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
)
_ID_LIKE = re.compile(r"\b[a-z]+\.[\w.:-]+")
_NEW_ID = re.compile(r"entity\.[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class FieldSpec:
    """A field of a draft as the review form edits it: its TOML key, label and rule."""

    name: str
    label: str
    # "text", "required" (text that may not be empty), "date", "choice", "ids" (known
    # entities) or "new-id" (an entity id not taken). A "required" field's choices are hints.
    rule: str = "text"
    choices: tuple[str, ...] = ()


_TITLE = FieldSpec("title", "Title", "required")
_SUMMARY = FieldSpec("text", "Summary", "required")
_DATE = FieldSpec("date", "Date", "date")
_PRECISION = FieldSpec("precision", "Precision", "choice", PRECISIONS)
FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "event": (
        *(_TITLE, _SUMMARY, _DATE, FieldSpec("date_end", "Until", "date"), _PRECISION),
        FieldSpec("phase", "Phase", "choice", PHASES),
    ),
    "topic": (_TITLE, _SUMMARY, FieldSpec("category", "Category")),
    "initiative": (
        *(_TITLE, _SUMMARY, FieldSpec("status", "Status")),
        FieldSpec("proposed_by", "Proposed by", "ids"),
        FieldSpec("presented_by", "Presented by", "ids"),
        FieldSpec("promoted_by", "Promoted by", "ids"),
    ),
    "fact": (_TITLE, _SUMMARY, FieldSpec("value", "Value", "required")),
    "entity": (_TITLE, FieldSpec("type", "Type", "required", ENTITY_TYPES), _SUMMARY),
    "step": (FieldSpec("status", "Status", "required", STEP_STATUSES), _DATE, _PRECISION),
}


def field_problem(spec: FieldSpec, value: str, entity_ids: Collection[str] = ()) -> str:
    """Why a typed value cannot be saved in the field ("" when it can)."""
    value = value.strip()
    if spec.rule in ("required", "new-id") and not value:
        return f"{spec.label}: may not be empty"
    if not value:
        return ""
    if spec.rule == "date":
        return "" if _is_date(value) else f"{spec.label}: a date is YYYY, YYYY-MM or YYYY-MM-DD"
    if spec.rule == "choice" and spec.choices and completed(spec, value) not in spec.choices:
        return f"{spec.label}: one of {', '.join(spec.choices)}"
    if spec.rule == "new-id":
        if not _NEW_ID.fullmatch(value):
            return f"{spec.label}: entity. then lower-case letters, digits and dashes"
        return f"{spec.label}: {value} is taken" if value in entity_ids else ""
    if spec.rule == "ids":
        for name in split_ids(value):
            if name not in entity_ids:
                return f"{spec.label}: {name} is no entity of the corpus"
    return ""


def completed(spec: FieldSpec, value: str) -> str:
    """A choice's value from a unique start of it (`a` is `after` as a phase), else as typed."""
    value = value.strip()
    if spec.rule != "choice" or not value or value in spec.choices:
        return value
    starting = [c for c in spec.choices if c.casefold().startswith(value.casefold())]
    return starting[0] if len(starting) == 1 else value


def _is_date(value: str) -> bool:
    match = _ISO.fullmatch(value)
    if match is None:
        return False
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        calendar_date(year, month, day)
    except ValueError:
        return False
    return True


def split_ids(value: str) -> list[str]:
    """Ids typed with commas or spaces between them, in order, once each."""
    return list(dict.fromkeys(part for part in re.split(r"[\s,]+", value) if part))


def shown_value(row: Mapping[str, Any], spec: FieldSpec) -> str:
    """A field's value in the annotation file, as the form's input shows it."""
    value = row.get(spec.name)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value if isinstance(item, str))
    return value if isinstance(value, str) else ""


def changes_from(
    row: Mapping[str, Any], specs: Sequence[FieldSpec], typed: Mapping[str, str]
) -> dict[str, str | list[str] | None]:
    """The fields typed that differ from the file's (an emptied optional field removed)."""
    changes: dict[str, str | list[str] | None] = {}
    for spec in specs:
        value = typed.get(spec.name)
        if value is None or value.strip() == shown_value(row, spec):
            continue
        value = value.strip()
        if spec.rule == "ids":
            changes[spec.name] = split_ids(value) or None
        else:
            changes[spec.name] = value or None
    return changes


# Which field a refused accept opens, by the words of the rule it broke.
_BLOCKING = (
    *((role, role) for role in ("proposed_by", "presented_by", "promoted_by")),
    ("phase", "phase"),
    ("type", "type"),
    ("category", "category"),
    ("date", "date"),
    ("precision", "precision"),
    ("status", "status"),
    ("value", "value"),
    ("title", "title"),
    ("text", "text"),
    ("quote", "name"),
    ("id", "id"),
)


def blocking_field(problems: Sequence[str], specs: Sequence[FieldSpec]) -> str:
    """The field of a form that a refusal's first problem is about ("" for none of them)."""
    names = {spec.name for spec in specs}
    for problem in problems:
        # The file and the ids name no field: only the words of the rule.
        said = _ID_LIKE.sub(" ", problem.split(".toml: ", 1)[-1]).lower()
        for word, name in _BLOCKING:
            if re.search(rf"\b{word}\b", said) and name in names:
                return name
    return ""


@dataclass
class Drafted:
    """A store as the review shows one document of it: its drafts by sentence, their notes."""

    store: Store
    by_sentence: dict[int, list[Record]]
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    # Step rows not yet reviewed, by the sentence their quote lies in.
    steps: dict[int, list[Draft]] = field(default_factory=dict)

    @property
    def left(self) -> int:
        """How many drafts the document has left."""
        records = {r.id for records in self.by_sentence.values() for r in records}
        return len(records) + sum(len(steps) for steps in self.steps.values())

    @property
    def sentences(self) -> list[int]:
        """The sentences holding drafts, in order."""
        return sorted({*self.by_sentence, *self.steps})

    def addresses(self) -> set[str]:
        """Every draft's id (a step row's address)."""
        records = {r.id for records in self.by_sentence.values() for r in records}
        return records | {d.address for steps in self.steps.values() for d in steps}


def drafted(store: Store, doc: str, review: Review, warnings: list[str] | None = None) -> Drafted:
    """The document's drafts by sentence (slow: indexes the store, and compiles the corpus
    unless the `warnings` of a build of it as it is now are given)."""
    from oic_tui.store.spans import span_index

    document = store.documents[doc]
    by_sentence = {
        index: drafts
        for index, records in span_index(store).by_sentence(document).items()
        if (drafts := [r for r in records if r.draft])
    }
    every = review.drafts(True, warnings)
    notes = {draft.address: draft.notes for draft in every}
    linked = {
        i
        for records in by_sentence.values()
        for r in records
        for i in (*r.proposed_by, *r.presented_by, *r.promoted_by)
    }
    names = {i: linked_record.title for i in linked if (linked_record := store.get(i))}
    steps: dict[int, list[Draft]] = {}
    for draft in every:
        if draft.kind == "step" and draft.doc == doc:
            # Where the review found its quote (its nth occurrence): the first sentence else.
            sentence = document.sentence_at(draft.start) if draft.start is not None else None
            steps.setdefault(sentence.index if sentence else 0, []).append(draft)
    return Drafted(store, by_sentence, notes, names, steps)


def names_in(text: str, store: Store, doc: str) -> list[Record]:
    """The entities a sentence of a document names, inside a longer name or not, in the
    order the text names them (one pass over its words, by the store's alias index)."""
    from oic_tui.store.mentions import store_alias_index

    first: dict[str, int] = {}
    for mention in store_alias_index(store).index_for(doc).mentions(text):
        first.setdefault(mention.entity_id, mention.start)
    found = (store.get(entity_id) for entity_id in sorted(first, key=first.__getitem__))
    return [record for record in found if record is not None]


@dataclass(frozen=True)
class NewName:
    """A name in a sentence that no entity has: the office before it, if any."""

    name: str
    role: str = ""
    titled: bool = False


def new_names_in(text: str, taken: frozenset[str]) -> list[NewName]:
    """Names in a sentence that are no entity's title or alias (`taken`: `known_names`),
    read as import reads them (offices apart)."""
    from oic_tui.ingest.names import Runs, stub_worthy

    runs = Runs(known=set(taken))
    names = [text[start:end] for start, end in runs(text)]
    found = dict.fromkeys(
        n for n in names if len(n) > 2 and n not in taken and n not in _NOT_NAMES and stub_worthy(n)
    )
    new = [NewName(n, runs.roles.get(n, ""), n in runs.titled) for n in found]
    # A person's or a body's name first: a lone capitalised word is often an adjective.
    return sorted(new, key=lambda name: not (name.titled or " " in name.name))


def entity_id_for(name: str, taken: Iterable[str]) -> str:
    """An unused entity id made from a name (`entity.yerlan-baidaulet`)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "name"
    used = set(taken)
    candidate, n = f"entity.{slug}", 2
    while candidate in used:
        candidate, n = f"entity.{slug}-{n}", n + 1
    return candidate


@dataclass(frozen=True)
class FormHints:
    """What the review's forms check typed ids against and suggest: built once per store."""

    entity_ids: frozenset[str]
    suggestions: dict[str, list[str]]


def _form_hints(store: Store) -> FormHints:
    return FormHints(
        frozenset(e.id for e in store.by_kind("entity")),
        {
            "category": sorted({r.category for r in store.by_kind("topic") if r.category}),
            "status": sorted({r.status for r in store.by_kind("initiative") if r.status}),
        },
    )


# Not on every form's opening: each is a pass over the store's records.
form_hints = PerStore(_form_hints)


# Every entity's title and aliases: what a new name may not be.
known_names = PerStore(
    lambda store: frozenset(n for e in store.by_kind("entity") for n in (e.title, *e.aliases))
)
