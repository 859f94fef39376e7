"""A one-line strip naming the panes by their keys, for when only one pane is shown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget

from .preview_bar import bar_css
from .styling import row_text

# Between two tabs.
SEPARATOR = "│"


def tab_cells(labels: Sequence[str], current: int) -> list[str]:
    """Each tab's text: ` 1 Timeline `, the current one in brackets, `[3 Initiatives]`
    (the same width, so that the strip never shifts as the current tab changes)."""
    return [
        f"[{n} {label}]" if index == current else f" {n} {label} "
        for index, (n, label) in enumerate(enumerate(labels, start=1))
    ]


class PaneTabs(Widget):
    """` 1 Timeline │ 2 Topics │[3 Initiatives]│ 4 Facts `: the current tab is in brackets,
    bold and reversed (seen without colour too); a click posts `PaneTabs.Chosen`."""

    DEFAULT_CSS = (
        bar_css("PaneTabs")
        + """
    PaneTabs > .pane-tabs--current {
        text-style: bold reverse;
    }
    PaneTabs > .pane-tabs--hint {
        color: $text-muted;
    }
    """
    )
    COMPONENT_CLASSES: ClassVar[set[str]] = {"pane-tabs--current", "pane-tabs--hint"}

    # The index of the tab shown as current; a remark after the tabs (dim).
    current: reactive[int] = reactive(0)
    hint: reactive[str] = reactive("")

    @dataclass
    class Chosen(Message):
        """A tab was clicked: `index` is its place in the strip."""

        tabs: PaneTabs
        index: int

        @property
        def control(self) -> PaneTabs:
            """The strip, for `@on(PaneTabs.Chosen, selector)`."""
            return self.tabs

    def __init__(self, labels: Sequence[str], current: int = 0, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._labels = tuple(row_text(label) for label in labels)
        self.set_reactive(PaneTabs.current, current)

    @property
    def text(self) -> str:
        """The strip as plain text (for tests and scripts)."""
        return self.render().plain

    def render(self) -> Content:
        """The tabs, then the hint."""
        current = self.get_visual_style("pane-tabs--current", partial=True)
        parts: list[str | tuple[str, Style]] = []
        for index, cell in enumerate(tab_cells(self._labels, self.current)):
            if index:
                parts.append(SEPARATOR)
            parts.append((cell, current) if index == self.current else cell)
        if self.hint:
            hint = self.get_visual_style("pane-tabs--hint", partial=True)
            parts.append((f"  {self.hint}", hint))
        return Content.assemble(*parts)

    def tab_at(self, x: int) -> int | None:
        """The tab at column `x` of the content, if any."""
        start = 0
        for index, cell in enumerate(tab_cells(self._labels, self.current)):
            if start <= x < start + len(cell):
                return index
            start += len(cell) + len(SEPARATOR)
        return None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        index = self.tab_at(offset.x) if offset is not None else None
        if index is not None:
            self.post_message(self.Chosen(self, index))
