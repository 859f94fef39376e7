"""The gazetteer: known states, OIC bodies, office holders and places, each with a source.

Shipped as package data (`gazetteer.toml`), never as records: `oic-tui import` drafts an
entry as an entity of a document only where the document's text names it.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from oic_tui.corpus.annotations import toml_string
from oic_tui.corpus.records import TextIndex
from oic_tui.store.mentions import AliasIndex, Mention
from oic_tui.store.names import capitalised_runs

DATA = "gazetteer.toml"
ALIASES = "\0aliases"


@dataclass(frozen=True, slots=True)
class Term:
    """An office held for a time: its names and the term's bounds (YYYY or a date)."""

    names: tuple[str, ...]
    start: str
    until: str

    def covers(self, day: str) -> bool:
        """Whether a document of this date (any precision) falls within the term."""
        return (not self.start or day[:4] >= self.start[:4]) and (
            not self.until or day[: len(self.until)] <= self.until
        )


@dataclass
class Entry:
    """One known entity: its id, type, names, offices and public source."""

    id: str
    type: str
    title: str
    text: str
    source: str
    names: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    dated: list[str] = field(default_factory=list)
    # Each name in use only for a time -> its scope as an alias ("from = ..., until = ...").
    spans: dict[str, str] = field(default_factory=dict)


def _slug(name: str) -> str:
    plain = name.translate(str.maketrans("üğİıçşéô", "ugiicseo")).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60]


def quote_of(index: TextIndex, start: int, end: int) -> str:
    """A quote of text[start:end] as TOML, with `nth` when the same words occur elsewhere."""
    quote = index.text[start:end]
    starts = index.occurrences(quote)
    if len(starts) == 1:
        return toml_string(quote)
    return f"{{ text = {toml_string(quote)}, nth = {bisect_left(starts, start) + 1} }}"


def _cells(line: str, sep: str = "|") -> list[str]:
    return [cell.strip() for cell in line.split(sep)]


def _entries(data: dict[str, Any]) -> dict[str, Entry]:
    sources: dict[str, str] = data["sources"]
    entries: dict[str, Entry] = {}
    for group in data["entity"]:
        roles = tuple(_cells(group["role"])) if "role" in group else ()
        for line in group["table"].strip().splitlines():
            cells = _cells(line)
            names = _cells(cells[0], ";") if roles else cells
            entry = entries.setdefault(
                "entity." + _slug(names[0]),
                Entry(
                    "entity." + _slug(names[0]),
                    group["type"],
                    names[0],
                    group["text"],
                    sources[group["source"]],
                ),
            )
            entry.names += [n for n in names if n not in entry.names]
            if roles:
                entry.terms.append(Term(roles, cells[1], cells[2]))
                if group["text"] not in entry.text:
                    entry.text += " " + group["text"]
                if sources[group["source"]] not in entry.source:
                    entry.source += "; " + sources[group["source"]]
        for line in group.get("dated", "").strip().splitlines():
            name, start, until = _cells(line)
            for entry in entries.values():
                if name in entry.names:
                    entry.dated.append(f"{name} ({start or '?'}–{until or 'now'})")
                    bounds = [f'{k} = "{v}"' for k, v in (("from", start), ("until", until)) if v]
                    entry.spans.setdefault(name, ", ".join(bounds))
    return entries


@cache
def gazetteer() -> dict[str, Entry]:
    """The shipped gazetteer's entries by id, read from the installed package."""
    text = resources.files(__package__).joinpath(DATA).read_text(encoding="utf-8")
    return _entries(tomllib.loads(text))


@cache
def _index() -> AliasIndex:
    return AliasIndex((e.id, e.names) for e in gazetteer().values())


@dataclass
class Drafted:
    """The gazetteer's entities a text names that the corpus has not: records and links."""

    index: AliasIndex
    # Each drafted entity's lines, its aliases' place among them left as ALIASES.
    records: dict[str, list[str]] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # Each drafted entity's names as the text writes them: its aliases for later texts.
    written: dict[str, list[str]] = field(default_factory=dict)
    # A corpus entity -> names of it the text writes that it lacks (`alias_rows`).
    lacking: dict[str, list[str]] = field(default_factory=dict)

    def alias_rows(self, doc_id: str) -> str:
        """The lacking names as draft `kind = "alias"` rows, scoped to this document."""
        if not self.lacking:
            return ""
        lines = [
            "# Names of the corpus's entities that this text uses and they lack, known from the",
            "# gazetteer (entities.toml says each one's source). Each is scoped to this document:",
            "# widen its scope (from/until, more docs) or remove the row on review.",
            'kind = "alias"',
        ]
        for entity_id, names in self.lacking.items():
            for name in names:
                lines += [
                    "",
                    "[[record]]",
                    f"entity = {toml_string(entity_id)}",
                    f"name = {toml_string(name)}",
                    f"docs = [{toml_string(doc_id)}]",
                ]
        return "\n".join(lines) + "\n"

    def names(self) -> dict[str, str]:
        """Each drafted entity's names -> its id (a short form may abbreviate one)."""
        return {
            name: entity_id for entity_id in self.records for name in gazetteer()[entity_id].names
        }

    def lines(self) -> list[str]:
        """The drafted records as TOML lines."""
        return [
            f"aliases = [{', '.join(self.aliases[entity_id])}]" if line == ALIASES else line
            for entity_id, lines in self.records.items()
            for line in lines
        ]


def _first_mentions(
    text: str, spans: list[tuple[int, int]], runs_of: Any
) -> dict[str, list[Mention]]:
    """Each gazetteer entity the sentences name -> its mentions, in the text's order."""
    found: dict[str, list[Mention]] = {}
    index = _index()
    for start, end in spans:
        sentence = text[start:end]
        named = index.named_among(sentence, index.mentions(sentence), runs_of(sentence))
        for m in sorted(named, key=lambda m: m.start):
            found.setdefault(m.entity_id, []).append(
                Mention(start + m.start, start + m.end, m.entity_id)
            )
    return found


def draft_known(
    doc_id: str,
    text: str,
    date: str,
    corpus: AliasIndex,
    spans: list[tuple[int, int]],
    located: TextIndex,
    runs_of: Any = capitalised_runs,
) -> Drafted:
    """Draft records of the known entities the sentences (`spans`) name; corpus ones win.

    An entry some corpus entity already has (by id or by any name) is not drafted: a name
    of it the corpus lacks is noted for the reviewer instead. Only names the text writes
    become aliases (every alias must occur in a document); a role is offered only where
    the text writes it right before the holder's name, scoped to the term.
    """
    corpus_names = {alias: eid for eid, names in corpus.aliases.items() for alias in names}
    result = Drafted(corpus)
    added: list[tuple[str, list[str]]] = []
    for entity_id, mentions in _first_mentions(text, spans, runs_of).items():
        entry = gazetteer()[entity_id]
        written = list(dict.fromkeys(text[m.start : m.end] for m in mentions))
        owner = next((corpus_names[n] for n in entry.names if n in corpus_names), None)
        if owner or entity_id in corpus.aliases:
            lacking = [n for n in written if n not in corpus_names]
            if lacking:
                # Linked at once through a row of aliases.toml, scoped to this document.
                result.lacking.setdefault(owner or entity_id, []).extend(lacking)
                result.notes.append(
                    f"# {', '.join(map(repr, lacking))}: a name of {owner or entity_id} "
                    f"({entry.source}); aliases.toml adds it for this text."
                )
                result.notes += [
                    f"#   {{ name = {toml_string(n)}, {entry.spans[n]} }}"
                    for n in lacking
                    if entry.spans.get(n)
                ]
            continue
        aliases = [toml_string(n) for n in written]
        terms: list[str] = []
        for term in entry.terms:
            if not term.covers(date):
                continue
            for role in term.names:
                if any(text.startswith(role + " ", m.start - len(role) - 1) for m in mentions):
                    # Scoped to this text, where the holder is named beside it: a term known
                    # by its years overlaps the next holder's in the year they changed.
                    aliases.append(
                        f"{{ name = {toml_string(role)}, docs = [{toml_string(doc_id)}] }}"
                    )
                    until = f" until {term.until}" if term.until else ""
                    terms.append(
                        f"# {role}: held from {term.start}{until}; widen the scope on review."
                    )
        first = mentions[0]
        others = [n for n in entry.names if n not in written]
        result.aliases[entity_id] = aliases
        result.records[entity_id] = [
            "",
            f"# From the gazetteer: {entry.source}.",
            *([f"# Other names: {', '.join(others)}."] if others else []),
            *([f"# Names in use for a time: {', '.join(entry.dated)}."] if entry.dated else []),
            *terms,
            "[[record]]",
            f"id = {toml_string(entity_id)}",
            f"title = {toml_string(entry.title)}",
            f"type = {toml_string(entry.type)}",
            ALIASES,
            f"text = {toml_string(entry.text)}",
            f"quotes = [{quote_of(located, first.start, first.end)}]",
            "draft = true",
        ]
        added.append((entity_id, written))
        result.written[entity_id] = written
    if added or result.lacking:
        known = [
            (entity_id, sorted(names | set(result.lacking.get(entity_id, ()))))
            for entity_id, names in corpus.aliases.items()
        ]
        result.index = AliasIndex([*known, *added])
    return result
