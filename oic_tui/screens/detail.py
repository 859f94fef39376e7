"""Detail of one record: attributes, text, entities, related records and source."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from ..models import Record
from ..navigation import Location
from ..store import Store
from ..widgets.record_list import RecordList
from ..widgets.record_view import RecordView
from ..widgets.source_excerpt import SourceExcerpt
from .drill import DrillScreen


def linked_names(record: Record, store: Store) -> dict[str, str]:
    """Display names of the entities a record links to."""
    return {r.id: r.title for r in store.resolve((*record.entities, *record.by))}


class DetailScreen(DrillScreen):
    """Everything about one record, with every link selectable."""

    def __init__(self, record: Record, store: Store, terms: Sequence[str] = ()) -> None:
        super().__init__()
        self.record = record
        self.store = store
        self.terms = tuple(terms)
        self.crumb = record.title

    @property
    def location(self) -> Location:
        return Location("record", self.record.id)

    @property
    def source_record_id(self) -> str:
        return self.record.id

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        with VerticalScroll(id="detail"):
            yield RecordView(id="record-view")
            yield RecordList(label="Entities involved", id="entities", classes="links")
            yield RecordList(label="Related records", id="related", classes="links")
            yield SourceExcerpt(id="source-excerpt")
        yield from self.compose_bottom()

    def on_mount(self) -> None:
        super().on_mount()
        record, store = self.record, self.store
        self.query_one(RecordView).show_record(record, linked_names(record, store), self.terms)
        entities = store.resolve(dict.fromkeys((*record.by, *record.entities)))
        self.query_one("#entities", RecordList).show_records(entities)
        self.query_one("#related", RecordList).show_records(
            store.resolve(record.related), show_kind=True
        )
        excerpt = self.query_one(SourceExcerpt)
        excerpt.border_title = "Source"
        document = store.documents.get(record.sources[0].doc, store.document)
        excerpt.show_spans(document, [s for s in record.sources if s.doc == document.id])
        for list_id in ("#entities", "#related"):
            links = self.query_one(list_id, RecordList)
            links.display = bool(links.records)
        first = next((w for w in self.query(RecordList) if w.display), None)
        if first is not None:
            first.focus()
