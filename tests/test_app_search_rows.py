"""Result rows in the explorer say why they matched, what an initiative rests on, and when
they hold only most of a question's words."""

from __future__ import annotations

from helpers import results_list, typed
from textual.content import Content
from textual.pilot import Pilot

from oic_tui.tui.app import OicApp


def rows_by_id(app: OicApp) -> dict[str, str]:
    results = results_list(app)
    texts = [results.row_content(i).plain for i in range(len(results.row_texts()))]
    ids = iter(r.id for r in results.records)
    return {next(ids): text for text in texts if not text.startswith("──")}


async def test_a_row_whose_title_does_not_show_the_match_gets_a_snippet(
    pilot: Pilot[None], app: OicApp
) -> None:
    await typed(pilot, "slash", *"astana")
    rows = rows_by_id(app)
    assert "ASTANA. KAZINFORM" in rows["entity.kazinform"]
    # The title already says it: no snippet.
    assert rows["entity.astana"].startswith("Astana") and "…" not in rows["entity.astana"]
    results = results_list(app)
    index = [r.id for r in results.records].index("entity.kazinform")
    row = next(
        results.row_content(i)
        for i in range(len(results.row_texts()))
        if "KAZINFORM" in results.row_content(i).plain and i >= index
    )
    assert isinstance(row, Content)
    start = row.plain.index("ASTANA")
    assert any(span.start <= start < span.end for span in row.spans)  # highlighted


async def test_the_iofs_result_row_leads_with_its_title(pilot: Pilot[None], app: OicApp) -> None:
    await typed(pilot, "slash", *"iofs")
    row = rows_by_id(app)["initiative.iofs"]
    # Its missing proposer is the page's to say, not the row's (#27).
    assert row.startswith("supported  Establishment of the IOFS")
    assert "proposer not stated" not in row
    # The article names nobody who advanced it (issue #24): the row says when, and the match.
    assert "(promoted by" not in row
    assert "(in 27–28 May 2015; " in row


async def test_a_question_matched_in_part_says_so(pilot: Pilot[None], app: OicApp) -> None:
    await typed(pilot, "slash", *"who chaired the council of foreign ministers")
    title = Content.from_markup(results_list(app).border_title or "").plain
    assert title.endswith("· most of the words")
    await typed(pilot, "escape", "slash", "ctrl+u", *"aral sea")
    title = Content.from_markup(results_list(app).border_title or "").plain
    assert "most of the words" not in title
