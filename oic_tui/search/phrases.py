"""Exact phrase matching on the index's token stream: every record holding the phrase.

The stream is each record's term ids in order, with a BREAK (id 0) between pieces, so a
phrase is a run of adjacent ids within one record, and never spans two pieces. Only the
records holding every word are looked at (their stretches of the stream, or the whole
stream when they are most of it), with a few vectorised comparisons and no cap on how
many: the result is exact at any size.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .postings import Postings

    Ints = NDArray[np.int32]

# Gathering the candidates' stretches beats comparing the whole stream below this share.
GATHER_SHARE = 0.25


class Phrases:
    """Which records hold a phrase, exactly."""

    def __init__(self, index: Postings) -> None:
        self.index = index
        # Typing repeats the same phrase keystroke after keystroke.
        self.rows = lru_cache(maxsize=256)(self._rows)

    def _candidates(self, ids: list[int]) -> Ints:
        """The rows holding every one of the terms, ascending."""
        index = self.index
        by_rarity = sorted(ids, key=lambda t: index.offsets[t + 1] - index.offsets[t])
        found: Ints = index.rows[index.offsets[by_rarity[0]] : index.offsets[by_rarity[0] + 1]]
        for term_id in by_rarity[1:]:
            if not len(found):
                break
            holders = index.rows[index.offsets[term_id] : index.offsets[term_id + 1]]
            at = np.minimum(np.searchsorted(holders, found), len(holders) - 1)
            found = found[holders[at] == found]
        return found

    def _rows(self, words: tuple[str, ...]) -> Ints:
        """The rows (ascending) in which the words stand next to each other, in order."""
        known = [self.index.vocabulary.get(word) for word in words]
        ids = [term_id for term_id in known if term_id is not None]
        if not ids or len(ids) < len(known):
            return np.zeros(0, dtype=np.int32)
        candidates = self._candidates(ids)
        if len(ids) == 1 or not len(candidates):
            return candidates
        stream, starts = self.index.stream, self.index.starts
        lengths = starts[candidates + 1] - starts[candidates]
        total = int(lengths.sum())
        places: NDArray[np.integer[Any]] | None = None
        if total < GATHER_SHARE * len(stream):
            # Every position of the candidates, back to back.
            width = np.int32 if len(stream) < 2**31 else np.int64
            places = np.arange(total, dtype=width)
            places += np.repeat(
                (starts[candidates] - np.cumsum(lengths) + lengths).astype(width), lengths
            )
            stream = stream[places]
        span = len(ids) - 1
        runs = len(stream) - span
        if runs <= 0:
            return np.zeros(0, dtype=np.int32)
        matched = stream[:runs] == ids[0]
        for offset, term_id in enumerate(ids[1:], 1):
            matched &= stream[offset : runs + offset] == term_id
        begins = np.flatnonzero(matched)
        if places is not None:
            # Adjacent in the gathered stretches: adjacent in the stream too?
            firsts, lasts = places[begins], places[begins + span]
            begins = firsts[lasts - firsts == span]
        rows = np.searchsorted(starts, begins, side="right") - 1
        # A row's last piece runs into the next row's title: not a phrase.
        within = rows == np.searchsorted(starts, begins + span, side="right") - 1
        return np.unique(rows[within]).astype(np.int32)
