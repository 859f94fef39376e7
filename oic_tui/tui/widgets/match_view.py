"""Static text whose search matches `n` / `N` step through."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

# Underlined as well as coloured: the current match must stand out without colour too.
CURRENT_MATCH_STYLE = "bold reverse underline $warning"


class MatchView(Static):
    """Shows content with its matches; one of them can be marked as the current one."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Content("")
        self.matches: list[tuple[int, int]] = []

    def show_content(self, content: Content, matches: list[tuple[int, int]]) -> None:
        """Display content whose `matches` (offsets into its text) are already highlighted."""
        self._content = content
        self.matches = matches
        self.update(content)

    def show_match(self, index: int | None) -> int:
        """Mark match `index` as current (None: none); return its line, for scrolling."""
        if index is None:
            self.update(self._content)
            return 0
        start, end = self.matches[index]
        self.update(self._content.stylize(CURRENT_MATCH_STYLE, start, end))
        width = max(self.content_region.width, 1)
        before = self._content.plain[:start].split("\n")
        return sum(len(line) // width + 1 for line in before[:-1]) + len(before[-1]) // width
