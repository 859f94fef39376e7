"""What to tell about a query: a filter that names nothing (and what it may have meant),
or an `or` searched as a word. Plain, bounded text: the explorer and the CLI style it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from oic_tui.store.sanitize import one_line

from .docfilter import matching_documents
from .query import YEAR_FORMS, bad_years, filter_values, lowercase_or, parse, unknown_kinds
from .textnorm import tokens

if TYPE_CHECKING:
    from .filters import RecordFilters

# A value is echoed at most this long; at most this many close names are offered.
ECHO = 60
OPTIONS = 3
KIND_HELP = "is not a kind: use event, topic, initiative, fact or entity"
_NO_DOCUMENT = "names no document (a doc: value is an id, a year, a place or words of a label)"


@dataclass(frozen=True, slots=True)
class Note:
    """`subject` (as typed) says something: what is wrong with it, what it may have meant."""

    subject: str
    says: str
    options: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The note as one sentence."""
        meant = f"; did you mean {', '.join(self.options)}?" if self.options else "."
        return f"{self.subject} {self.says}{meant}"


def _filter(name: str, value: str) -> str:
    """A filter as it is typed, quoted when its value has spaces; echoed bounded."""
    value = one_line(value, ECHO)
    return f'{name}:"{value}"' if " " in value else f"{name}:{value}"


def _document_options(filters: RecordFilters, value: str) -> tuple[str, ...]:
    """`doc:` values close to one that names no document, each with what it names."""
    names, close_names = filters.document_names, filters.close_documents
    wanted = tokens(value)
    close = close_names.near(" ".join(wanted), OPTIONS)
    for word in wanted:
        if word not in names:
            close += close_names.near(word, OPTIONS)
    options: list[str] = []
    for key in dict.fromkeys(close):
        shown, ids = names[key]
        label = filters.documents_by_id[next(iter(ids))].short if len(ids) == 1 else ""
        what = f" ({one_line(label, ECHO)})" if label and label != shown else ""
        what = f" ({len(ids):,} documents)" if len(ids) > 1 else what
        options.append(_filter("doc", shown) + what)
    return tuple(options[:OPTIONS])


def _entity_options(filters: RecordFilters, name: str) -> tuple[str, ...]:
    """`entity:` values close to one that names no entity."""
    names, close_names = filters.entity_names, filters.close_entities
    close = close_names.near(name, OPTIONS)
    for word in name.split():
        if word not in names:
            close += close_names.near(word, OPTIONS)
    return tuple(_filter("entity", names[key]) for key in dict.fromkeys(close))[:OPTIONS]


def query_notes(filters: RecordFilters, text: str, whole: bool) -> list[Note]:
    """Notes on a query: filters naming nothing; an `or` in lower case when `whole` is
    False (no record holds every word)."""
    notes = [Note(_filter("kind", value), KIND_HELP) for value in unknown_kinds(text)]
    notes += [
        Note(_filter("year", value), f"is not a year: use {YEAR_FORMS}")
        for value in bad_years(text)
    ]
    for value in filter_values(text, "doc"):
        if not matching_documents(filters.documents, value):
            options = _document_options(filters, value)
            # Without a close value, what a value may be.
            says = "names no document" if options else _NO_DOCUMENT
            notes.append(Note(_filter("doc", value), says, options))
    for value in filter_values(text, "entity"):
        name = " ".join(tokens(value))
        if name and not filters.named_entities(name):
            notes.append(
                Note(_filter("entity", value), "names no entity", _entity_options(filters, name))
            )
    around = None if whole else lowercase_or(text)
    if around is not None:
        before, after = (one_line(word, ECHO) for word in around)
        # A question leaves it out (a stop word); other queries search it (`organisation`).
        how = (
            "is left out of a question" if "or" in parse(text).dropped else "is searched as a word"
        )
        either = f"for either word, type {before} | {after} (or {before} OR {after})"
        notes.append(Note("or", f"{how}; {either}"))
    return notes
