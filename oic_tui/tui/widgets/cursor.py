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
]


def list_frame_css(widget: str, *, wrap: bool) -> str:
    """The frame every list of the app shares: a faint border, an accent one when focused."""
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
        border: round $accent;
        border-title-color: $accent;
    }}
    """


class NoWrapCursor(OptionList):
    """`Down` on the last item and `Up` on the first stay put."""

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
