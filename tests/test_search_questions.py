"""Plain questions: question and stop words are dropped, and when no record holds every
word of a question the records holding most of them are shown, labelled as partial."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import ids, make_store, record

from oic_tui.search.query import parse
from oic_tui.search.service import search
from oic_tui.store.reader import Store

# Each question about the shipped article, and the record that answers it (top 3 expected).
QUESTIONS = [
    ("when was the oic founded", "fact.founded"),
    ("how many member states", "fact.members"),
    ("how many member states does the oic have", "fact.members"),
    ("who led the delegation", "entity.musinov"),
    ("who led the kazakhstan delegation", "entity.musinov"),
    ("where is the oic general secretariat", "fact.headquarters"),
    ("when did kazakhstan join the oic", "fact.kazakhstan-member"),
    ("when did kazakhstan become a member of the oic", "event.kazakhstan-joins"),
    ("what was the former name of the oic", "fact.former-name"),
    ("when was the oic renamed", "event.oic-renamed"),
    ("who is the secretary general of the oic", "fact.secretary-general"),
    ("how many resolutions were adopted", "fact.resolutions"),
    ("where was the 42nd session held", "fact.session"),
    ("when was the session held", "fact.session"),
    ("what is the population of the oic member states", "fact.population"),
    ("how many observers does the oic have", "fact.observers"),
    ("what did kazakhstan propose about the aral sea", "initiative.aral-sea"),
    ("where are the iofs headquarters", "initiative.iofs"),
    ("what is the iofs", "entity.iofs"),
    ("which membership did kazakhstan seek on the un security council", "initiative.unsc-bid"),
    ("who reported on the session", "event.report-published"),
    ("what was the special session about", "event.special-session"),
]


@pytest.mark.parametrize(("question", "expected"), QUESTIONS)
def test_question_finds_its_record(shipped_store: Store, question: str, expected: str) -> None:
    assert expected in ids(shipped_store, question)[:3]


def test_enough_questions() -> None:
    assert len(QUESTIONS) >= 15


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("when was the oic founded", ["oic", "founded"]),
        ("how many member states", ["member", "states"]),
        ("who led the delegation", ["led", "delegation"]),
        ("what is the oic?", ["oic"]),
    ],
)
def test_question_words_dropped(question: str, kept: list[str]) -> None:
    query = parse(question)
    assert [unit.text for clause in query.clauses for unit in clause] == kept
    assert query.dropped


@pytest.mark.parametrize("text", ["the oic", "member states", "how", "who was", '"who was"'])
def test_not_a_question_keeps_every_word(text: str) -> None:
    # Too short to read as a question, or only question words: searched as typed.
    query = parse(text)
    assert query.dropped == ()
    assert query.clauses


def test_question_keeps_filters(shipped_store: Store) -> None:
    found = ids(shipped_store, "when was the oic founded kind:fact")
    assert found[0] == "fact.founded"
    assert {i.split(".")[0] for i in found} == {"fact"}


@pytest.mark.parametrize(
    "question", ["when was the oic founded", "how many member states", "who led the delegation"]
)
def test_issue_questions_find_whole_matches(shipped_store: Store, question: str) -> None:
    hits = search(shipped_store, question)
    assert hits
    assert not any(hit.partial for hit in hits[:3])


def test_partial_matches_when_no_record_holds_every_word(shipped_store: Store) -> None:
    hits = search(shipped_store, "what about aral yemen")
    assert hits
    assert all(hit.partial for hit in hits)
    found = {hit.record.id: hit.missing for hit in hits}
    assert found["entity.yemen"] == ("aral",)
    assert found["entity.aral-sea"] == ("yemen",)


def test_whole_matches_are_never_partial(shipped_store: Store) -> None:
    hits = search(shipped_store, "what about the aral sea")
    assert hits
    assert not any(hit.partial for hit in hits)


def test_partial_needs_at_least_half_the_words(shipped_store: Store) -> None:
    assert search(shipped_store, "what about aral qqqzzz xxyyww") == []


def test_keywords_still_need_every_word(shipped_store: Store) -> None:
    # In `search` (the palette's) only a question falls back to partial matches; the
    # search box and the CLI (`find`) do for keywords too (test_search_text.py).
    assert search(shipped_store, "aral yemen") == []


def test_partial_only_the_records_holding_the_most(tmp_path: Path) -> None:
    store = Store.open(
        make_store(
            tmp_path,
            [
                # Topics, not entities: an entity's name would be searched as one phrase.
                record("topic.one", "topic", title="Alpha beta", text="Alpha beta."),
                record("topic.two", "topic", title="Alpha", text="Alpha."),
                record("topic.three", "topic", title="Gamma", text="Gamma."),
            ],
        )
    )
    hits = search(store, "alpha beta gamma?")
    assert [hit.record.id for hit in hits] == ["topic.one"]
    assert hits[0].missing == ("gamma",)


def test_partial_respects_exclusions_and_kinds(shipped_store: Store) -> None:
    hits = search(shipped_store, "what of aral yemen -restoration", kind="topic")
    assert [hit.record.id for hit in hits] == ["topic.yemen"]


def test_cli_json_labels_partial_hits(cli: Callable[..., tuple[int, str, str]]) -> None:
    status, out, _ = cli("search", "--json", "what", "about", "aral", "yemen")
    assert status == 0
    hits = json.loads(out)
    assert isinstance(hits, list)
    assert all(hit["partial_match"] for hit in hits)
    by_id = {hit["id"]: hit for hit in hits}
    assert by_id["entity.yemen"]["missing_words"] == ["aral"]
    status, out, _ = cli("search", "--json", "what", "about", "aral", "sea")
    assert not any(hit["partial_match"] for hit in json.loads(out))


def test_cli_table_labels_partial_hits(cli: Callable[..., tuple[int, str, str]]) -> None:
    _, out, _ = cli("search", "what", "about", "aral", "yemen")
    assert "No record holds every word" in out
    assert "without: aral" in out
    _, out, _ = cli("search", "what", "about", "aral", "sea")
    assert "No record holds every word" not in out
