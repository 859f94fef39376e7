"""The highlighted row in full, on one line above the footer (as VisiData and lazygit do)."""

from __future__ import annotations

from textual.content import Content
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
    """One line: the focused list's highlighted record, whole (cut only by the screen)."""

    DEFAULT_CSS = bar_css("PreviewBar")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Content("")

    def show_record(self, record: Record | None, document: str = "") -> None:
        """Show a record (None: blank); a repaint of its line only, never a new layout."""
        content = preview_content(record, document)
        if content != self._content:
            self._content = content
            self.refresh()

    def render(self) -> Content:
        """The line."""
        return self._content

    @property
    def text(self) -> str:
        """The line as plain text (for tests and scripts)."""
        return self._content.plain
