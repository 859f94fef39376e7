"""The document picker (`d`): every document of a corpus, to explore one of them or all."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input

from oic_tui.present.attributes import LABEL_WIDTH
from oic_tui.store.drafts_count import DraftCounts, draft_counts
from oic_tui.store.per_store import PerStore
from oic_tui.store.sanitize import one_line

from ..widgets.entry_list import EntryList
from ..widgets.footer import FittedFooter
from ..widgets.styling import DRAFT_STYLE

if TYPE_CHECKING:
    from oic_tui.store.models import Document
    from oic_tui.store.reader import Store

# The choice that shows every document (a document id is never empty).
ALL = ""
# Before a choice: review that document's drafts instead of exploring it.
REVIEW = "review:"
# Widths of an entry's columns and parts (longer text is cut).
DATE_COLUMN = 13
PLACE_WIDTH = 20
TITLE_WIDTH = 60
PUBLISHER_WIDTH = 24
# Keys that move the cursor while typing goes to the filter.
MOVES = {"down": 1, "up": -1}
PAGES = {"pagedown": 1, "pageup": -1}


def _counts(store: Store) -> dict[str, int]:
    return {doc_id: store.doc_record_count(doc_id) for doc_id in store.documents}


# How many records each document has: one pass over the records, once per store.
record_counts = PerStore(_counts)


def _counted(count: int | None, noun: str) -> str:
    """`1 record`, `85 records`, or `… records` while still counting."""
    return f"… {noun}s" if count is None else f"{count:,} {noun}{'s' * (count != 1)}"


def _drafts(count: int) -> Content:
    """` · 3 drafts` left to review; nothing for none."""
    if not count:
        return Content("")
    return Content.assemble((" · ", "dim"), (_counted(count, "draft"), DRAFT_STYLE))


def _entry(
    doc: Document, records: int | None, drafts: int, current: bool, label_width: int
) -> Content:
    """Two lines: date, place, label, drafts (where any) and counts; then title and publisher."""
    return Content.assemble(
        (f"{doc.when.compact():<{DATE_COLUMN}}", "bold"),
        f"{one_line(doc.place, PLACE_WIDTH):<{PLACE_WIDTH + 1}}",
        (f"{one_line(doc.short, LABEL_WIDTH):<{label_width}}", "bold $text-accent"),
        # Drafts first: what is left to do shows even where a narrow box cuts the rest.
        _drafts(drafts),
        (f" · {_counted(len(doc.sentences), 'sentence')} · {_counted(records, 'record')}", "dim"),
        ("  (current)" if current else "", "italic"),
        "\n",
        (" " * DATE_COLUMN, ""),
        (
            f"{one_line(doc.title, TITLE_WIDTH)} · {one_line(doc.publisher, PUBLISHER_WIDTH)}",
            "dim",
        ),
    )


def _words(doc: Document) -> str:
    """What typing in the filter matches: date (both forms), place, label, title, publisher."""
    return " ".join(
        (doc.id, doc.date, doc.when.display(), doc.place, doc.short, doc.title, doc.publisher)
    ).casefold()


class DocumentsScreen(ModalScreen[str | None]):
    """A modal list of the documents; dismissed with a document id, ALL, or None (Esc)."""

    DEFAULT_CSS: ClassVar[str] = """
    DocumentsScreen {
        align: center middle;
    }
    #documents-box {
        width: 110;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: round $accent;
        border-title-align: center;
        background: $surface;
        padding: 0 1;
    }
    #documents-filter {
        width: 100%;
    }
    #documents {
        max-height: 1fr;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        # Not `R`, as on the main screen: typing goes to the filter here.
        Binding("ctrl+r", "review", "Review drafts"),
        *(Binding(key, f"move({step})", key, show=False) for key, step in MOVES.items()),
        *(Binding(key, f"page({step})", key, show=False) for key, step in PAGES.items()),
    ]

    def __init__(self, store: Store, scope: str | None) -> None:
        super().__init__()
        self.store = store
        self.scope = scope
        self._words = {doc_id: _words(doc) for doc_id, doc in store.documents.items()}
        # The choices listed now, in order (the filter hides some).
        self._shown: list[str] = []
        self._counts: dict[str, int] = {}
        # Drafts left to review, in all and per document (counted with the records).
        self._drafts = DraftCounts()
        # Labels padded alike, so that the counts after them line up.
        self._label_width = max(
            (len(one_line(doc.short, LABEL_WIDTH)) for doc in store.documents.values()), default=0
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="documents-box"):
            yield Input(
                placeholder="Type to filter: a date, place or words of a title",
                id="documents-filter",
            )
            yield EntryList(self._entry, id="documents")
        yield FittedFooter()

    def on_mount(self) -> None:
        box = self.query_one("#documents-box")
        box.border_title = f"Documents ({len(self.store.documents):,})"
        box.border_subtitle = "↑ ↓ choose · Enter explore · Ctrl+R review · Esc close"
        if record_counts.ready(self.store) and draft_counts.ready(self.store):
            self._counts, self._drafts = record_counts(self.store), draft_counts(self.store)
        else:
            self._count()
        self._list("")

    @work(thread=True, exclusive=True)
    def _count(self) -> None:
        """Count each document's records and drafts off the UI thread (passes over every
        record, once per store)."""
        counts, drafts = record_counts(self.store), draft_counts(self.store)
        self.app.call_from_thread(self._counted, counts, drafts)

    def _counted(self, counts: dict[str, int], drafts: DraftCounts) -> None:
        if self.is_attached:
            self._counts, self._drafts = counts, drafts
            self.query_one(EntryList).redraw()

    @property
    def entries(self) -> list[str]:
        """The choices listed, in order: ALL and document ids (for tests and scripts)."""
        return list(self._shown)

    def entry_text(self, index: int) -> str:
        """Plain text of a listed entry (for tests and scripts)."""
        return self._entry(index).plain

    def _entry(self, index: int) -> Content:
        choice = self._shown[index]
        if choice == ALL:
            return Content.assemble(
                (f"All documents ({len(self.store.documents):,})", "bold"),
                ("  (current)" if self.scope is None else "", "italic"),
                "\n",
                Content.styled(f"{_counted(len(self.store.records), 'record')}", "dim"),
                _drafts(self._drafts.total),
            )
        doc = self.store.documents[choice]
        drafts = self._drafts.by_doc.get(choice, 0)
        return _entry(
            doc, self._counts.get(choice), drafts, choice == self.scope, self._label_width
        )

    def _list(self, query: str) -> None:
        """List "All documents" and each document the filter's words all match."""
        words = query.casefold().split()
        every = all(word in "all documents" for word in words)
        self._shown = ([ALL] if every else []) + [
            doc_id for doc_id, found in self._words.items() if all(w in found for w in words)
        ]
        current = self.scope or ALL
        at = self._shown.index(current) if current in self._shown else 0
        self.query_one(EntryList).show(len(self._shown), at)

    @on(Input.Changed, "#documents-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._list(event.value)

    @on(Input.Submitted, "#documents-filter")
    def action_choose(self) -> None:
        """Explore the highlighted document (or all)."""
        index = self.query_one(EntryList).highlighted
        if index is not None and index < len(self._shown):
            self.dismiss(self._shown[index])

    def action_review(self) -> None:
        """Review the highlighted document's drafts (All: the first with drafts)."""
        index = self.query_one(EntryList).highlighted
        if index is not None and index < len(self._shown):
            self.dismiss(REVIEW + self._shown[index])

    @on(EntryList.Chosen)
    def _clicked(self, event: EntryList.Chosen) -> None:
        self.dismiss(self._shown[event.index])

    def action_move(self, step: int) -> None:
        """Move the cursor while typing stays in the filter."""
        self.query_one(EntryList).move(step)

    def action_page(self, step: int) -> None:
        """A page down (1) or up (-1)."""
        self.query_one(EntryList).page(step)
