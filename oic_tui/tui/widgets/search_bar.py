"""The search box: an Input that remembers recent queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Input

from oic_tui.search.query import unknown_kinds
from oic_tui.store.sanitize import clean_text

MAX_HISTORY = 50


class SearchBar(Input):
    """`Up` recalls older queries, `Down` newer ones, or moves into the results."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "older", "Older query", show=False),
        Binding("down", "newer_or_results", "Results"),
    ]

    @dataclass
    class LeaveDown(Message):
        """The user pressed Down past the newest query: move into the results."""

        search_bar: SearchBar

    def __init__(self, *, id: str | None = None) -> None:
        # No select-all on focus: coming back with Up from the results, the next key must
        # extend the query, as in fzf. Reopening with `/` selects it (the screen does that).
        super().__init__(
            placeholder='Search: words, "phrases", names, dates…', id=id, select_on_focus=False
        )
        self.history: list[str] = []
        self._cursor: int | None = None

    def remember(self, query: str) -> None:
        """Add a query to the recent list (most recent last, no duplicates)."""
        query = query.strip()
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.append(query)
        del self.history[:-MAX_HISTORY]
        self._cursor = None

    def action_older(self) -> None:
        """Recall the previous query (from an empty box, or while recalling)."""
        if not self.history:
            return
        if self._cursor is None or self.value != self.history[self._cursor]:
            if self.value.strip():
                return
            self._cursor = len(self.history)
        self._cursor = max(self._cursor - 1, 0)
        self.value = self.history[self._cursor]
        self.cursor_position = len(self.value)

    def action_newer_or_results(self) -> None:
        """Ask the screen to move into the results (it calls `recall_newer` if none)."""
        self.post_message(self.LeaveDown(self))

    def recall_newer(self) -> None:
        """Recall the next newer query, or empty the box after the newest."""
        if self._cursor is None:
            return
        if self._cursor + 1 < len(self.history):
            self._cursor += 1
            self.value = self.history[self._cursor]
        else:
            self._cursor = None
            self.value = ""
        self.cursor_position = len(self.value)


def no_results_message(query: str) -> Content:
    """What to say when nothing matches, with things to try."""
    if unknown := unknown_kinds(query):
        return Content.assemble(
            ("No records match ", ""),
            Content.styled(clean_text(query.strip()), "bold"),
            (". ", ""),
            Content.styled(clean_text(f"kind:{unknown[0]}"), "bold"),
            (" is not a kind: use event, topic, initiative, fact or entity.", "dim"),
        )
    return Content.assemble(
        ("No records match ", ""),
        # Pasted text can hold control characters: shown inert, like store text.
        Content.styled(clean_text(query.strip()), "bold"),
        (". Try fewer words, a shorter prefix, a name such as ", "dim"),
        ("Astana", "italic"),
        (" or ", "dim"),
        ("IOFS", "italic"),
        (", a year such as ", "dim"),
        ("1969", "italic"),
        (", or kind:initiative to list a kind.", "dim"),
    )
