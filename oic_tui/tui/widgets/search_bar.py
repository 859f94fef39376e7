"""The search box: an Input that remembers recent queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Input

from oic_tui.store.sanitize import clean_text

if TYPE_CHECKING:
    from oic_tui.search.notes import Note

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


def note_content(note: Note) -> Content:
    """A note on the query: what was typed in bold, what to know dim, close names italic."""
    parts: list[Content | tuple[str, str]] = [
        Content.styled(clean_text(note.subject), "bold"),
        (f" {clean_text(note.says)}", "dim"),
    ]
    for number, option in enumerate(note.options):
        parts.append(("; did you mean " if number == 0 else ", ", "dim"))
        parts.append(Content.styled(clean_text(option), "italic"))
    parts.append(("?" if note.options else ".", "dim"))
    return Content.assemble(*parts)


def search_notice(
    query: str, found: bool, notes: Sequence[Note] = (), scope: str = ""
) -> Content | None:
    """What to say above the results: when nothing matches, that and things to try (or
    what is wrong with the query); else its notes, if any. None: nothing to say."""
    said = [note_content(note) for note in notes]
    if found or not query.strip():
        return Content(" ").join(said) if said else None
    where = f" in {clean_text(scope)}" if scope else ""
    opening = Content.assemble(
        ("No records match ", ""),
        # Pasted text can hold control characters: shown inert, like store text.
        Content.styled(clean_text(query.strip()), "bold"),
        (f"{where}. ", ""),
    )
    if said:
        return Content.assemble(opening, Content(" ").join(said))
    return Content.assemble(
        opening,
        ("Try fewer words, a shorter prefix, a name such as ", "dim"),
        ("Astana", "italic"),
        (" or ", "dim"),
        ("IOFS", "italic"),
        (", a year such as ", "dim"),
        ("1969", "italic"),
        (", or kind:initiative to list a kind.", "dim"),
    )
