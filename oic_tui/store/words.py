"""Counts in words, for every layer's messages: `1 problem`, `2 problems`, `1,204 records`."""

from __future__ import annotations


def counted(count: int, word: str, plural: str = "") -> str:
    """`count` things, with thousands separators; `plural` for a word not made with `s`."""
    return f"{count:,} {word if count == 1 else plural or word + 's'}"
