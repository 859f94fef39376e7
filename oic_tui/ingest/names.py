"""New names in an imported text: runs cleaned of openers, titles and prefixes; stubs.

A capitalised run is read as a name only once a sentence's opening word ("Recently",
"And"), honorifics ("Mr.", "H.E."), office words ("Foreign Minister") and a known name
before a person's name ("Kazakhstan Erlan Idrissov") are taken off its front.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from oic_tui.corpus.annotations import toml_string
from oic_tui.corpus.fidelity import GENERIC_NOUNS, role_word
from oic_tui.corpus.records import TextIndex
from oic_tui.store.names import HONORIFICS, TITLE_WORDS, capitalised_runs


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Common words that open an English sentence capitalised: never the first word of a name.
OPENERS = _set(
    """a an the and but or so also however meanwhile recently earlier later moreover
    furthermore in on at by for from to with after before during since then today yesterday
    tomorrow this that these those it he she we they i our his her their its there here
    according as when while although besides additionally finally first next now speaking
    addressing following among within under over thus therefore nevertheless notably
    particularly last yet still previously currently overall upon through despite between
    amid of such both each all many several some other another most only even if once where
    what who how why which whether not no nor indeed instead likewise similarly accordingly
    consequently hence subsequently eventually initially welcoming noting recalling
    stressing emphasizing emphasising underlining"""
)
# The last word of a meeting's name ("Islamic Summit"): an event, never an entity stub.
EVENT_HEADS = _set(
    """Summit Summits Conference Conferences Session Sessions Assembly Meeting Meetings Forum
    Congress Symposium Seminar Workshop Games Expo Week"""
)
# The word of an institution's name before "for", "of", "on", "and" that continues it
# ("Research Institute for Biological Safety Problems", "OIC Contact Group on Palestine").
INSTITUTION_HEADS = _set(
    """Institute Institution Organization Organisation Centre Center Council Group Committee
    Bank Fund University Academy Agency Commission Association Federation Foundation Union
    Chamber Office Authority Board Programme Program Network Society"""
)
_CONNECTOR = re.compile(r" (?:for|of|on|and|for the|of the|on the) ")
MONTHS = _set(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday"""
)
# A word of a person's name: `Erlan`, `Kassym-Jomart`, `Al-Othaimeen`, `E.`, `A.Musinov`.
_PERSON_WORD = re.compile(r"(?:[A-Z]\.\s?)*[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*|[A-Z]\.")
_WORDS = re.compile(r"\S+")
# A one-word place: after one of these words ("in Tashkent", "to Baku", "from Dhaka").
_PLACE_BEFORE = re.compile(r"\b(?:in|to|from)\s+$")


def _person_like(words: list[str]) -> bool:
    return bool(words) and all(
        _PERSON_WORD.fullmatch(w) and w not in TITLE_WORDS and w.lower() not in GENERIC_NOUNS
        for w in words
    )


@dataclass
class Runs:
    """A text's cleaned runs, and the office each lost from its front (if any)."""

    known: set[str] = field(default_factory=set)
    roles: dict[str, str] = field(default_factory=dict)
    titled: set[str] = field(default_factory=set)
    # The gazetteer and the drafts each read every sentence's runs: worked out once.
    _seen: dict[str, list[tuple[int, int]]] = field(default_factory=dict, repr=False)

    def __call__(self, sentence: str) -> list[tuple[int, int]]:
        """The sentence's capitalised runs, each cleaned (see the module doc)."""
        if (seen := self._seen.get(sentence)) is not None:
            return seen
        cleaned = self._seen[sentence] = []
        lead = len(sentence) - len(sentence.lstrip(" \"'“‘("))
        for start, end in joined_runs(sentence, capitalised_runs(sentence)):
            words = [(m.start() + start, m.group()) for m in _WORDS.finditer(sentence[start:end])]
            # A sentence's first word is an opener, not a name, when it is a common word.
            if start == lead and words and words[0][1].lower() in OPENERS:
                words = words[1:]
            words, role = self._untitled(words)
            if words:
                cleaned.append((words[0][0], end))
                name = sentence[words[0][0] : end]
                if role:
                    self.titled.add(name)
                    if role_word(role):
                        self.roles.setdefault(name, role)
        return cleaned

    def _untitled(self, words: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], str]:
        """The words less honorifics, office words and a known name before a person's name."""
        role: list[str] = []
        if all(w in HONORIFICS or w in TITLE_WORDS for _, w in words):
            return [], " ".join(w for _, w in words if w not in HONORIFICS)
        for cut in range(len(words)):
            word = words[cut][1]
            rest = [w for _, w in words[cut:]]
            # A known name before a person's name is a prefix ("Kazakhstan Erlan Idrissov"),
            # and so before an office and a name ("OIC Secretary General Iyad Madani").
            for size in range(1, min(5, len(rest))):
                if " ".join(rest[:size]) not in self.known:
                    continue
                office = size
                while office < len(rest) - 1 and rest[office] in TITLE_WORDS:
                    office += 1
                if _person_like(rest[office:]):
                    person, more = self._untitled(words[cut + office :])
                    return person, " ".join([*role, *rest[size:office]]) or more
            if word in HONORIFICS or (word in TITLE_WORDS and cut + 1 < len(words)):
                if word not in HONORIFICS:
                    role.append(word)
                continue
            if cut and _person_like(rest):
                return words[cut:], " ".join(role)
            return words, ""
        # Only honorifics and office words ("State Secretary"): no name at all.
        return [], " ".join(role)


def joined_runs(sentence: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs joined across "for", "of", "on", "and" after an institution's head word."""
    joined: list[tuple[int, int]] = []
    chained = False
    for start, end in runs:
        if joined:
            last_start, last_end = joined[-1]
            gap = _CONNECTOR.fullmatch(sentence, last_end, start)
            head = sentence[last_start:last_end].rsplit(" ", 1)[-1]
            words = sentence[start:end].split()
            office = all(w in TITLE_WORDS for w in words)  # "Council of Foreign Ministers"
            more = head in INSTITUTION_HEADS or (chained and "and" in gap[0] if gap else False)
            if gap and not office and more:
                joined[-1] = (last_start, end)
                chained = True
                continue
        joined.append((start, end))
        chained = False
    return joined


def stub_worthy(name: str) -> bool:
    """Whether a new name may be an entity: not a meeting ("Islamic Summit") nor an office."""
    last = name.split()[-1]
    return last not in EVENT_HEADS and not (len(name.split()) > 1 and last in TITLE_WORDS)


def one_word_places(
    sentence: str, runs: list[tuple[int, int]], known: Collection[str]
) -> list[str]:
    """One-word runs after "in", "to" or "from": places the gazetteer does not know yet."""
    return [
        word
        for start, end in runs
        if " " not in (word := sentence[start:end])
        and _PLACE_BEFORE.search(sentence[:start])
        and _PERSON_WORD.fullmatch(word)
        and word not in MONTHS
        and word.lower() not in GENERIC_NOUNS
        and word not in known
    ]


def surname_forms(names: list[str], known: Collection[str] = ()) -> dict[str, str]:
    """Short forms ("E. Idrissov", "Idrissov") -> the full name (new or known) they shorten."""
    full = [n for n in [*names, *known] if "." not in n and len(n.split()) >= 2]
    merged: dict[str, str] = {}
    for name in names:
        if name in full:
            continue
        parts = re.findall(r"[A-Z]\.|[^\s.]+", name)
        initials, surname = [p[0] for p in parts[:-1]], parts[-1]
        for other in full:
            given = other.split()
            if given[-1] == surname and all(
                i == g[0] for i, g in zip(initials, given[:-1], strict=False)
            ):
                merged[name] = other
                break
    return merged


def extra_names(
    sentence: str, runs: list[tuple[int, int]], cleaned: Runs, named: Collection[str]
) -> list[str]:
    """One-word names a title marks ("President Tokayev") and one-word places."""
    titled = [n for s, e in runs if " " not in (n := sentence[s:e]) and n in cleaned.titled]
    found = titled + one_word_places(sentence, runs, cleaned.known)
    return [n for n in found if n not in named and n != "I"]


def entity_stubs(
    doc_id: str, located: TextIndex, names: list[str], runs: Runs, merged: dict[str, str]
) -> list[str]:
    """New names as commented-out entities, short forms (`merged`) in the full name's."""
    from .drafts import slug

    lines: list[str] = []
    for name in names:
        if name in merged or name in runs.known or not stub_worthy(name):
            continue  # merged, known (the gazetteer's), or a meeting or an office
        if surname_forms([name], runs.known):
            continue  # a short form of a known name ("President Nazarbayev")
        forms = [name, *(short for short, full in merged.items() if full == name)]
        aliases = [toml_string(f) for f in forms]
        roles = dict.fromkeys(runs.roles[f] for f in forms if f in runs.roles)
        # A role names its holder only where scoped: here, in this document.
        aliases += [f'{{ name = {toml_string(r)}, docs = ["{doc_id}"] }}' for r in roles]
        person = any(f in runs.titled or "." in f for f in forms)
        once = len(located.occurrences(name)) == 1
        quote = toml_string(name) if once else f"{{ text = {toml_string(name)}, nth = 1 }}"
        lines += [
            "",
            "# [[record]]",
            f"# id = {toml_string('entity.' + (slug(name, 60) or 'name'))}",
            f"# title = {toml_string(name)}",
            f"# type = {toml_string('person' if person else '')}",
            f"# aliases = [{', '.join(aliases)}]",
            f"# text = {toml_string(f'Named in {doc_id}.')}",
            f"# quotes = [{quote}]",
        ]
    return lines
