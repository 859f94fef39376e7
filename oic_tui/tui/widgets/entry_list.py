"""A virtual list of two-line entries with a cursor: only visible entries are ever drawn.

The document picker lists a corpus of a thousand documents at once with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual.content import Content
from textual.message import Message
from textual.strip import Strip

from .virtual_list import VirtualList, line_strip

# Lines of each entry.
ENTRY_LINES = 2
# Drawn entries kept: a few screens' worth, with and without the cursor.
CACHE_ENTRIES = 256


class EntryList(VirtualList):
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
    ROW_LINES = ENTRY_LINES
    # A page down shows the next screenful of entries.
    PAGE_OVERLAP = 0
    BLANK_CLASSES = ("entry-list--entry",)

    @dataclass
    class Chosen(Message):
        """The user clicked an entry."""

        index: int

    def __init__(self, entry: Callable[[int], Content], *, id: str | None = None) -> None:
        super().__init__(CACHE_ENTRIES, id=id)
        self._entry = entry

    def show(self, count: int, highlighted: int | None = None) -> None:
        """List `count` entries (drawn when seen), the cursor on one of them."""
        self._fill(count)
        self.refresh(layout=True)
        self.scroll_to(y=0, animate=False)
        self.highlighted = highlighted if count else None

    def action_select(self) -> None:
        """Choose the highlighted entry."""
        if self.highlighted is not None:
            self.post_message(self.Chosen(self.highlighted))

    def draw_row(self, index: int, cursor: bool, width: int) -> list[Strip]:
        """Entry `index`: its two lines after a blank, cut to the width."""
        style = self.get_visual_style(
            "entry-list--entry", *(("entry-list--cursor",) if cursor else ())
        )
        # The entry's own line break divides its lines; any other is a space (`line_strip`).
        lines = self._entry(index).split("\n")[:ENTRY_LINES]
        lines += [Content()] * (ENTRY_LINES - len(lines))
        return [
            line_strip(Content.assemble(" ", text).truncate(width, ellipsis=True), style, width)
            for text in lines
        ]
