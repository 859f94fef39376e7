"""The inverted index: per-term postings with BM25 impacts, and the token stream that
phrases are matched on (see phrases.py), in NumPy arrays.

Built once per store, in a worker; imported lazily (NumPy is not needed for the first
screen).
"""

from __future__ import annotations

import itertools
import time
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Self

import numpy as np

from oic_tui.store.gcpause import paused_gc
from oic_tui.store.models import KINDS, Record

from .fuzzy import TypoIndex
from .textnorm import BREAK, PIECE_GAP, index_tokens, tokens

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .npzread import Expected

    Floats = NDArray[np.float32]
    Ints = NDArray[np.int32]
    Offsets = NDArray[np.int64]
    # 16-bit term ids when the vocabulary allows, else 32-bit.
    Stream = NDArray[np.unsignedinteger[Any]]

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
    """Postings from a stream of term ids, row after row (record after record): for each
    term in turn, the rows holding it (ascending), how often, and how many rows each term
    has."""
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
    posting_terms, rows = np.divmod(pairs, pairs.dtype.type(count))
    per_term = np.bincount(posting_terms, minlength=terms)
    # Row numbers are below 2**31, so 32-bit ones reinterpret as int32 without a copy.
    numbers = rows.view(np.int32) if rows.dtype == np.uint32 else rows.astype(np.int32)
    return numbers, tf, per_term


def _kept_stream(term_ids: array[int], lengths: array[int], terms: int) -> tuple[Stream, Offsets]:
    """A copy of the stream for phrases (in 16 bits when the vocabulary allows), and where
    each row starts in it."""
    stream = np.frombuffer(term_ids, dtype=np.uint32)
    kept: Stream = stream.astype(np.uint16) if terms <= 2**16 else stream.copy()
    starts = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(np.frombuffer(lengths, dtype=np.uint32), out=starts[1:])
    return kept, starts


def _word_counts(stream: Stream, starts: Offsets) -> Floats:
    """Each row's length in tokens, BREAKs aside (BM25 normalises by it)."""
    if len(starts) < 2:
        return np.zeros(0, dtype=np.float32)
    # Every row starts with its title's BREAK-ended copies: none is empty.
    breaks = np.add.reduceat(stream == 0, starts[:-1], dtype=np.int32)
    return (np.diff(starts) - breaks).astype(np.float32)


# The cache file keeps the name its rows' array had before index rows were called rows:
# renaming it would make every cached index unreadable (see indexcache.FORMAT).
ROWS_SAVED_AS = "docs"


def _consistent(saved: Mapping[str, NDArray[Any]], rows: int, terms: int) -> bool:
    """A saved index's arrays fit each other, `rows` rows and `terms` terms."""
    holders, impacts, offsets = saved[ROWS_SAVED_AS], saved["impacts"], saved["offsets"]
    stream, starts = saved["stream"], saved["starts"]
    if not (len(offsets) == terms + 2 and offsets[0] == offsets[1] == 0):
        return False  # term 0 is the BREAK, which has no postings
    if not (offsets[-1] == len(holders) == len(impacts) and np.all(np.diff(offsets) >= 0)):
        return False
    if len(holders) and not (holders.min() >= 0 and holders.max() < rows):
        return False
    # Each term's rows ascend (lookups bisect them): a step down only where a term starts.
    steps_up = np.diff(holders) > 0
    steps_up[offsets[1:-1][(offsets[1:-1] > 0) & (offsets[1:-1] < len(holders))] - 1] = True
    if not (np.all(steps_up) and np.all(np.isfinite(impacts))):
        return False
    if not (len(starts) == rows + 1 and starts[0] == 0 and starts[-1] == len(stream)):
        return False
    return bool(np.all(np.diff(starts) >= 1) and (not len(stream) or stream.max() <= terms))


class Postings:
    """Which rows (records) hold each term, and how much it weighs in each (BM25); and the
    token stream, each row's term ids in order, for phrases. Made by `build` or
    `from_arrays`; it reads no file and starts no thread."""

    def __init__(
        self,
        records: Sequence[Record],
        vocabulary: dict[str, int],
        arrays: tuple[Ints, Floats, Offsets, Stream, Offsets],
        build_seconds: dict[str, float],
    ) -> None:
        # As given, never copied: the store's list, or rows made when asked for.
        self.records = records
        self.vocabulary = vocabulary
        self.sorted_terms = sorted(vocabulary)
        # Each term's rows (ascending) and impacts at offsets[id]:offsets[id + 1]; the
        # stream, and where each row starts in it.
        self.rows, self.impacts, self.offsets, self.stream, self.starts = arrays
        self.build_seconds = build_seconds
        self._columns()

    @classmethod
    def build(cls, records: Sequence[Record]) -> Self:
        """Index records (rows), from their text."""
        with paused_gc():
            return cls._built(records)

    @classmethod
    def from_arrays(
        cls, records: Sequence[Record], saved: Mapping[str, NDArray[Any]]
    ) -> Self | None:
        """The index whose `arrays` these are, of these very records; None if anything in
        them does not fit the records (a damaged or foreign cache file)."""
        started = time.perf_counter()
        kinds = cls.limits(len(records), 0)
        if saved.keys() != kinds.keys() or not all(
            saved[name].ndim == 1 and saved[name].dtype in dtypes
            for name, (dtypes, _) in kinds.items()
        ):
            return None
        with paused_gc():
            try:
                text = saved["terms"].tobytes().decode("utf-8")
            except UnicodeDecodeError:
                return None
            terms = text.split("\n") if text else []
            # Term ids start at 1: 0 is the BREAK between pieces in the stream.
            vocabulary = {term: number for number, term in enumerate(terms, 1)}
            if len(vocabulary) != len(terms) or BREAK in vocabulary:
                return None
            if not _consistent(saved, len(records), len(terms)):
                return None
            arrays = (saved[ROWS_SAVED_AS], saved["impacts"], saved["offsets"], saved["stream"])
            index = cls(records, vocabulary, (*arrays, saved["starts"]), {})
        index.build_seconds = {"cached": time.perf_counter() - started}
        return index

    @staticmethod
    def limits(rows: int, store_bytes: int) -> Expected:
        """The dtypes and most elements each saved array may have, for an index of `rows`
        rows from a store file of `store_bytes` bytes.

        Every token comes from at least one byte of the store (the title, aliases and date
        once in the stream, three times in the counts); pieces and lines add a BREAK each.
        """
        tokens = 4 * store_bytes + 16 * rows + 64
        return {
            "terms": ((np.dtype(np.uint8),), 4 * store_bytes + 64),
            ROWS_SAVED_AS: ((np.dtype(np.int32),), tokens),
            "impacts": ((np.dtype(np.float32),), tokens),
            "offsets": ((np.dtype(np.int64),), tokens + 2),
            "stream": ((np.dtype(np.uint16), np.dtype(np.uint32)), tokens),
            "starts": ((np.dtype(np.int64),), rows + 1),
        }

    def arrays(self) -> dict[str, NDArray[Any]]:
        """The index as plain named arrays, as `from_arrays` takes them (and the cache saves)."""
        terms = "\n".join(self.vocabulary).encode()
        return {
            "terms": np.frombuffer(terms, dtype=np.uint8),
            ROWS_SAVED_AS: self.rows,
            "impacts": self.impacts,
            "offsets": self.offsets,
            "stream": self.stream,
            "starts": self.starts,
        }

    def _columns(self) -> None:
        """Per-row kind and years, for filters."""
        self.kinds = np.asarray([KINDS.index(r.kind) for r in self.records], dtype=np.int8)
        years = [r.date.years if r.date and r.date.years else (-1, -1) for r in self.records]
        self.year_low = np.asarray([y[0] for y in years], dtype=np.int32)
        self.year_high = np.asarray([y[1] for y in years], dtype=np.int32)
        self._typos: TypoIndex | None = None

    @classmethod
    def _built(cls, records: Sequence[Record]) -> Self:
        count = len(records)
        vocabulary: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        vocabulary[BREAK]  # id 0
        # Typed arrays, not lists: millions of term ids as Python ints would double memory.
        term_ids = array("I")
        lengths = array("I")
        started = time.perf_counter()
        # The hottest loop of loading: bound methods hoisted out of it. A strong token is
        # simply written STRONG_REPEATS times; NumPy counts the occurrences afterwards.
        add_terms, add_length, term_id = term_ids.extend, lengths.append, vocabulary.__getitem__
        for strong, body in cls._streams(records):
            stream = strong * STRONG_REPEATS + body
            add_terms(map(term_id, stream))
            add_length(len(stream))
        python_done = time.perf_counter()
        del vocabulary[BREAK]
        terms = len(vocabulary) + 1
        kept, starts = _kept_stream(term_ids, lengths, terms)
        row_lengths = _word_counts(kept, starts)
        # The term ids' own buffer becomes the counting keys (see _count_pairs).
        rows, tf, per_term = _count_pairs(term_ids, lengths, terms)
        del term_ids
        # Drop the BREAK's postings: term 0 comes first.
        dropped = int(per_term[0])
        rows, tf, per_term[0] = rows[dropped:], tf[dropped:], 0
        offsets = np.concatenate(([0], np.cumsum(per_term)))
        df = per_term.astype(np.float32)
        idf = np.log1p((count - df + 0.5) / (df + 0.5)).astype(np.float32)
        norm = 1 - B + B * row_lengths / max(float(row_lengths.mean()) if count else 1.0, 1.0)
        # BM25 impact per posting, computed in place to keep peak memory down.
        denominator = norm.astype(np.float32)[rows]
        denominator *= K1
        denominator += tf
        tf *= K1 + 1
        tf /= denominator
        del denominator
        tf *= np.repeat(idf, per_term)
        finished = time.perf_counter()
        seconds = {"python": python_done - started, "numpy": finished - python_done}
        return cls(records, dict(vocabulary), (rows, tf, offsets, kept, starts), seconds)

    @classmethod
    def _streams(cls, records: Sequence[Record]) -> Iterator[tuple[list[str], list[str]]]:
        """Each row's token stream: its strong fields (a BREAK at least), then the rest."""
        return map(record_stream, records)

    def typo_index(self) -> TypoIndex:
        """The typo index, built on first use (or ahead of time by `warm`)."""
        if self._typos is None:
            self._typos = TypoIndex(self.sorted_terms)
        return self._typos

    def get(self, term: str) -> tuple[Ints, Floats]:
        """The rows holding a term and its impact in each."""
        term_id = self.vocabulary.get(term)
        if term_id is None:
            empty = np.zeros(0, dtype=np.int32)
            return empty, empty.astype(np.float32)
        start, end = self.offsets[term_id], self.offsets[term_id + 1]
        return self.rows[start:end], self.impacts[start:end]

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
            "postings": len(self.rows),
        }
