"""The inverted index: per-term postings with BM25 impacts, and the token stream that
phrases are matched on (see phrases.py), in NumPy arrays.

Built once per store, in a worker; imported lazily (NumPy is not needed for the first
screen).
"""

from __future__ import annotations

import itertools
import threading
import time
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from oic_tui.store.gcpause import paused_gc
from oic_tui.store.models import KINDS, Record

from . import indexcache
from .fuzzy import TypoIndex
from .textnorm import BREAK, PIECE_GAP, index_tokens, tokens

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
BLOCK_RECORDS = 4096
# Sort keys (term * records + record) below this fit in 32 bits, which sort fastest.
NARROW_KEYS = 1 << 32


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


def record_stream(record: Record) -> tuple[list[str], list[str]]:
    """`record_tokens` with a BREAK after every piece (and line): the index's token stream,
    in which a phrase is a run of adjacent tokens."""
    strong = (record.title, *record.aliases, _date_text(record))
    body = (
        record.text,
        record.category,
        record.status,
        record.value,
        *record.venues,
        *[span.quote for span in record.sources],
    )
    # Each copy of the strong fields ends with a BREAK (they are counted three times).
    return (
        index_tokens(PIECE_GAP.join(filter(None, strong)) + PIECE_GAP),
        index_tokens(PIECE_GAP.join(filter(None, body))),
    )


def _count_pairs(
    term_ids: array[int], lengths: array[int], terms: int
) -> tuple[Ints, Floats, NDArray[np.intp]]:
    """Postings from a stream of term ids, record after record: for each term in turn, the
    records holding it (ascending), how often, and how many records each term has."""
    count = len(lengths)
    # One sortable key per occurrence: term major, record minor. Sorting it groups each
    # term's postings with records ascending; equal neighbours are repeats of a term.
    # Fresh memory is slow to fault in, so the ids' own buffer becomes the keys when they
    # fit in 32 bits, and record numbers are added a block at a time.
    key: NDArray[np.unsignedinteger[Any]] = np.frombuffer(term_ids, dtype=np.uint32)
    if terms * count >= NARROW_KEYS:
        key = key.astype(np.uint64)
    key *= count
    per_record = np.frombuffer(lengths, dtype=np.uint32)
    ends = np.cumsum(per_record, dtype=np.int64)
    for first_record in range(0, count, BLOCK_RECORDS):
        last = min(first_record + BLOCK_RECORDS, count)
        start = int(ends[first_record - 1]) if first_record else 0
        numbers = np.arange(first_record, last, dtype=key.dtype)
        key[start : int(ends[last - 1])] += np.repeat(numbers, per_record[first_record:last])
    key.sort()
    first = np.empty(len(key), dtype=bool)
    first[:1] = True
    np.not_equal(key[1:], key[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    del first
    pairs = key[starts]
    del key
    tf = np.empty(len(starts), dtype=np.float32)
    np.subtract(starts[1:], starts[:-1], out=tf[:-1], casting="unsafe")
    tf[-1:] = len(term_ids) - starts[-1:]
    del starts
    posting_terms, docs = np.divmod(pairs, pairs.dtype.type(count))
    per_term = np.bincount(posting_terms, minlength=terms)
    # Record numbers are below 2**31, so 32-bit ones reinterpret as int32 without a copy.
    numbers = docs.view(np.int32) if docs.dtype == np.uint32 else docs.astype(np.int32)
    return numbers, tf, per_term


def _consistent(saved: dict[str, NDArray[Any]], records: int, terms: int) -> bool:
    """A cached index's arrays fit each other, `records` records and `terms` terms."""
    docs, impacts, offsets = saved["docs"], saved["impacts"], saved["offsets"]
    stream, starts = saved["stream"], saved["starts"]
    if not (len(offsets) == terms + 2 and offsets[0] == offsets[1] == 0):
        return False  # term 0 is the BREAK, which has no postings
    if not (offsets[-1] == len(docs) == len(impacts) and np.all(np.diff(offsets) >= 0)):
        return False
    if len(docs) and not (docs.min() >= 0 and docs.max() < records):
        return False
    # Each term's records ascend (lookups bisect them): a step down only where a term starts.
    steps_up = np.diff(docs) > 0
    steps_up[offsets[1:-1][(offsets[1:-1] > 0) & (offsets[1:-1] < len(docs))] - 1] = True
    if not (np.all(steps_up) and np.all(np.isfinite(impacts))):
        return False
    if not (len(starts) == records + 1 and starts[0] == 0 and starts[-1] == len(stream)):
        return False
    return bool(np.all(np.diff(starts) >= 1) and (not len(stream) or stream.max() <= terms))


class Postings:
    """Which records hold each term, and how much it weighs in each (BM25); and the token
    stream, each record's term ids in order, for phrases."""

    def __init__(
        self, records: Sequence[Record], cache_key: str | None = None, store_bytes: int = 0
    ) -> None:
        self.saving: threading.Thread | None = None
        with paused_gc():
            # As given, never copied: the store's list, or rows made when asked for.
            self.records = records
            started = time.perf_counter()
            saved = None
            if cache_key and store_bytes:
                saved = indexcache.load(cache_key, self._limits(store_bytes))
            if saved is not None and self._restore(saved):
                self.build_seconds = {"cached": time.perf_counter() - started}
            else:
                self._build()
                if cache_key and store_bytes:
                    # Searching need not wait for the disk; not a daemon, so a quick quit
                    # still finishes the file (a write cut short leaves only a temp file).
                    self.saving = threading.Thread(
                        target=indexcache.save, args=(cache_key, self._arrays()), name="index-cache"
                    )
                    self.saving.start()
            self._columns()

    def _limits(self, store_bytes: int) -> dict[str, tuple[tuple[np.dtype[Any], ...], int]]:
        """The dtypes and most elements each cached array may have for this store.

        Every token comes from at least one byte of the store (the title, aliases and date
        once in the stream, three times in the counts); pieces and lines add a BREAK each.
        """
        tokens = 4 * store_bytes + 16 * len(self.records) + 64
        return {
            "terms": ((np.dtype(np.uint8),), 4 * store_bytes + 64),
            "docs": ((np.dtype(np.int32),), tokens),
            "impacts": ((np.dtype(np.float32),), tokens),
            "offsets": ((np.dtype(np.int64),), tokens + 2),
            "stream": ((np.dtype(np.uint16), np.dtype(np.uint32)), tokens),
            "starts": ((np.dtype(np.int64),), len(self.records) + 1),
        }

    def _arrays(self) -> dict[str, NDArray[Any]]:
        terms = "\n".join(self.vocabulary).encode()
        return {
            "terms": np.frombuffer(terms, dtype=np.uint8),
            "docs": self.docs,
            "impacts": self.impacts,
            "offsets": self.offsets,
            "stream": self.stream,
            "starts": self.starts,
        }

    def _restore(self, saved: dict[str, NDArray[Any]]) -> bool:
        """Take a cached index; False if anything in it does not fit this store."""
        try:
            text = saved["terms"].tobytes().decode("utf-8")
        except UnicodeDecodeError:
            return False
        terms = text.split("\n") if text else []
        # Term ids start at 1: 0 is the BREAK between pieces in the stream.
        vocabulary = {term: number for number, term in enumerate(terms, 1)}
        if len(vocabulary) != len(terms) or BREAK in vocabulary:
            return False
        if not _consistent(saved, len(self.records), len(terms)):
            return False
        self.vocabulary = vocabulary
        self.sorted_terms = sorted(vocabulary)
        self.docs, self.impacts = saved["docs"], saved["impacts"]
        self.offsets, self.stream, self.starts = saved["offsets"], saved["stream"], saved["starts"]
        return True

    def _columns(self) -> None:
        """Per-record kind and years, for filters."""
        self.kinds = np.asarray([KINDS.index(r.kind) for r in self.records], dtype=np.int8)
        years = [r.date.years if r.date and r.date.years else (-1, -1) for r in self.records]
        self.year_low = np.asarray([y[0] for y in years], dtype=np.int32)
        self.year_high = np.asarray([y[1] for y in years], dtype=np.int32)
        self._typos: TypoIndex | None = None

    def _build(self) -> None:
        count = len(self.records)
        vocabulary: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        vocabulary[BREAK]  # id 0
        # Typed arrays, not lists: millions of term ids as Python ints would double memory.
        term_ids = array("I")
        lengths = array("I")
        started = time.perf_counter()
        # The hottest loop of loading: bound methods hoisted out of it. A strong token is
        # simply written STRONG_REPEATS times; NumPy counts the occurrences afterwards.
        add_terms, add_length, term_id = term_ids.extend, lengths.append, vocabulary.__getitem__
        for strong, body in self._streams():
            stream = strong * STRONG_REPEATS + body
            add_terms(map(term_id, stream))
            add_length(len(stream))
        python_done = time.perf_counter()
        del vocabulary[BREAK]
        self.vocabulary = dict(vocabulary)
        self.sorted_terms = sorted(self.vocabulary)
        terms = len(self.vocabulary) + 1
        self._keep_stream(term_ids, lengths, terms)
        doc_lengths = self._word_counts()
        # The term ids' own buffer becomes the counting keys (see _count_pairs).
        self.docs, tf, per_term = _count_pairs(term_ids, lengths, terms)
        del term_ids
        # Drop the BREAK's postings: term 0 comes first.
        dropped = int(per_term[0])
        self.docs, tf, per_term[0] = self.docs[dropped:], tf[dropped:], 0
        self.offsets = np.concatenate(([0], np.cumsum(per_term)))
        df = per_term.astype(np.float32)
        idf = np.log1p((count - df + 0.5) / (df + 0.5)).astype(np.float32)
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
        finished = time.perf_counter()
        self.build_seconds = {"python": python_done - started, "numpy": finished - python_done}

    def _streams(self) -> Iterator[tuple[list[str], list[str]]]:
        """Each record's token stream: its strong fields (a BREAK at least), then the rest."""
        return map(record_stream, self.records)

    def _keep_stream(self, term_ids: array[int], lengths: array[int], terms: int) -> None:
        """Copy the stream for phrases (in 16 bits when the vocabulary allows), and where
        each record starts in it."""
        stream = np.frombuffer(term_ids, dtype=np.uint32)
        self.stream = stream.astype(np.uint16) if terms <= 2**16 else stream.copy()
        self.starts = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(np.frombuffer(lengths, dtype=np.uint32), out=self.starts[1:])

    def _word_counts(self) -> Floats:
        """Each record's length in tokens, BREAKs aside (BM25 normalises by it)."""
        if not len(self.records):
            return np.zeros(0, dtype=np.float32)
        # Every record starts with its title's BREAK-ended copies: none is empty.
        breaks = np.add.reduceat(self.stream == 0, self.starts[:-1], dtype=np.int32)
        return (np.diff(self.starts) - breaks).astype(np.float32)

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
