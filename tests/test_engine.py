"""Ranking and matching of Store.search / SearchEngine on the shipped data, example by example;
the kind and limit parameters; determinism."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import STORE_JSON, ids, make_store, record

from oic_tui.search.engine import Hit, SearchEngine
from oic_tui.search.postings import record_fields
from oic_tui.search.service import explain, search
from oic_tui.search.textnorm import tokens
from oic_tui.store.models import KINDS, Record
from oic_tui.store.reader import Store

SEMIPALATINSK = {"entity.semipalatinsk", "initiative.semipalatinsk"}


def top(store: Store, query: str, n: int) -> list[str]:
    """The first n ids of the ranking; asking with limit=n gives the same ones."""
    head = ids(store, query)[:n]
    assert ids(store, query, limit=n) == head, (query, n)
    return head


def scores(store: Store, query: str) -> dict[str, float]:
    return {hit.record.id: hit.score for hit in search(store, query)}


def words_of(record: Record) -> set[str]:
    """Every index token of a record, over all its searchable fields."""
    return {t for text in record_fields(record).values() for t in tokens(text)}


def items_of(record: Record) -> list[str]:
    """Each separate piece of a record's text: title, each alias, body parts, each quote."""
    items = [
        record.title,
        *record.aliases,
        record.text,
        record.category,
        record.status,
        record.value,
        *record.venues,
        *(s.quote for s in record.sources),
    ]
    if record.date is not None:
        items.append(record_fields(record)["date"])
    return items


def says_phrase(record: Record, words: tuple[str, ...]) -> bool:
    """True when the words stand next to each other inside one piece of the record's text."""
    wanted = f" {' '.join(words)} "
    return any(wanted in f" {' '.join(tokens(item))} " for item in items_of(record))


# Prefixes, as you type -------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Sem", "Semi", "Semip", "semipalat", "SEMIP"])
def test_prefix_finds_semipalatinsk_in_top_3(shipped_store: Store, query: str) -> None:
    assert set(top(shipped_store, query, 3)) >= SEMIPALATINSK
    assert all("semipalatinsk" in hit.terms for hit in search(shipped_store, query))


def test_prefix_ranks_below_the_whole_word(shipped_store: Store) -> None:
    prefix, whole = scores(shipped_store, "Semip"), scores(shipped_store, "Semipalatinsk")
    assert set(prefix) == set(whole)
    assert all(prefix[i] < whole[i] for i in prefix)


# Typos in longer words ------------------------------------------------------------------


def test_typo_terorism_finds_the_terrorism_records(shipped_store: Store) -> None:
    typo = ids(shipped_store, "terorism")
    assert typo and set(typo) == set(ids(shipped_store, "terrorism"))
    assert all(hit.terms == ("terrorism",) for hit in search(shipped_store, "terorism"))


def test_typo_semipalatinks_finds_semipalatinsk_first(shipped_store: Store) -> None:
    assert set(top(shipped_store, "Semipalatinks", 2)) == SEMIPALATINSK
    assert top(shipped_store, "Semipalatinks", 1) == ["entity.semipalatinsk"]


def test_typo_musinow_finds_musinov_first(shipped_store: Store) -> None:
    assert top(shipped_store, "Musinow", 1) == ["entity.musinov"]


def test_typo_islamophobai_finds_the_topic_first(shipped_store: Store) -> None:
    assert top(shipped_store, "Islamophobai", 1) == ["topic.terrorism-extremism-islamophobia"]


@pytest.mark.parametrize(
    ("exact", "typo"),
    [("terrorism", "terorism"), ("Semipalatinsk", "Semipalatinks"), ("Musinov", "Musinow")],
)
def test_typo_matches_score_below_exact_matches(
    shipped_store: Store, exact: str, typo: str
) -> None:
    exact_scores, typo_scores = scores(shipped_store, exact), scores(shipped_store, typo)
    assert typo_scores and set(typo_scores) <= set(exact_scores)
    for record_id, score in typo_scores.items():
        assert 0 < score < exact_scores[record_id], record_id


@pytest.mark.parametrize(
    "word", ["nuclear", "security", "terrorism", "dialogue", "session", "cooperation", "islamic"]
)
def test_correct_common_word_pulls_in_no_typo_neighbours(shipped_store: Store, word: str) -> None:
    hits = search(shipped_store, word)
    assert hits
    for hit in hits:
        assert any(w.startswith(word) for w in words_of(hit.record)), hit.record.id
        assert all(term.startswith(word) for term in hit.terms), (hit.record.id, hit.terms)


def test_short_words_get_no_typo_tolerance(shipped_store: Store) -> None:
    # "Iraq" is four letters: "Iraw" must not reach it.
    assert "entity.iraq" not in ids(shipped_store, "Iraw")


# Acronyms and aliases, both ways --------------------------------------------------------


@pytest.mark.parametrize("query", ["CFM", "Council of Foreign Ministers", "cfm", "OIC CFM"])
def test_cfm_both_ways(shipped_store: Store, query: str) -> None:
    assert "entity.cfm" in top(shipped_store, query, 3)


OIC_NAMES = ("OIC", "Organization of Islamic Cooperation", "Organization of the Islamic Conference")


def test_oic_current_and_former_names_find_the_same_records(shipped_store: Store) -> None:
    # The strongest true statement: exactly the same set of records (the order differs,
    # and so do the top 3 and top 5), with the OIC itself in the top 2 of each.
    results = [set(ids(shipped_store, name)) for name in OIC_NAMES]
    assert results[0] and results[0] == results[1] == results[2]
    for name in OIC_NAMES:
        assert "entity.oic" in top(shipped_store, name, 2), name


@pytest.mark.parametrize("query", ["UNSC", "UN Security Council", "unsc"])
def test_unsc_both_ways_first(shipped_store: Store, query: str) -> None:
    assert top(shipped_store, query, 1) == ["entity.unsc"]


def test_unsc_acronym_and_name_find_the_same_records(shipped_store: Store) -> None:
    assert set(ids(shipped_store, "UNSC")) == set(ids(shipped_store, "UN Security Council"))


def test_iofs_full_name_finds_entity_and_initiative_in_top_3(shipped_store: Store) -> None:
    found = top(shipped_store, "Islamic Organization for Food Security", 3)
    assert {"entity.iofs", "initiative.iofs"} <= set(found)


def test_iofs_acronym_finds_the_entity_first(shipped_store: Store) -> None:
    assert top(shipped_store, "IOFS", 1) == ["entity.iofs"]
    assert set(ids(shipped_store, "IOFS")) == set(
        ids(shipped_store, "Islamic Organization for Food Security")
    )


def test_iofs_acronym_finds_the_initiative_in_top_3(shipped_store: Store) -> None:
    assert {"entity.iofs", "initiative.iofs"} <= set(top(shipped_store, "IOFS", 3))


def test_musinov_ranks_the_person_then_his_address(shipped_store: Store) -> None:
    found = top(shipped_store, "musinov", 3)
    assert found[0] == "entity.musinov"
    assert "event.musinov-address" in found


@pytest.mark.parametrize("query", ["Askar Musinov", "Mr. A. Musinov", "A.Musinov"])
def test_other_names_of_musinov(shipped_store: Store, query: str) -> None:
    assert top(shipped_store, query, 1) == ["entity.musinov"]


# Numbers and dates as written ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        ("1969", {"event.oic-founded", "fact.founded"}, 2),
        ("1.5 billion", {"fact.population"}, 1),
        ("2017-2018", {"event.unsc-term"}, 3),
        ("2017–2018", {"event.unsc-term"}, 3),
        ("May 27-28", {"event.session"}, 5),
        ("56", {"fact.members"}, 3),
        ("December 1995", {"event.kazakhstan-joins", "fact.kazakhstan-member"}, 3),
        ("Dec 1995", {"event.kazakhstan-joins"}, 1),
    ],
)
def test_numbers_and_dates_as_written(
    shipped_store: Store, query: str, expected: set[str], within: int
) -> None:
    assert expected <= set(top(shipped_store, query, within))


def test_numbers_are_not_prefixes_or_typos(shipped_store: Store) -> None:
    # "19" must not expand to 1969 or 1995, nor "1968" be a typo of 1969.
    assert not {"event.oic-founded", "fact.founded"} & set(ids(shipped_store, "19"))
    assert ids(shipped_store, "1968") == []


# Query syntax ----------------------------------------------------------------------------


def test_exact_phrase_hits_really_hold_the_phrase(shipped_store: Store) -> None:
    hits = search(shipped_store, '"food security"')
    assert {"entity.iofs", "topic.food-security", "initiative.iofs"} <= {h.record.id for h in hits}
    for hit in hits:
        assert says_phrase(hit.record, ("food", "security")), hit.record.id
        texts = [" ".join(tokens(text)) for text in record_fields(hit.record).values()]
        assert any("food security" in text for text in texts), hit.record.id
        assert ("food", "security") in hit.phrases
    assert {h.record.id for h in hits} <= set(ids(shipped_store, "food security"))


@pytest.mark.parametrize("query", ['"security food"', '"nuclear aral"', '"oic cfm kuwait"'])
def test_absent_phrase_finds_nothing(shipped_store: Store, query: str) -> None:
    assert search(shipped_store, query) == []


@pytest.mark.parametrize("query", ['"arabia saudi"', '"madani iyad"', '"musinov askar"'])
def test_phrase_does_not_span_two_aliases(shipped_store: Store, query: str) -> None:
    for hit in search(shipped_store, query):
        assert says_phrase(hit.record, tuple(tokens(query))), hit.record.id


def test_exclusion(shipped_store: Store) -> None:
    hits = search(shipped_store, "nuclear -semipalatinsk")
    assert hits
    for hit in hits:
        assert "semipalatinsk" not in words_of(hit.record), hit.record.id
    kept = [
        h.record.id
        for h in search(shipped_store, "nuclear")
        if "semipalatinsk" not in words_of(h.record)
    ]
    assert [h.record.id for h in hits] == kept


def test_excluded_phrase(shipped_store: Store) -> None:
    hits = ids(shipped_store, 'nuclear -"test site"')
    assert hits and not SEMIPALATINSK & set(hits)
    assert "initiative.nuclear-free-world" in hits


@pytest.mark.parametrize("query", ["-semipalatinsk", '-"test site"'])
def test_an_exclusion_alone_lists_everything_else(shipped_store: Store, query: str) -> None:
    found = ids(shipped_store, query)
    unwanted = set(ids(shipped_store, query[1:]))
    assert unwanted and found
    assert found == [r.id for r in shipped_store.records if r.id not in unwanted]


def test_either(shipped_store: Store) -> None:
    hits = search(shipped_store, "yemen | libya")
    found = {h.record.id for h in hits}
    assert {"topic.yemen", "topic.libya", "entity.yemen", "entity.libya"} <= found
    assert {"topic.yemen", "topic.libya", "entity.yemen", "entity.libya"} <= set(
        top(shipped_store, "yemen | libya", 20)
    )
    assert found == set(ids(shipped_store, "yemen")) | set(ids(shipped_store, "libya"))
    assert all({"yemen", "libya"} & words_of(h.record) for h in hits)
    assert ids(shipped_store, "yemen|libya") == [h.record.id for h in hits]


def test_kind_filter(shipped_store: Store) -> None:
    hits = search(shipped_store, "kind:initiative nuclear")
    assert hits and {h.record.kind for h in hits} == {"initiative"}
    expected = [
        h.record.id for h in search(shipped_store, "nuclear") if h.record.kind == "initiative"
    ]
    assert [h.record.id for h in hits] == expected
    assert ids(shipped_store, "kind:initiatives nuclear") == expected


def test_entity_filter(shipped_store: Store) -> None:
    found = ids(shipped_store, "entity:astana")
    expected = {"entity.astana", *(r.id for r in shipped_store.mentioning("entity.astana"))}
    assert set(found) == expected
    # A filter alone ranks only the entity first; the rest tie and come in store order.
    order = [r.id for r in shipped_store.records]
    assert found[0] == "entity.astana"
    assert found[1:] == sorted(found[1:], key=order.index)
    assert set(ids(shipped_store, "entity:ASTANA")) == expected
    aral = {"entity.aral-sea", *(r.id for r in shipped_store.mentioning("entity.aral-sea"))}
    assert set(ids(shipped_store, "entity:aral-sea")) == aral
    assert set(ids(shipped_store, "entity:zebraland")) == set()


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("entity:oic", "entity.oic"),
        ("entity:kazakhstan", "entity.kazakhstan"),
        ("entity:kazakhstan kind:fact", None),
    ],
)
def test_entity_filter_alone_lists_the_entity_first(
    shipped_store: Store, query: str, first: str | None
) -> None:
    found = ids(shipped_store, query)
    assert found
    if first is None:
        assert not any(i.startswith("entity.") for i in found)
    else:
        assert found[0] == first


@pytest.mark.parametrize("entity_id", ["entity.astana", "entity.saudi-arabia"])
def test_entity_filter_by_full_id(shipped_store: Store, entity_id: str) -> None:
    expected = {entity_id, *(r.id for r in shipped_store.mentioning(entity_id))}
    assert set(ids(shipped_store, f"entity:{entity_id}")) == expected


def test_entity_filter_takes_a_quoted_name(shipped_store: Store) -> None:
    expected = set(ids(shipped_store, "entity:unsc"))
    assert expected and set(ids(shipped_store, 'entity:"UN Security Council"')) == expected
    assert ids(shipped_store, 'entity:"saudi arabia" kind:fact') == ids(
        shipped_store, "entity:saudi-arabia kind:fact"
    )


def test_a_place_name_finds_its_adjective(shipped_store: Store) -> None:
    found = ids(shipped_store, "Palestine")
    assert found and found[0] == "topic.palestinian-israeli-conflict"


def test_entity_filter_matches_whole_words(shipped_store: Store) -> None:
    expected = {"entity.unsc", *(r.id for r in shipped_store.mentioning("entity.unsc"))}
    assert set(ids(shipped_store, "entity:un")) == expected


def test_year_filter(shipped_store: Store) -> None:
    def dated_in(low: int, high: int) -> set[str]:
        return {
            r.id
            for r in shipped_store.records
            if r.date and r.date.years and r.date.years[0] <= high and r.date.years[1] >= low
        }

    in_2015 = set(ids(shipped_store, "year:2015"))
    assert in_2015 and in_2015 == dated_in(2015, 2015)
    assert "event.session" in in_2015 and "event.oic-founded" not in in_2015
    assert ids(shipped_store, "year:1990..2000") == ["event.kazakhstan-joins"]
    assert dated_in(1990, 2000) == {"event.kazakhstan-joins"}
    assert ids(shipped_store, "year:2000..1990") == ["event.kazakhstan-joins"]
    assert set(ids(shipped_store, "year:2016-2017")) == dated_in(2016, 2017) == {"event.unsc-term"}
    assert set(ids(shipped_store, "year:2016..")) == dated_in(2016, 9999) != set()
    assert set(ids(shipped_store, "year:2016-")) == dated_in(2016, 9999)
    assert set(ids(shipped_store, "year:..1995")) == dated_in(1, 1995) != set()
    assert ids(shipped_store, "year:..") == ids(shipped_store, '"year"')


@pytest.mark.parametrize("kind", ["event", "topic", "initiative", "fact", "entity"])
def test_kind_filter_takes_every_plural(shipped_store: Store, kind: str) -> None:
    expected = [r.id for r in shipped_store.by_kind(kind)]
    plural = "entities" if kind == "entity" else f"{kind}s"
    for spelling in (kind, plural, plural.upper(), plural.title()):
        assert sorted(ids(shipped_store, f"kind:{spelling}")) == sorted(expected), spelling


@pytest.mark.parametrize(
    ("query", "plain"),
    [
        ("kind:banana", '"kind banana"'),
        ("year:abc", '"year abc"'),
        ("year:20150", '"year 20150"'),
        ("kind:", "kind"),
        ("entity:", "entity"),
        ("kuwait:", "kuwait"),
    ],
)
def test_invalid_filters_are_plain_words(shipped_store: Store, query: str, plain: str) -> None:
    assert isinstance(search(shipped_store, query), list)
    assert ids(shipped_store, query) == ids(shipped_store, plain)


def test_kind_filter_word_is_searched_when_not_a_kind(shipped_store: Store) -> None:
    assert ids(shipped_store, "kind:nuclear") == ids(shipped_store, '"kind nuclear"')


# Accents and case ------------------------------------------------------------------------


@pytest.fixture
def accented_store(tmp_path: Path) -> Store:
    rows = [
        record("fact.cafe", "fact", ["Kuwait"], title="Café Élan", value="1"),
        record("fact.strasse", "fact", ["Kuwait"], title="Große Straße", value="2"),
        record("fact.plain", "fact", ["Kuwait"], title="Plain title", value="3"),
    ]
    return Store.open(make_store(tmp_path, rows))


@pytest.mark.parametrize(
    "query", ["cafe elan", "CAFÉ", "élan", "Elan", "ÉLAN", "cafe", '"cafe elan"', '"CAFÉ ÉLAN"']
)
def test_accents_and_case_are_ignored(accented_store: Store, query: str) -> None:
    assert ids(accented_store, query) == ["fact.cafe"]


@pytest.mark.parametrize("query", ["straße", "strasse", "STRASSE", "große straße"])
def test_sharp_s_words(accented_store: Store, query: str) -> None:
    assert ids(accented_store, query) == ["fact.strasse"]


@pytest.mark.parametrize("query", ['"große straße"', '"grosse strasse"'])
def test_sharp_s_phrase(accented_store: Store, query: str) -> None:
    assert ids(accented_store, query) == ["fact.strasse"]


# Determinism and ties --------------------------------------------------------------------


@pytest.mark.parametrize("query", ["nuclear", "OIC", "musinov", "yemen | libya", "semip"])
def test_same_query_same_answer(shipped_store: Store, query: str) -> None:
    first = [(h.record.id, h.score) for h in search(shipped_store, query)]
    assert first == [(h.record.id, h.score) for h in search(shipped_store, query)]


def test_a_fresh_engine_gives_the_same_hits(shipped_store: Store) -> None:
    engine = SearchEngine(shipped_store.records)
    for query in ("nuclear", "OIC", '"food security"', "entity:astana", "terorism"):
        assert engine.search(query) == search(shipped_store, query), query


def test_a_freshly_opened_store_gives_the_same_ranking(shipped_store: Store) -> None:
    first = [(h.record.id, h.score) for h in search(shipped_store, "OIC")]
    again = [(h.record.id, h.score) for h in search(shipped_store, "OIC")]
    fresh = [(h.record.id, h.score) for h in search(Store.open(STORE_JSON), "OIC")]
    assert first == again == fresh
    assert len(first) > 40


def test_ties_are_in_store_order(tmp_path: Path) -> None:
    order = [3, 0, 4, 1, 2]
    rows = [
        record(f"fact.twin{n}", "fact", ["Kuwait"], title="Twin", text="Same.", value="v")
        for n in order
    ]
    store = Store.open(make_store(tmp_path, rows))
    hits = search(store, "twin")
    assert [h.record.id for h in hits] == [f"fact.twin{n}" for n in order]
    assert len({h.score for h in hits}) == 1
    assert [(h.record.id, h.score) for h in hits] == [
        (h.record.id, h.score) for h in search(store, "twin")
    ]


def test_ties_are_in_store_order_beyond_the_sorted_head(tmp_path: Path) -> None:
    # More tied candidates than the engine sorts eagerly (256).
    rows = [
        record(f"fact.t{n:03d}", "fact", ["Kuwait"], title="Twin", text="Same.") for n in range(300)
    ]
    store = Store.open(make_store(tmp_path, rows))
    expected = [f"fact.t{n:03d}" for n in range(300)]
    assert ids(store, "twin") == expected
    assert ids(store, "twin", limit=5) == expected[:5]
    assert ids(store, "twin", limit=280) == expected[:280]


# Hit.terms, Hit.phrases and explain ------------------------------------------------------


def test_terms_of_a_prefix(shipped_store: Store) -> None:
    hits = search(shipped_store, "semip")
    assert hits and all("semipalatinsk" in hit.terms for hit in hits)


def test_no_stopwords_in_terms(shipped_store: Store) -> None:
    hits = search(shipped_store, "musinov")
    assert hits
    for hit in hits:
        assert not {"of", "the", "a"} & set(hit.terms), hit.record.id
        assert hit.terms or hit.phrases, hit.record.id


def test_phrase_hits_report_their_phrase(shipped_store: Store) -> None:
    for hit in search(shipped_store, '"food security"'):
        assert hit.phrases == (("food", "security"),)
        assert hit.terms == ()


def check_explain(store: Store, hit: Hit) -> None:
    explained = explain(store, hit)
    fields = record_fields(hit.record)
    for name, matched in explained.items():
        assert matched, name
        present = f" {' '.join(tokens(fields[name]))} "
        for match in matched:
            assert f" {match} " in present, (hit.record.id, name, match)
    listed = {m for matched in explained.values() for m in matched}
    assert set(hit.terms) <= listed, hit.record.id
    assert {" ".join(p) for p in hit.phrases} <= listed, hit.record.id


@pytest.mark.parametrize(
    "query",
    ["semip", "musinov", '"food security"', "OIC", "1.5 billion", "Dec 1995", "terorism", "CFM"],
)
def test_explain_lists_only_fields_that_hold_the_match(shipped_store: Store, query: str) -> None:
    hits = search(shipped_store, query)
    assert hits
    for hit in hits:
        check_explain(shipped_store, hit)


def test_explain_of_a_title_match(shipped_store: Store) -> None:
    hit = search(shipped_store, "Semipalatinsk")[0]
    explained = explain(shipped_store, hit)
    assert "semipalatinsk" in explained["title"]
    assert "date" not in explained


# limit and kind --------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 10, 1000])
def test_limit_keeps_the_head_of_the_ranking(shipped_store: Store, limit: int) -> None:
    full = search(shipped_store, "kazakhstan")
    assert len(full) > 10
    assert search(shipped_store, "kazakhstan", limit=limit) == full[:limit]
    everything = ids(shipped_store, "Kazakhstan")
    assert everything == [h.record.id for h in full]
    assert ids(shipped_store, "Kazakhstan", limit=limit) == everything[:limit]


def test_limit_with_kind_keeps_the_top_of_that_kind(shipped_store: Store) -> None:
    nuclear = ids(shipped_store, "nuclear", kind="initiative", limit=3)
    assert set(nuclear) == {
        "initiative.semipalatinsk",
        "initiative.central-asia-nuclear-free-zone",
        "initiative.nuclear-free-world",
    }


@pytest.mark.parametrize("kind", ["event", "topic", "initiative", "fact", "entity"])
def test_kind_keeps_only_that_kind_in_order(shipped_store: Store, kind: str) -> None:
    full = search(shipped_store, "kazakhstan")
    expected = [h for h in full if h.record.kind == kind]
    assert expected
    assert search(shipped_store, "kazakhstan", kind=kind) == expected
    assert search(shipped_store, "kazakhstan", kind=kind, limit=2) == expected[:2]


def test_kind_parameter_keeps_only_that_kind(shipped_store: Store) -> None:
    assert ids(shipped_store, "Aral", kind="initiative") == ["initiative.aral-sea"]
    for kind in KINDS:
        hits = search(shipped_store, "Kazakhstan", kind=kind)
        assert hits, kind
        assert {h.record.kind for h in hits} == {kind}
    assert search(shipped_store, "Aral", kind="opinion") == []


def test_kind_parameter_agrees_with_kind_filter(shipped_store: Store) -> None:
    assert search(shipped_store, "nuclear", kind="initiative") == search(
        shipped_store, "kind:initiative nuclear"
    )


def test_kind_parameter_narrows_a_kind_filter(shipped_store: Store) -> None:
    hits = search(shipped_store, "kind:initiative nuclear", kind="fact")
    assert all(h.record.kind == "fact" for h in hits)


@pytest.mark.parametrize("limit", [0, -1])
def test_limit_zero_returns_nothing(shipped_store: Store, limit: int) -> None:
    assert search(shipped_store, "nuclear", limit=limit) == []


def test_empty_queries(shipped_store: Store) -> None:
    for query in ("", "   ", '""', "-", "|", "- | -", "..."):
        assert search(shipped_store, query) == [], query
