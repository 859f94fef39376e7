"""Pilot tests of drilling across documents: histories, the source per document, backlinks."""

from __future__ import annotations

from helpers import open_record, shown, static_text, typed, wait_until
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from oic_tui.store.models import Document, Record
from oic_tui.store.reader import Store
from oic_tui.store.spans import span_index
from oic_tui.tui.app import OicApp
from oic_tui.tui.screens.detail import DetailScreen
from oic_tui.tui.screens.entity import EntityScreen
from oic_tui.tui.screens.source import SourceScreen
from oic_tui.tui.widgets.history import HistoryList
from oic_tui.tui.widgets.record_list import RecordList
from oic_tui.tui.widgets.sentence_list import SentenceList, SentenceOption
from oic_tui.tui.widgets.source_excerpt import SourceExcerpt

SEED = "kazinform-2015-05-29"
DOC_2011 = "test-cfm38-astana-2011"
DOC_2018 = "test-cfm45-dhaka-2018"
DOC_2020 = "test-iofs-2020"


def history_rows(app: OicApp) -> list[str]:
    """Plain text of each step of the current detail's history."""
    history = app.screen.query_one("#history", HistoryList)
    rows = []
    for index in range(history.option_count):
        prompt = history.get_option_at_index(index).prompt
        assert isinstance(prompt, Content)
        rows.append(prompt.plain)
    return rows


def current_sentence(source: SourceScreen) -> int:
    """The index of the sentence under the source view's cursor."""
    option = source.query_one(SentenceList).highlighted_option
    assert isinstance(option, SentenceOption)
    return option.sentence.index


def sentence_of(document: Document, offset: int) -> int:
    """The index of the sentence holding a character offset."""
    sentence = document.sentence_at(offset)
    assert sentence is not None
    return sentence.index


def first_span_sentence(document: Document, record: Record) -> int:
    """The sentence of a record's first span in a document."""
    span = next(s for s in record.sources if s.doc == document.id)
    return sentence_of(document, span.start)


def title_line(source: SourceScreen) -> str:
    """The source view's line naming its document."""
    return static_text(source.query_one("#document-title", Static))


async def source_shown(pilot: Pilot[None], app: OicApp) -> SourceScreen:
    """Wait for the source view and its first paint; the screen."""
    await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), "the source to open")
    await typed(pilot)
    assert isinstance(app.screen, SourceScreen)
    return app.screen


async def test_iofs_detail_shows_its_history_in_date_order(
    corpus_pilot: Pilot[None], corpus_app: OicApp, corpus_store: Store
) -> None:
    record = await open_record(corpus_pilot, "initiative.iofs")
    assert isinstance(corpus_app.screen, DetailScreen)
    rows = history_rows(corpus_app)
    assert rows == [
        "in 28–30 Jun 2011 · proposed · CFM38 Astana (test)",
        "in 27–28 May 2015 · supported in the resolutions · 42nd CFM, Kuwait",
        "in 5–6 May 2018   · supported in the resolutions · CFM45 Dhaka (test)",
        "9 Sep 2020        · opened · IOFS 2020 (test)",
    ]
    assert [step.date.start[:4] for step in record.history if step.date] == [
        "2011",
        "2015",
        "2018",
        "2020",
    ]
    history = corpus_app.screen.query_one("#history", HistoryList)
    # The page has focus first; Tab goes on to the history, then the links.
    assert corpus_app.focused is corpus_app.screen.query_one("#detail")
    await typed(corpus_pilot, "tab")
    assert corpus_app.focused is history and history.highlighted == 0
    assert Content.from_markup(history.border_title or "").plain == "History 1/4"
    # The record's documents, by date, each with its spans.
    excerpt = static_text(corpus_app.screen.query_one(SourceExcerpt))
    assert excerpt.startswith("Documents\n30 Jun 2011 · CFM38 Astana (test) · 1 span\n")
    assert "29 May 2015 · 42nd CFM, Kuwait · 6 spans" in excerpt
    order = [excerpt.index(corpus_store.documents[d].title) for d in record.docs]
    assert order[1] < order[0] < order[2] < order[3]  # the seed (first quoted) is second


async def test_a_record_without_history_shows_none(
    corpus_pilot: Pilot[None], corpus_app: OicApp
) -> None:
    await open_record(corpus_pilot, "initiative.aral-sea")
    assert not corpus_app.screen.query(HistoryList)
    excerpt = static_text(corpus_app.screen.query_one(SourceExcerpt))
    assert not excerpt.startswith("Documents")  # one document: its title says which


async def test_enter_on_a_step_opens_its_document_at_its_sentence(
    corpus_pilot: Pilot[None], corpus_app: OicApp, corpus_store: Store
) -> None:
    record = await open_record(corpus_pilot, "initiative.iofs")
    step = record.history[0]
    await typed(corpus_pilot, "tab", "enter")
    source = await source_shown(corpus_pilot, corpus_app)
    document = corpus_store.documents[DOC_2011]
    assert source.document is document
    assert current_sentence(source) == sentence_of(document, step.source.start)
    assert title_line(source).startswith(document.title)
    assert title_line(source).endswith("document 1 of 4")
    panel = source.query_one("#sentence-records", RecordList)
    assert panel.current is not None and panel.current.id == "initiative.iofs"
    # The step's quote is reversed as the record's span in its sentence.
    sentences = source.query_one(SentenceList)
    option = sentences.get_option_at_index(sentences.highlighted or 0)
    assert isinstance(option.prompt, Content)
    assert any("reverse" in str(span.style) for span in option.prompt.spans)


async def test_stepping_through_a_records_documents(
    corpus_pilot: Pilot[None], corpus_app: OicApp, corpus_store: Store
) -> None:
    record = await open_record(corpus_pilot, "initiative.iofs")
    await typed(corpus_pilot, "s")
    source = await source_shown(corpus_pilot, corpus_app)
    # `s` opens the first quoted document; the documents are stepped through by date.
    assert source.document.id == SEED
    assert title_line(source).endswith("document 2 of 4")
    panel = source.query_one("#sentence-records", RecordList)
    visited = []
    for expected in (DOC_2018, DOC_2020, DOC_2011, SEED):
        await typed(corpus_pilot, "greater_than_sign")
        document = corpus_store.documents[expected]
        assert source.document is document
        assert current_sentence(source) == first_span_sentence(document, record)
        # The panel lists the records of this document's sentence, not another's.
        by_sentence = span_index(corpus_store).by_sentence(document)
        assert panel.records == by_sentence[current_sentence(source)]
        assert "initiative.iofs" in {r.id for r in panel.records}
        visited.append(title_line(source)[-len("document 1 of 4") :])
    assert visited == [f"document {n} of 4" for n in (3, 4, 1, 2)]
    await typed(corpus_pilot, "less_than_sign")
    assert source.document.id == DOC_2011
    await typed(corpus_pilot, "j")
    sentence = current_sentence(source)
    assert panel.records == span_index(corpus_store).by_sentence(source.document)[sentence]


async def test_back_returns_to_the_step_and_forward_to_the_same_sentence(
    corpus_pilot: Pilot[None], corpus_app: OicApp
) -> None:
    await open_record(corpus_pilot, "initiative.iofs")
    detail = corpus_app.screen
    await typed(corpus_pilot, "tab", "j", "j", "enter")
    source = await source_shown(corpus_pilot, corpus_app)
    assert source.document.id == DOC_2018
    await typed(corpus_pilot, "greater_than_sign", "j")
    where = (source.document.id, current_sentence(source))
    assert where[0] == DOC_2020
    await typed(corpus_pilot, "escape")
    assert corpus_app.screen is detail
    history = detail.query_one("#history", HistoryList)
    assert corpus_app.focused is history and history.highlighted == 2
    await typed(corpus_pilot, "right_square_bracket")
    again = await source_shown(corpus_pilot, corpus_app)
    assert again is not source
    assert (again.document.id, current_sentence(again)) == where


async def test_a_record_in_one_document_offers_no_stepping(
    corpus_pilot: Pilot[None], corpus_app: OicApp
) -> None:
    await open_record(corpus_pilot, "fact.cfm45-secretary-general")
    await typed(corpus_pilot, "s")
    source = await source_shown(corpus_pilot, corpus_app)
    assert source.document.id == DOC_2018
    assert "document" not in title_line(source).split("  ")[-1]
    assert source.check_action("step_document", (1,)) is False
    await typed(corpus_pilot, "greater_than_sign")
    assert source.document.id == DOC_2018


async def test_othaimeen_backlinks_grouped_by_document_and_year(
    corpus_pilot: Pilot[None], corpus_app: OicApp, corpus_store: Store
) -> None:
    await open_record(corpus_pilot, "entity.othaimeen")
    assert isinstance(corpus_app.screen, EntityScreen)
    backlinks = corpus_app.screen.query_one("#backlinks", RecordList)
    headings = [line.strip() for line in shown(backlinks) if line.startswith("── ")]
    assert headings == ["── 2018 · CFM45 Dhaka (test) (3)"]
    assert {r.id for r in backlinks.records} == {
        r.id for r in corpus_store.mentioning("entity.othaimeen")
    }
    assert all(r.docs == (DOC_2018,) for r in backlinks.records)


async def test_madani_backlinks_only_from_the_2015_document(
    corpus_pilot: Pilot[None], corpus_app: OicApp, corpus_store: Store
) -> None:
    await open_record(corpus_pilot, "entity.madani")
    backlinks = corpus_app.screen.query_one("#backlinks", RecordList)
    lines = shown(backlinks)
    headings = [line.strip() for line in lines if line.startswith("── ")]
    mentions = corpus_store.mentioning("entity.madani")
    assert headings == [f"── 2015 · 42nd CFM, Kuwait ({len(mentions)})"]
    # The IOFS initiative draws on four documents; it names Madani in the 2015 one only.
    assert "initiative.iofs" in {r.id for r in backlinks.records}
    # Rows say their kind, the grouping no longer does.
    assert any(line.startswith("initiative ") for line in lines)


async def test_astana_backlinks_by_document_in_date_order(
    corpus_pilot: Pilot[None], corpus_app: OicApp, corpus_store: Store
) -> None:
    await open_record(corpus_pilot, "entity.astana")
    backlinks = corpus_app.screen.query_one("#backlinks", RecordList)
    headings = [line.strip() for line in shown(backlinks) if line.startswith("── ")]
    years = [heading.split(" ")[1] for heading in headings]
    assert years == sorted(years) and len(headings) > 1
    counts = sum(int(h.rsplit("(", 1)[1].rstrip(")")) for h in headings)
    assert counts == len(corpus_store.mentioning("entity.astana")) == len(backlinks.records)


async def test_a_history_of_one_step_shows_no_timeline(pilot: Pilot[None]) -> None:
    """The shipped IOFS initiative's one step is its status already: the page stays as it was."""
    record = await open_record(pilot, "initiative.iofs")
    assert len(record.history) == 1
    assert not pilot.app.screen.query(HistoryList)
    await typed(pilot, "tab")
    assert isinstance(pilot.app.focused, RecordList)


async def test_a_history_over_two_documents(
    corpus_pilot: Pilot[None], corpus_app: OicApp, corpus_store: Store
) -> None:
    await open_record(corpus_pilot, "initiative.cfm38-food-reserve")
    assert history_rows(corpus_app) == [
        "in 28–30 Jun 2011 · proposed · CFM38 Astana (test)",
        "in 5–6 May 2018   · supported in the resolutions · CFM45 Dhaka (test)",
    ]
    await typed(corpus_pilot, "tab", "G", "enter")
    source = await source_shown(corpus_pilot, corpus_app)
    document = corpus_store.documents[DOC_2018]
    record = corpus_store.get("initiative.cfm38-food-reserve")
    assert record is not None
    step = record.history[-1]
    assert source.document is document
    assert current_sentence(source) == sentence_of(document, step.source.start)
    assert title_line(source).endswith("document 2 of 2")
