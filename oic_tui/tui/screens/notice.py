"""Full-screen notices: the terminal is too small, or the store cannot be opened."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


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
        self.message = message

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
