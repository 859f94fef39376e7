"""The keys, on `?`."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", "next / previous pane or list"),
    ("1 2 3 4", "jump to Timeline, Topics, Initiatives, Facts"),
    ("j k  ↓ ↑", "move down / up"),
    ("g G  Home End", "first / last item"),
    ("Enter", "open the item (drill down)"),
    ("Esc  Backspace", "back to exactly where you were"),
    ("]", "forward again after going back"),
    ("/", "search; Enter opens the top result, ↓ moves into results"),
    ("↑ ↓ in the search box", "recent queries"),
    ("s", "open the source article (at the current record)"),
    ("Ctrl+P", "command palette: panes, any record by title, theme, source"),
    ("?", "this help"),
    ("q", "quit (from the main screen); back elsewhere"),
)

SEARCH_NOTES: tuple[str, ...] = (
    "Search is case-insensitive; every word must match.",
    "It looks in titles, text, source quotes, dates and entity aliases.",
)


def help_content() -> Content:
    """The help text."""
    lines = [Content.styled("Keys", "bold")]
    lines += [
        Content.assemble((f"{key:<24}", "bold $text-accent"), (text, "")) for key, text in KEYS
    ]
    lines += [Content(""), Content.styled("Search", "bold")]
    lines += [Content(note) for note in SEARCH_NOTES]
    lines += [Content(""), Content.styled("Esc, q or ? closes this help.", "dim")]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """A modal listing every key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(help_content(), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Help"
