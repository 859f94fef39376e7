"""The highlighted row in full, on one line above the footer (as VisiData and lazygit do)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

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


class PreviewBar(Static):
    """One line: the focused list's highlighted record, whole (cut only by the screen)."""

    DEFAULT_CSS = """
    PreviewBar {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def show_record(self, record: Record | None, document: str = "") -> None:
        """Show a record (None: blank)."""
        self.update(preview_content(record, document))
