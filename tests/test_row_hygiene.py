"""No stored character breaks a row: every list row is exactly its width in cells, every
screen line stays within the terminal, and pane borders stay in their columns."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from helpers import (
    default_records,
    make_store,
    open_record,
    record,
    settled,
    static_text,
    typed,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Static

from oic_tui.store.reader import Store
from oic_tui.store.sanitize import REPLACEMENT, clean_text, flat
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.widgets.breadcrumb import Breadcrumb, fit_crumbs
from oic_tui.tui.widgets.record_list import RecordList
from oic_tui.tui.widgets.styling import row_text

WIDTH, HEIGHT = 80, 24
# What lays text out (breaks, tabs), joins or hides it, and what is two cells or none.
LAYOUT = "\n\t\r\x0b\x0c\x85\u2028\u2029"
TRICKY = LAYOUT + "\u200c\u200d\u200b\u202e\u0301\u0654東京👩\u200d💻🇰🇿👍🏽 e"
TITLES = st.text(st.sampled_from(TRICKY) | st.characters(codec="utf-8"), max_size=40)
# Every title carries this word too, so that one search lists them all.
WORD = "zebra"


# --- the helpers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("first\nsecond line\nthird", "first second line third"),
        ("\t\t\ttabs", "   tabs"),
        ("cr\r\nlf\u2028ls\u2029ps\x85nel\x0bvt\x0cff", "cr  lf ls ps nel vt ff"),
        ("\x1b[2J", f"{REPLACEMENT}[2J"),
        ("👩\u200d💻 می\u200cخواهم", "👩\u200d💻 می\u200cخواهم"),
    ],
)
def test_flat_makes_one_line_one_for_one(raw: str, shown: str) -> None:
    assert flat(raw) == shown and len(shown) == len(raw)
    assert flat(shown) == shown


def test_row_text_is_bounded() -> None:
    assert len(row_text("x" * 5_000_000)) == 1_000
    assert clean_text("a\nb") == "a\nb"  # paragraphs keep their breaks where laid out so


def test_crumbs_fit_in_cells_on_one_line() -> None:
    crumbs = fit_crumbs(["Topics", "東京" * 30, "a\nb\tc" * 40], 60)
    assert all("\n" not in crumb and "\t" not in crumb for crumb in crumbs)
    trail = " › ".join(crumbs)
    assert Content(trail).cell_length <= 60


# --- every row of every list, whatever the titles ----------------------------------------


def hygiene_store(folder: Path, titles: list[str], summary: str) -> Path:
    """A small store: each drawn title on a fact, a topic and an entity, linked together."""
    rows = default_records()
    for number, title in enumerate(titles):
        text = f"{title} {WORD}"
        rows += [
            record(f"fact.h{number}", "fact", title=text, value=title[:10]),
            record(f"topic.h{number}", "topic", title=text, text=summary),
            record(f"entity.h{number}", "entity", title=text),
        ]
    rows.append(
        record(
            "fact.hub",
            "fact",
            title=f"{titles[0]} hub",
            entities=[f"entity.h{n}" for n in range(len(titles))],
            related=[f"topic.h{n}" for n in range(len(titles))],
        )
    )
    return make_store(folder, rows)


def screen_lines(app: OicApp) -> list[Strip]:
    """What the terminal is sent for the current screen, line by line."""
    return app.screen._compositor.render_strips()


def column(lines: list[Strip], x: int, rows: range) -> set[str]:
    """The characters drawn at column `x` on the given screen lines."""
    return {lines[y].crop(x, x + 1).text for y in rows}


def assert_screen_holds(app: OicApp) -> None:
    """Each screen line is the terminal's width and holds no layout character; each list's
    rows are exactly its width; each bordered list keeps one character down each side."""
    lines = screen_lines(app)
    assert len(lines) == HEIGHT
    for line in lines:
        assert line.cell_length == WIDTH, repr(line.text)
        assert not set(line.text) & set(LAYOUT), repr(line.text)
    for widget in app.screen.query(RecordList):
        if not widget.display or not widget.region:
            continue
        width = widget.scrollable_content_region.width
        for y in range(widget.scrollable_content_region.height):
            assert widget.render_line(y).cell_length == width
        region = widget.region
        inside = range(region.y + 1, region.bottom - 1)
        if len(inside) and widget.styles.border_left[0]:
            assert len(column(lines, region.x, inside)) == 1, widget.id
            assert len(column(lines, region.right - 1, inside)) == 1, widget.id
    for crumb in app.screen.query(Breadcrumb):
        assert crumb.region.height == 1


async def all_lists_hold(path: Path) -> None:
    app = create_app(store=Store.open(path))
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await settled(pilot)
        assert_screen_holds(app)
        await typed(pilot, "slash", *WORD)
        assert_screen_holds(app)
        await open_record(pilot, "fact.hub")
        await settled(pilot)
        assert_screen_holds(app)
        await pilot.press("tab", "tab")
        await settled(pilot)
        assert_screen_holds(app)


@settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(titles=st.lists(TITLES, min_size=1, max_size=4), summary=TITLES)
def test_no_stored_character_breaks_a_row(titles: list[str], summary: str) -> None:
    # One app per example, each in its own event loop (Hypothesis drives sync tests).
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(all_lists_hold(hygiene_store(Path(folder), titles, summary)))


async def test_the_reported_titles_stay_in_their_rows(tmp_path: Path) -> None:
    titles = ["first\nsecond line\nthird", "\t\t\ttabs", "東京 🇰🇿 emoji 👍🏽 " * 8]
    await all_lists_hold(hygiene_store(tmp_path, titles, "one\ntwo\tthree"))


async def test_a_huge_title_opens_its_page(tmp_path: Path) -> None:
    rows = [*default_records(), record("fact.big", "fact", title="word " * 1_000_000)]
    app = create_app(store=Store.open(make_store(tmp_path, rows)))
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await settled(pilot)
        await open_record(pilot, "fact.big")
        await settled(pilot)
        assert_screen_holds(app)
        page = static_text(app.screen.query_one("#record-view", Static))
        assert len(page) < 3_000 and "…" in page
