"""Inflections and curated synonyms of query words, looked up in the index's vocabulary."""

from __future__ import annotations

import tomllib
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from oic_tui.store.reader import data_dir

from .textnorm import tokens

MIN_STEM_WORD = 4
# Snowball suffixes are at most a few letters: a longer term cannot share the stem.
MAX_SUFFIX = 7
# Vocabulary terms looked at per stem (sorted order): keeps a keystroke cheap at 100k.
MAX_STEM_CANDIDATES = 256
SYNONYMS_FILE = "synonyms.toml"


def _snowball() -> Callable[[str], str]:
    try:
        import snowballstemmer  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a declared dependency; search still works
        return lambda word: word
    stemmer = snowballstemmer.stemmer("english")
    return lambda word: str(stemmer.stemWord(word))


_stem_word = _snowball()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (English) stem of a folded word; short words and numbers are their own."""
    if len(word) < MIN_STEM_WORD or not word.isalpha():
        return word
    return _stem_word(word)


def same_stem(word: str, sorted_terms: list[str]) -> list[str]:
    """Other vocabulary terms with the stem of `word` (`members` gives `member`)."""
    if len(word) < MIN_STEM_WORD or not word.isalpha():
        return []
    return [term for term in with_stem(stem(word), sorted_terms) if term != word]


def with_stem(root: str, sorted_terms: list[str]) -> list[str]:
    """Vocabulary terms whose stem is `root`."""
    # `countries` and `country` share the stem `countri`: look from `countr`.
    start_with = root[:-1] if root.endswith("i") and len(root) > MIN_STEM_WORD else root
    found: list[str] = []
    at = bisect_left(sorted_terms, start_with)
    for term in sorted_terms[at : at + MAX_STEM_CANDIDATES]:
        if not term.startswith(start_with):
            break
        if len(term) <= len(root) + MAX_SUFFIX and stem(term) == root:
            found.append(term)
    return found


Synonyms = dict[str, tuple[str, ...]]


def read_synonyms(path: Path | None = None) -> Synonyms:
    """Each word's stem -> the stems of its curated synonyms; empty when the list is absent."""
    path = path or data_dir() / "annotations" / SYNONYMS_FILE
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    groups = table.get("synonyms")
    if not isinstance(groups, list):
        return {}
    return synonym_map(group.get("words", []) for group in groups if isinstance(group, dict))


def synonym_map(groups: Iterable[object]) -> Synonyms:
    """Stem -> other stems, from groups of single words (anything else is skipped)."""
    result: dict[str, set[str]] = {}
    for group in groups:
        if not isinstance(group, list):
            continue
        stems = {stem(t[0]) for w in group if isinstance(w, str) and len(t := tokens(w)) == 1}
        for one in stems:
            result.setdefault(one, set()).update(stems - {one})
    return {key: tuple(sorted(value)) for key, value in result.items() if value}


@lru_cache(maxsize=1)
def shipped_synonyms() -> Synonyms:
    """The curated list shipped with the data (data/annotations/synonyms.toml), read once."""
    return read_synonyms()


def synonyms_for(store_path: Path) -> Synonyms:
    """A corpus's own list (annotations/synonyms.toml beside its store), else the shipped one."""
    own = store_path.parent / "annotations" / SYNONYMS_FILE
    if own.is_file() and own.resolve() != (data_dir() / "annotations" / SYNONYMS_FILE).resolve():
        return read_synonyms(own)
    return shipped_synonyms()
