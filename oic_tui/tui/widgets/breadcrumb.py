"""The path taken to reach a screen, e.g. `Initiatives › Aral Sea › Source`."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from .styling import cut, row_text

SEPARATOR = " › "
MIN_CRUMB = 12


def _cells(text: str) -> int:
    return Content(text).cell_length


def fit_crumbs(crumbs: Sequence[str], width: int) -> list[str]:
    """Shorten the earlier crumbs, longest first, until the trail fits `width` cells; the
    last one, where you are, is cut last (its end, never its start)."""
    fitted = [row_text(crumb) for crumb in crumbs]
    budget = width - len(SEPARATOR) * (len(fitted) - 1)
    cells = [_cells(crumb) for crumb in fitted]
    while sum(cells) > budget:
        candidates = [i for i in range(len(fitted) - 1) if cells[i] > MIN_CRUMB]
        if not candidates:
            break
        longest = max(candidates, key=lambda i: cells[i])
        excess = sum(cells) - budget
        fitted[longest] = cut(fitted[longest], max(MIN_CRUMB, cells[longest] - excess))
        cells[longest] = _cells(fitted[longest])
    if fitted and sum(cells) > budget:
        # One line, never wrapped: the trail ends at the edge.
        fitted[-1] = cut(fitted[-1], max(budget - sum(cells[:-1]), 1))
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

    @property
    def crumbs(self) -> tuple[str, ...]:
        """The trail in full, as given (the line shown may shorten crumbs to fit)."""
        return tuple(self._crumbs)

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
