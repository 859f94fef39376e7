"""The search engine: queries over the inverted index (imported lazily, like NumPy).

Matching is case- and accent-insensitive, with prefix matching as you type, typo tolerance
for longer words (only when exact and prefix matches are scarce), entity aliases and
acronyms both ways, and numbers and dates as written. Postings live in NumPy arrays so a
query over 100,000 records costs a few vectorised operations.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from oic_tui.store.models import Document, Record

from .aliases import AliasGroups, alias_groups, expand_aliases
from .filters import RecordFilters, says
from .phrases import Phrases
from .postings import Postings, record_pieces
from .query import Query, Unit, parse
from .stems import Synonyms, same_stem, shipped_synonyms, stem, with_stem
from .textnorm import token_lines

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Floats = NDArray[np.float32]
    Ints = NDArray[np.int32]
    Bools = NDArray[np.bool_]
    Indices = NDArray[np.intp]

PREFIX_FACTOR = 0.6
ALIAS_FACTOR = 0.9
TYPO_FACTOR = 0.35
STEM_FACTOR = 0.5
SYNONYM_FACTOR = 0.45
ALIAS_BONUS = 0.25
MAX_TYPO_TERMS = 6
SCARCE = 3


@dataclass(frozen=True, slots=True)
class Hit:
    """A matching record, its score and the folded index terms that matched it."""

    record: Record
    score: float
    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...] = ()
    # Set when no record holds every word: the query words this record lacks.
    missing: tuple[str, ...] = ()

    @property
    def partial(self) -> bool:
        """True for a record holding most, not all, of the query's words."""
        return bool(self.missing)


@dataclass
class _Clause:
    """Per-row scores of one clause (an OR of units) and what produced them."""

    scores: Floats
    word_scores: Floats
    terms: list[str]
    phrases: list[Unit]
    # For each phrase, which rows hold it (exactly: adjacent, within one piece).
    holders: dict[Unit, Bools] = field(default_factory=dict)
    units: tuple[Unit, ...] = ()


class SearchEngine:
    """Ranked search over every record's title, aliases, dates, text and quotes."""

    def __init__(
        self,
        records: Sequence[Record],
        synonyms: Synonyms | None = None,
        documents: Sequence[Document] = (),
        aliases: AliasGroups | None = None,
        index: Postings | None = None,
    ) -> None:
        # `index`: an index of the records made otherwise (loaded from the cache, or the
        # sentences'); else it is built here.
        self.index = index if index is not None else Postings.build(records)
        self.synonyms = shipped_synonyms() if synonyms is None else synonyms
        self.records = self.index.records
        self.documents = tuple(documents)
        self.phrases = Phrases(self.index)
        self.filters = RecordFilters(self.index, documents)
        # Another index (the documents' sentences) may take this one's entity names.
        self.aliases = alias_groups(self.filters.entities.values()) if aliases is None else aliases
        self.build_seconds = self.index.build_seconds

    def warm(self) -> None:
        """Build everything lazy now, e.g. in a worker right after loading."""
        self.index.typo_index()

    # Scoring ------------------------------------------------------------------

    def _raise_scores(
        self, weighted: list[tuple[str, float]], out: Floats, terms: list[str]
    ) -> int:
        """Raise each row's score to a weighted term's, noting the terms that match; the
        number of postings found."""
        found = 0
        for term, factor in weighted:
            rows, impacts = self.index.get(term)
            if len(rows):
                out[rows] = np.maximum(out[rows], impacts * factor)
                terms.append(term)
                found += len(rows)
        return found

    def _word_scores(self, unit: Unit, out: Floats, terms: list[str]) -> None:
        """Best score per row of a word: exact, prefix, then (if scarce) typos."""
        word = unit.words[0]
        if unit.expanded:
            rows, impacts = self.index.get(word)
            out[rows] = np.maximum(out[rows], impacts * ALIAS_FACTOR)
            if len(rows):
                terms.append(word)
            return
        expansions: list[tuple[str, float]] = [(word, 1.0)]
        if len(word) >= 2 and not word.isdigit():
            expansions += [(term, PREFIX_FACTOR) for term in self.index.prefixed(word)]
        found = self._raise_scores(expansions, out, terms)
        # Inflections (`members`, `founded`), then curated synonyms, below the word itself.
        related = [(term, STEM_FACTOR) for term in same_stem(word, self.index.sorted_terms)]
        for root in self.synonyms.get(stem(word), ()):
            related += [(term, SYNONYM_FACTOR) for term in with_stem(root, self.index.sorted_terms)]
        if found < SCARCE and len(word) >= 6 and word.endswith("e") and word.isalpha():
            # A name and its adjective: `Palestine` finds "Palestinian", `Ukraine` "Ukrainian".
            related += [(term, STEM_FACTOR) for term in self.index.prefixed(word[:-1])]
        found += self._raise_scores(related, out, terms)
        if found < SCARCE and len(word) >= 5 and not word.isdigit():
            limit = 1 if len(word) < 9 else 2
            for term, distance in self.index.typo_index().near(word, limit)[:MAX_TYPO_TERMS]:
                rows, impacts = self.index.get(term)
                out[rows] = np.maximum(out[rows], impacts * (TYPO_FACTOR / distance))
                terms.append(term)

    def _phrase_scores(self, unit: Unit, out: Floats) -> Bools:
        """Score the rows holding a phrase; return which they are.

        A typed phrase scores the sum of its words; another name of an entity scores the
        mean of its meaningful words, so a long alias cannot outrank the name typed.
        """
        present = np.zeros(len(self.records), dtype=bool)
        present[self.phrases.rows(unit.words)] = True
        total = np.zeros(len(self.records), dtype=np.float32)
        content = set(unit.content_words)
        for word in unit.words:
            if word in content:
                rows, impacts = self.index.get(word)
                total[rows] += impacts
        if unit.expanded:
            total *= ALIAS_FACTOR / len(content)
        np.maximum(out, np.where(present, total, 0), out=out)
        return present

    def _clause(self, units: Sequence[Unit]) -> _Clause:
        word_scores = np.zeros(len(self.records), dtype=np.float32)
        phrase_scores = np.zeros(len(self.records), dtype=np.float32)
        terms: list[str] = []
        phrases: list[Unit] = []
        holders: dict[Unit, Bools] = {}
        for unit in units:
            if unit.phrase:
                holders[unit] = self._phrase_scores(unit, phrase_scores)
                phrases.append(unit)
            else:
                self._word_scores(unit, word_scores, terms)
        scores = np.maximum(word_scores, phrase_scores)
        if any(unit.expanded for unit in units):
            # Naming an entity both ways (`IOFS` and its full name) is stronger evidence.
            scores += ALIAS_BONUS * np.minimum(word_scores, phrase_scores)
        return _Clause(
            scores, word_scores, list(dict.fromkeys(terms)), phrases, holders, tuple(units)
        )

    # Search -------------------------------------------------------------------

    def search(
        self,
        text: str,
        kind: str | None = None,
        limit: int | None = None,
        doc: str | None = None,
        most: bool | None = None,
    ) -> list[Hit]:
        """Ranked hits for a query in the documented syntax; never raises on any input.

        `doc` keeps only records with a source in that document (the explorer's scope).
        When no record holds every word, those holding most of them: for a question only
        (`most` None), for any query (True: the search box and the CLI) or never (False).
        """
        query = parse(text)
        if query.empty or not self.records or (limit is not None and limit < 1):
            return []
        return self.run(query, self.filters.mask(query, kind, doc), limit, most)

    def run(
        self, query: Query, mask: Bools | None, limit: int | None, most: bool | None = None
    ) -> list[Hit]:
        """Ranked hits for a parsed query among the records of a mask (None: all); `most`
        as for `search`."""
        total = np.zeros(len(self.records), dtype=np.float32)
        alive = np.ones(len(self.records), dtype=bool) if mask is None else mask.copy()
        clauses = [self._clause(units) for units in expand_aliases(query, self.aliases)]
        # Phrases are matched exactly (see phrases.py), so an excluded one goes at once too.
        for unit in query.excluded:
            alive &= ~(self._clause([unit]).scores > 0)
        allowed = alive.copy()
        for clause in clauses:
            alive &= clause.scores > 0
            total += clause.scores
        candidates = np.flatnonzero(alive)
        # No record holds every word: the records holding most of them.
        fallback = query.question if most is None else most
        partial = fallback and not len(candidates) and len(clauses) >= 2
        if partial:
            candidates = self._holding_most(clauses, allowed)
        if not clauses:
            total[candidates] = 1.0
            # `entity:oic` alone: the entity of that very name first, then others whose
            # names contain it, then the records that mention them.
            for name in query.entities:
                for entity_id, exact in self.filters.named_entities(name).items():
                    row = self.filters.entity_rows[entity_id]
                    if alive[row]:
                        total[row] = max(total[row], 3.0 if exact else 2.0)
        chosen = list(itertools.islice(self._best_first(candidates, total, limit), limit))
        matched = self._matched_terms(np.asarray(chosen, dtype=np.int32), clauses)
        missing = [self._missing(i, clauses) if partial else () for i in chosen]
        return [
            Hit(self.records[i], float(total[i]), words, phrases, lacks)
            for i, (words, phrases), lacks in zip(chosen, matched, missing, strict=True)
        ]

    @staticmethod
    def _holding_most(clauses: Sequence[_Clause], allowed: Bools) -> Indices:
        """When no record holds every word: those holding the most (at least half) of them."""
        counts = np.zeros(len(allowed), dtype=np.int32)
        for clause in clauses:
            counts += clause.scores > 0
        counts[~allowed] = 0
        best = int(counts.max()) if len(counts) else 0
        if not best or 2 * best < len(clauses):
            return np.zeros(0, dtype=np.intp)
        return np.flatnonzero(counts == best)

    @staticmethod
    def _missing(row: int, clauses: Sequence[_Clause]) -> tuple[str, ...]:
        """The query words (as typed) a row holding only some of them lacks."""
        return tuple(
            next((u for u in clause.units if not u.expanded), clause.units[0]).text
            for clause in clauses
            if not clause.scores[row] > 0
        )

    @staticmethod
    def _best_first(candidates: Indices, total: Floats, limit: int | None) -> Iterator[int]:
        """Candidates by score, ties in store order; only the head is sorted when it can be."""
        scores = total[candidates]
        head = max(2 * limit, 256) if limit is not None else len(candidates)
        if len(candidates) > head:
            cut = -np.partition(-scores, head - 1)[head - 1]
            above = scores > cut
            tied = np.flatnonzero(scores == cut)[: head - int(above.sum())]
            first = np.zeros(len(candidates), dtype=bool)
            first[above] = True
            first[tied] = True
            picked = np.flatnonzero(first)
            yield from candidates[picked[np.argsort(-scores[picked], kind="stable")]].tolist()
            rest = np.flatnonzero(~first)
            yield from candidates[rest[np.argsort(-scores[rest], kind="stable")]].tolist()
            return
        yield from candidates[np.argsort(-scores, kind="stable")].tolist()

    def _matched_terms(
        self, chosen: Ints, clauses: Iterable[_Clause]
    ) -> list[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]]:
        """For each chosen row, the words and the phrases that matched it."""
        clauses = list(clauses)
        words: list[list[str]] = [[] for _ in range(len(chosen))]
        phrases: list[list[tuple[str, ...]]] = [[] for _ in range(len(chosen))]
        for term in dict.fromkeys(t for clause in clauses for t in clause.terms):
            for place in self._places_containing(term, chosen):
                words[place].append(term)
        holders = {unit: mask for clause in clauses for unit, mask in clause.holders.items()}
        for unit, mask in holders.items():
            for place in np.flatnonzero(mask[chosen]).tolist():
                phrases[place].append(unit.words)
        return [
            (tuple(dict.fromkeys(w)), tuple(dict.fromkeys(p)))
            for w, p in zip(words, phrases, strict=True)
        ]

    def _places_containing(self, term: str, chosen: Ints) -> list[int]:
        """Positions in `chosen` of the rows whose postings hold `term`."""
        rows, _ = self.index.get(term)
        if not len(rows) or not len(chosen):
            return []
        position = np.minimum(np.searchsorted(rows, chosen), len(rows) - 1)
        return list(np.flatnonzero(rows[position] == chosen).tolist())

    def explain(self, hit: Hit) -> dict[str, list[str]]:
        """Which fields of a hit matched which words and phrases."""
        result: dict[str, list[str]] = {}
        for name, pieces in record_pieces(hit.record).items():
            joined = token_lines(pieces)
            present = set(joined.split())
            matched = [term for term in hit.terms if term in present]
            matched += [" ".join(p) for p in hit.phrases if says(joined, p)]
            if matched:
                result[name] = matched
        return result

    @property
    def stats(self) -> dict[str, Any]:
        """Index sizes, for the benchmark."""
        return self.index.stats
