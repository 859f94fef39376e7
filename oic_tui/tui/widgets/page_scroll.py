"""A scrolling page that the list keys scroll, and that shows when it has focus."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.containers import VerticalScroll

from .cursor import LIST_KEYS


class PageScroll(VerticalScroll):
    """The keys that move a cursor in every list (`j` `k` `g` `G`, pages) scroll the page."""

    DEFAULT_CSS = """
    PageScroll {
        border-left: blank;
    }
    PageScroll:focus {
        border-left: outer $accent;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(LIST_KEYS)

    # Not animated, and at once: an animated scroll restarts from where it has got to, so keys
    # pressed faster than the animation (a held `j`, a burst) would be lost.
    def _scroll_to_line(self, line: float) -> None:
        self.scroll_to(y=line, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        """A line down."""
        self._scroll_to_line(self.scroll_y + 1)

    def action_cursor_up(self) -> None:
        """A line up."""
        self._scroll_to_line(self.scroll_y - 1)

    def action_first(self) -> None:
        """The top."""
        self._scroll_to_line(0)

    def action_last(self) -> None:
        """The bottom."""
        self._scroll_to_line(self.max_scroll_y)

    def action_page_down(self) -> None:
        """A page down, less a line to keep context."""
        self._scroll_to_line(self.scroll_y + max(self.scrollable_content_region.height - 1, 1))

    def action_half_page(self, step: int) -> None:
        """Half a page down (1) or up (-1), as ctrl+d / ctrl+u in vi and less."""
        half = max(self.scrollable_content_region.height // 2, 1)
        self._scroll_to_line(self.scroll_y + step * half)

    def action_page_up(self) -> None:
        """A page up, less a line to keep context."""
        self._scroll_to_line(self.scroll_y - max(self.scrollable_content_region.height - 1, 1))
