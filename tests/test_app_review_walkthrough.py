"""The README's "Review an import" walkthrough, key for key: an imported report reviewed to
zero drafts without opening a TOML file, then built clean with every comment kept."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import settled, wait_until
from review_pilot import app_on, review_of
from scenes import review_corpus
from textual.pilot import Pilot

from oic_tui.corpus.folder import compile_corpus
from oic_tui.tui.screens.review import ReviewScreen

DOC = "kazinform-2020-06-10"
EVENT_TITLE = "Kazakhstan proposes a food security forum"
FORUM = "Food security forum in Nur-Sultan"
ROLE_TEXT = "Director General of the IOFS."
# A line of import's commented-out entity stub.
STUB_LINE = re.compile(r"# (\[\[record\]\]|\w+ = )")
# The keys of the walkthrough, in order; the typing of a title or summary is one entry.
WALKTHROUGH = (
    ("R",),  # the review, on the first sentence with drafts: the event drafted from it
    ("t", EVENT_TITLE, "enter"),  # its title, cut with "…", corrected
    ("a", "a", "enter"),  # accept: refused for want of a phase, which opens; "a" is after
    ("j",),  # the initiative drafted from the same sentence
    ("t", FORUM, "enter"),
    ("a",),
    ("N",),  # the next sentence with drafts: "IOFS Director General Yerlan Baidaulet said…"
    ("E", "enter", ROLE_TEXT, "enter"),  # his name made an entity, his office a role here
    ("l", "yerlan", "enter"),  # and linked to the topic drafted from the sentence
    ("A",),  # every topic of the report that passes, accepted at once
)


def keys_of(step: tuple[str, ...]) -> list[str]:
    """A step's keys: a word of more than one character is typed a character at a time."""
    keys: list[str] = []
    for part in step:
        is_key = len(part) == 1 or part in ("enter", "escape", "tab")
        keys.extend([part] if is_key else list(part))
    return keys


def _saving(pilot: Pilot[None]) -> bool:
    screen = pilot.app.screen
    return isinstance(screen, ReviewScreen) and bool(screen.saving)


async def test_the_walkthrough_reviews_the_report_to_zero_drafts(tmp_path: Path) -> None:
    root = review_corpus(tmp_path)
    folder = root / "documents" / DOC
    comments = {
        path.name: [line for line in path.read_text("utf-8").splitlines() if line.startswith("#")]
        for path in folder.glob("*.toml")
    }
    async with app_on(root).run_test(size=(120, 36)) as pilot:
        for step in WALKTHROUGH:
            for key in keys_of(step):
                await pilot.press(key)
                await pilot.pause()
                if isinstance(pilot.app.screen, ReviewScreen):
                    await wait_until(pilot, lambda: not _saving(pilot), f"{step} saved")
            await settled(pilot)
        review = review_of(pilot.app)
        assert review.drafted is not None and review.drafted.left == 0
    result = compile_corpus(root)
    assert not [w for w in result.warnings if DOC in w]
    for path in folder.glob("*.toml"):
        text = path.read_text("utf-8")
        assert "\ndraft = true" not in text
        kept = set(text.splitlines())
        # Every comment kept, but the commented-out stub the new entity took the place of.
        lost = [c for c in comments[path.name] if c not in kept and not STUB_LINE.match(c)]
        assert lost == [], path.name
