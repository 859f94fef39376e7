"""The search engine (imported lazily: NumPy is not needed for the first screen).

An inverted index with BM25 ranking, built once at load.

Matching is case- and accent-insensitive, with prefix matching as you type, typo tolerance
for longer words (only when exact and prefix matches are scarce), entity aliases and
acronyms both ways, and numbers and dates as written. Postings live in NumPy arrays so a
query over 100,000 records costs a few vectorised operations.
"""

from __future__ import annotations

import itertools
import re
import time
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from .fuzzy import TypoIndex
from .gcpause import paused_gc
from .models import KINDS, Record
from .query import Query, Unit, parse
from .textnorm import acronym, fold, tokens

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Floats = NDArray[np.float32]
    Ints = NDArray[np.int32]
    Bools = NDArray[np.bool_]
    Indices = NDArray[np.intp]

# A title, alias or date match counts three times a match in the body or quotes. Linked
# entities are found through their names at query time: a query naming an entity also
# searches its other names.
STRONG_FIELDS = ("title", "aliases", "date")
STRONG_REPEATS = 3
K1, B = 1.2, 0.75
PREFIX_FACTOR = 0.6
ALIAS_FACTOR = 0.9
TYPO_FACTOR = 0.35
MAX_PREFIX_TERMS = 48
MAX_TYPO_TERMS = 6
SCARCE = 3
MAX_ALIAS_WORDS = 6
# Phrase adjacency is checked per document; bound the work any one query can cause.
MAX_PHRASE_CHECKS = 4000
GENERIC_ENTITY_TYPES = frozenset({"person", "country", "city", "place"})


@dataclass(frozen=True, slots=True)
class Hit:
    """A matching record, its score and the folded index terms that matched it."""

    record: Record
    score: float
    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...] = ()


def _date_text(record: Record) -> str:
    if record.date is None or not record.date.start:
        return ""
    # ASCII on purpose: one non-ASCII character sends a whole record to slow tokenising.
    display = record.date.display().replace("–", " ")
    return f"{display} {record.date.start} {record.date.end}"


def _body_text(record: Record) -> str:
    extras = (record.category, record.status, record.value, *record.venues)
    return " | ".join((record.text, *extras))


def record_fields(record: Record) -> dict[str, str]:
    """The text of each searchable field of a record."""
    return {
        "title": record.title,
        "aliases": " | ".join(record.aliases),
        "date": _date_text(record),
        "text": _body_text(record),
        "quote": " | ".join(span.quote for span in record.sources),
    }


def record_tokens(record: Record) -> tuple[list[str], list[str]]:
    """A record's tokens: the strong fields' (title, aliases, date), then the rest."""
    strong = f"{record.title} | {' | '.join(record.aliases)} | {_date_text(record)}"
    quotes = " | ".join([span.quote for span in record.sources])
    return tokens(strong), tokens(f"{_body_text(record)} | {quotes}")


@lru_cache(maxsize=256)
def _phrase_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Folded words separated only by punctuation or spaces, never by a field break (NUL)."""
    gap = r"(?:[^\w\x00]|_)+"
    # A literal first word lets the regex engine skip ahead fast; the word boundary before
    # it is checked by the caller.
    return re.compile(gap.join(map(re.escape, words)) + r"(?![^\W_])")


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
        with paused_gc():
            self._build(records)

    def _build(self, records: Sequence[Record]) -> None:
        self.records = list(records)
        count = len(self.records)
        self._entities = {r.id: r for r in self.records if r.kind == "entity"}
        vocabulary: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        # Typed arrays, not lists: millions of postings as Python ints would double memory.
        term_ids = array("I")
        frequencies = array("I")
        uniques: list[int] = []
        lengths: list[int] = []
        started = time.perf_counter()
        # The hottest loop of loading: bound methods hoisted out of it.
        add_terms, add_frequencies = term_ids.extend, frequencies.extend
        add_unique, add_length, term_id = uniques.append, lengths.append, vocabulary.__getitem__
        for record in self.records:
            strong, body = record_tokens(record)
            counts = Counter(body)
            for token in strong:
                counts[token] += STRONG_REPEATS
            add_terms(map(term_id, counts))
            add_frequencies(counts.values())
            add_unique(len(counts))
            add_length(len(body) + STRONG_REPEATS * len(strong))
        python_done = time.perf_counter()
        self._vocabulary = dict(vocabulary)
        self._sorted_terms = sorted(self._vocabulary)
        # Postings grouped by term, documents ascending within each (a stable sort; a
        # 16-bit key lets NumPy use radix sort).
        key_type = np.uint16 if len(self._vocabulary) <= 1 << 16 else np.int32
        terms = np.frombuffer(term_ids, dtype=np.uint32).astype(key_type)
        del term_ids
        order = np.argsort(terms, kind="stable")
        per_term = np.bincount(terms, minlength=len(self._vocabulary))
        del terms
        self._docs = np.repeat(np.arange(count, dtype=np.int32), uniques)[order]
        tf = np.frombuffer(frequencies, dtype=np.uint32)[order].astype(np.float32)
        del frequencies, order
        self._offsets = np.concatenate(([0], np.cumsum(per_term)))
        df = per_term.astype(np.float32)
        idf = np.log1p((count - df + 0.5) / (df + 0.5)).astype(np.float32)
        doc_lengths = np.asarray(lengths, dtype=np.float32)
        norm = 1 - B + B * doc_lengths / max(float(doc_lengths.mean()) if count else 1.0, 1.0)
        # BM25 impact per posting, computed in place to keep peak memory down.
        denominator = norm.astype(np.float32)[self._docs]
        denominator *= K1
        denominator += tf
        tf *= K1 + 1
        tf /= denominator
        del denominator
        tf *= np.repeat(idf, per_term)
        self._impacts = tf
        self._kinds = np.asarray([KINDS.index(r.kind) for r in self.records], dtype=np.int8)
        years = [r.date.years if r.date and r.date.years else (-1, -1) for r in self.records]
        self._year_low = np.asarray([y[0] for y in years], dtype=np.int32)
        self._year_high = np.asarray([y[1] for y in years], dtype=np.int32)
        self._aliases = self._alias_groups()
        self._typos: TypoIndex | None = None
        finished = time.perf_counter()
        self.build_seconds = {"python": python_done - started, "numpy": finished - python_done}

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

    def _word_scores(self, unit: Unit, out: Floats, terms: list[str]) -> None:
        """Best score per document of a word: exact, prefix, then (if scarce) typos."""
        word = unit.words[0]
        if unit.expanded:
            docs, impacts = self._postings(word)
            out[docs] = np.maximum(out[docs], impacts * ALIAS_FACTOR)
            if len(docs):
                terms.append(word)
            return
        expansions: list[tuple[str, float]] = [(word, 1.0)]
        if len(word) >= 2 and not word.isdigit():
            expansions += [(term, PREFIX_FACTOR) for term in self._prefixed(word)]
        found = 0
        for term, factor in expansions:
            docs, impacts = self._postings(term)
            if len(docs):
                out[docs] = np.maximum(out[docs], impacts * factor)
                terms.append(term)
                found += len(docs)
        if found < SCARCE and len(word) >= 5 and not word.isdigit():
            limit = 1 if len(word) < 9 else 2
            for term, distance in self.typo_index().near(word, limit)[:MAX_TYPO_TERMS]:
                docs, impacts = self._postings(term)
                out[docs] = np.maximum(out[docs], impacts * (TYPO_FACTOR / distance))
                terms.append(term)

    def _phrase_scores(self, unit: Unit, out: Floats) -> None:
        """Documents containing every word of a phrase (adjacency is checked later).

        A typed phrase scores the sum of its words; another name of an entity scores the
        mean of its meaningful words, so a long alias cannot outrank the name typed.
        """
        total = np.zeros(len(self.records), dtype=np.float32)
        present = np.ones(len(self.records), dtype=bool)
        content = set(unit.content_words)
        for word in unit.words:
            docs, impacts = self._postings(word)
            mask = np.zeros(len(self.records), dtype=bool)
            mask[docs] = True
            present &= mask
            if word in content:
                total[docs] += impacts
        if unit.expanded:
            total *= ALIAS_FACTOR / len(content)
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
            else:
                self._word_scores(unit, word_scores, terms)
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
            alternatives = [
                Unit(alias, phrase=len(alias) > 1, expanded=alias != words)
                for alias in self._aliases[words]
            ]
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
        """True when the phrase's words stand next to each other within one field."""
        text = fold("\x00".join(record_fields(record).values()))
        return any(
            match.start() == 0 or not text[match.start() - 1].isalnum()
            for match in _phrase_pattern(unit.words).finditer(text)
        )

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
        chosen: list[int] = []
        checks = 0
        for doc in self._best_first(candidates, total, limit):
            if any(c.phrases and c.word_scores[doc] <= 0 for c in clauses):
                checks += 1
                if checks > MAX_PHRASE_CHECKS:
                    break
                record = self.records[doc]
                if not all(self._clause_holds(doc, record, clause) for clause in clauses):
                    continue
            chosen.append(doc)
            if limit is not None and len(chosen) >= limit:
                break
        matched = self._matched_terms(np.asarray(chosen, dtype=np.int32), clauses)
        return [
            Hit(self.records[i], float(total[i]), words, phrases)
            for i, (words, phrases) in zip(chosen, matched, strict=True)
        ]

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

    def _clause_holds(self, index: int, record: Record, clause: _Clause) -> bool:
        """A document that matched a clause only through phrases must contain one."""
        if not clause.phrases or clause.word_scores[index] > 0:
            return True
        return any(self._contains_phrase(record, unit) for unit in clause.phrases)

    def _matched_terms(
        self, chosen: Ints, clauses: Iterable[_Clause]
    ) -> list[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]]:
        """For each chosen document, the words and the phrases that matched it."""
        clauses = list(clauses)
        words: list[list[str]] = [[] for _ in range(len(chosen))]
        phrases: list[list[tuple[str, ...]]] = [[] for _ in range(len(chosen))]
        for term in dict.fromkeys(t for clause in clauses for t in clause.terms):
            for row in self._rows_containing(term, chosen):
                words[row].append(term)
        for unit in dict.fromkeys(u for clause in clauses for u in clause.phrases):
            rows = set(range(len(chosen)))
            for word in unit.words:
                rows &= set(self._rows_containing(word, chosen))
            for row in sorted(rows):
                if self._contains_phrase(self.records[chosen[row]], unit):
                    phrases[row].append(unit.words)
        return [
            (tuple(dict.fromkeys(w)), tuple(dict.fromkeys(p)))
            for w, p in zip(words, phrases, strict=True)
        ]

    def _rows_containing(self, term: str, chosen: Ints) -> list[int]:
        """Positions in `chosen` of the documents whose postings hold `term`."""
        docs, _ = self._postings(term)
        if not len(docs) or not len(chosen):
            return []
        position = np.minimum(np.searchsorted(docs, chosen), len(docs) - 1)
        return list(np.flatnonzero(docs[position] == chosen).tolist())

    def explain(self, hit: Hit) -> dict[str, list[str]]:
        """Which fields of a hit matched which words and phrases."""
        result: dict[str, list[str]] = {}
        for name, text in record_fields(hit.record).items():
            present = tokens(text)
            joined = f" {' '.join(present)} "
            matched = [term for term in hit.terms if term in present]
            matched += [" ".join(p) for p in hit.phrases if f" {' '.join(p)} " in joined]
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
