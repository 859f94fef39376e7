"""Detail of one record: attributes, text, entities, related records and source."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal

from oic_tui.present.attributes import as_of
from oic_tui.store.mentions import quotes_name, store_alias_index
from oic_tui.store.models import Document, Record
from oic_tui.store.reader import Store

from ..actions import ACTION_KEYS, RecordActions, Subject
from ..navigation import Location
from ..widgets.history import HistoryList
from ..widgets.match_view import MatchView
from ..widgets.page_scroll import PageScroll
from ..widgets.preview_bar import PreviewBar
from ..widgets.record_list import RecordList
from ..widgets.record_view import RecordView
from ..widgets.source_excerpt import SourceExcerpt
from .drill import DrillScreen


def linked_names(record: Record, store: Store) -> dict[str, str]:
    """Display names of the entities a record links to."""
    return {r.id: r.title for r in store.resolve((*record.entities, *record.by))}


CONTEXT_NOTE = "from context"
# The fewest lines of the record a small terminal shows, whatever the lists below need.
MIN_PAGE = 3


class DetailScreen(RecordActions, DrillScreen):
    """Everything about one record, with every link selectable."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "match(1)", "Next match"),
        Binding("N", "match(-1)", "Previous match", show=False),
        # Copy, export, open: the record itself, whichever of its lists has focus.
        *ACTION_KEYS,
    ]

    def __init__(
        self,
        record: Record,
        store: Store,
        terms: Sequence[str] = (),
        phrases: Sequence[Sequence[str]] = (),
        seen_in: Document | None = None,
    ) -> None:
        super().__init__()
        self.record = record
        self.store = store
        # The document the record was opened as of (the explorer scoped to it), if any.
        self.seen_in = seen_in
        self.terms = tuple(terms)
        self.phrases = tuple(tuple(p) for p in phrases)
        self.current_match: int | None = None
        self.crumb = record.title

    @property
    def location(self) -> Location:
        return Location("record", self.record.id, self.seen_in.id if self.seen_in else "")

    @property
    def source_record_id(self) -> str:
        return self.record.id

    def subject(self) -> Subject:
        """The record (for `e` too) and the document of its first source."""
        record = self.record
        return Subject(record, None, self.document_of(record), (record,), record.id, record.title)

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        with PageScroll(id="detail"):
            yield RecordView(id="record-view")
            yield SourceExcerpt(id="source-excerpt")
        # Below the page, not inside it: the list that has focus is always in view.
        # A timeline of one step would only repeat the record's status.
        if len(self.record.history) > 1:
            yield HistoryList(id="history")
        with Horizontal(id="links"):
            yield from self.compose_links()
        yield from self.compose_bottom()

    def compose_links(self) -> ComposeResult:
        """The lists of linked records."""
        yield RecordList(label="Entities involved", id="entities", classes="links")
        yield RecordList(label="Related records", id="related", classes="links")

    def fill_links(self) -> None:
        """Fill the lists of linked records."""
        record, store = self.record, self.store
        entities = store.resolve(dict.fromkeys((*record.by, *record.entities)))
        # A curated link the quotes support only through context (a pronoun, a subject
        # outside the quoted words) says so: `s` will not show the entity's name.
        index = store_alias_index(store)
        notes = {e.id: CONTEXT_NOTE for e in entities if not quotes_name(record, e, index)}
        self.query_one("#entities", RecordList).show_records(entities, notes=notes)
        self.query_one("#related", RecordList).show_records(
            store.resolve(record.related), show_kind=True
        )

    def on_mount(self) -> None:
        super().on_mount()
        record, store = self.record, self.store
        names = linked_names(record, store)
        view = self.query_one(RecordView)
        view.show_record(record, names, self.terms, self.phrases, self.seen_in)
        excerpt = self.query_one(SourceExcerpt)
        # Offsets only when asked for (the palette's command), then on every record's page.
        excerpt.offsets = self.oic.source_offsets
        excerpt.show_record(record, store.documents, self.terms, self.phrases)
        self.watch(self.oic, "source_offsets", excerpt.show_offsets, init=False)
        if count := len(self._matches()):
            noun = "match" if count == 1 else "matches"
            self.sub_title = f"{count} {noun}: n / N to step through them"
        self.fill_links()
        for links in self.query(RecordList):
            links.display = bool(links.records)
        self.query_one("#links").display = any(w.display for w in self.query(RecordList))
        for history in self.query(HistoryList):
            history.show_history(record.history, store.documents)
            if self.seen_in is not None:
                # Seen as of a document: the cursor on its last step by then.
                seen = as_of(record, self.seen_in.date)
                history.highlighted = max(len(seen.history) - 1, 0)
        # The record first (`j` `k` scroll it); Tab goes on to its history, then its links.
        self.query_one("#detail", PageScroll).focus()
        self.call_after_refresh(self._fit_page)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_page)

    @on(PreviewBar.Resized)
    def _bar_resized(self) -> None:
        # Laid out anew: the bar's lines are known, the page takes what the rest leaves.
        self._fit_page()

    def _fit_page(self) -> None:
        """The page as tall as it needs, at most what the lists below it leave: they follow
        the record's source with no gap, and stay in view."""
        page = self.query_one("#detail", PageScroll)
        below = sum(
            child.outer_size.height + child.styles.margin.height
            for child in self.children
            if child is not page and child.display
        )
        page.styles.max_height = max(self.size.height - below, MIN_PAGE)

    @on(HistoryList.Chosen)
    def open_step_source(self, event: HistoryList.Chosen) -> None:
        """Open the source at the step's span, in the step's own document."""
        span = event.step.source
        document = self.store.documents.get(span.doc)
        sentence = document.sentence_at(span.start) if document else None
        location = Location("source", self.record.id, span.doc, sentence.index if sentence else -1)
        self.oic.drill_to(location, opener=self)

    def _matches(self) -> list[tuple[MatchView, int]]:
        """Every search match on the page, in reading order: the record, then its quotes."""
        views = (self.query_one(RecordView), self.query_one(SourceExcerpt))
        return [(view, index) for view in views for index in range(len(view.matches))]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`n`/`N` only when the record was opened from a search that matched in it."""
        if action == "match":
            return bool(self._matches())
        return True

    def action_match(self, step: int) -> None:
        """Step to the next (1) or previous (-1) search match, wrapping, with an i of n count."""
        matches = self._matches()
        if not matches:
            return
        count = len(matches)
        current = -1 if self.current_match is None and step > 0 else (self.current_match or 0)
        self.current_match = (current + step) % count
        view, index = matches[self.current_match]
        for other in {v for v, _ in matches} - {view}:
            other.show_match(None)
        line = view.show_match(index)
        self.sub_title = f"match {self.current_match + 1} of {count}"
        top = view.virtual_region.y + view.styles.gutter.top
        self.query_one("#detail", PageScroll).scroll_to(y=max(top + line - 2, 0), animate=False)
