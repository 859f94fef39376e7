"""Reviewing drafts in the explorer (issue #26): `R`, then accept, reject, edit, undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers import settled, typed, wait_until
from review_pilot import (
    DOC,
    SIZE,
    TOPIC,
    annotation_file,
    app_on,
    count,
    decided,
    notice,
    on_draft,
    opened,
    review_of,
)

from oic_tui.corpus.folder import build_corpus, find_corpus
from oic_tui.store.reader import Store
from oic_tui.tui.app import NEEDS_CORPUS, OicApp, create_app
from oic_tui.tui.screens.review import ReviewScreen
from oic_tui.tui.widgets.draft_list import DraftList


async def test_r_opens_the_review_of_the_first_document_with_drafts(review_root: Path) -> None:
    async with app_on(review_root).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        assert screen.document.id == DOC
        assert "drafts left" in count(pilot.app)
        assert count(pilot.app).startswith("Sentence ")
        assert screen.query_one(DraftList).current is not None
        await typed(pilot, "escape")
        assert not isinstance(pilot.app.screen, ReviewScreen)


async def test_accept_removes_the_draft_mark_and_the_count_drops(review_root: Path) -> None:
    path = annotation_file(review_root, "topics")
    async with app_on(review_root).run_test(size=SIZE) as pilot:
        await opened(pilot)
        before = count(pilot.app)
        await on_draft(pilot, TOPIC)
        await decided(pilot, "a")
        assert notice(pilot.app) == f"accepted {TOPIC}"
        assert "\ndraft = true" not in path.read_text(encoding="utf-8")
        assert count(pilot.app) != before
        app = pilot.app
        assert isinstance(app, OicApp) and app.store is not None
        record = app.store.get(TOPIC)  # the store rebuilt, handed to the app
        assert record is not None and not record.draft


async def test_reject_removes_the_record_and_undo_restores_the_file(review_root: Path) -> None:
    path = annotation_file(review_root, "topics")
    original = path.read_bytes()
    async with app_on(review_root).run_test(size=SIZE) as pilot:
        await opened(pilot)
        await on_draft(pilot, TOPIC)
        await decided(pilot, "x")
        assert notice(pilot.app) == f"rejected {TOPIC}"
        assert TOPIC not in path.read_text(encoding="utf-8")
        await decided(pilot, "u")
        assert notice(pilot.app) == f"undid {TOPIC}"
        assert path.read_bytes() == original


async def test_t_edits_the_title(review_root: Path) -> None:
    path = annotation_file(review_root, "topics")
    async with app_on(review_root).run_test(size=SIZE) as pilot:
        await opened(pilot)
        await on_draft(pilot, TOPIC)
        await typed(pilot, "t", "ctrl+u")
        await pilot.press(*"Syria talks")
        await decided(pilot, "enter")
        assert notice(pilot.app) == f"edited {TOPIC}"
        assert 'title = "Syria talks"' in path.read_text(encoding="utf-8")


async def test_esc_cancels_the_title(review_root: Path) -> None:
    path = annotation_file(review_root, "topics")
    original = path.read_bytes()
    async with app_on(review_root).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await on_draft(pilot, TOPIC)
        await typed(pilot, "t", "z", "escape")
        assert not screen.editing and pilot.app.screen is screen
        assert path.read_bytes() == original


async def test_a_refused_accept_writes_nothing_and_says_the_rule(review_root: Path) -> None:
    path = annotation_file(review_root, "entities")
    path.write_text(path.read_text(encoding="utf-8").replace('type = "city"\n', ""), "utf-8")
    build_corpus(find_corpus(review_root))
    original = path.read_bytes()
    async with app_on(review_root).run_test(size=SIZE) as pilot:
        await opened(pilot)
        await on_draft(pilot, "entity.tashkent")
        await decided(pilot, "a")
        assert notice(pilot.app).startswith("entity.tashkent: not accepted: ")
        assert "type is required" in notice(pilot.app)
        assert path.read_bytes() == original


async def test_a_file_changed_on_disk_is_a_conflict(review_root: Path) -> None:
    path = annotation_file(review_root, "topics")
    async with app_on(review_root).run_test(size=SIZE) as pilot:
        await opened(pilot)
        await on_draft(pilot, TOPIC)
        changed = path.read_text(encoding="utf-8") + "# a curator's note\n"
        path.write_text(changed, encoding="utf-8")
        await decided(pilot, "a")
        assert "changed on disk since it was read; reloaded: decide again" in notice(pilot.app)
        assert path.read_text(encoding="utf-8") == changed
        await decided(pilot, "a")  # decided again, on the file as it is now
        assert notice(pilot.app) == f"accepted {TOPIC}"
        assert path.read_text(encoding="utf-8").endswith("# a curator's note\n")


async def test_n_p_and_next_drafted_move(review_root: Path) -> None:
    async with app_on(review_root).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        assert screen.drafted is not None
        drafted = sorted(screen.drafted.by_sentence)
        assert screen._sentence == drafted[0]
        await typed(pilot, "n")
        assert screen._sentence == drafted[0] + 1
        assert count(pilot.app).startswith(f"Sentence {drafted[0] + 2} of ")
        await typed(pilot, "p")
        assert screen._sentence == drafted[0]
        await typed(pilot, "N")
        assert screen._sentence == drafted[1]


async def test_a_db_store_says_review_needs_a_corpus(review_root: Path) -> None:
    app = create_app(store=Store.open(find_corpus(review_root).store_path))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await typed(pilot, "R")
        assert not isinstance(app.screen, ReviewScreen)
        assert [n.message for n in app._notifications] == [NEEDS_CORPUS]


async def test_review_command_opens_straight_into_the_review(review_root: Path) -> None:
    store = Store.open(find_corpus(review_root).store_path)
    app = create_app(store=store, corpus=review_root, review=DOC)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        screen = review_of(app)
        await wait_until(pilot, lambda: screen.drafted is not None, "the drafts")
        await settled(pilot)
        assert screen.document.id == DOC


def test_review_of_a_missing_document_is_one_line(review_root: Path, cli: Any) -> None:
    status, out, err = cli("review", "no-such-doc", "--corpus", str(review_root))
    assert status == 2 and out == ""
    assert err.strip().splitlines() == [
        f"oic-tui: no-such-doc: no such document in {review_root} "
        "(`oic-tui docs --corpus DIR` lists them)"
    ]


def test_review_needs_a_corpus(cli: Any) -> None:
    status, _, err = cli("review")
    assert status == 2
    assert "review works on a corpus folder (--corpus DIR)" in err


async def test_keys_typed_while_saving_are_decided_in_turn(review_root: Path) -> None:
    path = annotation_file(review_root, "topics")
    original = path.read_bytes()
    async with app_on(review_root).run_test(size=SIZE) as pilot:
        await opened(pilot)
        await on_draft(pilot, TOPIC)
        # A fast typist: the undo is pressed while the accept is still being saved.
        await typed(pilot, "a", "u")
        await wait_until(pilot, lambda: notice(pilot.app) == f"undid {TOPIC}", "the undo")
        await settled(pilot)
        assert path.read_bytes() == original


async def test_after_an_undo_the_cursor_is_back_on_the_draft(review_root: Path) -> None:
    async with app_on(review_root).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await on_draft(pilot, TOPIC)
        await decided(pilot, "x")
        await decided(pilot, "u")
        current = screen.query_one(DraftList).current
        assert current is not None and current.id == TOPIC


async def test_ctrl_r_in_the_document_picker_reviews_the_highlighted_document(
    review_root: Path,
) -> None:
    async with app_on(review_root).run_test(size=SIZE) as pilot:
        await settled(pilot)
        await typed(pilot, "d", *"2016")
        await typed(pilot, "ctrl+r")
        screen = review_of(pilot.app)
        assert screen.document.id == DOC
