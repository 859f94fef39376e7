"""The inverted index: per-term postings with BM25 impacts, in NumPy arrays.

Built once per store, in a worker; imported lazily (NumPy is not needed for the first
screen).
"""

from __future__ import annotations

import itertools
import time
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .fuzzy import TypoIndex
from .gcpause import paused_gc
from .models import KINDS, Record
from .textnorm import tokens

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Floats = NDArray[np.float32]
    Ints = NDArray[np.int32]

# A title, alias or date match counts three times a match in the body or quotes. Linked
# entities are found through their names at query time: a query naming an entity also
# searches its other names.
STRONG_FIELDS = ("title", "aliases", "date")
STRONG_REPEATS = 3
K1, B = 1.2, 0.75
MAX_PREFIX_TERMS = 48


def _date_text(record: Record) -> str:
    if record.date is None or not record.date.start:
        return ""
    # ASCII on purpose: one non-ASCII character sends a whole record to slow tokenising.
    display = record.date.display().replace("–", " ")
    return f"{display} {record.date.start} {record.date.end}"


def _body_text(record: Record) -> str:
    extras = (record.category, record.status, record.value, *record.venues)
    return " | ".join((record.text, *extras))


def record_pieces(record: Record) -> dict[str, tuple[str, ...]]:
    """Each searchable field's separate pieces: a phrase never spans two of them."""
    return {
        "title": (record.title,),
        "aliases": record.aliases,
        "date": (_date_text(record),),
        "text": (record.text, record.category, record.status, record.value, *record.venues),
        "quote": tuple(span.quote for span in record.sources),
    }


def record_fields(record: Record) -> dict[str, str]:
    """The text of each searchable field of a record."""
    return {name: " | ".join(pieces) for name, pieces in record_pieces(record).items()}


def record_tokens(record: Record) -> tuple[list[str], list[str]]:
    """A record's tokens: the strong fields' (title, aliases, date), then the rest."""
    strong = f"{record.title} | {' | '.join(record.aliases)} | {_date_text(record)}"
    quotes = " | ".join([span.quote for span in record.sources])
    return tokens(strong), tokens(f"{_body_text(record)} | {quotes}")


class Postings:
    """Which records hold each term, and how much it weighs in each (BM25)."""

    def __init__(self, records: Sequence[Record]) -> None:
        with paused_gc():
            self._build(records)

    def _build(self, records: Sequence[Record]) -> None:
        self.records = list(records)
        count = len(self.records)
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
        self.vocabulary = dict(vocabulary)
        self.sorted_terms = sorted(self.vocabulary)
        # Postings grouped by term, documents ascending within each (a stable sort; a
        # 16-bit key lets NumPy use radix sort).
        key_type = np.uint16 if len(self.vocabulary) <= 1 << 16 else np.int32
        terms = np.frombuffer(term_ids, dtype=np.uint32).astype(key_type)
        del term_ids
        order = np.argsort(terms, kind="stable")
        per_term = np.bincount(terms, minlength=len(self.vocabulary))
        del terms
        self.docs = np.repeat(np.arange(count, dtype=np.int32), uniques)[order]
        tf = np.frombuffer(frequencies, dtype=np.uint32)[order].astype(np.float32)
        del frequencies, order
        self.offsets = np.concatenate(([0], np.cumsum(per_term)))
        df = per_term.astype(np.float32)
        idf = np.log1p((count - df + 0.5) / (df + 0.5)).astype(np.float32)
        doc_lengths = np.asarray(lengths, dtype=np.float32)
        norm = 1 - B + B * doc_lengths / max(float(doc_lengths.mean()) if count else 1.0, 1.0)
        # BM25 impact per posting, computed in place to keep peak memory down.
        denominator = norm.astype(np.float32)[self.docs]
        denominator *= K1
        denominator += tf
        tf *= K1 + 1
        tf /= denominator
        del denominator
        tf *= np.repeat(idf, per_term)
        self.impacts = tf
        self.kinds = np.asarray([KINDS.index(r.kind) for r in self.records], dtype=np.int8)
        years = [r.date.years if r.date and r.date.years else (-1, -1) for r in self.records]
        self.year_low = np.asarray([y[0] for y in years], dtype=np.int32)
        self.year_high = np.asarray([y[1] for y in years], dtype=np.int32)
        self._typos: TypoIndex | None = None
        finished = time.perf_counter()
        self.build_seconds = {"python": python_done - started, "numpy": finished - python_done}

    def typo_index(self) -> TypoIndex:
        """The typo index, built on first use (or ahead of time by `warm`)."""
        if self._typos is None:
            self._typos = TypoIndex(self.sorted_terms)
        return self._typos

    def get(self, term: str) -> tuple[Ints, Floats]:
        """The documents holding a term and its impact in each."""
        term_id = self.vocabulary.get(term)
        if term_id is None:
            empty = np.zeros(0, dtype=np.int32)
            return empty, empty.astype(np.float32)
        start, end = self.offsets[term_id], self.offsets[term_id + 1]
        return self.docs[start:end], self.impacts[start:end]

    def prefixed(self, prefix: str) -> list[str]:
        """Longer terms starting with `prefix`, the most frequent when there are many."""
        start = bisect_left(self.sorted_terms, prefix)
        found = list(
            itertools.takewhile(
                lambda term: term.startswith(prefix),
                itertools.islice(self.sorted_terms, start, None),
            )
        )
        if len(found) > MAX_PREFIX_TERMS:
            found.sort(
                key=lambda term: (
                    -int(
                        self.offsets[self.vocabulary[term] + 1]
                        - self.offsets[self.vocabulary[term]]
                    )
                )
            )
            found = found[:MAX_PREFIX_TERMS]
        return [term for term in found if term != prefix]

    @property
    def stats(self) -> dict[str, Any]:
        """Index sizes, for the benchmark."""
        return {
            "records": len(self.records),
            "terms": len(self.vocabulary),
            "postings": len(self.docs),
        }
