"""Esc followed at once by another key: read as Esc, then that key, never as one Alt+key.

A terminal sends Esc as the byte ESC, and Alt+key as ESC then the key. Typed fast (or sent
in one read, as tmux does), `Esc 4` is the bytes ESC "4", which Textual's parser reads as
"¢" (macOS's Option+4), and `Esc /` as "/" alone: the Esc is lost. The explorer binds no
Alt key, so such a pair is always an Esc and a key. Two places split it: the parser (bytes
Textual would misread or drop), and the app (Alt+letter, which Textual reports as one key).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from textual import events
from textual._xterm_parser import XTermParser
from textual.keys import _character_to_key

ESC = "\x1b"
# After ESC (matched alone, the key left to parse): a digit, Enter, Tab, Backspace,
# punctuation the explorer binds, or another ESC (else `Esc Esc 2` leaves ESC 2, read as
# "™"). `]` opens a terminal's OSC reply too (ESC ] digits ;): a key when no digit follows.
_SPLIT = re.compile(r"\x1b(?=[0-9\r\t\x7f/?>\x1b]|\](?![0-9]))")


class EscapeSplittingParser(XTermParser):
    """Textual's parser, reading Esc then a key where it would read one other key."""

    def feed(self, data: str) -> Iterable[Any]:
        """Parse input; each ESC that a split key follows is an Esc key of its own."""
        if ESC not in data:
            return super().feed(data)
        return self._split_feed(data)

    def _split_feed(self, data: str) -> Iterable[Any]:
        start = 0
        for match in _SPLIT.finditer(data):
            # Empty input is the parser's end of file: only text is ever fed.
            if match.start() > start:
                yield from super().feed(data[start : match.start()])
            yield events.Key("escape", ESC)
            start = match.end()
        if start < len(data):
            yield from super().feed(data[start:])


def install() -> None:
    """Make the terminal driver read keys with `EscapeSplittingParser` (idempotent)."""
    # Textual's driver makes its parser from its module's name for the class: no hook is
    # offered, so that name is what is replaced, for this process only.
    from textual.drivers import linux_driver

    linux_driver.XTermParser = EscapeSplittingParser  # type: ignore[attr-defined,misc]


def split_alt(event: events.Key) -> list[events.Key]:
    """An Alt+key as Esc then the key (other keys as they are)."""
    if not event.key.startswith("alt+"):
        return [event]
    character = event.character
    if character and len(character) == 1 and character.isprintable():
        key = _character_to_key(character)
    else:
        key = event.key.removeprefix("alt+")
    return [events.Key("escape", ESC), events.Key(key, character)]
