"""Keyword search: case-insensitive, every word must match, ranked by where it matched."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .models import Record

# Title and alias matches say more about a record than a match in its body or quotes.
FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "aliases": 3.0,
    "text": 1.0,
    "quote": 1.0,
    "date": 1.0,
    "entities": 0.5,
}


@dataclass(frozen=True, slots=True)
class Hit:
    """A record that matched, its score and which fields matched which terms."""

    record: Record
    score: float
    matches: tuple[tuple[str, tuple[str, ...]], ...]


def _fields(record: Record, names: dict[str, Record]) -> dict[str, str]:
    linked = [names[i] for i in (*record.entities, *record.by) if i in names]
    return {
        "title": record.title.casefold(),
        "aliases": " | ".join(record.aliases).casefold(),
        "text": f"{record.text} {record.summary}".casefold(),
        "quote": " | ".join(s.quote for s in record.sources).casefold(),
        "date": (
            f"{record.date.display()} {record.date.start} {record.date.end}".casefold()
            if record.date
            else ""
        ),
        "entities": " | ".join(
            part for entity in linked for part in (entity.title, *entity.aliases)
        ).casefold(),
    }


class KeywordIndex:
    """Precomputed lower-cased fields of every record, searched by substring."""

    def __init__(self, records: Sequence[Record]) -> None:
        entities = {r.id: r for r in records if r.kind == "entity"}
        self._rows = [(record, _fields(record, entities)) for record in records]

    def search(self, query: str, kind: str | None = None, limit: int | None = None) -> list[Hit]:
        """Records matching every word of the query, best first, ties in store order."""
        terms = [term for term in query.casefold().split() if term]
        if not terms:
            return []
        hits: list[tuple[float, int, Hit]] = []
        for position, (record, fields) in enumerate(self._rows):
            if kind and record.kind != kind:
                continue
            score = 0.0
            matched: dict[str, list[str]] = {}
            for term in terms:
                found = [name for name, value in fields.items() if term in value]
                if not found:
                    break
                for name in found:
                    score += FIELD_WEIGHTS[name]
                    matched.setdefault(name, []).append(term)
            else:
                matches = tuple((name, tuple(found)) for name, found in matched.items())
                hits.append((-score, position, Hit(record, score, matches)))
        hits.sort(key=lambda item: item[:2])
        return [hit for _, _, hit in hits[:limit]]
