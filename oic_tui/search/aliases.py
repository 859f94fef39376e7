"""Other names of entities: a query naming an entity also searches every other name."""

from __future__ import annotations

from collections.abc import Iterable

from oic_tui.store.models import Record

from .query import Query, Unit
from .textnorm import acronym, tokens

MAX_ALIAS_WORDS = 6
GENERIC_ENTITY_TYPES = frozenset({"person", "country", "city", "place"})
AliasGroups = dict[tuple[str, ...], tuple[tuple[str, ...], ...]]


def alias_groups(entities: Iterable[Record]) -> AliasGroups:
    """Each entity name, alias or acronym -> every other way to say it."""
    groups: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for entity in entities:
        names: set[tuple[str, ...]] = set()
        for name in (entity.title, *entity.aliases):
            words = tuple(tokens(name))
            if words and not (words[0] == "the" and len(words) <= 2):
                names.add(words)
            short = acronym(name)
            if entity.entity_type not in GENERIC_ENTITY_TYPES and len(short) >= 3:
                names.add((short,))
        ordered = tuple(sorted(names))
        for words in ordered:
            groups[words] = tuple(sorted({*groups.get(words, ()), *ordered}))
    return groups


def expand_aliases(query: Query, groups: AliasGroups) -> list[tuple[Unit, ...]]:
    """Replace runs of words that name an entity by every way of naming it."""
    clauses = list(query.clauses)
    result: list[tuple[Unit, ...]] = []
    index = 0
    while index < len(clauses):
        match = None
        for size in range(min(MAX_ALIAS_WORDS, len(clauses) - index), 0, -1):
            run = clauses[index : index + size]
            if all(len(c) == 1 for c in run):
                words = tuple(w for c in run for w in c[0].words)
                if words in groups:
                    match = (size, words)
                    break
        if match is None:
            result.append(clauses[index])
            index += 1
            continue
        size, words = match
        original = clauses[index : index + size]
        alternatives = [
            Unit(alias, phrase=len(alias) > 1, expanded=alias != words) for alias in groups[words]
        ]
        if size == 1 and not original[0][0].phrase:
            alternatives = [original[0][0], *[a for a in alternatives if a.words != words]]
        result.append(tuple(alternatives))
        index += size
    return result
