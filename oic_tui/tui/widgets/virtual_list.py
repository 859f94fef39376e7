"""A virtual list: only visible rows are drawn, each once, from strips kept until it changes.

What `RecordList` and `EntryList` share: the cursor (kept on a row it may rest on, in view,
stopping at either end), the list keys, pages, a click, and the cache of drawn rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from .cursor import LIST_KEYS
from .styling import flat_content

# A drawn row: its index, whether the cursor is on it, and the width it was drawn for.
RowKey = tuple[int, bool, int]


def line_strip(content: Content, style: Style, width: int) -> Strip:
    """One line already cut to the width, padded to it in `style`: exactly `width` cells."""
    # Whatever a row was built from, a newline or tab never reaches the screen (the
    # terminal would move the cursor and draw over the next row or the border).
    content = flat_content(content)
    # Its segments directly, without the generic wrap-and-format pass of `Visual.to_strips`
    # (a third of a first paint's row cost).
    strip = Strip(content.render_segments(style), content.cell_length)
    return strip.crop_extend(0, width, style.rich_style)


class VirtualList(ScrollView):
    """Rows of `ROW_LINES` lines that `draw_row` draws when seen; a cursor on `highlighted`."""

    BINDINGS: ClassVar[list[BindingType]] = list(LIST_KEYS)
    # Lines of each row.
    ROW_LINES: ClassVar[int] = 1
    # Lines of a page still in view after a page down or up (context).
    PAGE_OVERLAP: ClassVar[int] = 1
    # The component classes of the blank lines after the last row.
    BLANK_CLASSES: ClassVar[tuple[str, ...]] = ()

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    @dataclass
    class EdgeReached(Message):
        """A step down (1) or up (-1) found no row beyond the cursor: the screen may move
        on to a list past that edge (one message per key, so a burst moves once)."""

        virtual_list: VirtualList
        step: int

        @property
        def control(self) -> VirtualList:
            """The list, for `@on(VirtualList.EdgeReached, selector)`."""
            return self.virtual_list

    def __init__(self, cache_rows: int, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self._row_count = 0
        # Drawn rows kept: a few screens' worth, with and without the cursor.
        self._cache: LRUCache[RowKey, list[Strip]] = LRUCache(cache_rows)

    # What a subclass gives ----------------------------------------------------

    def draw_row(self, index: int, cursor: bool, width: int) -> list[Strip]:
        """Row `index`, its `ROW_LINES` lines `width` cells wide (cursor on it or not)."""
        raise NotImplementedError

    def can_rest(self, index: int) -> bool:
        """Whether the cursor may rest on row `index` (not on a heading, say)."""
        return True

    def action_select(self) -> None:
        """Choose the highlighted row (a click, and Enter where a subclass binds it)."""

    def _past_top(self) -> None:
        """The user moved up from the first row."""

    # Rows ---------------------------------------------------------------------

    def _fill(self, count: int) -> None:
        """Hold `count` rows, each drawn anew when next seen."""
        self._row_count = count
        self._cache.clear()
        self._fit_virtual_size()

    def _fit_virtual_size(self) -> None:
        self._set_virtual_size()
        if self.container_size:
            # The scrollbar follows at once, so that it is drawn in the rows' own frame (a
            # layout leaves it alone, below); the rows' width is known once it shows or not.
            self._scroll_update(self.virtual_size)
            self._set_virtual_size()

    def _set_virtual_size(self) -> None:
        self.virtual_size = Size(
            self.scrollable_content_region.width, self._row_count * self.ROW_LINES
        )

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Textual compares the layout's virtual size (the region's) with the list's (its
        # rows'), never equal: each layout refreshed the scrollbar again, a second frame after
        # every keystroke's. The list's own keeps the scrollbar to changes of its size.
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def redraw(self) -> None:
        """Draw every row again (what they show has changed)."""
        self._forget_rows()
        self.refresh()

    def _forget_rows(self) -> None:
        """Drop every drawn row (their look or width has changed)."""
        self._cache.clear()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._row_count * self.ROW_LINES

    # Cursor -------------------------------------------------------------------

    def validate_highlighted(self, value: int | None) -> int | None:
        """The cursor stays on a row that exists (None when there is none)."""
        count = getattr(self, "_row_count", 0)
        return None if value is None or count == 0 else min(max(value, 0), count - 1)

    def watch_highlighted(self) -> None:
        # Rows are cached with their cursor state in the key: nothing to invalidate here.
        self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        """Keep the cursor's row in view."""
        if self.highlighted is None:
            return
        lines = self.ROW_LINES
        height = max(self.scrollable_content_region.height, lines)
        top = self.highlighted * lines
        y = min(max(self.scroll_offset.y, top + lines - height), top)
        if y != self.scroll_offset.y:
            self.scroll_to(y=y, animate=False, immediate=True)

    def _first_resting(self, indices: range) -> int | None:
        return next((i for i in indices if self.can_rest(i)), None)

    def highlight_first(self) -> None:
        """Put the cursor on the first row it may rest on."""
        self.highlighted = self._first_resting(range(self._row_count))

    def move(self, rows: int) -> None:
        """Move the cursor `rows` rows down (up when negative), stopping at either end."""
        count = self._row_count
        start = min(max((self.highlighted or 0) + rows, 0), max(count - 1, 0))
        indices = range(start, count) if rows > 0 else range(start, -1, -1)
        found = self._first_resting(indices)
        if found is None:
            ends = range(count - 1, -1, -1) if rows > 0 else range(count)
            found = self._first_resting(ends)
        self.highlighted = found

    def page(self, step: int, share: float = 1.0) -> None:
        """Move the cursor by a page (or `share` of one) down (1) or up (-1)."""
        lines = int((self.scrollable_content_region.height - self.PAGE_OVERLAP) * share)
        self.move(step * max(lines // self.ROW_LINES, 1))

    def _step(self, step: int) -> None:
        """To the next row the cursor may rest on, down (1) or up (-1)."""
        if self.highlighted is None:
            self.highlight_first()
            if self.highlighted is None:  # no row at all: an edge either way
                self.post_message(self.EdgeReached(self, step))
            return
        indices = (
            range(self.highlighted + 1, self._row_count)
            if step > 0
            else range(self.highlighted - 1, -1, -1)
        )
        found = self._first_resting(indices)
        if found is not None:  # at either end the cursor stays put, as in k9s and lazygit
            self.highlighted = found
            return
        self.post_message(self.EdgeReached(self, step))
        if step < 0:
            self._past_top()

    def action_cursor_down(self) -> None:
        """Next row."""
        self._step(1)

    def action_cursor_up(self) -> None:
        """Previous row."""
        self._step(-1)

    def action_first(self) -> None:
        """First row."""
        self.highlight_first()

    def action_last(self) -> None:
        """Last row."""
        self.highlighted = self._first_resting(range(self._row_count - 1, -1, -1))

    def action_page_down(self) -> None:
        """A page down."""
        self.page(1)

    def action_page_up(self) -> None:
        """A page up."""
        self.page(-1)

    def action_half_page(self, step: int) -> None:
        """Half a page down (1) or up (-1), as ctrl+d / ctrl+u in vi and less."""
        self.page(step, 0.5)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (self.scroll_offset.y + offset.y) // self.ROW_LINES
        if 0 <= index < self._row_count and self.can_rest(index):
            self.highlighted = index
            self.action_select()

    # Rendering ----------------------------------------------------------------

    # The cursor's look may depend on focus.
    def on_focus(self) -> None:
        self.redraw()

    def on_blur(self) -> None:
        self.redraw()

    def on_resize(self) -> None:
        self._forget_rows()
        self._fit_virtual_size()
        self.call_after_refresh(self._scroll_to_cursor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_rows()

    def render_line(self, y: int) -> Strip:
        index, part = divmod(self.scroll_offset.y + y, self.ROW_LINES)
        width = self.scrollable_content_region.width
        if not 0 <= index < self._row_count:
            return Strip.blank(width, self.get_visual_style(*self.BLANK_CLASSES).rich_style)
        cursor = index == self.highlighted
        key = (index, cursor, width)
        strips = self._cache.get(key)
        if strips is None:
            strips = self._cache[key] = self.draw_row(index, cursor, width)
        return strips[part]
