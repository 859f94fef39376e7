"""Hypothesis properties: no text makes parsing, folding or search raise, misbehave or take
long."""

from __future__ import annotations

import re
import time

from helpers import ARTICLE
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from oic_tui.search.aliases import alias_groups
from oic_tui.search.engine import Hit
from oic_tui.search.postings import record_pieces
from oic_tui.search.query import MAX_UNITS, parse
from oic_tui.search.service import search
from oic_tui.search.textnorm import fold, tokens
from oic_tui.store.models import KINDS
from oic_tui.store.reader import Store

BUDGET_SECONDS = 0.5
SETTINGS = settings(max_examples=200, deadline=None)

# Real words of the article (as written: case, hyphens, digits and punctuation kept), and
# its search tokens in order.
ARTICLE_TEXT = ARTICLE.read_text(encoding="utf-8")
ARTICLE_WORDS = sorted(set(re.findall(r"\S+", ARTICLE_TEXT)))
ARTICLE_TOKENS = tokens(ARTICLE_TEXT)
ARTICLE_VOCABULARY = sorted(set(ARTICLE_TOKENS))
NAMES = ["OIC", "CFM", "UNSC", "IOFS", "Musinov", "Semipalatinsk", "Organization of", "1.5"]
# Words as people type them: lower case, prefixes, typos.
TYPED = ["aral", "OIC", "nuclear", "2017-2018", "1.5", "Musinov", "semip", "terorism", "Astana"]
SYNTAX = [
    '"',
    "-",
    "|",
    ":",
    "..",
    '-"',
    "kind:",
    "year:",
    "entity:",
    "kind:initiative",
    "year:1990..2000",
    "year:2015",
    "entity:astana",
    "(",
    ")",
    "[",
    "]",
    "*",
    "+",
    "?",
    "\\",
    "^",
    "$",
    "{2,}",
    ".*",
    "(?P<x>",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\u200b",
    "\t",
    "\n",
    " ",
]
METACHARS = "\"|-:. ()[]{}*+?\\^$~!@#%&=<>,;/'`\t\n\r\x00\x07\x1b\x7f\u00a0\u2028\u202e\ufeff"

queries = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=METACHARS + "ab1É", max_size=300),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Po"])),
    st.lists(st.sampled_from(ARTICLE_WORDS + NAMES + SYNTAX), max_size=40).map("".join),
    st.lists(st.sampled_from(ARTICLE_WORDS + NAMES + SYNTAX), max_size=40).map(" ".join),
    st.lists(st.sampled_from([*TYPED, *SYNTAX]), max_size=40).map("".join),
    st.lists(st.sampled_from(TYPED), max_size=8).map(" ".join),
    st.lists(
        st.tuples(
            st.sampled_from(["", "-", '"', '-"', "|", "kind:", "year:", "entity:"]),
            st.sampled_from(ARTICLE_WORDS),
        ),
        max_size=30,
    ).map(lambda parts: " ".join(prefix + word for prefix, word in parts)),
    st.text(min_size=1000, max_size=5000),
    st.text(alphabet='ab"|-: .', min_size=1000, max_size=5000),
    st.text(alphabet='ab"|-: .semip', min_size=2000, max_size=5000),
    st.lists(st.sampled_from(ARTICLE_WORDS), min_size=300, max_size=800).map(" ".join),
)


def timed_search(store: Store, query: str, **kwargs: object) -> list[Hit]:
    started = time.perf_counter()
    hits = search(store, query, **kwargs)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    assert elapsed < BUDGET_SECONDS, f"{elapsed:.3f} s for {query[:80]!r}"
    return hits


def check_hits(store: Store, hits: list[Hit]) -> None:
    assert isinstance(hits, list)
    for hit in hits:
        assert isinstance(hit, Hit)
        assert store.get(hit.record.id) is hit.record
        assert hit.score > 0
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert len({hit.record.id for hit in hits}) == len(hits)


@SETTINGS
@given(query=queries)
def test_search_never_raises_is_sorted_and_prompt(shipped_store: Store, query: str) -> None:
    hits = timed_search(shipped_store, query)
    check_hits(shipped_store, hits)
    again = timed_search(shipped_store, query)
    assert [(h.record.id, h.score) for h in again] == [(h.record.id, h.score) for h in hits]
    assert timed_search(shipped_store, query, limit=500) == hits[:500]


@SETTINGS
@given(query=queries, kind=st.sampled_from(KINDS), limit=st.integers(1, 30))
def test_kind_and_limit_narrow_the_full_ranking(
    shipped_store: Store, query: str, kind: str, limit: int
) -> None:
    # A kind: filter in the query is OR-ed with the kind parameter (a known bug, see
    # test_engine.py::test_kind_parameter_narrows_a_kind_filter); leave those out here.
    assume("kind:" not in query.casefold())
    full = timed_search(shipped_store, query)
    limited = timed_search(shipped_store, query, limit=limit)
    check_hits(shipped_store, limited)
    assert limited == full[:limit]
    of_kind = timed_search(shipped_store, query, kind=kind)
    check_hits(shipped_store, of_kind)
    assert all(hit.record.kind == kind for hit in of_kind)


def field_texts(hit: Hit) -> list[str]:
    """Each searchable piece of a hit (a title, an alias, a quote) as padded tokens."""
    pieces = record_pieces(hit.record).values()
    return [f" {' '.join(tokens(text))} " for group in pieces for text in group]


@SETTINGS
@given(
    words=st.lists(st.sampled_from(ARTICLE_WORDS), min_size=1, max_size=3),
    excluded=st.sampled_from(ARTICLE_VOCABULARY),
)
def test_excluded_word_never_appears_in_a_hit(
    shipped_store: Store, words: list[str], excluded: str
) -> None:
    for hit in timed_search(shipped_store, f"{' '.join(words)} -{excluded}"):
        assert all(f" {excluded} " not in text for text in field_texts(hit)), hit.record.id


@SETTINGS
@given(
    words=st.lists(st.sampled_from(ARTICLE_WORDS), min_size=1, max_size=3),
    start=st.integers(0, len(ARTICLE_TOKENS) - 3),
    size=st.integers(2, 3),
)
def test_excluded_phrase_never_appears_in_a_hit(
    shipped_store: Store, words: list[str], start: int, size: int
) -> None:
    phrase = " ".join(ARTICLE_TOKENS[start : start + size])
    for hit in timed_search(shipped_store, f'{" ".join(words)} -"{phrase}"'):
        assert all(f" {phrase} " not in text for text in field_texts(hit)), hit.record.id


@SETTINGS
@given(start=st.integers(0, len(ARTICLE_TOKENS) - 4), size=st.integers(2, 4))
def test_phrase_hits_hold_the_phrase_or_another_name(
    shipped_store: Store, start: int, size: int
) -> None:
    words = tuple(ARTICLE_TOKENS[start : start + size])
    # A phrase that names an entity also finds its other names (by design).
    names = alias_groups(shipped_store.by_kind("entity")).get(words, ())
    allowed = {" ".join(words), *(" ".join(name) for name in names)}
    hits = timed_search(shipped_store, f'"{" ".join(words)}"')
    check_hits(shipped_store, hits)
    for hit in hits:
        texts = field_texts(hit)
        assert any(f" {name} " in text for name in allowed for text in texts), hit.record.id


@SETTINGS
@given(query=queries)
def test_parse_never_raises_and_units_have_words(query: str) -> None:
    parsed = parse(query)
    for clause in parsed.clauses:
        assert clause
        for unit in clause:
            assert unit.words and all(unit.words)
    for unit in parsed.excluded:
        assert unit.words and all(unit.words)
    assert len(parsed.clauses) + len(parsed.excluded) <= MAX_UNITS
    assert parsed.kinds <= set(KINDS)
    assert all(low <= high for low, high in parsed.years)


@SETTINGS
@given(text=st.one_of(st.text(), st.text(min_size=1000, max_size=5000)))
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


@SETTINGS
@given(text=st.one_of(st.text(), st.text(alphabet=METACHARS + "aÉß1", max_size=500)))
def test_tokens_are_never_empty(text: str) -> None:
    found = tokens(text)
    assert all(isinstance(token, str) and token for token in found)
    assert all(not any(c.isspace() for c in token) for token in found)
