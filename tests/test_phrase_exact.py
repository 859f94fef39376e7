"""Phrase search is exact at any size: every record holding the phrase, and no other,
however many hold its words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import make_store, record
from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.search.engine import SearchEngine
from oic_tui.search.postings import record_pieces
from oic_tui.search.service import search
from oic_tui.search.textnorm import token_lines
from oic_tui.store.models import Record, SourceSpan
from oic_tui.store.reader import Store

# More records than the old cap on phrase checks (4,000), so a cut-off would show.
MANY = 4500


def holds(record: Record, words: tuple[str, ...]) -> bool:
    """The phrase test by brute force: the words in a row within one piece."""
    pieces = [piece for group in record_pieces(record).values() for piece in group]
    return f" {' '.join(words)} " in token_lines(pieces)


def truth(records: tuple[Record, ...], words: tuple[str, ...]) -> set[str]:
    return {r.id for r in records if holds(r, words)}


def found(store: Store, query: str, **kwargs: Any) -> set[str]:
    return {hit.record.id for hit in search(store, query, **kwargs)}


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Thousands of records with the words of `"of the"`, most of them in a row, and
    thousands with `quiet` and `river` but only a few with `"quiet river"`."""
    rows = []
    for n in range(MANY):
        text = "The state of the union." if n % 10 else "The union of states, the end."
        if n % 900 == 899:
            # Longer, so ranked below every record that only has the words.
            text += " A quiet river runs" + ", on and on" * 20 + "."
        else:
            text += " The river is not quiet."
        rows.append(record(f"fact.f{n}", "fact", ["Kuwait"], title=f"Fact {n}", text=text))
    return Store.open(make_store(tmp_path_factory.mktemp("crowded"), rows))


def test_a_common_phrase_finds_every_record_that_holds_it(crowded: Store) -> None:
    expected = truth(crowded.records, ("of", "the"))
    assert len(expected) == MANY - MANY // 10
    assert found(crowded, '"of the"') == expected


def test_a_rare_phrase_of_common_words_is_found_in_full_with_a_limit(crowded: Store) -> None:
    expected = truth(crowded.records, ("quiet", "river"))
    assert len(expected) == MANY // 900
    assert found(crowded, '"quiet river"', limit=500) == expected
    assert found(crowded, '"quiet river"', limit=2) < expected


def test_an_excluded_phrase_is_excluded_everywhere(crowded: Store) -> None:
    hits = found(crowded, 'river -"quiet river"')
    assert hits == {r.id for r in crowded.records} - truth(crowded.records, ("quiet", "river"))


def test_limited_results_are_the_head_of_the_full_ranking(crowded: Store) -> None:
    full = [hit.record.id for hit in search(crowded, '"of the" union')]
    assert [hit.record.id for hit in search(crowded, '"of the" union', limit=50)] == full[:50]


def _record(
    number: int,
    title: str = "",
    text: str = "",
    aliases: tuple[str, ...] = (),
    quotes: tuple[str, ...] = (),
) -> Record:
    spans = tuple(SourceSpan("doc", 0, len(quote), quote) for quote in quotes)
    return Record(
        f"fact.r{number}", "fact", title or f"Record {number}", text, spans, aliases=aliases
    )


@pytest.mark.parametrize(
    ("fields", "phrase"),
    [
        ({"title": "alpha", "text": "beta gamma"}, "alpha beta"),  # title, then text
        ({"title": "beta gamma"}, "gamma beta"),  # the title counted three times
        ({"aliases": ("one alpha", "beta two")}, "alpha beta"),  # two aliases
        ({"quotes": ("ends alpha", "beta starts")}, "alpha beta"),  # two quotes
        ({"text": "alpha\nbeta"}, "alpha beta"),  # a line break inside one piece
        ({"text": "gamma", "quotes": ("alpha",)}, "gamma alpha"),  # text, then a quote
    ],
)
def test_a_phrase_never_spans_two_pieces(fields: dict[str, Any], phrase: str) -> None:
    engine = SearchEngine([_record(0, **fields), _record(1, text=phrase)])
    assert [hit.record.id for hit in engine.search(f'"{phrase}"')] == ["fact.r1"]


def test_a_phrase_never_spans_two_records() -> None:
    # Record 0's last piece ends with `alpha`, record 1's title starts with `beta`.
    engine = SearchEngine([_record(0, text="ends alpha"), _record(1, title="beta starts")])
    assert engine.search('"alpha beta"') == []


def test_repeated_and_unknown_words() -> None:
    engine = SearchEngine([_record(0, text="very very good"), _record(1, text="very good")])
    assert [hit.record.id for hit in engine.search('"very very"')] == ["fact.r0"]
    assert engine.search('"very nothing"') == []
    assert [h.phrases for h in engine.search('"very good"')] == [(("very", "good"),)] * 2


WORDS = ["a", "b", "c", "the", "of"]
texts = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)
pieces = st.lists(texts, max_size=3)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(texts, texts, pieces, pieces), min_size=1, max_size=12),
    phrase=st.lists(st.sampled_from(WORDS), min_size=2, max_size=3).map(tuple),
)
def test_phrase_results_equal_brute_force(
    rows: list[tuple[str, str, list[str], list[str]]], phrase: tuple[str, ...]
) -> None:
    records = tuple(
        _record(n, title or "x", text, tuple(aliases), tuple(quotes))
        for n, (title, text, aliases, quotes) in enumerate(rows)
    )
    engine = SearchEngine(records)
    hits = engine.search(f'"{" ".join(phrase)}"')
    assert {hit.record.id for hit in hits} == truth(records, phrase)
    assert all(phrase in hit.phrases for hit in hits)


def test_a_phrase_in_a_store_of_one_record(tmp_path: Path) -> None:
    path = make_store(tmp_path, [record("fact.a", "fact", ["Kuwait"], text="of the")])
    assert found(Store.open(path), '"of the"') == {"fact.a"}
