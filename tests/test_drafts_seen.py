"""Drafts seen everywhere (issue #26): the header counts a corpus's drafts left to review,
the document picker (`d`) each document's and, on "All documents", all of them."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest
from helpers import (
    SIZE,
    default_records,
    imported_corpus,
    make_store,
    record,
    settled,
    static_text,
    typed,
    wait_until,
)
from textual.pilot import Pilot
from textual.widgets._header import HeaderTitle

from oic_tui.corpus.folder import find_corpus
from oic_tui.store.drafts_count import draft_counts, to_review
from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.screens.documents import ALL, DocumentsScreen

# TEST DATA: a short fictional article written for these tests; importing it makes drafts.
ARTICLE = (
    "date 2016-10-20 ASTANA. KAZINFORM - The 43rd Session of the OIC Council of Foreign "
    "Ministers was held on October 18-19, 2016 in Tashkent. Kazakhstan proposed to hold a "
    "forum on food security in Astana in 2017. Delegations of the OIC Member States "
    "discussed the situation in Syria.\n"
)
SEED = "kazinform-2015-05-29"


@pytest.fixture(scope="module")
def drafts_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A corpus of the shipped document (no drafts) and one imported text (all drafts)."""
    root = imported_corpus(tmp_path_factory.mktemp("drafts"), ARTICLE)
    return Store.open(find_corpus(root).store_path)


def header_text(app: OicApp) -> str:
    return static_text(app.screen.query_one(HeaderTitle))


def drafts_in(store: Store) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in store.records:
        for doc_id in row.docs if row.draft else ():
            counts[doc_id] = counts.get(doc_id, 0) + 1
    return counts


def test_drafts_are_counted_once_per_store_in_all_and_by_document(drafts_store: Store) -> None:
    counts = draft_counts(drafts_store)
    assert counts is draft_counts(drafts_store)
    assert counts.total == sum(r.draft for r in drafts_store.records) > 1
    assert counts.by_doc == drafts_in(drafts_store)
    assert SEED not in counts.by_doc  # the shipped document's records are reviewed
    assert to_review(drafts_store) == f"{counts.total} drafts to review"


def test_the_shipped_store_has_none_to_review(shipped_store: Store) -> None:
    assert draft_counts(shipped_store).total == 0
    assert to_review(shipped_store) == ""


async def test_the_header_counts_the_drafts_to_review(drafts_store: Store) -> None:
    total = draft_counts(drafts_store).total
    async with create_app(store=drafts_store).run_test(size=SIZE) as pilot:
        await settled(pilot)
        app = pilot.app
        assert isinstance(app, OicApp)
        assert header_text(app).endswith(f"All documents (2) · {total} drafts to review")
        await typed(pilot, "d", "enter")  # explore one document: still counted in all
        await settled(pilot)
        assert header_text(app).endswith(f" · {total} drafts to review")


async def test_a_store_that_arrives_after_the_first_paint_gets_its_count(
    drafts_store: Store,
) -> None:
    opening: Future[Store] = Future()
    app = create_app(opening=opening)
    async with app.run_test(size=SIZE) as pilot:
        assert app.store is None
        assert "draft" not in header_text(app)
        opening.set_result(drafts_store)
        await wait_until(pilot, lambda: app.store is drafts_store, "the store")
        await settled(pilot)
        assert header_text(app).endswith(" drafts to review")


async def test_no_count_in_the_header_of_the_shipped_store(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, OicApp)
    assert "draft" not in header_text(app)
    assert header_text(app) == f"{app.title} — {app.sub_title}"


async def test_the_picker_shows_the_drafts_of_each_document_and_of_all(
    drafts_store: Store,
) -> None:
    counts = draft_counts(drafts_store)
    async with create_app(store=drafts_store).run_test(size=SIZE) as pilot:
        await settled(pilot)
        await typed(pilot, "d")
        await settled(pilot)
        picker = pilot.app.screen
        assert isinstance(picker, DocumentsScreen)
        texts = dict(zip(picker.entries, map(picker.entry_text, range(3)), strict=True))
        assert f" · {counts.total} drafts" in texts.pop(ALL)
        assert "draft" not in texts.pop(SEED)  # none left: no note
        ((doc_id, text),) = texts.items()
        assert f"{doc_id} · {counts.by_doc[doc_id]} drafts · " in text.splitlines()[0]


async def test_one_draft_in_a_store_of_one_document(tmp_path: Path) -> None:
    """A single document's store keeps the session's subtitle: the header is redrawn for
    the store arriving, and says `1 draft`."""
    rows = [*default_records(), record("entity.drafted-body", draft=True)]
    opening: Future[Store] = Future()
    app = create_app(opening=opening)
    async with app.run_test(size=SIZE) as pilot:
        opening.set_result(Store.open(make_store(tmp_path, rows)))
        await wait_until(pilot, lambda: app.store is not None, "the store")
        await settled(pilot)
        assert header_text(app) == f"{app.title} — {app.sub_title} · 1 draft to review"


def test_a_drafted_step_is_counted_and_marked_in_the_history(tmp_path: Path) -> None:
    # TEST DATA: a fictional sentence that import drafts as a step of the IOFS's history.
    text = "date 2021-03-01 NUR-SULTAN. KAZINFORM - Pakistan joined the IOFS in 2018.\n"
    store = Store.open(find_corpus(imported_corpus(tmp_path, text)).store_path)
    doc = "kazinform-2021-03-01"
    iofs = store.get("initiative.iofs")
    assert iofs is not None
    drafted = [step for step in iofs.history if step.draft]
    assert [(s.status, s.source.doc) for s in drafted] == [("joined", doc)]
    records = sum(1 for r in store.records if r.draft and doc in r.docs)
    # The header, the picker and the review count the same drafts: records and step rows.
    assert draft_counts(store).by_doc[doc] == records + 1
    # A draft step never sets the initiative's status.
    assert iofs.status != "joined"
