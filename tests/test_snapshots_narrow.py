"""Snapshots of the main screen where one pane is shown: at 80×24 and 70×20, and zoomed at
120×36 (issue #27). Each also checks what the picture must show: whole fact values, and the
highlighted row's whole title in the preview bar."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import preview_lines, settled
from textual.pilot import Pilot

from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.widgets.preview_bar import PreviewBar
from oic_tui.tui.widgets.record_list import RecordList


async def _keys(pilot: Pilot[None], *keys: str) -> OicApp:
    """The dark theme, then the keys, each applied in turn; the app, settled."""
    app = pilot.app
    assert isinstance(app, OicApp)
    app.theme = "textual-dark"
    await settled(pilot)
    for key in keys:
        await pilot.press(key)
        await settled(pilot)
    return app


def _previewed_whole(app: OicApp) -> None:
    """The preview bar starts with the focused row's whole title, drawn whole."""
    focused = app.focused
    assert isinstance(focused, RecordList) and focused.current is not None
    preview = app.screen.query_one(PreviewBar).text
    assert preview.startswith(focused.current.title)
    assert " ".join(preview_lines(app)).split() == preview.split()


async def _timeline(pilot: Pilot[None]) -> None:
    _previewed_whole(await _keys(pilot))


async def _facts(pilot: Pilot[None]) -> None:
    app = await _keys(pilot, "4")
    facts = app.main_screen.query_one("#fact", RecordList)
    room = facts.scrollable_content_region.width
    # Each fact's label and value, whole, in the pane's width (no ellipsis).
    for record, row in zip(facts.records, facts.row_texts(), strict=True):
        assert len(row) <= room and row.endswith(record.value), row


async def _iofs(pilot: Pilot[None]) -> None:
    """The last initiative (the IOFS), whose title the pane cuts and the bar shows whole."""
    _previewed_whole(await _keys(pilot, "3", "G"))


async def _zoomed(pilot: Pilot[None]) -> None:
    _previewed_whole(await _keys(pilot, "3", "G", "z"))


# Each view: what brings it about, at what size.
VIEWS = {
    "timeline-80x24": (_timeline, (80, 24)),
    "facts-80x24": (_facts, (80, 24)),
    "initiatives-70x20": (_iofs, (70, 20)),
    "zoomed-initiatives-120x36": (_zoomed, (120, 36)),
}


@pytest.mark.parametrize("view", VIEWS)
def test_narrow_snapshot(snap_compare: Any, shipped_store: Store, view: str) -> None:
    run_before, size = VIEWS[view]
    app = create_app(store=shipped_store)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
