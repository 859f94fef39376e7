"""Pilot tests: the results' "In the text" group (Enter opens the source at the sentence),
notes on filters that name nothing, and results scoped to a document saying so."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from helpers import (
    SHIPPED_DOC_ID,
    SIZE,
    STORE_JSON,
    breadcrumb,
    open_record,
    results_list,
    settled,
    shown,
    static_text,
    typed,
)
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from oic_tui.present.export import sentence_citation
from oic_tui.search.sentences import SentenceHit
from oic_tui.search.service import engine_for, text_for
from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.screens import search as search_screen
from oic_tui.tui.screens.drill_search import SearchScreen
from oic_tui.tui.screens.main import MainScreen
from oic_tui.tui.screens.search import SentenceRow
from oic_tui.tui.screens.source import SourceScreen
from oic_tui.tui.widgets.sentence_list import SentenceList, SentenceOption

# Sentence 4 of the shipped article names both; no record's quote does.
SYRIA_LIBYA = 3
DHAKA = "test-cfm45-dhaka-2018"


def notice(app: OicApp) -> Static:
    return app.screen.query_one("#no-results", Static)


def title(app: OicApp) -> str:
    """The results' title, as plain text."""
    return Content.from_markup(results_list(app).border_title or "").plain


def source_sentence(app: OicApp) -> int:
    """The index of the sentence the source view has under its cursor."""
    assert isinstance(app.screen, SourceScreen)
    option = app.screen.query_one(SentenceList).highlighted_option
    assert isinstance(option, SentenceOption)
    return option.sentence.index


async def test_in_the_text_lists_the_sentence_first(pilot: Pilot[None], app: OicApp) -> None:
    await typed(pilot, "slash", *"Syria Libya")
    results = results_list(app)
    rows = shown(results)
    assert rows[0].startswith("── In the text (1)")
    assert rows[1].startswith("42nd CFM, Kuwait, sentence 4 · ")
    assert "Yemen, Syria, Libya and Iraq" in rows[1]
    # Then the records holding one of the words, as for a question.
    assert rows[2].startswith("── Entities (2)") and "Situation in Syria" in " ".join(rows)
    assert "most of the words" in title(app)
    assert not notice(app).display
    # The words are highlighted in the sentence.
    line = results.row_content(1)
    marked = {line.plain[s.start : s.end] for s in line.spans if "reverse" in str(s.style)}
    assert {"Syria", "Libya"} <= marked


@pytest.mark.parametrize("keys", [("enter",), ("down", "enter")])
async def test_enter_opens_the_source_at_the_sentence(
    pilot: Pilot[None], app: OicApp, keys: tuple[str, ...]
) -> None:
    await typed(pilot, "slash", *"Syria Libya", *keys)
    assert isinstance(app.screen, SourceScreen)
    assert app.screen.document.id == SHIPPED_DOC_ID
    assert source_sentence(app) == SYRIA_LIBYA
    assert breadcrumb(app) == "Search “Syria Libya” › Source"
    await typed(pilot, "escape")
    assert isinstance(app.screen, MainScreen) and app.main_screen.searching
    assert shown(results_list(app))[0].startswith("── In the text")


async def test_s_on_a_sentence_row_opens_the_source_at_it(pilot: Pilot[None], app: OicApp) -> None:
    await typed(pilot, "slash", *"Syria Libya", "down")
    assert isinstance(results_list(app).current, SentenceRow)
    await typed(pilot, "s")
    assert isinstance(app.screen, SourceScreen)
    assert app.screen.document.id == SHIPPED_DOC_ID
    assert source_sentence(app) == SYRIA_LIBYA


async def test_a_sentence_row_copies_the_sentence_and_is_not_exported(
    pilot: Pilot[None], app: OicApp, shipped_store: Store
) -> None:
    await typed(pilot, "slash", *"Syria Libya", "down")
    results = results_list(app)
    assert isinstance(results.current, SentenceRow)
    subject = app.main_screen.subject()
    assert subject.sentence is not None and subject.sentence.index == SYRIA_LIBYA
    assert subject.record is None
    assert subject.records and not any(isinstance(r, SentenceRow) for r in subject.records)
    await typed(pilot, "y")
    document = shipped_store.documents[SHIPPED_DOC_ID]
    assert app.clipboard == sentence_citation(document, document.sentences[SYRIA_LIBYA])


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("doc:2014 aral", "doc:2014 names no document"),
        ("doc:2014 aral", "did you mean doc:2015 (42nd CFM, Kuwait)?"),
        ("entity:astna", "entity:astna names no entity; did you mean entity:Astana?"),
        ("year:abc", "year:abc is not a year: use year:2015, year:1990..2000"),
        ("kind:foo", "kind:foo is not a kind: use event, topic, initiative, fact or entity"),
    ],
)
async def test_filters_that_name_nothing_say_so(
    pilot: Pilot[None], app: OicApp, query: str, said: str
) -> None:
    await typed(pilot, "slash", *query)
    assert notice(app).display
    assert said in static_text(notice(app))


async def test_a_lowercase_or_is_hinted_above_the_results(pilot: Pilot[None], app: OicApp) -> None:
    await typed(pilot, "slash", *"aral or sea")
    assert results_list(app).records
    assert notice(app).display
    assert "for either word, type aral | sea (or aral OR sea)" in static_text(notice(app))
    await typed(pilot, *["backspace"] * 6, *"OR sea")
    assert not notice(app).display


async def test_results_scoped_to_a_document_say_so(corpus_pilot: Pilot[None]) -> None:
    app = corpus_pilot.app
    assert isinstance(app, OicApp)
    app.main_screen.scope = DHAKA
    await settled(corpus_pilot)
    await typed(corpus_pilot, "slash", *"kazakhstan")
    assert title(app).startswith("Results in CFM45 Dhaka (test) 1/")
    await typed(corpus_pilot, *["backspace"] * 10, *"zzqq")
    assert "No records match zzqq in " in static_text(notice(app))
    app.main_screen.scope = None
    await settled(corpus_pilot)
    assert title(app).startswith("Results ") and "Results in" not in title(app)


async def test_sentences_come_once_their_index_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    # As on a large store: Down searches at once, without the sentences (their index is
    # not built, and must not be on the event loop); the worker's answer then adds them.
    monkeypatch.setattr(search_screen, "INDEX_AT_ONCE", 0)
    store = Store.open(STORE_JSON)
    engine_for(store).warm()
    text = text_for(store)
    # The workers wait (as while a large store's sentences are indexed) until let go.
    gate = threading.Event()
    indexing = text.search

    def slowly(*args: Any, **kwargs: Any) -> list[SentenceHit]:
        gate.wait(5)
        return indexing(*args, **kwargs)

    monkeypatch.setattr(text, "search", slowly)
    app = create_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await typed(pilot, "slash")
        screen = app.main_screen
        # Pasted, then Down before the worker answers: searched at once, sentences aside.
        screen.search_bar.value = "Syria Libya"
        screen.on_search_bar_leave_down()
        rows = shown(results_list(app))
        assert rows[0].startswith("── Entities") and not text.ready
        gate.set()
        await settled(pilot)
        assert shown(results_list(app))[0].startswith("── In the text (1)")
        assert app.focused is results_list(app)


async def test_a_search_over_a_drill_down_opens_the_sentence_too(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, OicApp)
    await open_record(pilot, "topic.yemen")
    await typed(pilot, "slash", *"Syria Libya", "enter")
    assert source_sentence(app) == SYRIA_LIBYA
    assert breadcrumb(app).endswith("Situation in Yemen › Search “Syria Libya” › Source")
    await typed(pilot, "escape")
    assert isinstance(app.screen, SearchScreen)
