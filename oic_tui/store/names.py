"""Capitalised runs of words, and the head nouns that make a run its first name's organ.

The naming rule (`mentions`) reads a longer name as a run of capitalised words joined by
single spaces; a run that is an alias plus one of `HEAD_NOUNS` still names that alias's
entity ("IOFS Member States"). Both are found in place, linear in the text.
"""

from __future__ import annotations

import re

# A capitalised word: `Member`, `IOFS`, `EXPO-2017`, `A.Musinov`, `Mr.`, `H.E.`.
_CAPITALISED = re.compile(r"(?<![\w.'’-])[^\W\d_][\w.'’-]*")
_ARTICLES = ("The ", "A ", "An ")
# Generic words that, after an alias at the start of a capitalised run, make the run that
# entity's members, organ, officer, meeting or seat (see the module doc). Each is compared
# as a whole word run on its own, so their order does not matter.
HEAD_NOUNS = (
    "Member States",
    "Member State",
    "Member Countries",
    "Members",
    "Director General",
    "Director-General",
    "Deputy Director General",
    "Executive Director",
    "Secretary General",
    "Secretary-General",
    "Deputy Secretary General",
    "Assistant Secretary General",
    "General Secretariat",
    "Secretariat",
    "General Assembly",
    "Council",
    "Summit",
    "Delegation",
    "Charter",
    "Headquarters",
    "Chairmanship",
    "Chairman",
    "Presidency",
    "President",
    "Government",
    "Foreign Minister",
    "Foreign Ministry",
    "Ministry",
    "Minister",
    "Ministers",
    "Ambassador",
    "Permanent Representative",
    "Permanent Mission",
    "Mission",
    "Spokesman",
    "Spokesperson",
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


HONORIFICS = _words(
    "Mr. Mr Mrs. Mrs Ms. Ms Dr. Dr H.E. HE Prof. Sheikh Sir Madam His Her Excellency"
)
# Words of an office before a name ("Deputy Foreign Minister", "Secretary of State").
TITLE_WORDS = _words(
    """President Vice Prime Minister Deputy Foreign Secretary Secretary-General General
    Director Director-General Ambassador Chairman Chairwoman Chairperson Head Permanent
    Representative Special Envoy Spokesman Spokesperson Spokeswoman Assistant Executive
    Acting Senior Adviser Advisor Governor Mayor Commissioner Speaker Chief State King Emir
    Crown Prince Affairs Ministers Presidents Ambassadors Representatives Secretaries
    Directors Envoys Chairmen Governors Heads"""
)


def only_titles(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is office words and honorifics alone, each followed by a
    space ("Foreign Minister "; not "Mr.Nazarbayev", nor "General OIC-" before an "OIC")."""
    before = text[start:end]
    words = before.split(" ")[:-1]
    return (
        before.endswith(" ")
        and bool(words)
        and all(w in TITLE_WORDS or w in HONORIFICS for w in words)
    )


# Each head noun with the space that joins it to the alias before it in a run.
_HEADS = tuple(" " + noun for noun in HEAD_NOUNS)


def head_follows(text: str, at: int, run_end: int) -> bool:
    """Whether a head noun follows `at` as whole words, within a run ending at `run_end`.

    Compared in place, never sliced: a run of thousands of words costs each mention in it
    only the few head nouns.
    """
    for head in _HEADS:
        after = at + len(head)
        # Words of a run are joined by single spaces: a head noun ends the run or a word.
        if (
            after <= run_end
            and text.startswith(head, at)
            and (after == run_end or text[after] == " ")
        ):
            return True
    return False


def capitalised_runs(text: str) -> list[tuple[int, int]]:
    """Runs of capitalised words joined by single spaces (a leading article left out)."""
    runs: list[tuple[int, int]] = []
    start = end = -1
    for word in _CAPITALISED.finditer(text):
        token = _trimmed(word.group())
        if not token[:1].isupper():
            if start >= 0:
                runs.append(_without_article(text, start, end))
            start = -1
            continue
        token_start, token_end = word.start(), word.start() + len(token)
        if start >= 0 and text[end:token_start] == " ":
            end = token_end
            continue
        if start >= 0:
            runs.append(_without_article(text, start, end))
        start, end = token_start, token_end
    if start >= 0:
        runs.append(_without_article(text, start, end))
    return runs


def _trimmed(token: str) -> str:
    """A word without trailing punctuation, but keeping the dot of `Mr.`, `A.` or `H.E.`."""
    if token[-1].isalnum() and token[-2:-1] not in ("'", "’"):
        # Most words end in a letter or digit, not after an apostrophe: nothing to trim.
        return token
    token = token.rstrip("'’-")
    if token.endswith(("'s", "’s")):
        token = token[:-2]
    core = token.rstrip(".")
    return token if token != core and len(core.replace(".", "")) <= 2 else core


def _without_article(text: str, start: int, end: int) -> tuple[int, int]:
    for article in _ARTICLES:
        if text.startswith(article, start) and start + len(article) < end:
            return start + len(article), end
    return start, end
