"""Property tests: no query text can make search raise or take long."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oic_tui.search.query import parse
from oic_tui.search.service import search
from oic_tui.search.textnorm import fold, tokens
from oic_tui.store.reader import Store

SYNTAX = ['"', "|", "-", ":", "..", "kind:", "year:", "entity:", "(", "[", "*", "\\", "?", "^"]
WORDS = ["aral", "OIC", "nuclear", "2017-2018", "1.5", "Musinov", "semip", "terorism", "Astana"]
queries = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(SYNTAX + WORDS + [" "]), max_size=40).map("".join),
    st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join),
    st.text(alphabet='ab"|-: .', min_size=1000, max_size=5000),
)
SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(query=queries)
def test_search_never_raises_and_is_prompt(shipped_store: Store, query: str) -> None:
    started = time.perf_counter()
    hits = search(shipped_store, query, limit=500)
    assert time.perf_counter() - started < 0.5
    ids = {record.id for record in shipped_store.records}
    assert all(hit.record.id in ids for hit in hits)
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)


@SETTINGS
@given(query=queries)
def test_parse_never_raises(query: str) -> None:
    parsed = parse(query)
    for clause in parsed.clauses:
        assert clause and all(unit.words for unit in clause)
    assert all(unit.words for unit in parsed.excluded)


@SETTINGS
@given(text=st.text(max_size=300))
def test_fold_keeps_length_and_tokens_are_words(text: str) -> None:
    assert len(fold(text)) == len(text)
    assert all(token for token in tokens(text))
