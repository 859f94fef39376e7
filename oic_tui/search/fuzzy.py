"""Typo candidates: a trigram index over the vocabulary, verified by edit distance."""

from __future__ import annotations

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


def close_matches(wanted: str, candidates: Iterable[str], count: int = 3) -> list[str]:
    """Candidates that start with `wanted` or lie within a few edits of it, closest first
    (those it begins before the others; then by distance, then the shorter)."""
    if not wanted:
        return []
    limit = 1 if len(wanted) < 6 else 2 if len(wanted) < 12 else 3
    scored: list[tuple[int, int, str]] = []
    for candidate in dict.fromkeys(candidates):
        if candidate == wanted:
            continue
        if len(wanted) >= 2 and candidate.startswith(wanted):
            scored.append((0, len(candidate), candidate))
        elif (distance := edit_distance(wanted, candidate, limit)) <= limit:
            scored.append((distance, len(candidate), candidate))
    return [candidate for _, _, candidate in sorted(scored)[:count]]
