"""A virtual list of records under optional headings: only visible rows are ever rendered.

One row per record, so a pane of 100,000 records fills, scrolls and jumps to the end at once.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.message import Message
from textual.strip import Strip

from oic_tui.store.models import KIND_LABELS, Record

from .cursor import cursor_row, list_frame_css
from .styling import (
    MARK_GAP,
    SHORT_LABELS,
    date_width,
    group_dates,
    group_heading,
    heading,
    kept_width,
    mark_room,
    record_line,
    row_text,
)
from .virtual_list import VirtualList, line_strip

Highlight = tuple[Sequence[str], Sequence[Sequence[str]]]
# Rendered rows kept: a few screens' worth, with and without the cursor.
CACHE_ROWS = 512
# Records drawn, kept by what they show whatever their place: as a query grows or shrinks
# by a letter, most rows on screen show again as they were.
KEPT_ROWS = 2_048
# A kind's label has a short form, for a list too narrow for it and its count.
SHORT_FORMS = {KIND_LABELS[kind]: short for kind, short in SHORT_LABELS.items()}


class RecordList(VirtualList, can_focus=True):
    """Records as rows; `Enter` or a click posts `RecordList.Opened` with the record."""

    DEFAULT_CSS = (
        list_frame_css("RecordList", wrap=False)
        + """
    RecordList > .record-list--cursor {
        color: $list-cursor-blurred-foreground;
        background: $list-cursor-blurred-background;
    }
    RecordList:focus > .record-list--cursor {
        color: $list-cursor-foreground;
        background: $list-cursor-background;
        text-style: $block-cursor-text-style;
    }
    """
    )
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "record-list--row",
        "record-list--cursor",
        "record-list--heading",
    }
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Open", show=True)]
    BLANK_CLASSES = ("record-list--row",)

    @dataclass
    class Opened(Message):
        """The user chose a record."""

        record_list: RecordList
        record: Record

        @property
        def control(self) -> RecordList:
            """The list, for `@on(RecordList.Opened, selector)`."""
            return self.record_list

    @dataclass
    class Highlighted(Message):
        """The cursor moved (or the rows changed): `current` is what it is on now."""

        record_list: RecordList

    @dataclass
    class PastTop(Message):
        """The user moved up from the first record (a search box above may take focus)."""

        record_list: RecordList

        @property
        def control(self) -> RecordList:
            """The list, for `@on(RecordList.PastTop, selector)`."""
            return self.record_list

    def __init__(self, *, label: str = "", id: str | None = None, classes: str = "") -> None:
        super().__init__(CACHE_ROWS, id=id, classes=classes)
        self.label = label
        self._rows: list[Record | str] = []
        self._positions: dict[str, int] = {}
        self._highlights: Mapping[str, Highlight] = {}
        self._notes: Mapping[str, str] = {}
        self._leads: Mapping[str, str] = {}
        self._doc_labels: Mapping[str, str] = {}
        self._marks: Mapping[str, str] = {}
        self._show_kind = False
        self._dates: Mapping[str, str] = {}
        self._date_width = 0
        self._record_rows: list[int] = []
        self._kept: LRUCache[Hashable, list[Strip]] = LRUCache(KEPT_ROWS)
        # Said after the count in the title (e.g. "+" for more results than shown).
        self.count_note = ""

    # Contents -----------------------------------------------------------------

    def show_records(
        self,
        records: Sequence[Record],
        groups: Sequence[tuple[str, Sequence[Record]]] = (),
        highlights: Mapping[str, Highlight] | None = None,
        show_kind: bool = False,
        notes: Mapping[str, str] | None = None,
        leads: Mapping[str, str] | None = None,
        doc_labels: Mapping[str, str] | None = None,
        marks: Mapping[str, str] | None = None,
    ) -> None:
        """Replace the contents; `groups` (heading, records) take precedence over `records`.

        `highlights` maps a record id to the words and phrases to highlight in its row;
        `notes` maps a record id to a remark shown right after its title, `leads` to one
        shown before it (kept when a narrow list cuts the title). Given `doc_labels` (a
        document id to its short label), each row ends with the document it comes from;
        `marks` maps a record id to a remark its row ends with instead, dim, at the right.
        The events of a group that all lie in one year leave it to the group's heading.
        """
        rows: list[Record | str] = []
        dates: dict[str, str] = {}
        for title, members in groups or [("", records)]:
            if title:
                year, found = ("", {}) if show_kind else group_dates(members)
                rows.append(group_heading(title, year))
                dates.update(found)
            rows.extend(members)
        self._rows = rows
        self._positions = {row.id: n for n, row in enumerate(rows) if isinstance(row, Record)}
        self._highlights = highlights or {}
        self._notes = notes or {}
        self._leads = leads or {}
        self._doc_labels = doc_labels or {}
        self._marks = marks or {}
        self._show_kind = show_kind
        self._dates = dates
        self._date_width = date_width((row for row in rows if isinstance(row, Record)), dates)
        self._fill(len(rows))
        self._record_rows = sorted(self._positions.values())
        self._show_title()
        self.scroll_to(y=0, animate=False)
        self.highlight_first()
        self.refresh()

    @property
    def records(self) -> list[Record]:
        """The records shown, in display order."""
        return [row for row in self._rows if isinstance(row, Record)]

    @property
    def current(self) -> Record | None:
        """The highlighted record, if any."""
        if self.highlighted is None:
            return None
        row = self._rows[self.highlighted]
        return row if isinstance(row, Record) else None

    def row_content(self, index: int, width: int = 0) -> Content:
        """What row `index` shows, before truncation to the width (a fact's label and value
        share the `width` when given)."""
        row = self._rows[index]
        if isinstance(row, str):
            return heading(row)
        line, mark = self._line(row, width), self._doc_mark(row)
        return Content.assemble(line, Content.styled(f" · {mark}", "dim")) if mark else line

    def _line(self, record: Record, width: int = 0) -> Content:
        terms, phrases = self._highlights.get(record.id, ((), ()))
        return record_line(
            record,
            terms,
            self._show_kind,
            phrases,
            self._date_width,
            self._notes.get(record.id, ""),
            self._leads.get(record.id, ""),
            width,
            self._dates.get(record.id),
        )

    def _doc_mark(self, record: Record) -> str:
        """A row's mark: its own remark if given, else the document it comes from (the first
        quoted, `+N` for the others) if asked."""
        if record.id in self._marks:
            return row_text(self._marks[record.id])
        docs = record.docs if self._doc_labels else ()
        if not docs:
            return ""
        label = row_text(self._doc_labels.get(docs[0], docs[0]))
        return f"{label} +{len(docs) - 1}" if len(docs) > 1 else label

    def _fitted(self, index: int, width: int) -> Content:
        """Row `index` cut to the width; a mark stays at the right edge, dim, and the title
        is cut instead, down to its least room (then the mark is cut too, or left out)."""
        row = self._rows[index]
        mark = Content(self._doc_mark(row)) if isinstance(row, Record) else Content()
        if isinstance(row, Record) and mark:
            lead = self._leads.get(row.id, "")
            kept = kept_width(row, self._show_kind, self._date_width, lead)
            if shown := mark_room(width, kept, mark.cell_length):
                room = width - shown - len(MARK_GAP)
                line = self._line(row, room).truncate(room, ellipsis=True, pad=True)
                mark = mark.truncate(shown, ellipsis=True).stylize("dim")
                return Content.assemble(line, MARK_GAP, mark)
        return self.row_content(index, width).truncate(width, ellipsis=True)

    def row_texts(self) -> list[str]:
        """Plain text of every row (for tests and scripts)."""
        return [self.row_content(index).plain for index in range(len(self._rows))]

    # Cursor -------------------------------------------------------------------

    def can_rest(self, index: int) -> bool:
        """The cursor rests on records, not on headings."""
        return isinstance(self._rows[index], Record)

    def select_record(self, record_id: str) -> bool:
        """Move the cursor to a record by id; False if it is not shown."""
        if record_id not in self._positions:
            return False
        self.highlighted = self._positions[record_id]
        return True

    def watch_highlighted(self) -> None:
        self._show_title()
        super().watch_highlighted()
        self.post_message(self.Highlighted(self))

    def _past_top(self) -> None:
        self.post_message(self.PastTop(self))

    def _show_title(self) -> None:
        """`Topics 3/20`: the label, where the cursor is among the records, how many.

        A narrow list keeps the count: the note goes first, then the label shortens
        (`OIC facts` to `Facts`), then it goes too.
        """
        rows, at = self._record_rows, self.highlighted
        ordinal = bisect_left(rows, at) if at is not None else len(rows)
        on_record = ordinal < len(rows) and rows[ordinal] == at
        count = f"{ordinal + 1:,}/{len(rows):,}" if on_record else f"{len(rows):,}"
        # The border's corners and the blanks around the title take four cells.
        room = self.outer_size.width - 4 if self.outer_size.width else 0
        full = row_text(self.label)
        short = row_text(SHORT_FORMS.get(self.label, self.label))
        for label, note in (
            (full, row_text(self.count_note)),
            (full, ""),
            (short, ""),
            ("", ""),
        ):
            tail = f" {count}{note}" if label else count
            title = Content.assemble((label, "bold"), (tail, "$list-count"))
            if not room or title.cell_length <= room:
                break
        self.border_title = title

    def action_select(self) -> None:
        """Open the highlighted record."""
        record = self.current
        if record is not None:
            self.post_message(self.Opened(self, record))

    # Rendering ----------------------------------------------------------------

    def on_resize(self) -> None:
        # The base class's handler runs too (Textual calls each class's): this one's title.
        self._show_title()

    def _forget_rows(self) -> None:
        super()._forget_rows()
        self._kept.clear()

    def _row_key(self, index: int, cursor: bool, width: int) -> Hashable:
        """All that row `index` is drawn from: the same key, the same strips."""
        row = self._rows[index]
        if not isinstance(row, Record):
            return (row, cursor, width)
        key = row.id
        return (
            row,
            cursor,
            width,
            self._show_kind,
            self._date_width,
            self._highlights.get(key),
            self._notes.get(key, ""),
            self._leads.get(key, ""),
            self._dates.get(key),
            self._doc_mark(row),
        )

    def draw_row(self, index: int, cursor: bool, width: int) -> list[Strip]:
        """Row `index`: a heading, or a record (the cursor on it or not), cut to the width."""
        key = self._row_key(index, cursor, width)
        strips = self._kept.get(key)
        if strips is None:
            strips = self._kept[key] = self._draw(index, cursor, width)
        return strips

    def _draw(self, index: int, cursor: bool, width: int) -> list[Strip]:
        parts, content = ["record-list--row"], self._fitted(index, width)
        if isinstance(self._rows[index], str):
            parts.append("record-list--heading")
        elif cursor:
            parts.append("record-list--cursor")
            content = cursor_row(content)
        return [line_strip(content, self.get_visual_style(*parts), width)]
