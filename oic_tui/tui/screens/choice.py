"""A modal list to choose one of a few things from, typing to filter (fzf-like)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ..widgets.footer import FittedFooter
from ..widgets.styling import row_text

# Keys that move the cursor while typing goes to the filter.
_MOVES = {"down": 1, "up": -1, "ctrl+n": 1, "ctrl+p": -1}


class ChoiceScreen(ModalScreen[str | None]):
    """Choices as (key, label); dismissed with the key chosen, or None (Esc)."""

    DEFAULT_CSS: ClassVar[str] = """
    ChoiceScreen {
        align: center middle;
    }
    #choice-box {
        width: 90;
        max-width: 95%;
        height: auto;
        max-height: 80%;
        border: round $accent;
        border-title-align: center;
        background: $surface;
        padding: 0 1;
    }
    #choice-list {
        height: auto;
        max-height: 20;
        border: none;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("enter", "choose", "Choose"),
        *(Binding(key, f"move({step})", key, show=False) for key, step in _MOVES.items()),
    ]

    def __init__(self, title: str, choices: Sequence[tuple[str, str]], filter_hint: str) -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.filter_hint = filter_hint
        self.shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Input(placeholder=self.filter_hint, id="choice-filter")
            yield OptionList(id="choice-list", markup=False)
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one("#choice-box").border_title = Content.styled(self.title_text, "bold")
        self._list("")
        self.query_one("#choice-filter", Input).focus()

    def _list(self, query: str) -> None:
        words = query.casefold().split()
        options = self.query_one(OptionList)
        kept = [
            (key, label)
            for key, label in self.choices
            if all(word in f"{key} {label}".casefold() for word in words)
        ]
        self.shown = [key for key, _ in kept]
        options.set_options(Option(Content(row_text(label))) for _, label in kept)
        options.highlighted = 0 if kept else None

    @on(Input.Changed, "#choice-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._list(event.value)

    @on(Input.Submitted, "#choice-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        """Dismiss with the highlighted choice (nothing while none is shown)."""
        index = self.query_one(OptionList).highlighted
        if index is not None and 0 <= index < len(self.shown):
            self.dismiss(self.shown[index])

    def action_move(self, step: int) -> None:
        """Move the cursor while the filter keeps the typing."""
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(current + step, options.option_count - 1))
