"""Case- and accent-folding that keeps offsets, and word tokens for search."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

TOKEN = re.compile(r"[^\W_]+")
STOPWORDS = frozenset({"of", "the", "for", "and", "in", "on", "a", "an", "to", "at", "by"})


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)) or char
    folded = base.casefold()
    if len(folded) == 1:
        return folded
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


class _FoldTable(dict[int, str]):
    """str.translate table that folds each character the first time it is seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case and strip accents, one character for one, so offsets still line up."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


# For ASCII text, splitting on every non-alphanumeric character gives the same tokens as
# TOKEN, about three times faster (index building tokenises every record).
_ASCII_BREAKS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def tokens(text: str) -> list[str]:
    """Folded word tokens: `2017-2018` gives `2017`, `2018`; `1.5` gives `1`, `5`."""
    if text.isascii():
        return text.lower().translate(_ASCII_BREAKS).split()
    return TOKEN.findall(_COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold())))


# Between two pieces of a record in the index's token stream (see `index_tokens`): no
# query token can be it, so no phrase matches across it. Store text never holds NUL
# (the reader turns every control character into U+FFFD).
BREAK = "\x00"
PIECE_GAP = f" {BREAK} "
_INDEX_BREAKS = {code: value for code, value in _ASCII_BREAKS.items() if code != ord(BREAK)}


def index_tokens(text: str) -> list[str]:
    """`tokens` of pieces joined by PIECE_GAP, with BREAK between pieces and for each line
    break inside one: the index's stream, where adjacent tokens are a phrase."""
    if "\n" in text:
        text = text.replace("\n", PIECE_GAP)
    if text.isascii():
        return text.lower().translate(_INDEX_BREAKS).split()
    found: list[str] = []
    for number, part in enumerate(text.split(BREAK)):
        if number:
            found.append(BREAK)
        found += tokens(part)
    return found


_LINE_BREAKS = {**_ASCII_BREAKS, ord("\n"): "\n"}


def token_lines(pieces: Iterable[str]) -> str:
    """Each piece's tokens, space-padded, one piece per line: `f" {phrase} " in` it is a
    phrase test that never spans two pieces (or a line break inside one)."""
    text = "\n".join(pieces)
    if text.isascii():
        lines = text.lower().translate(_LINE_BREAKS).split("\n")
        return " " + " \n ".join(" ".join(line.split()) for line in lines) + " "
    return " " + " \n ".join(" ".join(tokens(line)) for line in text.split("\n")) + " "


# Rows and snippets of results tokenise the same titles and texts at every keystroke.
@lru_cache(maxsize=4096)
def token_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, token) for every token, offsets into the original text."""
    return tuple((m.start(), m.end(), m.group()) for m in TOKEN.finditer(fold(text)))


def acronym(phrase: str) -> str:
    """Initials of a name: `UN Security Council` gives `unsc`."""
    letters = []
    for word in phrase.split():
        word = word.strip("()\"'.,")
        if not word or word.lower() in STOPWORDS:
            continue
        letters.append(word if word.isupper() and len(word) <= 4 else word[0])
    return fold("".join(letters)) if len(letters) >= 2 else ""
