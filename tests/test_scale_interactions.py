"""Large stores never freeze the interface: the palette asks the search engine instead of
matching every title, and the source view reads an index of spans, not every record per
sentence. (How fast, at 100k records, is measured in benchmarks/interaction_bench.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SIZE, generated_store, ids, make_store, record, settled, typed
from textual.command import CommandPalette
from textual.fuzzy import Matcher
from textual.widgets import Input, OptionList

from oic_tui.store.reader import Store
from oic_tui.store.spans import SpanIndex, span_index
from oic_tui.tui.app import create_app
from oic_tui.tui.commands import PALETTE_HITS, TITLE_WIDTH
from oic_tui.tui.screens.detail import DetailScreen
from oic_tui.tui.screens.source import SourceScreen
from oic_tui.tui.widgets.record_list import RecordList
from oic_tui.tui.widgets.sentence_list import SentenceList

RECORDS = 3000


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A generated store of thousands of records over many documents."""
    return Store.open(generated_store(tmp_path_factory.mktemp("large") / "s.json", RECORDS))


def every_sentence_by_scan(store: Store) -> dict[tuple[str, int], list[str]]:
    """What `Store.from_span` says for every sentence of every document (the slow way)."""
    return {
        (doc.id, sentence.index): [
            r.id for r in store.from_span(doc.id, sentence.start, sentence.end)
        ]
        for doc in store.documents.values()
        for sentence in doc.sentences
    }


@pytest.mark.parametrize("which", ["shipped", "large"])
def test_the_span_index_agrees_with_scanning_every_record(
    shipped_store: Store, large: Store, which: str
) -> None:
    store = shipped_store if which == "shipped" else large
    index = SpanIndex(store.records)
    indexed = {
        (doc.id, index_): [r.id for r in records]
        for doc in store.documents.values()
        for index_, records in index.by_sentence(doc).items()
    }
    assert indexed == every_sentence_by_scan(store)
    assert any(indexed.values())


def test_spans_at_sentence_edges_and_of_no_length(tmp_path: Path) -> None:
    # Quotes that end exactly where a sentence starts, span two sentences, or are empty.
    store = Store.open(
        make_store(tmp_path, [record("fact.a", "fact", ["1969. It has"], title="Across")])
    )
    index = span_index(store)
    assert index is span_index(store)  # built once per store
    assert {
        (store.document.id, n): [r.id for r in records]
        for n, records in index.by_sentence(store.document).items()
    } == every_sentence_by_scan(store)


async def test_the_source_view_never_scans_the_store_per_sentence(
    large: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = every_sentence_by_scan(large)

    def scan(*_: object) -> None:
        raise AssertionError("the source view scanned every record for a sentence")

    monkeypatch.setattr(Store, "from_span", scan)
    app = create_app(store=large)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await typed(pilot, "1", "s")
        source = app.screen
        assert isinstance(source, SourceScreen)
        sentences = source.query_one(SentenceList)
        panel = source.query_one("#sentence-records", RecordList)
        for _ in range(min(sentences.option_count, 6)):
            option = sentences.highlighted_option
            assert option is not None
            shown = [r.id for r in panel.records]
            assert shown == expected[(source.document.id, option.sentence.index)]  # type: ignore[attr-defined]
            await typed(pilot, "j")


async def test_the_palette_asks_the_engine_not_every_title(
    large: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    real_match = Matcher.match

    def counted(self: Matcher, candidate: str) -> float:
        nonlocal calls
        calls += 1
        return real_match(self, candidate)

    monkeypatch.setattr(Matcher, "match", counted)
    target = next(r for r in large.records if r.kind == "fact")
    word = max(target.title.split(), key=len)
    app = create_app(store=large)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await typed(pilot, "ctrl+p", *word)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(OptionList)
        assert options.option_count > 0
        # Every other command of the palette is matched too, but no title past the hits.
        assert calls < len(word) * (PALETTE_HITS + 40) < RECORDS
        prompts = [str(options.get_option_at_index(n).prompt) for n in range(3)]
        assert any(word.lower() in prompt.lower() for prompt in prompts)


async def test_the_palette_opens_a_record_found_by_its_title(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await typed(pilot, "ctrl+p", *"restoration aral")
        await typed(pilot, "enter")
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.record.title == "Restoration of the Aral Sea region"


async def test_the_palette_keeps_answering_at_the_first_letter_of_a_word(
    shipped_store: Store,
) -> None:
    # The engine takes prefixes from two letters on; the palette must not go blank (and
    # wait for Textual's poll) each time a next word is begun.
    assert ids(shipped_store, "restoration r") == []
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await typed(pilot, "ctrl+p", *"restoration r")
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        assert any(p.startswith("Restoration of the Aral Sea region") for p in prompts)


async def test_the_palette_cuts_a_huge_title(tmp_path: Path) -> None:
    huge = "Zanzibar " + "very long title " * 20_000
    path = make_store(tmp_path, [record("fact.huge", "fact", ["Kuwait"], title=huge)])
    app = create_app(store=Store.open(path))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await typed(pilot, "ctrl+p", *"zanzibar")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(Input).value == "zanzibar"
        options = palette.query_one(OptionList)
        assert options.option_count == 1
        prompt = str(options.get_option_at_index(0).prompt)
        assert prompt.startswith("Zanzibar very long title")
        assert len(prompt.splitlines()[0]) <= TITLE_WIDTH
