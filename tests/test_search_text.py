"""Every sentence of every document is searchable ("In the text"), keywords fall back on
most of the words, OR and AND in capitals, and filters that name nothing explain
themselves: the engine, the notes and the CLI."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import SHIPPED_DOC_ID, make_store, record
from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.search.query import lowercase_or, parse
from oic_tui.search.service import engine_for, find, search, text_for
from oic_tui.store.reader import Store

Cli = Callable[..., tuple[int, str, str]]
# Sentence 4 of the shipped article: "They discussed issues of settlement of the situation
# in Yemen, Syria, Libya and Iraq, ..." (no record's quote holds both names).
SYRIA_LIBYA = 3
BUDGET_SECONDS = 0.5
SETTINGS = settings(max_examples=150, deadline=None)


def sentences(store: Store, query: str, **kwargs: object) -> list[tuple[str, int]]:
    """(document, sentence index) of each sentence `find` lists for a query."""
    return [(hit.doc, hit.sentence) for hit in find(store, query, **kwargs).sentences]  # type: ignore[arg-type]


# --- sentences of the text -----------------------------------------------------------


def test_syria_libya_is_found_in_sentence_4(shipped_store: Store) -> None:
    assert search(shipped_store, "Syria Libya") == []
    found = find(shipped_store, "Syria Libya")
    (hit,) = found.sentences
    assert (hit.doc, hit.sentence, hit.number) == (SHIPPED_DOC_ID, SYRIA_LIBYA, 4)
    document = shipped_store.documents[SHIPPED_DOC_ID]
    assert hit.text == document.sentence_text(document.sentences[SYRIA_LIBYA])
    assert {"syria", "libya"} <= set(hit.terms)
    # The records drawn from it, as the source view lists them beside it.
    assert {"entity.syria", "entity.libya", "topic.yemen"} <= set(hit.records)
    # And the records holding one of the words, labelled.
    assert found.hits and all(h.partial for h in found.hits)


def test_sentences_only_when_no_record_holds_every_word(shipped_store: Store) -> None:
    found = find(shipped_store, "aral sea")
    assert found.whole and found.sentences == []


@pytest.mark.parametrize(
    "query",
    [
        "syria libya",
        "SYRIA libya",
        "syri liby",
        '"Syria, Libya"',
        "libya syria iraq",
        "syrian libya",
    ],
)
def test_sentence_words_match_as_record_words_do(shipped_store: Store, query: str) -> None:
    # Case, prefixes, phrases (adjacent words), any order, stems.
    assert (SHIPPED_DOC_ID, SYRIA_LIBYA) in sentences(shipped_store, query)


@pytest.mark.parametrize(
    "query", ['"Libya Syria"', "syria libya -yemen", 'syria libya -"yemen syria"']
)
def test_phrases_and_exclusions_hold_in_sentences(shipped_store: Store, query: str) -> None:
    assert (SHIPPED_DOC_ID, SYRIA_LIBYA) not in sentences(shipped_store, query)


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("syria libya doc:2015", True),
        ("syria libya doc:kazinform", True),
        ("syria libya year:2010..2015", True),
        ("syria libya doc:2014", False),
        ("syria libya year:2016..", False),
        # Filters of records only: sentences have no kind, entity or draft.
        ("syria libya kind:topic", False),
        ("syria libya entity:syria", False),
        ("syria libya draft:", False),
    ],
)
def test_document_filters_keep_sentences_record_filters_do_not(
    shipped_store: Store, query: str, kept: bool
) -> None:
    assert bool(sentences(shipped_store, query)) is kept


def test_the_scope_and_kind_keep_or_drop_sentences(shipped_store: Store) -> None:
    assert sentences(shipped_store, "syria libya", doc=SHIPPED_DOC_ID)
    assert sentences(shipped_store, "syria libya", doc="another-doc") == []
    assert sentences(shipped_store, "syria libya", kind="topic") == []


def test_a_sentence_no_record_quotes_whole(tmp_path: Path) -> None:
    # One record quotes one word of the article: every other word is only in the text.
    store = Store.open(make_store(tmp_path, [record("entity.kuwait", quotes=["Kuwait"])]))
    assert search(store, "council met") == []
    found = find(store, "council met")
    (hit,) = found.sentences
    assert hit.text == "The council met in Kuwait on May 27-28, 2015."
    assert hit.number == 2 and hit.records == ("entity.kuwait",)
    (other,) = find(store, "established 1969").sentences
    assert other.records == ()
    # Several: best first, and as many as the limit asks.
    every = find(store, "the").sentences
    assert len(every) >= 3
    assert find(store, "the", limit=2).sentences == every[:2]


def test_the_sentence_index_is_built_once_on_first_use(tmp_path: Path) -> None:
    store = Store.open(make_store(tmp_path, [record("entity.kuwait", quotes=["Kuwait"])]))
    text = text_for(store)
    assert text is text_for(store) and not text.ready
    # Asked not to build it (the explorer's search on the event loop): nothing, incomplete.
    quick = find(store, "council met", build=False)
    assert quick.sentences == [] and not quick.complete
    assert not text.ready
    assert find(store, "council met").sentences and text.ready
    # Records found whole: the sentences are never looked at.
    assert find(store, "kuwait", build=False).complete


def test_keywords_fall_back_on_most_of_the_words(shipped_store: Store) -> None:
    found = find(shipped_store, "aral yemen")
    assert found.hits and all(hit.partial for hit in found.hits)
    missing = {hit.record.id: hit.missing for hit in found.hits}
    assert missing["entity.yemen"] == ("aral",)
    assert missing["entity.aral-sea"] == ("yemen",)
    # `search`, the palette's, does so for questions only.
    assert search(shipped_store, "aral yemen") == []
    assert find(shipped_store, "aral qqqzzz xxyyww").hits == []


# --- OR and AND ----------------------------------------------------------------------


def test_or_in_capitals_is_either(shipped_store: Store) -> None:
    found = {hit.record.id for hit in find(shipped_store, "yemen OR libya").hits}
    assert {"entity.yemen", "entity.libya", "topic.yemen", "topic.libya"} <= found
    assert found == {hit.record.id for hit in search(shipped_store, "yemen | libya")}


def test_and_in_capitals_is_the_default() -> None:
    assert parse("aral AND sea") == parse("aral sea")
    assert parse("yemen OR libya").clauses == parse("yemen | libya").clauses


@pytest.mark.parametrize("text", ["OR", "AND"])
def test_an_operator_alone_is_a_word(text: str) -> None:
    assert [u.text for c in parse(text).clauses for u in c] == [text.lower()]


def test_lowercase_or_is_a_word_but_a_stop_word_in_a_question() -> None:
    assert [u.text for c in parse("aral or yemen").clauses for u in c] == ["aral", "or", "yemen"]
    question = parse("what about aral or yemen")
    assert [u.text for c in question.clauses for u in c] == ["aral", "yemen"]
    assert "or" in question.dropped


WORDS = st.lists(st.sampled_from(["aral", "yemen", "libya", "kuwait", "and", "oic"]), min_size=2)


@SETTINGS
@given(words=WORDS)
def test_or_and_parse_as_pipe_and_space(words: list[str]) -> None:
    assert parse(" OR ".join(words)).clauses == parse(" | ".join(words)).clauses
    assert parse(" AND ".join(words)) == parse(" ".join(words))


@SETTINGS
@given(
    before=st.text(st.characters(categories=["L", "Nd"]), min_size=1, max_size=8),
    after=st.text(st.characters(categories=["L", "Nd"]), min_size=1, max_size=8),
)
def test_lowercase_or_between_words_is_noticed(before: str, after: str) -> None:
    assert lowercase_or(f"{before} or {after}") == (before, after)
    assert lowercase_or(f"{before} OR {after}") is None
    assert lowercase_or(f"{before} | {after}") is None


PIECES = ["syria", "libya", "OR", "AND", "or", "|", "-yemen", '"', "doc:", "doc:20", "year:x"]
PIECES += ["entity:astna", "kind:x", "semip", "the", "of", "2015", "?", "what"]
QUERIES = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(PIECES), max_size=12).map(" ".join),
)


@SETTINGS
@given(query=QUERIES)
def test_find_never_raises_is_prompt_and_exact(shipped_store: Store, query: str) -> None:
    started = time.perf_counter()
    found = find(shipped_store, query)
    assert time.perf_counter() - started < BUDGET_SECONDS
    assert not (found.whole and found.sentences)
    scores = [hit.score for hit in found.sentences]
    assert scores == sorted(scores, reverse=True)
    for hit in found.sentences:
        document = shipped_store.documents[hit.doc]
        assert hit.text == document.sentence_text(document.sentences[hit.sentence])
        assert all(shipped_store.get(record_id) for record_id in hit.records)
    for note in found.notes:
        assert note.subject and note.says and len(note.text) < 400


# --- notes on the query --------------------------------------------------------------


def notes(store: Store, query: str) -> list[str]:
    return [note.text for note in find(store, query).notes]


def test_an_unknown_document_is_said_with_close_ones(shipped_store: Store) -> None:
    (said,) = notes(shipped_store, "syria doc:2014")
    assert said.startswith("doc:2014 names no document")
    assert "did you mean doc:2015 (42nd CFM, Kuwait)?" in said


def test_an_unknown_document_of_a_corpus_suggests_its_label_words(corpus_store: Store) -> None:
    (said,) = notes(corpus_store, "doc:dhka")
    assert said.startswith("doc:dhka names no document")
    assert "doc:dhaka" in said


def test_an_unknown_entity_is_said_with_close_ones(shipped_store: Store) -> None:
    (said,) = notes(shipped_store, "entity:astna")
    assert said == "entity:astna names no entity; did you mean entity:Astana?"
    assert notes(shipped_store, "entity:astana") == []
    assert find(shipped_store, "entity:astna").hits == []


def test_a_year_that_is_none_says_which_forms_year_takes(shipped_store: Store) -> None:
    (said,) = notes(shipped_store, "aral year:abc")
    assert said == (
        "year:abc is not a year: use year:2015, year:1990..2000, year:2010.. or year:..1990."
    )
    assert notes(shipped_store, "aral year:2015 year:2010..") == []


def test_an_unknown_kind_is_a_note_too(shipped_store: Store) -> None:
    assert notes(shipped_store, "kind:foo") == [
        "kind:foo is not a kind: use event, topic, initiative, fact or entity."
    ]


def test_a_lowercase_or_is_hinted_only_when_no_record_holds_every_word(
    shipped_store: Store,
) -> None:
    (said,) = notes(shipped_store, "aral or sea")
    assert said.startswith("or is searched as a word;")
    assert "aral | sea (or aral OR sea)" in said
    assert notes(shipped_store, "oic or islamic") == []
    (asked,) = notes(shipped_store, "what about aral or yemen")
    assert asked.startswith("or is left out of a question;")


def test_notes_echo_values_bounded(shipped_store: Store) -> None:
    for query in ("doc:" + "q" * 10_000, "entity:" + "q" * 10_000, "year:" + "q" * 10_000):
        (said,) = notes(shipped_store, query)
        assert len(said) < 300


def test_close_names_are_found_fast_on_many_entities(shipped_store: Store) -> None:
    filters = engine_for(shipped_store).filters
    assert filters.close_entities.near("musinow") == ["musinov"]
    assert filters.close_entities.near("semipalat")[0].startswith("semipalatinsk")


# --- the CLI -------------------------------------------------------------------------


def test_cli_syria_libya_finds_sentence_4(cli: Cli) -> None:
    status, out, _ = cli("search", "Syria", "Libya")
    assert status == 0
    flat = " ".join(out.split())
    assert "In the text: 1 sentence holds every word of 'Syria Libya'" in flat
    assert "sentence 4" in flat and "Yemen, Syria, Libya and Iraq" in flat
    assert "No record holds every word" in flat


@pytest.mark.parametrize("fmt", ["--json", "--format=jsonl"])
def test_cli_json_lists_the_sentence(cli: Cli, shipped_store: Store, fmt: str) -> None:
    status, out, err = cli("search", fmt, "Syria Libya")
    assert status == 0 and err == ""
    items = json.loads(out) if fmt == "--json" else [json.loads(line) for line in out.splitlines()]
    first = items[0]
    document = shipped_store.documents[SHIPPED_DOC_ID]
    text = document.sentence_text(document.sentences[SYRIA_LIBYA])
    assert {k: first[k] for k in ("kind", "doc", "sentence", "text")} == {
        "kind": "sentence",
        "doc": SHIPPED_DOC_ID,
        "sentence": 4,
        "text": text,
    }
    assert {"entity.syria", "entity.libya"} <= set(first["records"])
    assert [text[a:b] for a, b in first["highlights"]] == ["Syria", "Libya"]
    # The records holding most of the words follow, labelled.
    assert items[1:] and all(item["partial_match"] for item in items[1:])


def test_cli_kinds_leave_the_sentences_out(cli: Cli) -> None:
    status, out, _ = cli("search", "--json", "--kind", "topic", "Syria", "Libya")
    assert status == 0
    assert {item["kind"] for item in json.loads(out)} == {"topic"}


def test_cli_or_finds_either(cli: Cli) -> None:
    status, out, _ = cli("search", "--format", "ids", "yemen", "OR", "libya")
    assert status == 0
    assert {"entity.yemen", "entity.libya"} <= set(out.split())


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["doc:2014", "aral"], "doc:2014 names no document"),
        (["entity:astna"], "entity:astna names no entity; did you mean entity:Astana?"),
        (["year:abc"], "year:abc is not a year: use year:2015, year:1990..2000"),
        (["aral", "or", "sea"], "or is searched as a word; for either word, type aral | sea"),
    ],
)
def test_cli_explains_filters_and_or(cli: Cli, argv: list[str], said: str) -> None:
    _, out, _ = cli("search", *argv)
    assert said in " ".join(out.split())
    _, out, err = cli("search", "--json", *argv)
    assert said in " ".join(err.split()) and err.startswith("oic-tui: note: ")
    json.loads(out)


def test_cli_nothing_found_says_so_in_the_document(cli: Cli) -> None:
    status, out, _ = cli("search", "zzqq", "doc:2015")
    assert status == 1
    assert "No records match zzqq doc:2015 in 42nd CFM, Kuwait." in " ".join(out.split())
    status, out, _ = cli("search", "iofs", "doc:2015")
    assert status == 0
    assert "for 'iofs doc:2015' in 42nd CFM, Kuwait" in " ".join(out.split())
