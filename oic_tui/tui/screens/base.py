"""What every screen of the app shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widgets import Header

if TYPE_CHECKING:
    from ..app import OicApp

# The header's icon (a click opens the palette): Textual's "⭘" is in few fonts, and in
# neither the browser's Roboto Mono nor its fallbacks, where it showed blank; "○" is in
# the Windows Glyph List 4 that nearly every terminal and web font covers.
HEADER_ICON = "○"


def app_header() -> Header:
    """The header every screen of the explorer has."""
    return Header(icon=HEADER_ICON)


class OicScreen(Screen[None]):
    """A screen of the explorer, with the app typed."""

    @property
    def oic(self) -> OicApp:
        """The app, typed."""
        from ..app import OicApp

        assert isinstance(self.app, OicApp)
        return self.app
