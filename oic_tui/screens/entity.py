"""An entity: its name, type, every alias, and every record that mentions it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from ..models import KINDS, Record
from ..navigation import Location
from ..store import Store
from ..widgets.record_list import RecordList
from ..widgets.record_view import RecordView
from ..widgets.source_excerpt import SourceExcerpt
from ..widgets.styling import SHORT_LABELS
from .drill import DrillScreen


class EntityScreen(DrillScreen):
    """Backlinks of an entity, grouped by kind."""

    def __init__(self, record: Record, store: Store) -> None:
        super().__init__()
        self.record = record
        self.store = store
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
            yield RecordList(label="Mentioned in", id="backlinks", classes="links")
            yield SourceExcerpt(id="source-excerpt")
        yield from self.compose_bottom()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RecordView).show_record(self.record, {})
        mentions = self.store.mentioning(self.record.id)
        groups = [
            (f"{SHORT_LABELS[kind]} ({len(members)})", members)
            for kind in KINDS
            if (members := [r for r in mentions if r.kind == kind])
        ]
        backlinks = self.query_one("#backlinks", RecordList)
        backlinks.show_records(mentions, groups=groups)
        excerpt = self.query_one(SourceExcerpt)
        excerpt.border_title = "Source"
        document = self.store.document
        excerpt.show_spans(document, [s for s in self.record.sources if s.doc == document.id])
        backlinks.focus()
