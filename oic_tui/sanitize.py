"""Make store text inert: no control sequences, bidi tricks or invisible characters."""

from __future__ import annotations

import unicodedata

REPLACEMENT = "\ufffd"
_KEEP = frozenset("\n\t")
_AS_SPACE = frozenset("\r\x0b\x0c\x85\u2028\u2029")
# Cc: C0/C1 controls (ESC starts every terminal sequence). Cf: bidi overrides, zero-width
# and other invisible format characters. Cs: lone surrogates, which break encoding.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})


def _safe_char(char: str) -> str:
    if char in _KEEP:
        return char
    if char in _AS_SPACE:
        return " "
    if unicodedata.category(char) in _UNSAFE_CATEGORIES:
        return REPLACEMENT
    return char


def clean_text(value: str) -> str:
    """Replace, one for one, every character that could act on a terminal or hide text.

    One-for-one keeps source offsets valid: an ESC becomes a visible U+FFFD and the rest
    of its sequence stays as harmless literal text.
    """
    if value.isascii() and value.isprintable():
        return value
    return "".join(_safe_char(char) for char in value)


def clean_tree(value: object) -> object:
    """Clean every string inside nested JSON-like data, keys included."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_tree(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): clean_tree(v) for k, v in value.items()}
    return value
