"""Inflections (Snowball stems) and curated synonyms: found, and ranked below the word."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ids, make_store, record

from oic_tui.search.engine import SearchEngine
from oic_tui.search.stems import read_synonyms, same_stem, shipped_synonyms, stem, synonym_map
from oic_tui.store.reader import Store


def _topics(tmp_path: Path, texts: dict[str, str]) -> Store:
    rows = [record(f"topic.{name}", "topic", title=name, text=text) for name, text in texts.items()]
    return Store.open(make_store(tmp_path, rows))


def test_stems() -> None:
    assert stem("members") == stem("member") == "member"
    assert stem("founded") == stem("founding")
    assert stem("oic") == "oic"  # short words are their own stem
    assert stem("2015") == "2015"


def test_same_stem_looks_up_the_vocabulary() -> None:
    terms = sorted(["countries", "country", "member", "members", "membership", "counter"])
    assert same_stem("members", terms) == ["member"]
    assert same_stem("country", terms) == ["countries"]
    assert same_stem("oic", terms) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [("members", "fact.members"), ("members", "entity.oic-member-states")],
)
def test_inflection_finds_the_record(shipped_store: Store, query: str, expected: str) -> None:
    assert expected in ids(shipped_store, query)


@pytest.mark.parametrize("expected", ["fact.founded", "event.oic-founded"])
def test_founded_finds_established(shipped_store: Store, expected: str) -> None:
    assert expected in ids(shipped_store, "founded")[:3]


def test_exact_word_ranks_above_its_inflection(tmp_path: Path) -> None:
    store = _topics(tmp_path, {"a": "The member voted.", "b": "The members voted."})
    assert ids(store, "members") == ["topic.b", "topic.a"]
    assert ids(store, "member")[0] == "topic.a"


def test_synonym_ranks_below_the_word(tmp_path: Path) -> None:
    store = _topics(tmp_path, {"a": "It was established in 1969.", "b": "It was founded in 1969."})
    assert ids(store, "founded") == ["topic.b", "topic.a"]
    assert ids(store, "established") == ["topic.a", "topic.b"]


def test_engine_takes_its_synonyms(tmp_path: Path) -> None:
    store = _topics(tmp_path, {"a": "The head of the team.", "b": "Nothing here."})
    with_list = SearchEngine(store.records, synonyms=synonym_map([["chief", "head"]]))
    without = SearchEngine(store.records, synonyms={})
    assert [h.record.id for h in with_list.search("chief")] == ["topic.a"]
    assert without.search("chief") == []


def test_shipped_synonyms() -> None:
    synonyms = shipped_synonyms()
    assert stem("established") in synonyms[stem("founded")]
    assert stem("chief") in synonyms[stem("head")]


def test_synonym_list_absent_or_broken_means_none(tmp_path: Path) -> None:
    assert read_synonyms(tmp_path / "missing.toml") == {}
    broken = tmp_path / "broken.toml"
    broken.write_text("[[synonyms]\nwords = [", encoding="utf-8")
    assert read_synonyms(broken) == {}
    odd = tmp_path / "odd.toml"
    odd.write_text('synonyms = "x"\n[[other]]\nwords = 1\n', encoding="utf-8")
    assert read_synonyms(odd) == {}


def test_synonym_groups_skip_what_is_not_a_word(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        '[[synonyms]]\nwords = ["seat", "head office", 3, "headquarters"]\n'
        "[[synonyms]]\nwords = 'nope'\n",
        encoding="utf-8",
    )
    assert read_synonyms(path) == {"seat": ("headquart",), "headquart": ("seat",)}
