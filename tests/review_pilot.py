"""Driving the review screen under a pilot: a corpus with drafts, keys, what it says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers import settled, static_text, typed, wait_until
from textual.pilot import Pilot
from textual.widgets import Static

from oic_tui.corpus.folder import find_corpus
from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.screens.review import ReviewScreen
from oic_tui.tui.widgets.draft_list import DraftList

# TEST DATA: a short fictional article written for these tests; importing it makes drafts.
ARTICLE = (
    "date 2016-10-20 ASTANA. KAZINFORM - The 43rd Session of the OIC Council of Foreign "
    "Ministers was held on October 18-19, 2016 in Tashkent. Kazakhstan proposed to hold a "
    "forum on food security in Astana in 2017. Delegations of the OIC Member States "
    "discussed the situation in Syria.\n"
)
DOC = "kazinform-2016-10-20"
SIZE = (120, 36)
TOPIC = f"topic.{DOC}.s4"
EVENT = f"event.{DOC}.s2"
INITIATIVE = f"initiative.{DOC}.s3"


def annotation_file(root: Path, name: str) -> Path:
    return root / "documents" / DOC / f"{name}.toml"


def app_on(root: Path) -> OicApp:
    return create_app(store=Store.open(find_corpus(root).store_path), corpus=root)


def review_of(app: Any) -> ReviewScreen:
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def notice(app: Any) -> str:
    return static_text(review_of(app).query_one("#review-notice", Static))


def count(app: Any) -> str:
    return static_text(review_of(app).query_one("#review-count", Static))


async def opened(pilot: Pilot[None]) -> ReviewScreen:
    """Press `R` and wait for the review to have read the drafts."""
    await settled(pilot)
    await typed(pilot, "R")
    screen = review_of(pilot.app)
    await wait_until(pilot, lambda: screen.drafted is not None, "the drafts")
    await settled(pilot)
    return screen


async def on_draft(pilot: Pilot[None], record_id: str) -> None:
    """Move to the sentence holding the draft (`N`), then to the draft (`j`)."""
    screen = review_of(pilot.app)
    drafts = screen.query_one(DraftList)
    for _ in range(10):
        here = screen.drafted.by_sentence.get(screen._sentence, []) if screen.drafted else []
        if record_id in [r.id for r in here]:
            break
        await typed(pilot, "N")
    for _ in range(10):
        if drafts.current is not None and drafts.current.id == record_id:
            return
        await typed(pilot, "j")
    raise AssertionError(f"{record_id} not reached")


async def decided(pilot: Pilot[None], *keys: str) -> None:
    """Press keys, then wait for the decision's worker and the screen's refresh."""
    screen = review_of(pilot.app)
    await typed(pilot, *keys)
    await wait_until(pilot, lambda: not screen.saving, "the decision")
    await settled(pilot)
