"""Full-screen notices: the terminal is too small, or the store cannot be opened."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from oic_tui.store.sanitize import one_line

# The reason is one sentence; anything longer is cut (an ellipsis says so).
_REASON_LIMIT = 2000


class TooSmallScreen(ModalScreen[None]):
    """Shown instead of a garbled layout while the terminal is below the minimum."""

    def __init__(self, min_width: int, min_height: int) -> None:
        super().__init__()
        self.minimum = (min_width, min_height)

    def compose(self) -> ComposeResult:
        width, height = self.minimum
        yield Static(
            Content(f"Terminal too small. Need at least {width}×{height}."), id="too-small"
        )


class StoreErrorScreen(Screen[None]):
    """The store could not be opened: say why in one sentence; q quits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit_failed", "Quit"),
        Binding("escape", "quit_failed", "Quit", show=False),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        # Store errors are made safe where they are made; this screen does not rely on it.
        self.message = one_line(message, _REASON_LIMIT)

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(
                ("Cannot open the store\n\n", "bold $error"),
                Content(self.message),
                ("\n\nPress q to quit.", "dim"),
            ),
            id="store-error",
        )

    def action_quit_failed(self) -> None:
        """Quit with status 2, as the CLI does for a store it cannot open."""
        self.app.exit(return_code=2)
