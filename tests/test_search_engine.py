"""Ranking and matching of the search engine against the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_store, record

from oic_tui.search.postings import record_fields
from oic_tui.search.service import explain, search
from oic_tui.search.textnorm import tokens
from oic_tui.store.reader import Store


def top(store: Store, query: str, n: int = 3) -> list[str]:
    return [hit.record.id for hit in search(store, query, limit=n)]


@pytest.mark.parametrize("query", ["Sem", "Semi", "Semip", "semipalat"])
def test_prefix_as_you_type(shipped_store: Store, query: str) -> None:
    assert {"entity.semipalatinsk", "initiative.semipalatinsk"} <= set(top(shipped_store, query))


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Semipalatinks", "entity.semipalatinsk"),
        ("Musinow", "entity.musinov"),
        ("Islamophobai", "topic.terrorism-extremism-islamophobia"),
    ],
)
def test_typos_in_longer_words(shipped_store: Store, query: str, first: str) -> None:
    assert top(shipped_store, query, 2)[0] in {first, first.replace("entity.", "event.")}


def test_typo_matches_rank_below_exact_matches(shipped_store: Store) -> None:
    exact = {h.record.id: h.score for h in search(shipped_store, "terrorism")}
    typo = {h.record.id: h.score for h in search(shipped_store, "terorism")}
    assert typo and set(typo) <= set(exact)
    assert all(typo[record_id] < exact[record_id] for record_id in typo)


def test_a_correct_word_pulls_in_no_typo_neighbours(shipped_store: Store) -> None:
    for hit in search(shipped_store, "nuclear"):
        words = {t for text in record_fields(hit.record).values() for t in tokens(text)}
        assert any(word.startswith("nuclear") for word in words), hit.record.id


@pytest.mark.parametrize(
    ("queries", "target"),
    [
        (["CFM", "Council of Foreign Ministers"], "entity.cfm"),
        (["UNSC", "UN Security Council"], "entity.unsc"),
        (["IOFS", "Islamic Organization for Food Security"], "entity.iofs"),
        (["musinov", "Askar Musinov", "A.Musinov"], "entity.musinov"),
    ],
)
def test_acronyms_and_aliases_both_ways(
    shipped_store: Store, queries: list[str], target: str
) -> None:
    for query in queries:
        assert target in top(shipped_store, query), query


def test_former_and_current_names_find_the_same_records(shipped_store: Store) -> None:
    results = [
        {hit.record.id for hit in search(shipped_store, query)}
        for query in (
            "OIC",
            "Organization of Islamic Cooperation",
            "Organization of the Islamic Conference",
        )
    ]
    assert results[0] == results[1] == results[2]
    assert "entity.oic" in top(shipped_store, "Organization of the Islamic Conference")


def test_exact_phrase(shipped_store: Store) -> None:
    hits = search(shipped_store, '"food security"')
    assert hits
    for hit in hits:
        texts = [" ".join(tokens(t)) for t in record_fields(hit.record).values()]
        assert any("food security" in text for text in texts), hit.record.id
    assert search(shipped_store, '"security food"') == []


def test_exclusion(shipped_store: Store) -> None:
    hits = search(shipped_store, "nuclear -semipalatinsk")
    assert hits
    for hit in hits:
        words = {t for text in record_fields(hit.record).values() for t in tokens(text)}
        assert "semipalatinsk" not in words


def test_either(shipped_store: Store) -> None:
    found = set(top(shipped_store, "yemen | libya", 20))
    assert {"topic.yemen", "topic.libya", "entity.yemen", "entity.libya"} <= found


def test_filters(shipped_store: Store) -> None:
    assert {h.record.kind for h in search(shipped_store, "kind:initiative nuclear")} == {
        "initiative"
    }
    astana = {h.record.id for h in search(shipped_store, "entity:astana")}
    assert astana == {"entity.astana", *(r.id for r in shipped_store.mentioning("entity.astana"))}
    in_2015 = search(shipped_store, "year:2015")
    assert in_2015 and all(h.record.date and h.record.date.years for h in in_2015)
    assert [h.record.id for h in search(shipped_store, "year:1990..2000")] == [
        "event.kazakhstan-joins"
    ]


@pytest.mark.parametrize("query", ["kind:banana", "year:abc", "entity:", "kind:"])
def test_invalid_filters_are_plain_words(shipped_store: Store, query: str) -> None:
    assert isinstance(search(shipped_store, query), list)


def test_accents_and_case_are_ignored(tmp_path: Path) -> None:
    rows = [record("fact.cafe", "fact", ["Kuwait"], title="Café Élan", value="1")]
    store = Store.open(make_store(tmp_path, rows))
    for query in ("cafe elan", "CAFÉ", "élan", "Elan"):
        assert [h.record.id for h in search(store, query)] == ["fact.cafe"], query


def test_ties_keep_store_order(tmp_path: Path) -> None:
    rows = [
        record(f"fact.twin{n}", "fact", ["Kuwait"], title="Twin", text="Same.") for n in range(5)
    ]
    store = Store.open(make_store(tmp_path, rows))
    first = [(h.record.id, h.score) for h in search(store, "twin")]
    assert [record_id for record_id, _ in first] == [f"fact.twin{n}" for n in range(5)]
    assert first == [(h.record.id, h.score) for h in search(store, "twin")]


def test_matched_terms_and_explain(shipped_store: Store) -> None:
    semip = search(shipped_store, "semip")
    assert all("semipalatinsk" in hit.terms for hit in semip)
    for hit in search(shipped_store, "musinov"):
        assert not {"of", "the", "a"} & set(hit.terms)
        for field, matched in explain(shipped_store, hit).items():
            text = " ".join(tokens(record_fields(hit.record)[field]))
            assert all(f" {m} " in f" {text} " for m in matched), (hit.record.id, field)


def test_limit_and_kind(shipped_store: Store) -> None:
    assert len(search(shipped_store, "kazakhstan", limit=4)) == 4
    kinds = {h.record.kind for h in search(shipped_store, "kazakhstan", kind="fact")}
    assert kinds == {"fact"}
