"""Store.search basics: case-insensitive, every word must match, ranked; the article's own
words find records that say them. (The kind and limit parameters and determinism are in
test_engine.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ids, make_store, record

from oic_tui.search.service import search
from oic_tui.store.models import Record
from oic_tui.store.reader import Store


def says(record: Record, phrase: str) -> bool:
    """True when a record's own words (title, text, aliases, quotes) contain the phrase."""
    words = [record.title, record.text, *record.aliases, *(s.quote for s in record.sources)]
    return phrase.casefold() in " ".join(words).casefold()


def test_aral_finds_the_initiative_with_its_quote(shipped_store: Store, shipped_text: str) -> None:
    hits = search(shipped_store, "Aral")
    found = {hit.record.id: hit for hit in hits}
    assert {"initiative.aral-sea", "topic.aral-sea", "entity.aral-sea"} == set(found)
    aral = found["initiative.aral-sea"].record
    assert aral.title == "Restoration of the Aral Sea region: Kazakhstan's proposal"
    assert "restoration of the Aral Sea region" in [s.quote for s in aral.sources]
    for source in aral.sources:
        assert shipped_text[source.start : source.end] == source.quote


def test_title_and_alias_matches_rank_first(shipped_store: Store) -> None:
    hits = search(shipped_store, "Aral")
    assert hits[0].record.id == "entity.aral-sea"
    assert all(h.score > 0 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert search(shipped_store, "Madani")[0].record.id == "entity.madani"
    assert search(shipped_store, "Jeddah")[0].record.id == "entity.jeddah"


@pytest.mark.parametrize("query", ["aral", "ARAL", "aRaL", "Aral Sea", "aral SEA region"])
def test_case_insensitive(shipped_store: Store, query: str) -> None:
    assert "initiative.aral-sea" in ids(shipped_store, query)
    assert ids(shipped_store, query) == ids(shipped_store, query.upper())
    assert ids(shipped_store, query) == ids(shipped_store, query.lower())


def test_every_word_must_match(shipped_store: Store) -> None:
    aral = set(ids(shipped_store, "Aral"))
    kuwait = set(ids(shipped_store, "Kuwait"))
    assert aral and kuwait
    assert ids(shipped_store, "Aral Kuwait") == []
    both = set(ids(shipped_store, "Astana IOFS"))
    assert both == set(ids(shipped_store, "Astana")) & set(ids(shipped_store, "IOFS"))
    assert "initiative.iofs" in both
    assert both < set(ids(shipped_store, "Astana"))


def test_word_order_does_not_matter(shipped_store: Store) -> None:
    assert set(ids(shipped_store, "Sea Aral")) == set(ids(shipped_store, "Aral Sea"))


@pytest.mark.parametrize(
    "phrase",
    [
        "Musinov",
        "A.Musinov",
        "Mr. A. Musinov",
        "Madani",
        "Jeddah",
        "Semipalatinsk",
        "Astana",
        "Kuwait",
        "CICA",
        "IOFS",
        "1969",
        "1995",
        "2011",
        "56",
        "1.5 billion",
        "90",
        "2017-2018",
        "May 27-28",
        "EXPO-2017",
        "Islamophobia",
        "Yemen",
        "Iraq",
        "Syria",
        "Libya",
        "ISIS",
        "Palestinian-Israeli",
        "Aral Sea",
        "Saudi Arabia",
        "Central Asia",
        "Kazinform",
    ],
)
def test_article_words_find_a_record_that_says_them(shipped_store: Store, phrase: str) -> None:
    hits = search(shipped_store, phrase)
    assert hits, phrase
    assert any(says(hit.record, phrase) for hit in hits), phrase


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Madani", "entity.madani"),
        ("Jeddah", "entity.jeddah"),
        ("IOFS", "entity.iofs"),
        ("1.5 billion", "fact.population"),
        ("Islamophobia", "topic.terrorism-extremism-islamophobia"),
        ("2017-2018", "event.unsc-term"),
        ("Dec 1995", "event.kazakhstan-joins"),
        ("27–28 May 2015", "event.session"),
        ("ASTANA", "entity.astana"),
    ],
)
def test_expected_record_is_found(shipped_store: Store, query: str, expected: str) -> None:
    assert expected in ids(shipped_store, query)


def test_dates_are_searchable_by_display_and_iso(shipped_store: Store) -> None:
    assert "event.kazakhstan-joins" in ids(shipped_store, "1995-12")
    assert ids(shipped_store, "1995-12", kind="event") == ["event.kazakhstan-joins"]
    assert "event.session" in ids(shipped_store, "2015-05-28")


def test_aliases_are_searchable(shipped_store: Store) -> None:
    # "Organization of the Islamic Conference" is an alias of entity.oic, not its title.
    assert "entity.oic" in ids(shipped_store, "Islamic Conference")
    assert "entity.astana" in ids(shipped_store, "ASTANA")


def test_linked_entity_aliases_match(tmp_path: Path) -> None:
    rows = [
        record("entity.zebra", "entity", ["Kuwait"], title="Zebraland", aliases=["Kuwait"]),
        record(
            "fact.linked",
            "fact",
            ["56 member states"],
            title="Linked",
            text="Plain.",
            entities=["entity.zebra"],
        ),
        record("fact.unlinked", "fact", ["56 member states"], title="Unlinked", text="Plain."),
        record("fact.says", "fact", ["Kuwait"], title="Says an alias", text="Plain."),
    ]
    store = Store.open(make_store(tmp_path, rows))
    assert store.problems == []
    # A name finds the entity and the records that say any of its names...
    assert set(ids(store, "Zebraland")) == {"entity.zebra", "fact.says"}
    # ...and entity: finds every record linked to it.
    assert set(ids(store, "entity:zebraland")) == {"entity.zebra", "fact.linked"}


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_query_returns_nothing(shipped_store: Store, query: str) -> None:
    assert search(shipped_store, query) == []
    assert search(shipped_store, query, kind="event", limit=5) == []


@pytest.mark.parametrize("query", ["zzzqqq", "Aral Zanzibar", ".*", "[", "(("])
def test_nonsense_and_regex_characters(shipped_store: Store, query: str) -> None:
    assert search(shipped_store, query) == []


def test_punctuation_is_literal(shipped_store: Store) -> None:
    assert "entity.expo-2017" in ids(shipped_store, '"EXPO-2017"')
    assert "fact.headquarters" in ids(shipped_store, "(The Kingdom")
