"""Parse search syntax: words, "phrases", -exclusions, a | b, and field filters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oic_tui.store.models import KINDS

from .textnorm import STOPWORDS, tokens

MAX_QUERY_CHARS = 512
MAX_UNITS = 24
# A filter may quote its value: entity:"UN Security Council".
_PIECE = re.compile(r'-?[A-Za-z]+:"[^"]*"?|-?"[^"]*"?|\||[^\s"|]+')
# 2015, 2010..2015, 2010-2015, and open ranges: 2010.. or ..2015.
_YEAR_RANGE = re.compile(r"(\d{4})?(?:(\.\.|-|–)(\d{4})?)?")
KIND_NAMES: dict[str, str] = {
    **{kind: kind for kind in KINDS},
    **{f"{kind}s": kind for kind in KINDS},
    "timeline": "event",
    "facts": "fact",
    "initiatives": "initiative",
    "entities": "entity",
}


@dataclass(frozen=True, slots=True)
class Unit:
    """One thing to match: a word, or a run of tokens that must be adjacent."""

    words: tuple[str, ...]
    phrase: bool = False
    expanded: bool = False  # another name of an entity the user named, not typed

    @property
    def content_words(self) -> tuple[str, ...]:
        """The words that carry meaning (no "of", "the", ...); all words if only those."""
        kept = tuple(w for w in self.words if w not in STOPWORDS)
        return kept or self.words

    @property
    def text(self) -> str:
        """The unit as folded text."""
        return " ".join(self.words)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: every clause must match (a clause is an OR of units)."""

    clauses: tuple[tuple[Unit, ...], ...] = ()
    excluded: tuple[Unit, ...] = ()
    kinds: frozenset[str] = frozenset()
    entities: tuple[str, ...] = ()
    years: tuple[tuple[int, int], ...] = ()
    raw_terms: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        """True when nothing would be matched, filtered or excluded."""
        return not (self.clauses or self.excluded or self.kinds or self.entities or self.years)


def _unit(text: str, quoted: bool) -> Unit | None:
    words = tuple(tokens(text))
    if not words:
        return None
    return Unit(words, phrase=quoted or len(words) > 1)


def _filter(piece: str, kinds: set[str], entities: list[str], years: list[tuple[int, int]]) -> bool:
    name, _, value = piece.partition(":")
    name, value = name.lower(), value.strip('"')
    if not value:
        return False
    if name == "kind" and value.lower() in KIND_NAMES:
        kinds.add(KIND_NAMES[value.lower()])
        return True
    if name == "entity" and tokens(value):
        entities.append(" ".join(tokens(value)))
        return True
    if name == "year" and (match := _YEAR_RANGE.fullmatch(value)):
        first, dots, last = match.groups()
        if not (first or last):
            return False
        low = int(first) if first else 1
        high = int(last) if last else (9999 if dots else low)
        years.append((min(low, high), max(low, high)))
        return True
    return False


def unknown_kinds(text: str) -> list[str]:
    """Values of `kind:` in a query that name no kind (searched as plain words instead)."""
    return [
        value
        for name, _, value in (piece.partition(":") for piece in _PIECE.findall(text))
        if name.lower() == "kind" and value and value.strip('"').lower() not in KIND_NAMES
    ]


def parse(text: str) -> Query:
    """Parse a query; anything that is not valid syntax is searched as plain words."""
    text = text[:MAX_QUERY_CHARS]
    clauses: list[list[Unit]] = []
    excluded: list[Unit] = []
    kinds: set[str] = set()
    entities: list[str] = []
    years: list[tuple[int, int]] = []
    join_next = False
    for piece in _PIECE.findall(text):
        if piece == "|":
            join_next = bool(clauses)
            continue
        negated = piece.startswith("-") and len(piece) > 1
        body = piece[1:] if negated else piece
        quoted = body.startswith('"')
        if not quoted and not negated and _filter(body, kinds, entities, years):
            join_next = False
            continue
        unit = _unit(body.strip('"'), quoted)
        if unit is None:
            continue
        if negated:
            excluded.append(unit)
        elif join_next:
            clauses[-1].append(unit)
        else:
            clauses.append([unit])
        join_next = False
        if len(clauses) + len(excluded) >= MAX_UNITS:
            break
    raw = tuple(word for clause in clauses for unit in clause for word in unit.words)
    return Query(
        clauses=tuple(tuple(c) for c in clauses),
        excluded=tuple(excluded),
        kinds=frozenset(kinds),
        entities=tuple(entities),
        years=tuple(years),
        raw_terms=raw,
    )
