"""Case- and accent-folding that keeps offsets, and word tokens for search."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TOKEN = re.compile(r"[^\W_]+")
STOPWORDS = frozenset({"of", "the", "for", "and", "in", "on", "a", "an", "to", "at", "by"})


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)) or char
    folded = base.casefold()
    return folded if len(folded) == 1 else char.lower()[:1] or char


def fold(text: str) -> str:
    """Lower-case and strip accents, one character for one, so offsets still line up."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(char) for char in text)


def tokens(text: str) -> list[str]:
    """Folded word tokens: `2017-2018` gives `2017`, `2018`; `1.5` gives `1`, `5`."""
    return TOKEN.findall(fold(text))


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) for every token, offsets into the original text."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(fold(text))]


def acronym(phrase: str) -> str:
    """Initials of a name: `UN Security Council` gives `unsc`."""
    letters = []
    for word in phrase.split():
        word = word.strip("()\"'.,")
        if not word or word.lower() in STOPWORDS:
            continue
        letters.append(word if word.isupper() and len(word) <= 4 else word[0])
    return fold("".join(letters)) if len(letters) >= 2 else ""
