"""The whole article as sentences; the records drawn from the current one beside it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from oic_tui.store.models import Record
from oic_tui.store.reader import Store
from oic_tui.store.spans import span_index

from ..navigation import Location
from ..widgets.record_list import RecordList
from ..widgets.sentence_list import SentenceList
from ..widgets.source_excerpt import document_line
from .drill import DrillScreen


class SourceScreen(DrillScreen):
    """Navigable source; opened at a record's span when given one."""

    crumb = "Source"

    def __init__(self, store: Store, record: Record | None = None) -> None:
        super().__init__()
        self.store = store
        self.record = record
        self.document = store.documents.get(record.sources[0].doc if record else "", store.document)

    @property
    def location(self) -> Location:
        return Location("source", self.record.id if self.record else "")

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield Static(id="document-title")
        with Horizontal(id="source-panes"):
            yield SentenceList(id="sentences")
            yield RecordList(label="From this sentence", id="sentence-records")
        yield from self.compose_bottom()

    def on_mount(self) -> None:
        super().on_mount()
        doc = self.document
        self.query_one("#document-title", Static).update(document_line(doc))
        # Indexed once per store: asking the store per sentence scans every record each time.
        by_sentence = span_index(self.store).by_sentence(doc)
        self._by_sentence = by_sentence
        sentences = self.query_one(SentenceList)
        sentences.border_title = Content.styled(f"Article · {len(doc.sentences)} sentences", "bold")
        focus_id = self.record.id if self.record else ""
        sentences.show_document(doc, by_sentence, focus_id)
        target = 0
        if self.record is not None:
            first = doc.sentence_at(self.record.sources[0].start)
            target = first.index if first else 0
        sentences.go_to(target)
        self.call_after_refresh(sentences.go_to, target)
        sentences.focus()

    @on(SentenceList.Moved)
    def show_sentence_records(self, event: SentenceList.Moved) -> None:
        records = self._by_sentence.get(event.sentence.index, [])
        panel = self.query_one("#sentence-records", RecordList)
        panel.show_records(records, show_kind=True)
        if self.record is not None:
            panel.select_record(self.record.id)

    @on(SentenceList.Chosen)
    def focus_sentence_records(self, event: SentenceList.Chosen) -> None:
        panel = self.query_one("#sentence-records", RecordList)
        if panel.records:
            panel.focus()
