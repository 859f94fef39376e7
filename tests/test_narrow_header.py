"""At 80 columns the header keeps the session's place and date (issue #27)."""

from __future__ import annotations

import pytest
from helpers import settled, static_text
from textual.widgets._header import HeaderTitle

from oic_tui.store.reader import Store
from oic_tui.tui.app import SESSION_SHORT, SESSION_SUBTITLE, create_app


@pytest.mark.parametrize(("width", "subtitle"), [(80, SESSION_SHORT), (120, SESSION_SUBTITLE)])
async def test_the_header_keeps_the_place_and_date(
    shipped_store: Store, width: int, subtitle: str
) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(width, 24)) as pilot:
        await settled(pilot)
        header = static_text(app.screen.query_one(HeaderTitle))
        assert header.endswith(subtitle) and "Kuwait, 27–28 May 2015" in header
        assert len(header) <= width - 8  # the icon and the clock's room aside
