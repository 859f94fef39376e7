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
        Binding("j,down", "line(1)", "Down", show=False),
        Binding("k,up", "line(-1)", "Up", show=False),
        Binding("g,home", "edge(0)", "Top", show=False),
        Binding("G,end", "edge(1)", "Bottom", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
    ]

    # Not animated, and at once: an animated scroll restarts from where it has got to, so keys
    # pressed faster than the animation (a held `j`, a burst) would be lost.
    def action_line(self, step: int) -> None:
        """Scroll by a line."""
        self.scroll_to(y=self.scroll_y + step, animate=False, immediate=True)

    def action_page(self, step: int) -> None:
        """Scroll by a page (less a line, to keep context)."""
        page = max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(y=self.scroll_y + step * page, animate=False, immediate=True)

    def action_edge(self, end: int) -> None:
        """Scroll to the top (0) or the bottom (1)."""
        self.scroll_to(y=self.max_scroll_y if end else 0, animate=False, immediate=True)
