"""Make store text inert: no control sequences, bidi tricks or invisible characters."""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"
_AS_SPACE = "\r\x0b\x0c\x85\u2028\u2029"
# Every character of Unicode categories Cc (C0/C1 controls: ESC starts every terminal
# sequence), Cf (bidi overrides, zero-width and other invisible format characters) and Cs
# (lone surrogates), except newline and tab and the two joiners; plus the line and
# paragraph separators. A test checks this class against unicodedata over every code point.
_CONTROLS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\ud800-\udfff"
)
# Zero-width non-joiner and joiner: they shape Persian and Arabic words and join emoji
# sequences (👩\u200d💻), so one between two visible characters stays; any other (at an
# end, by a space, in a run of invisibles) only hides something and is replaced.
_JOINERS = "\u200c\u200d"
_VISIBLE = f"[^\\s{_CONTROLS}{_JOINERS}]"
_LONE_JOINER = f"(?<!{_VISIBLE})[{_JOINERS}]|[{_JOINERS}](?!{_VISIBLE})"
UNSAFE = re.compile(f"[{_CONTROLS}]|{_LONE_JOINER}")
# The same over raw JSON text, where a joiner by a quote or an escape may end up at the end
# of a string or by a newline once decoded: the fast path leaves those to `clean_text`.
_RAW_VISIBLE = f'[^\\s{_CONTROLS}{_JOINERS}"\\\\]'
_RAW_UNSAFE = re.compile(
    f"[{_CONTROLS}]|(?<!{_RAW_VISIBLE})[{_JOINERS}]|[{_JOINERS}](?!{_RAW_VISIBLE})"
    f"|(?<=\\\\.)[{_JOINERS}]"
)


def _replace(match: re.Match[str]) -> str:
    return " " if match.group() in _AS_SPACE else REPLACEMENT


def clean_text(value: str) -> str:
    """Replace, one for one, every character that could act on a terminal or hide text.

    One-for-one keeps source offsets valid: an ESC becomes a visible U+FFFD and the rest
    of its sequence stays as harmless literal text.
    """
    if UNSAFE.search(value) is None:
        return value
    return UNSAFE.sub(_replace, value)


# The letters after a backslash of the JSON escapes that decode to an unsafe character:
# \b, \f, \r and any \uXXXX (ints for bytes, strings for text).
_UNSAFE_ESCAPES = frozenset(b"bfru") | frozenset("bfru")


def _unsafe_escape(raw_json: str | bytes) -> bool:
    """True when an escape in the JSON text may decode to an unsafe character."""
    # Only backslashes start escapes and stores hold few: jump from one to the next
    # (at 100 MB, 12 ms against 90 ms for each `"\\r" in text`).
    backslash: Any = "\\" if isinstance(raw_json, str) else b"\\"
    find = raw_json.find
    last = len(raw_json) - 1
    at = find(backslash)
    while 0 <= at < last:
        if raw_json[at + 1] in _UNSAFE_ESCAPES:
            return True
        at = find(backslash, at + 2)  # past the escaped character, even a backslash
    return at == last  # a backslash that ends the text: cut off, not for the fast path


def needs_cleaning(raw_json: str) -> bool:
    """False when raw JSON text cannot decode to any unsafe character."""
    if "\x7f" in raw_json or _unsafe_escape(raw_json):
        return True
    # Strict JSON has no raw C0 control characters inside strings; DEL it allows.
    if raw_json.isascii():
        return False
    # Every unsafe match is of a control or a joiner: a text with none of them (most, but
    # found by a search over every character, 100 ms a 3 MB store) has no match.
    return _any_unsafe_character(raw_json) and _RAW_UNSAFE.search(raw_json) is not None


# Plain ASCII: printable, space, newline and tab. What is left of a text without it is
# short (its other characters), and searched for controls and joiners in no time.
_PLAIN = bytes([9, 10, *range(32, 127)])
_ANY_UNSAFE = re.compile(f"[{_CONTROLS}{_JOINERS}]")


def _any_unsafe_character(text: str) -> bool:
    """True when the text holds a control character or a joiner (of any context)."""
    rest = text.encode("utf-8", "surrogatepass").translate(None, _PLAIN)
    return _ANY_UNSAFE.search(rest.decode("utf-8", "surrogatepass")) is not None


def plain_ascii(raw_json: bytes) -> bool:
    """True when raw JSON bytes are ASCII that cannot decode to any unsafe character."""
    return raw_json.isascii() and b"\x7f" not in raw_json and not _unsafe_escape(raw_json)


def clean_tree(value: object) -> object:
    """Clean every string inside nested JSON-like data, keys included."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_tree(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): clean_tree(v) for k, v in value.items()}
    return value


# What lays text out instead of showing it: after `clean_text`, newline and tab (the rest
# are spaces already). On one line each is a space: the break of a title wrapped in its
# source reads as one, and a symbol would claim a structure one line cannot show.
_LAYOUT = str.maketrans(dict.fromkeys("\n\t" + _AS_SPACE, " "))


def flat(text: str) -> str:
    """Text for one line of a row or label: cleaned, every newline and tab a space.

    One for one, as `clean_text` is: offsets into the text (matches, quotes) stay valid.
    """
    text = clean_text(text)
    return text.translate(_LAYOUT) if "\n" in text or "\t" in text else text


# Echoes are bounded: a path, an id or a query is shown, never a megabyte of it.
LINE_LIMIT = 300
ELLIPSIS = "…"


def one_line(text: str, limit: int = LINE_LIMIT) -> str:
    """Text made safe for one line of output: sanitised, newlines shown, at most `limit` long.

    Every output line that echoes a path, an id, a query or store text goes through this:
    a newline (or any control character) becomes a visible U+FFFD, a tab a space, and text
    past `limit` characters is cut with an ellipsis.
    """
    # Cleaning is one for one, so cutting first gives the same text, without cleaning a
    # megabyte to show a line of it.
    cut = len(text) > limit
    flat = clean_text(text[: max(limit - 1, 0)] if cut else text)
    flat = flat.replace("\n", REPLACEMENT).replace("\t", " ")
    return flat + ELLIPSIS if cut else flat


def quoted(text: str, limit: int = 120) -> str:
    """`one_line(text, limit)` in quotes, as `repr` would write it."""
    return repr(one_line(text, limit))
