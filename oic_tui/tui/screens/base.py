"""What every screen of the app shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from ..app import OicApp


class OicScreen(Screen[None]):
    """A screen of the explorer, with the app typed."""

    @property
    def oic(self) -> OicApp:
        """The app, typed."""
        from ..app import OicApp

        assert isinstance(self.app, OicApp)
        return self.app
