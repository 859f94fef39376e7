"""Parse search syntax: words, "phrases", -exclusions, a | b (a OR b), and field filters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oic_tui.store.models import KINDS

from .textnorm import STOPWORDS, tokens

MAX_QUERY_CHARS = 512
MAX_UNITS = 24
# A filter may quote its value: entity:"UN Security Council".
_PIECE = re.compile(r'-?[A-Za-z]+:"[^"]*"?|-?"[^"]*"?|\||[^\s"|]+')
# 2015, 2010..2015, 2010-2015, and open ranges: 2010.. or ..2015.
_YEAR_RANGE = re.compile(r"(\d{4})?(?:(\.\.|-|–)(\d{4})?)?")
# A query opening with one of these (or ending with "?") reads as a plain question.
QUESTION_OPENERS = frozenset(
    {"who", "whom", "whose", "what", "when", "where", "which", "why", "how"}
    | {"did", "does", "do", "is", "are", "was", "were", "has", "have", "can"}
)
# Dropped from a question: they say how it is asked, not what it is about.
QUESTION_WORDS = (
    STOPWORDS
    | QUESTION_OPENERS
    | {"many", "much", "long", "often", "old", "been", "be", "it", "its", "their", "they"}
    | {"there", "this", "that", "with", "from", "as", "about", "into", "s", "tell", "me"}
    | {"or"}
)
# In capitals, between words: `a OR b` is `a | b`, `a AND b` is `a b`.
OPERATORS = frozenset({"OR", "AND"})
YEAR_FORMS = "year:2015, year:1990..2000, year:2010.. or year:..1990"
KIND_NAMES: dict[str, str] = {
    **{kind: kind for kind in KINDS},
    **{f"{kind}s": kind for kind in KINDS},
    "timeline": "event",
    "facts": "fact",
    "initiatives": "initiative",
    "entities": "entity",
}


@dataclass(frozen=True, slots=True)
class Unit:
    """One thing to match: a word, or a run of tokens that must be adjacent."""

    words: tuple[str, ...]
    phrase: bool = False
    expanded: bool = False  # another name of an entity the user named, not typed

    @property
    def content_words(self) -> tuple[str, ...]:
        """The words that carry meaning (no "of", "the", ...); all words if only those."""
        kept = tuple(w for w in self.words if w not in STOPWORDS)
        return kept or self.words

    @property
    def text(self) -> str:
        """The unit as folded text."""
        return " ".join(self.words)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: every clause must match (a clause is an OR of units)."""

    clauses: tuple[tuple[Unit, ...], ...] = ()
    excluded: tuple[Unit, ...] = ()
    kinds: frozenset[str] = frozenset()
    entities: tuple[str, ...] = ()
    years: tuple[tuple[int, int], ...] = ()
    # `doc:` values: a document's id, or the year or place of its date and dateline.
    docs: tuple[str, ...] = ()
    # `draft:` True (only drafts), `reviewed:` False (only reviewed records), else None.
    drafts: bool | None = None
    raw_terms: tuple[str, ...] = field(default=())
    # A query that reads as a question, and the question and stop words dropped from it.
    question: bool = False
    dropped: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing would be matched, filtered or excluded."""
        filters = (self.kinds, self.entities, self.years, self.docs)
        return not (self.clauses or self.excluded or any(filters)) and self.drafts is None


def _unit(text: str, quoted: bool) -> Unit | None:
    words = tuple(tokens(text))
    if not words:
        return None
    return Unit(words, phrase=quoted or len(words) > 1)


# Values of `draft:` and `reviewed:` that turn them around (`draft:no` is `reviewed:`).
_NO = frozenset({"no", "false", "0"})


def _review(name: str, value: str) -> bool | None:
    """What a `draft:` or `reviewed:` piece asks for (True: drafts), None for other names."""
    if name not in ("draft", "reviewed"):
        return None
    # Its value is optional: `draft:` and `draft:yes` alike.
    return (name == "draft") != (value.strip().lower() in _NO)


def _filter(
    piece: str,
    kinds: set[str],
    entities: list[str],
    years: list[tuple[int, int]],
    docs: list[str],
) -> bool:
    name, _, value = piece.partition(":")
    name, value = name.lower(), value.strip('"')
    if not value:
        return False
    if name == "doc" and value.strip():
        docs.append(" ".join(value.split()).casefold())
        return True
    if name == "kind" and value.lower() in KIND_NAMES:
        kinds.add(KIND_NAMES[value.lower()])
        return True
    if name == "entity" and tokens(value):
        entities.append(" ".join(tokens(value)))
        return True
    if name == "year" and (span := _year_range(value)):
        years.append(span)
        return True
    return False


def filter_values(text: str, name: str) -> list[str]:
    """The values given to a filter (`doc`, `kind`...) in a query, as typed, unquoted."""
    return [
        value.strip('"')
        for key, _, value in (
            piece.partition(":") for piece in _PIECE.findall(text[:MAX_QUERY_CHARS])
        )
        if key.lower() == name and value.strip('"').strip()
    ]


def unknown_kinds(text: str) -> list[str]:
    """Values of `kind:` in a query that name no kind (searched as plain words instead)."""
    return [value for value in filter_values(text, "kind") if value.lower() not in KIND_NAMES]


def bad_years(text: str) -> list[str]:
    """Values of `year:` in a query that are no year or range (searched as words instead)."""
    return [value for value in filter_values(text, "year") if not _year_range(value)]


def _year_range(value: str) -> tuple[int, int] | None:
    """The years a `year:` value spans: 2015, 2010..2015, 2010-2015, 2010.. or ..2015."""
    match = _YEAR_RANGE.fullmatch(value)
    if match is None:
        return None
    first, dots, last = match.groups()
    if not (first or last):
        return None
    low = int(first) if first else 1
    high = int(last) if last else (9999 if dots else low)
    return min(low, high), max(low, high)


def lowercase_or(text: str) -> tuple[str, str] | None:
    """The words around an `or` typed in lower case between two words (searched as a word,
    where `|` or `OR` was perhaps meant), if any."""
    pieces = _PIECE.findall(text[:MAX_QUERY_CHARS])
    for before, word, after in zip(pieces, pieces[1:], pieces[2:], strict=False):
        if word == "or" and not {before, after} & {"|", *OPERATORS}:
            return before, after
    return None


def parse(text: str) -> Query:
    """Parse a query; anything that is not valid syntax is searched as plain words."""
    text = text[:MAX_QUERY_CHARS]
    clauses: list[list[Unit]] = []
    excluded: list[Unit] = []
    kinds: set[str] = set()
    entities: list[str] = []
    years: list[tuple[int, int]] = []
    docs: list[str] = []
    drafts: bool | None = None
    join_next = False
    pieces = _PIECE.findall(text)
    for piece in pieces:
        if piece == "|" or (piece in OPERATORS and len(pieces) > 1):
            # `AND` is what words do anyway; `OR` (or `|`) joins the next unit to the last.
            join_next = piece != "AND" and bool(clauses)
            continue
        negated = piece.startswith("-") and len(piece) > 1
        body = piece[1:] if negated else piece
        quoted = body.startswith('"')
        name, colon, value = body.partition(":")
        review = _review(name.lower(), value.strip('"')) if colon and not negated else None
        if review is not None:
            # The last one counts: `draft: reviewed:` asks for reviewed records.
            drafts, join_next = review, False
            continue
        if not quoted and not negated and _filter(body, kinds, entities, years, docs):
            join_next = False
            continue
        unit = _unit(body.strip('"'), quoted)
        if unit is None:
            continue
        if negated:
            excluded.append(unit)
        elif join_next:
            clauses[-1].append(unit)
        else:
            clauses.append([unit])
        join_next = False
        if len(clauses) + len(excluded) >= MAX_UNITS:
            break
    dropped: list[str] = []
    question = _reads_as_question(text, clauses)
    if question:
        kept = [c for c in clauses if not _question_word(c)]
        if kept:
            dropped = [c[0].words[0] for c in clauses if _question_word(c)]
            clauses = kept
    raw = tuple(word for clause in clauses for unit in clause for word in unit.words)
    return Query(
        clauses=tuple(tuple(c) for c in clauses),
        excluded=tuple(excluded),
        kinds=frozenset(kinds),
        entities=tuple(entities),
        years=tuple(years),
        docs=tuple(docs),
        drafts=drafts,
        raw_terms=raw,
        question=question,
        dropped=tuple(dropped),
    )


def _question_word(clause: list[Unit]) -> bool:
    return len(clause) == 1 and not clause[0].phrase and clause[0].words[0] in QUESTION_WORDS


def _reads_as_question(text: str, clauses: list[list[Unit]]) -> bool:
    """Three words or more opening with `who`, `when`, `how`... or any ending with `?`."""
    if text.rstrip().endswith("?"):
        return True
    first = clauses[0] if clauses else []
    return len(clauses) >= 3 and _question_word(first) and first[0].words[0] in QUESTION_OPENERS
