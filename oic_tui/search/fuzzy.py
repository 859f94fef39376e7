"""Typo candidates: a trigram index over the vocabulary, verified by edit distance."""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (transpositions count 1), or limit+1 if beyond."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _grams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class TypoIndex:
    """Finds vocabulary words within a small edit distance of a query word."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self._grams: dict[str, list[str]] = defaultdict(list)
        for word in vocabulary:
            if len(word) >= 4 and not word.isdigit():
                for gram in _grams(word):
                    self._grams[gram].append(word)

    def near(self, word: str, limit: int) -> list[tuple[str, int]]:
        """(candidate, distance) pairs with 0 < distance <= limit."""
        grams = _grams(word)
        shared: dict[str, int] = defaultdict(int)
        for gram in grams:
            for candidate in self._grams.get(gram, ()):
                shared[candidate] += 1
        # Each edit destroys at most three trigrams; fewer shared means too far apart.
        needed = max(len(grams) - 3 * limit, 1)
        result = []
        for candidate, count in shared.items():
            if count >= needed and candidate != word:
                distance = edit_distance(word, candidate, limit)
                if distance <= limit:
                    result.append((candidate, distance))
        return sorted(result, key=lambda item: (item[1], item[0]))


# Names looked at for those a misspelt one begins (in sorted order): enough to find the
# shortest few, however many share the prefix.
MAX_PREFIXED = 256


class CloseNames:
    """Names close to a misspelt one: those it begins, then those a few edits away (found
    through shared trigrams, as typos are)."""

    def __init__(self, names: Iterable[str]) -> None:
        self._sorted = sorted({name for name in names if name})
        self._grams: dict[str, list[str]] = defaultdict(list)
        for name in self._sorted:
            for gram in _grams(name):
                self._grams[gram].append(name)

    def near(self, wanted: str, count: int = 3) -> list[str]:
        """Up to `count` names: those starting with `wanted` (the shortest first), then
        by edit distance (the shorter first); never `wanted` itself."""
        if not wanted:
            return []
        scored: set[tuple[int, int, str]] = set()
        if len(wanted) >= 2:
            at = bisect_left(self._sorted, wanted)
            for name in itertools.islice(self._sorted, at, at + MAX_PREFIXED):
                if not name.startswith(wanted):
                    break
                if name != wanted:
                    scored.add((0, len(name), name))
        limit = 1 if len(wanted) < 6 else 2 if len(wanted) < 12 else 3
        grams = _grams(wanted)
        shared: dict[str, int] = defaultdict(int)
        for gram in grams:
            for name in self._grams.get(gram, ()):
                shared[name] += 1
        needed = max(len(grams) - 3 * limit, 1)
        for name, common in shared.items():
            if common >= needed and name != wanted and abs(len(name) - len(wanted)) <= limit:
                distance = edit_distance(wanted, name, limit)
                if distance <= limit:
                    scored.add((distance, len(name), name))
        return [name for _, _, name in sorted(scored)[:count]]
