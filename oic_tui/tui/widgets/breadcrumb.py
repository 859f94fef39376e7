"""The path taken to reach a screen, e.g. `Initiatives › Aral Sea › Source`."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from .styling import truncate

SEPARATOR = " › "
MIN_CRUMB = 12


def fit_crumbs(crumbs: Sequence[str], width: int) -> list[str]:
    """Shorten the earlier crumbs, longest first, until the trail fits `width`."""
    fitted = list(crumbs)
    budget = width - len(SEPARATOR) * (len(fitted) - 1)
    while sum(map(len, fitted)) > budget:
        candidates = [i for i in range(len(fitted) - 1) if len(fitted[i]) > MIN_CRUMB]
        if not candidates:
            break
        longest = max(candidates, key=lambda i: len(fitted[i]))
        excess = sum(map(len, fitted)) - budget
        fitted[longest] = truncate(fitted[longest], max(MIN_CRUMB, len(fitted[longest]) - excess))
    return fitted


class Breadcrumb(Static):
    """One line of crumbs; the last one, where you are, in bold."""

    DEFAULT_CSS = """
    Breadcrumb {
        height: 1;
        padding: 0 1;
        background: $boost;
        color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._crumbs: list[str] = []

    def show_trail(self, crumbs: Sequence[str]) -> None:
        """Display a trail of plain-text crumbs, fitted to the width."""
        self._crumbs = list(crumbs)
        self._render_trail()

    def on_resize(self) -> None:
        self._render_trail()

    def _render_trail(self) -> None:
        width = (self.size.width or self.app.size.width) - 2
        parts: list[Content] = []
        fitted = fit_crumbs(self._crumbs, width)
        for index, crumb in enumerate(fitted):
            if index:
                parts.append(Content.styled(SEPARATOR, "dim"))
            last = index == len(fitted) - 1
            parts.append(Content.styled(crumb, "bold" if last else ""))
        self.update(Content.assemble(*parts))
