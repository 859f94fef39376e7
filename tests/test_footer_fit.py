"""Every screen's footer shows each of its keys whole at 80 columns (issue #27): compact
where the full size would cut the last ones, without the palette's key if still too wide."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import settled, typed, wait_until
from review_pilot import app_on, opened
from textual.pilot import Pilot

from oic_tui.tui.app import OicApp
from oic_tui.tui.widgets.footer import FittedFooter


def footer_text(app: OicApp) -> str:
    """The footer's line as drawn."""
    footer = app.screen.query_one(FittedFooter).region
    return app.screen._compositor.render_strips()[footer.y].text


def shown_descriptions(app: OicApp) -> list[str]:
    """The description of every key the screen asks its footer to show."""
    bindings = app.screen.active_bindings.values()
    return list(dict.fromkeys(b.description for _n, b, _e, _t in bindings if b.show))


def every_key_whole(app: OicApp) -> bool:
    """Each key's description is drawn whole in the footer."""
    words = footer_text(app).split()
    return all(
        all(word in words for word in description.split())
        for description in shown_descriptions(app)
    )


async def assert_every_key_whole(pilot: Pilot[None]) -> None:
    """The footer comes to show every key whole (it is composed again as the keys change)."""
    app = pilot.app
    assert isinstance(app, OicApp)
    await wait_until(pilot, lambda: every_key_whole(app), "every key drawn whole in the footer")


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 36)])
async def test_every_screen_shows_all_its_keys(review_root: Path, size: tuple[int, int]) -> None:
    app = app_on(review_root)
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        # The main screen of a corpus has the most keys: Review and Documents besides.
        assert "Documents" in shown_descriptions(app)
        await assert_every_key_whole(pilot)
        footer = app.screen.query_one(FittedFooter)
        # At full size where that fits; compact, then without the palette, where not.
        assert footer.compact == (size[0] < 100)
        assert footer.show_command_palette == (size[0] >= 100)
        await typed(pilot, "3", "enter")
        await settled(pilot)
        await assert_every_key_whole(pilot)
        await typed(pilot, "escape")
        await opened(pilot)
        assert "Accept" in shown_descriptions(app)
        await assert_every_key_whole(pilot)
        assert "Commands" in footer_text(app)


async def test_widening_brings_back_the_full_footer(review_root: Path) -> None:
    app = app_on(review_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        footer = app.screen.query_one(FittedFooter)
        await wait_until(
            pilot,
            lambda: footer.compact and "Commands" not in footer_text(app),
            "the compact footer without the palette's key",
        )
        await pilot.resize_terminal(120, 36)
        await wait_until(
            pilot,
            lambda: not footer.compact and "Commands" in footer_text(app),
            "the full footer back",
        )
        await assert_every_key_whole(pilot)
