"""A keyboard-driven list of records, optionally grouped under headings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..models import Record
from .cursor import NoWrapCursor
from .styling import heading, record_line

Highlight = tuple[Sequence[str], Sequence[Sequence[str]]]


class RecordList(NoWrapCursor, OptionList):
    """Records as options; `Enter` posts `RecordList.Opened` with the record."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=True),
    ]

    @dataclass
    class Opened(Message):
        """The user chose a record."""

        record_list: RecordList
        record: Record

    def __init__(self, *, label: str = "", id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.label = label
        self._records: dict[str, Record] = {}

    def show_records(
        self,
        records: Sequence[Record],
        groups: Sequence[tuple[str, Sequence[Record]]] = (),
        highlights: Mapping[str, Highlight] | None = None,
        show_kind: bool = False,
    ) -> None:
        """Replace the contents; `groups` (heading, records) take precedence over `records`.

        `highlights` maps a record id to the words and phrases to highlight in its line.
        """
        options: list[Option] = []
        self._records = {}
        sections = groups or [("", records)]
        for title, members in sections:
            if title:
                options.append(Option(heading(title), disabled=True))
            for record in members:
                self._records[record.id] = record
                terms, phrases = (highlights or {}).get(record.id, ((), ()))
                line = record_line(record, terms, show_kind, phrases)
                options.append(Option(line, id=record.id))
        self.set_options(options)
        count = len(self._records)
        self.border_title = Content.assemble((self.label, "bold"), (f" {count}", "dim"))
        self.highlight_first()

    def highlight_first(self) -> None:
        """Put the cursor on the first selectable record."""
        for index, option in enumerate(self.options):
            if not option.disabled:
                self.highlighted = index
                return
        self.highlighted = None

    @property
    def records(self) -> list[Record]:
        """The records shown, in display order."""
        return list(self._records.values())

    @property
    def current(self) -> Record | None:
        """The highlighted record, if any."""
        if self.highlighted is None:
            return None
        option_id = self.get_option_at_index(self.highlighted).id
        return self._records.get(option_id or "")

    def select_record(self, record_id: str) -> bool:
        """Move the cursor to a record by id; False if it is not shown."""
        if record_id not in self._records:
            return False
        self.highlighted = self.get_option_index(record_id)
        return True

    def action_last(self) -> None:
        """Last selectable record (skipping trailing headings)."""
        for index in range(len(self.options) - 1, -1, -1):
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        record = self._records.get(event.option_id or "")
        if record is not None:
            self.post_message(self.Opened(self, record))
