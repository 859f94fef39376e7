"""The path taken to reach a screen, e.g. `Initiatives › Aral Sea › Source`."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from .styling import truncate

SEPARATOR = " › "
CRUMB_WIDTH = 32


class Breadcrumb(Static):
    """One line of crumbs; the last one, where you are, in bold."""

    def show_trail(self, crumbs: Sequence[str]) -> None:
        """Display a trail of plain-text crumbs."""
        parts: list[Content] = []
        for index, crumb in enumerate(crumbs):
            if index:
                parts.append(Content.styled(SEPARATOR, "dim"))
            last = index == len(crumbs) - 1
            parts.append(Content.styled(truncate(crumb, CRUMB_WIDTH), "bold" if last else ""))
        self.update(Content.assemble(*parts))
