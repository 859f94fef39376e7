"""What every list shares: keys, a frame, a cursor that stops at the ends (as in k9s)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList

# The list keys of k9s, lazygit and VisiData, shared by every list of the app.
LIST_KEYS = [
    Binding("down,j", "cursor_down", "Down", show=False),
    Binding("up,k", "cursor_up", "Up", show=False),
    Binding("home,g", "first", "First", show=False),
    Binding("end,G", "last", "Last", show=False),
    Binding("pagedown", "page_down", "Page down", show=False),
    Binding("pageup", "page_up", "Page up", show=False),
    Binding("ctrl+d", "half_page(1)", "Half a page down", show=False),
    Binding("ctrl+u", "half_page(-1)", "Half a page up", show=False),
]


def list_frame_css(widget: str, *, wrap: bool) -> str:
    """The frame every list of the app shares: a faint rounded border; focused, a heavy one
    in the accent colour (its weight shows focus where colours are faint or few)."""
    return f"""
    {widget} {{
        border: round $foreground 30%;
        border-title-align: left;
        border-title-color: $text;
        background: $surface;
        text-wrap: {"wrap" if wrap else "nowrap"};
        text-overflow: ellipsis;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }}
    {widget}:focus {{
        border: heavy $accent;
        border-title-color: $accent;
    }}
    """


class NoWrapCursor(OptionList):
    """`Down` on the last item and `Up` on the first stay put."""

    def action_half_page(self, step: int) -> None:
        """Half a page down (1) or up (-1), as ctrl+d / ctrl+u in vi and less."""
        if self.highlighted is None or not self.option_count:
            return
        half = max(self.scrollable_content_region.height // 2, 1)
        self.highlighted = min(max(self.highlighted + step * half, 0), self.option_count - 1)
        self.scroll_to_highlight()

    def _selectable(self, indices: range) -> bool:
        return any(not self.get_option_at_index(i).disabled for i in indices)

    def action_cursor_down(self) -> None:
        """Down, stopping at the last selectable item."""
        current = self.highlighted
        if current is not None and not self._selectable(range(current + 1, self.option_count)):
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Up, stopping at the first selectable item."""
        current = self.highlighted
        if current is not None and not self._selectable(range(current)):
            return
        super().action_cursor_up()
