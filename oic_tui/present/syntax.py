"""The search syntax at a glance: one table for `search --help`, the help screen and the docs.

Each row is (example, meaning); alternatives in an example are two spaces apart. The rows
for a store of several documents and for one holding drafts are apart, so that the explorer
shows them only where they apply. docs/search.md holds the same rows, generated from these
(tests/doc_tables.py), above its full reference.
"""

from __future__ import annotations

SyntaxRow = tuple[str, str]

SEARCH_SYNTAX: tuple[SyntaxRow, ...] = (
    ("aral sea", "every word, in any order; case and accents ignored"),
    ("semip", "prefixes match as you type"),
    ("terorism", "a typo in a word of 5+ letters, if matches are scarce"),
    ("members  founded", "other forms and synonyms (founded: established)"),
    ("OIC  UNSC  CFM", "acronyms and other names of an entity, both ways"),
    ("when was oic founded?", "a question: its question and stop words dropped"),
    ('"food security"', "exact phrase"),
    ('-yemen  -"a b"', "exclude a word or phrase (alone: every other record)"),
    ("yemen | libya", "either; also yemen OR libya (AND: what a space does)"),
    ("syria libya", "no record holds all: those with most, and In the text"),
    ("kind:initiatives", "one kind: event, topic, initiative, fact or entity"),
    ("entity:astana", 'an entity and the records naming it (or entity:"a b")'),
    ("year:2015  year:2010..", "records dated in a year or range (1990..2000, ..1990)"),
)
# For a store of several documents: a single one has nothing to choose.
CORPUS_SYNTAX: tuple[SyntaxRow, ...] = (
    ("doc:dhaka  doc:2018", "a document's records: by its id, year, place or label"),
)
# For a store holding drafts: any other has nothing to review.
DRAFT_SYNTAX: tuple[SyntaxRow, ...] = (
    ("draft:  reviewed:", "only drafts (as oic-tui import writes) / reviewed ones"),
)
# Every row, in the order `search --help` and docs/search.md give them.
ALL_SYNTAX: tuple[SyntaxRow, ...] = (*SEARCH_SYNTAX, *CORPUS_SYNTAX, *DRAFT_SYNTAX)


def syntax_rows(corpus: bool, drafts: bool) -> tuple[SyntaxRow, ...]:
    """The rows that apply to a store: the corpus's with several documents, drafts' with drafts."""
    return (
        *SEARCH_SYNTAX,
        *(CORPUS_SYNTAX if corpus else ()),
        *(DRAFT_SYNTAX if drafts else ()),
    )
