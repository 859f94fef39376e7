"""Which of many build messages name an id, each message read once (not once per id).

A message names an id as a whole where `names` says so: not preceded by a word character,
a dot or a hyphen, and not followed by a word character, a hyphen or a dot and a word
character (`entity.a` is not named inside `entity.a-b` nor `entity.a.b`, but is at the end
of a sentence). Asking `names` of every draft against every warning is drafts × warnings
regular expressions (seconds at 100 documents); `NamedIndex` finds, in one pass over the
messages, every id each can name, then answers per id by a lookup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# An id made of these alone is found by the index; any other by its regular expression.
_ID_CHARACTERS = re.compile(r"[\w.-]+")
_WORD = re.compile(r"\w")


def names(message: str, record_id: str) -> bool:
    """Whether the message names the id as a whole (not `entity.a` inside `entity.a-b`)."""
    pattern = rf"(?<![\w.-]){re.escape(record_id)}(?![\w-]|\.\w)"
    return re.search(pattern, message) is not None


class NamedIndex:
    """The messages that name each id, in their order: `names` of each, found at once."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = list(messages)
        self._by_id: dict[str, list[int]] = {}
        for number, message in enumerate(self.messages):
            for run in _ID_CHARACTERS.finditer(message):
                for candidate in _candidates(run.group()):
                    found = self._by_id.setdefault(candidate, [])
                    if not found or found[-1] != number:
                        found.append(number)

    def naming(self, record_id: str) -> list[int]:
        """The numbers of the messages that name the id, in order."""
        if _ID_CHARACTERS.fullmatch(record_id):
            return list(self._by_id.get(record_id, ()))
        return [n for n, message in enumerate(self.messages) if names(message, record_id)]

    def messages_naming(self, record_id: str) -> list[str]:
        """The messages that name the id, in order."""
        return [self.messages[n] for n in self.naming(record_id)]


def _candidates(run: str) -> list[str]:
    """Every id a run of id characters names: itself, and each part of it before a dot that
    is followed by no word character (`a.b.` names `a.b` and `a.b.`)."""
    found = [run]
    at = run.find(".")
    while at >= 0:
        if at > 0 and (at + 1 == len(run) or not _WORD.match(run, at + 1)):
            found.append(run[:at])
        at = run.find(".", at + 1)
    return found
