"""What every list shares: keys, a frame, a cursor that stops at the ends (as in k9s)."""

from __future__ import annotations

from itertools import pairwise

from textual.binding import Binding
from textual.content import Content, Span
from textual.style import Style
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


# What a span of a row keeps on the cursor: its weight, slant, underline and reverse. Its
# colours and dim go: the cursor's two colours are the pair measured legible in each theme
# (`$list-cursor-*`), and a kind's colour or a dim word on the cursor's ground may not be.
CURSOR_KEEPS = ("bold", "italic", "underline", "reverse", "strike")


def _shape(style: Style | str) -> str:
    """The attributes of a span's style that the cursor row keeps."""
    if isinstance(style, Style):
        return " ".join(name for name in CURSOR_KEEPS if getattr(style, name))
    words = style.split()
    negated = {after for before, after in pairwise(words) if before == "not"}
    return " ".join(word for word in words if word in CURSOR_KEEPS and word not in negated)


def cursor_row(content: Content) -> Content:
    """A row as the cursor shows it: all of it in the cursor's colours, its shapes kept."""
    spans = [Span(span.start, span.end, _shape(span.style)) for span in content.spans]
    return Content(content.plain, [span for span in spans if span.style], content.cell_length)


def list_frame_css(widget: str, *, wrap: bool) -> str:
    """The frame every list of the app shares: a faint rounded border; focused, a heavy one
    in the theme's focus colour, measured legible on it (its weight shows focus where
    colours are faint or few)."""
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
        border: heavy $list-focus;
        border-title-color: $list-focus-text;
    }}
    /* An option list's cursor in the measured pairs (a list may set its own after this). */
    {widget} > .option-list--option-highlighted {{
        color: $list-cursor-blurred-foreground;
        background: $list-cursor-blurred-background;
    }}
    {widget}:focus > .option-list--option-highlighted {{
        color: $list-cursor-foreground;
        background: $list-cursor-background;
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
