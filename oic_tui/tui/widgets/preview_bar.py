"""The highlighted row in full, above the footer (as VisiData and lazygit do)."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from oic_tui.store.models import Record

from .styling import row_text


def preview_content(record: Record | None, document: str = "") -> Content:
    """The record's whole title, then what its row abbreviates (date, status, value), and
    the document it comes from where several are shown."""
    if record is None:
        return Content("")
    parts = [Content.styled(row_text(record.title), "bold")]
    if record.summary:
        parts.append(Content(row_text(record.summary)))
    if document:
        parts.append(Content.styled(row_text(document), "italic"))
    return Content(" · ").join(parts)


def bar_css(widget: str) -> str:
    """The look of a one-line bar between the panes and the footer (this, the pane strip)."""
    return f"""
    {widget} {{
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }}
    """


class PreviewBar(Widget):
    """The focused list's highlighted record, whole: one line, or up to `MAX_LINES` wrapped
    when the screen is too narrow for it."""

    # Beyond three lines the panes would lose more than the preview gives.
    MAX_LINES = 3
    DEFAULT_CSS = (
        bar_css("PreviewBar")
        + f"""
    PreviewBar {{
        height: auto;
        max-height: {MAX_LINES};
        text-wrap: wrap;
    }}
    """
    )

    class Resized(Message):
        """The bar has taken another size, or shown or gone (what is above it may refit)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Content("")
        # The list shown, and the lines the bar has grown to for it at a width.
        self._source: str | None = None
        self._grown: tuple[int, int] = (0, 1)

    def show_record(
        self, record: Record | None, document: str = "", source: str | None = None
    ) -> None:
        """Show a record (None: blank) from list `source`: a repaint of the bar alone, unless
        it needs another number of lines."""
        content = preview_content(record, document)
        changed, self._content = content != self._content, content
        width = self.content_region.width
        lines = self._lines_at(width)
        # Within one list the bar only grows, so that the panes do not jump at every move
        # between a short title and a long one; another list starts afresh.
        if source == self._source and self._grown[0] == width:
            lines = max(lines, self._grown[1])
        self._source, self._grown = source, (width, lines)
        if lines != self.content_region.height:
            self.refresh(layout=True)
        elif changed:
            self.refresh()

    def _lines_at(self, width: int) -> int:
        """The lines the content takes at `width`, within the bar's bounds."""
        if not width:
            return 1
        return max(1, min(self.MAX_LINES, len(self._content.wrap(width))))

    def on_resize(self) -> None:
        self.post_message(self.Resized())

    def on_show(self) -> None:
        self.post_message(self.Resized())

    def on_hide(self) -> None:
        self.post_message(self.Resized())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        grown = self._grown[1] if self._grown[0] == width else 1
        return max(self._lines_at(width), grown)

    def render(self) -> Content:
        """The bar's lines."""
        return self._content

    @property
    def text(self) -> str:
        """The record shown as plain text (for tests and scripts)."""
        return self._content.plain
