"""The search engine (imported lazily: NumPy is not needed for the first screen).

An inverted index with BM25 ranking, built once at load.

Matching is case- and accent-insensitive, with prefix matching as you type, typo tolerance
for longer words (only when exact and prefix matches are scarce), entity aliases and
acronyms both ways, and numbers and dates as written. Postings live in NumPy arrays so a
query over 100,000 records costs a few vectorised operations.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .fuzzy import TypoIndex
from .models import KINDS, Record
from .query import Query, Unit, parse
from .textnorm import acronym, fold, tokens

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Floats = NDArray[np.float32]
    Ints = NDArray[np.int32]
    Bools = NDArray[np.bool_]

# Integer repeat counts weight a field: a title or alias match counts six times a body match.
FIELD_REPEATS: dict[str, int] = {
    "title": 6,
    "aliases": 6,
    "date": 4,
    "text": 2,
    "quote": 2,
    "entities": 1,
}
K1, B = 1.2, 0.75
PREFIX_FACTOR = 0.6
ALIAS_FACTOR = 0.9
TYPO_FACTOR = 0.35
MAX_PREFIX_TERMS = 48
MAX_TYPO_TERMS = 6
SCARCE = 3
MAX_ALIAS_WORDS = 6
GENERIC_ENTITY_TYPES = frozenset({"person", "country", "city", "place"})


@dataclass(frozen=True, slots=True)
class Hit:
    """A matching record, its score and the folded index terms that matched it."""

    record: Record
    score: float
    terms: tuple[str, ...]


def record_fields(record: Record, entities: dict[str, Record]) -> dict[str, str]:
    """The text of each searchable field of a record."""
    linked = [entities[i] for i in dict.fromkeys((*record.entities, *record.by)) if i in entities]
    date = ""
    if record.date is not None and record.date.start:
        date = f"{record.date.display()} {record.date.start} {record.date.end}"
    return {
        "title": record.title,
        "aliases": " | ".join(record.aliases),
        "date": date,
        "text": f"{record.text} | {record.summary} | {' | '.join(record.venues)}",
        "quote": " | ".join(span.quote for span in record.sources),
        "entities": " | ".join(part for e in linked for part in (e.title, *e.aliases)),
    }


def _weighted_text(fields: dict[str, str]) -> str:
    return " | ".join(" | ".join([text] * FIELD_REPEATS[name]) for name, text in fields.items())


@dataclass
class _Clause:
    """Per-document scores of one clause (an OR of units) and what produced them."""

    scores: Floats
    word_scores: Floats
    terms: list[str]
    phrases: list[Unit]


class SearchEngine:
    """Index every record's title, text, quotes, dates and entity names once."""

    def __init__(self, records: Sequence[Record]) -> None:
        self.records = list(records)
        count = len(self.records)
        self._entities = {r.id: r for r in self.records if r.kind == "entity"}
        vocabulary: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        term_ids: list[int] = []
        doc_ids: list[int] = []
        frequencies: list[int] = []
        lengths = np.zeros(count, dtype=np.float32)
        for index, record in enumerate(self.records):
            counts = Counter(tokens(_weighted_text(record_fields(record, self._entities))))
            term_ids.extend(map(vocabulary.__getitem__, counts))
            doc_ids.extend(itertools.repeat(index, len(counts)))
            frequencies.extend(counts.values())
            lengths[index] = sum(counts.values())
        self._vocabulary = dict(vocabulary)
        self._sorted_terms = sorted(self._vocabulary)
        terms = np.asarray(term_ids, dtype=np.int32)
        order = np.argsort(terms, kind="stable")
        self._docs = np.asarray(doc_ids, dtype=np.int32)[order]
        tf = np.asarray(frequencies, dtype=np.float32)[order]
        self._offsets = np.searchsorted(terms[order], np.arange(len(self._vocabulary) + 1))
        df = np.diff(self._offsets).astype(np.float32)
        idf = np.log1p((count - df + 0.5) / (df + 0.5)).astype(np.float32)
        norm = 1 - B + B * lengths / max(float(lengths.mean()) if count else 1.0, 1.0)
        self._impacts = (
            np.repeat(idf, np.diff(self._offsets)) * tf * (K1 + 1) / (tf + K1 * norm[self._docs])
        ).astype(np.float32)
        self._kinds = np.asarray([KINDS.index(r.kind) for r in self.records], dtype=np.int8)
        years = [r.date.years if r.date and r.date.years else (-1, -1) for r in self.records]
        self._year_low = np.asarray([y[0] for y in years], dtype=np.int32)
        self._year_high = np.asarray([y[1] for y in years], dtype=np.int32)
        self._aliases = self._alias_groups()
        self._typos: TypoIndex | None = None

    # Index helpers ------------------------------------------------------------

    def _alias_groups(self) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        """Each entity name, alias or acronym -> every other way to say it."""
        groups: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        for entity in self._entities.values():
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

    def typo_index(self) -> TypoIndex:
        """The typo index, built on first use (or ahead of time by `warm`)."""
        if self._typos is None:
            self._typos = TypoIndex(self._sorted_terms)
        return self._typos

    def warm(self) -> None:
        """Build everything lazy now, e.g. in a worker right after loading."""
        self.typo_index()

    def _postings(self, term: str) -> tuple[Ints, Floats]:
        term_id = self._vocabulary.get(term)
        if term_id is None:
            empty = np.zeros(0, dtype=np.int32)
            return empty, empty.astype(np.float32)
        start, end = self._offsets[term_id], self._offsets[term_id + 1]
        return self._docs[start:end], self._impacts[start:end]

    def _prefixed(self, prefix: str) -> list[str]:
        start = bisect_left(self._sorted_terms, prefix)
        found = list(
            itertools.takewhile(
                lambda term: term.startswith(prefix),
                itertools.islice(self._sorted_terms, start, None),
            )
        )
        if len(found) > MAX_PREFIX_TERMS:
            found.sort(
                key=lambda term: (
                    -int(
                        self._offsets[self._vocabulary[term] + 1]
                        - self._offsets[self._vocabulary[term]]
                    )
                )
            )
            found = found[:MAX_PREFIX_TERMS]
        return [term for term in found if term != prefix]

    # Scoring ------------------------------------------------------------------

    def _word_scores(self, word: str, out: Floats, terms: list[str]) -> None:
        """Best score per document of a word: exact, prefix, then (if scarce) typos."""
        expansions: list[tuple[str, float]] = [(word, 1.0)]
        if len(word) >= 2 and not word.isdigit():
            expansions += [(term, PREFIX_FACTOR) for term in self._prefixed(word)]
        found = 0
        for term, factor in expansions:
            docs, impacts = self._postings(term)
            if len(docs):
                np.maximum.at(out, docs, impacts * factor)
                terms.append(term)
                found += len(docs)
        if found < SCARCE and len(word) >= 5 and not word.isdigit():
            limit = 1 if len(word) < 9 else 2
            for term, distance in self.typo_index().near(word, limit)[:MAX_TYPO_TERMS]:
                docs, impacts = self._postings(term)
                np.maximum.at(out, docs, impacts * (TYPO_FACTOR / distance))
                terms.append(term)

    def _phrase_scores(self, unit: Unit, out: Floats) -> None:
        """Documents containing every word of a phrase (adjacency is checked later)."""
        total = np.zeros(len(self.records), dtype=np.float32)
        present = np.ones(len(self.records), dtype=bool)
        for word in unit.words:
            docs, impacts = self._postings(word)
            mask = np.zeros(len(self.records), dtype=bool)
            mask[docs] = True
            present &= mask
            total[docs] += impacts
        np.maximum(out, np.where(present, total, 0), out=out)

    def _clause(self, units: Sequence[Unit]) -> _Clause:
        word_scores = np.zeros(len(self.records), dtype=np.float32)
        phrase_scores = np.zeros(len(self.records), dtype=np.float32)
        terms: list[str] = []
        phrases: list[Unit] = []
        for unit in units:
            if unit.phrase:
                self._phrase_scores(unit, phrase_scores)
                phrases.append(unit)
                terms.extend(unit.words)
            else:
                self._word_scores(unit.words[0], word_scores, terms)
        scores = np.maximum(word_scores, phrase_scores)
        return _Clause(scores, word_scores, list(dict.fromkeys(terms)), phrases)

    def _expand_aliases(self, query: Query) -> list[tuple[Unit, ...]]:
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
                    if words in self._aliases:
                        match = (size, words)
                        break
            if match is None:
                result.append(clauses[index])
                index += 1
                continue
            size, words = match
            original = clauses[index : index + size]
            alternatives = [Unit(alias, phrase=len(alias) > 1) for alias in self._aliases[words]]
            if size == 1 and not original[0][0].phrase:
                alternatives = [original[0][0], *[a for a in alternatives if a.words != words]]
            result.append(tuple(alternatives))
            index += size
        return result

    # Search -------------------------------------------------------------------

    def _filter_mask(self, query: Query, kind: str | None) -> Bools | None:
        mask: Bools | None = None

        def narrow(condition: Bools) -> None:
            nonlocal mask
            mask = condition if mask is None else mask & condition

        kinds = set(query.kinds) | ({kind} if kind else set())
        if kinds:
            narrow(np.isin(self._kinds, [KINDS.index(k) for k in kinds if k in KINDS]))
        for low, high in query.years:
            narrow((self._year_low <= high) & (self._year_high >= low) & (self._year_low >= 0))
        for name in query.entities:
            narrow(self._entity_mask(name))
        return mask

    def _entity_mask(self, name: str) -> Bools:
        words = name.split()
        wanted = set()
        for entity in self._entities.values():
            labels = [
                fold(entity.id),
                *(" ".join(tokens(n)) for n in (entity.title, *entity.aliases)),
            ]
            if any(" ".join(words) in label for label in labels):
                wanted.add(entity.id)
        return np.asarray(
            [
                r.id in wanted or bool(wanted.intersection((*r.entities, *r.by)))
                for r in self.records
            ],
            dtype=bool,
        )

    def _contains_phrase(self, record: Record, unit: Unit) -> bool:
        words = unit.words
        for text in record_fields(record, self._entities).values():
            found = tokens(text)
            for start in range(len(found) - len(words) + 1):
                if tuple(found[start : start + len(words)]) == words:
                    return True
        return False

    def search(self, text: str, kind: str | None = None, limit: int | None = None) -> list[Hit]:
        """Ranked hits for a query in the documented syntax; never raises on any input."""
        query = parse(text)
        if query.empty or not self.records:
            return []
        mask = self._filter_mask(query, kind)
        total = np.zeros(len(self.records), dtype=np.float32)
        alive = np.ones(len(self.records), dtype=bool) if mask is None else mask.copy()
        clauses = [self._clause(units) for units in self._expand_aliases(query)]
        for clause in clauses:
            alive &= clause.scores > 0
            total += clause.scores
        for unit in query.excluded:
            excluded = self._clause([unit]).scores
            for index in np.flatnonzero(alive & (excluded > 0)):
                if not unit.phrase or self._contains_phrase(self.records[index], unit):
                    alive[index] = False
        candidates = np.flatnonzero(alive)
        if not clauses:
            total[candidates] = 1.0
        # Highest score first; ties keep store order (a stable sort of the negated scores).
        ordered = candidates[np.argsort(-total[candidates], kind="stable")]
        hits: list[Hit] = []
        for index in ordered:
            record = self.records[index]
            if not all(self._clause_holds(index, record, clause) for clause in clauses):
                continue
            hits.append(Hit(record, float(total[index]), self._matched_terms(index, clauses)))
            if limit is not None and len(hits) >= limit:
                break
        return hits

    def _clause_holds(self, index: int, record: Record, clause: _Clause) -> bool:
        """A document that matched a clause only through phrases must contain one."""
        if not clause.phrases or clause.word_scores[index] > 0:
            return True
        return any(self._contains_phrase(record, unit) for unit in clause.phrases)

    def _matched_terms(self, index: int, clauses: Iterable[_Clause]) -> tuple[str, ...]:
        found = []
        for clause in clauses:
            for term in clause.terms:
                docs, _ = self._postings(term)
                position = int(np.searchsorted(docs, index))
                if position < len(docs) and docs[position] == index:
                    found.append(term)
        return tuple(dict.fromkeys(found))

    def explain(self, hit: Hit) -> dict[str, list[str]]:
        """Which fields of a hit matched which terms."""
        result: dict[str, list[str]] = {}
        for name, text in record_fields(hit.record, self._entities).items():
            present = set(tokens(text))
            matched = [term for term in hit.terms if term in present]
            if matched:
                result[name] = matched
        return result

    @property
    def stats(self) -> dict[str, Any]:
        """Index sizes, for the benchmark."""
        return {
            "records": len(self.records),
            "terms": len(self._vocabulary),
            "postings": len(self._docs),
        }
