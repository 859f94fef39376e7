"""A virtual list of two-line entries with a cursor: only visible entries are ever drawn.

The document picker lists a corpus of a thousand documents at once with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

# Lines of each entry.
ENTRY_LINES = 2
# Rendered lines kept: a few screens' worth, with and without the cursor.
CACHE_LINES = 256


class EntryList(ScrollView):
    """Entries drawn by `entry(index)` (Content of two lines); a click posts `Chosen`."""

    DEFAULT_CSS = """
    EntryList {
        height: auto;
        max-height: 100%;
        background: $surface;
        scrollbar-size-vertical: 1;
    }
    EntryList > .entry-list--cursor {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"entry-list--entry", "entry-list--cursor"}

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    @dataclass
    class Chosen(Message):
        """The user clicked an entry."""

        index: int

    def __init__(self, entry: Callable[[int], Content], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entry = entry
        self._count = 0
        self._cache: LRUCache[tuple[int, bool, int], list[Strip]] = LRUCache(CACHE_LINES)

    def show(self, count: int, highlighted: int | None = None) -> None:
        """List `count` entries (drawn when seen), the cursor on one of them."""
        self._count = count
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, count * ENTRY_LINES)
        self.refresh(layout=True)
        self.scroll_to(y=0, animate=False)
        self.highlighted = highlighted if count else None

    def redraw(self) -> None:
        """Draw every entry again (what they show has changed)."""
        self._cache.clear()
        self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._count * ENTRY_LINES

    def validate_highlighted(self, value: int | None) -> int | None:
        """The cursor stays on an entry that exists (None when there is none)."""
        count = getattr(self, "_count", 0)
        return None if value is None or count == 0 else min(max(value, 0), count - 1)

    def watch_highlighted(self, value: int | None) -> None:
        if value is not None:
            height = max(self.scrollable_content_region.height, ENTRY_LINES)
            top, bottom = value * ENTRY_LINES, (value + 1) * ENTRY_LINES
            if top < self.scroll_offset.y:
                self.scroll_to(y=top, animate=False, immediate=True)
            elif bottom > self.scroll_offset.y + height:
                self.scroll_to(y=bottom - height, animate=False, immediate=True)
        self.refresh()

    def move(self, step: int) -> None:
        """Move the cursor by `step` entries (stopping at either end)."""
        if self._count:
            self.highlighted = (self.highlighted or 0) + step

    def page(self, step: int) -> None:
        """Move the cursor by a page down (1) or up (-1)."""
        height = max(self.scrollable_content_region.height // ENTRY_LINES, 1)
        self.move(step * height)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (self.scroll_offset.y + offset.y) // ENTRY_LINES
        if 0 <= index < self._count:
            self.highlighted = index
            self.post_message(self.Chosen(index))

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self._count * ENTRY_LINES)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        index, part = divmod(line, ENTRY_LINES)
        width = self.scrollable_content_region.width
        if not 0 <= index < self._count:
            return Strip.blank(width, self.get_visual_style("entry-list--entry").rich_style)
        cursor = index == self.highlighted
        key = (index, cursor, width)
        strips = self._cache.get(key)
        if strips is None:
            style = self.get_visual_style(
                "entry-list--entry", *(("entry-list--cursor",) if cursor else ())
            )
            lines = self._entry(index).split("\n")[:ENTRY_LINES]
            lines += [Content()] * (ENTRY_LINES - len(lines))
            strips = []
            for text in lines:
                cut = Content.assemble(" ", text).truncate(width, ellipsis=True)
                strip = Strip(cut.render_segments(style), cut.cell_length)
                strips.append(strip.extend_cell_length(width, style.rich_style))
            self._cache[key] = strips
        return strips[part]
