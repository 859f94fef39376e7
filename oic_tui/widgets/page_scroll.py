"""A scrolling page that the list keys scroll, and that shows when it has focus."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll


class PageScroll(VerticalScroll):
    """`j` `k` `g` `G` scroll the page, as they move a cursor in every list."""

    DEFAULT_CSS = """
    PageScroll {
        border-left: blank;
    }
    PageScroll:focus {
        border-left: outer $accent;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]
