"""Pilot tests: `n` / `N` step through every search match on a record's page, quotes too."""

from __future__ import annotations

from helpers import open_record, static_text, typed
from textual.content import Content

from oic_tui.store.reader import Store
from oic_tui.tui.app import create_app
from oic_tui.tui.screens.detail import DetailScreen
from oic_tui.tui.widgets.match_view import CURRENT_MATCH_STYLE, MatchView
from oic_tui.tui.widgets.record_view import RecordView
from oic_tui.tui.widgets.source_excerpt import SourceExcerpt

SIZE = (100, 30)


def current_match(view: MatchView) -> str | None:
    """The text marked as the current match in a view, if any."""
    content = view.content
    assert isinstance(content, Content)
    marked = [s for s in content.spans if str(s.style) == CURRENT_MATCH_STYLE]
    assert len(marked) <= 1
    return content.plain[marked[0].start : marked[0].end] if marked else None


async def test_n_steps_through_the_record_then_its_quotes_and_wraps(
    shipped_store: Store,
) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"aral", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailScreen)
        record_view = screen.query_one(RecordView)
        excerpt = screen.query_one(SourceExcerpt)
        in_record, in_quotes = len(record_view.matches), len(excerpt.matches)
        assert in_record and in_quotes
        total = in_record + in_quotes
        assert str(screen.sub_title) == f"{total} matches: n / N to step through them"
        for step in range(1, total + 1):
            await pilot.press("n")
            view, other = (record_view, excerpt) if step <= in_record else (excerpt, record_view)
            assert (current_match(view) or "").lower() == "aral", step
            assert current_match(other) is None
            assert str(screen.sub_title) == f"match {step} of {total}"
        await pilot.press("n")
        assert str(screen.sub_title) == f"match 1 of {total}"
        await pilot.press("N")
        assert str(screen.sub_title) == f"match {total} of {total}"
        assert current_match(excerpt) is not None and current_match(record_view) is None


async def test_quote_matches_exclude_the_context_around_the_quote(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # "terrorism" is in the sentence before the Aral quote, not in the quote.
        await typed(pilot, "slash", *"aral terrorism")
        await open_record(pilot, "initiative.aral-sea", terms=["aral", "terrorism"])
        excerpt = app.screen.query_one(SourceExcerpt)
        content = excerpt.content
        assert isinstance(content, Content) and "terrorism" in content.plain
        words = {content.plain[start:end].lower() for start, end in excerpt.matches}
        assert words == {"aral"}


async def test_no_match_in_the_id_and_one_excerpt_per_sentence(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        record = await open_record(pilot, "topic.nuclear", terms=["nuclear"])
        view = app.screen.query_one(RecordView)
        header = static_text(view).split("\n")[0]
        assert "topic.nuclear" in header
        assert view.matches and all(start > len(header) for start, _ in view.matches)
        excerpt = static_text(app.screen.query_one(SourceExcerpt))
        sentences = {shipped_store.document.sentence_at(s.start) for s in record.sources}
        assert len(record.sources) > len(sentences)
        assert excerpt.count("Sentence ") == len(sentences)
