"""A document as sentences; the records drawn from the current one beside it."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from oic_tui.store.models import KINDS, Document, Record
from oic_tui.store.reader import Store
from oic_tui.store.spans import span_index
from oic_tui.store.words import counted

from ..actions import ACTION_KEYS, RecordActions, Subject
from ..navigation import Location
from ..widgets.record_list import RecordList
from ..widgets.sentence_list import SentenceList, SentenceOption
from ..widgets.source_excerpt import document_line
from .drill import DrillScreen


def record_documents(store: Store, record: Record | None) -> list[str]:
    """The documents a source view can step through: the record's, by date; else all."""
    if record is None:
        return list(store.documents)
    held = set(record.docs)
    return [doc_id for doc_id in store.documents if doc_id in held]


def first_sentence(document: Document, record: Record | None) -> int:
    """The sentence of the record's first span in a document (the first sentence if none)."""
    spans = [span for span in record.sources if span.doc == document.id] if record else []
    sentence = document.sentence_at(spans[0].start) if spans else None
    return sentence.index if sentence else 0


class SourceScreen(RecordActions, DrillScreen):
    """Navigable source; opened at a record's span (or a given sentence) when given one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("greater_than_sign", "step_document(1)", "Next document"),
        Binding("less_than_sign", "step_document(-1)", "Previous document"),
        # Copy, export, open: the sentence (or the record beside it) and the document.
        *ACTION_KEYS,
    ]

    crumb = "Source"

    def __init__(
        self, store: Store, record: Record | None = None, doc: str = "", sentence: int = -1
    ) -> None:
        super().__init__()
        self.store = store
        self.record = record
        self.documents = record_documents(store, record)
        if doc not in store.documents:
            doc = record.sources[0].doc if record and record.sources else store.document.id
        self.document = store.documents.get(doc, store.document)
        self._start_sentence = sentence
        self._by_sentence: dict[int, list[Record]] = {}

    @property
    def location(self) -> Location:
        option = self.query_one(SentenceList).highlighted_option if self.is_mounted else None
        sentence = option.sentence.index if isinstance(option, SentenceOption) else -1
        return Location("source", self.record.id if self.record else "", self.document.id, sentence)

    def subject(self) -> Subject:
        """On the sentences: the sentence, the document's records; beside: the record, its
        sentence's records. The document either way."""
        doc = self.document
        beside = self.query_one("#sentence-records", RecordList)
        option = self.query_one(SentenceList).highlighted_option
        sentence = option.sentence if isinstance(option, SentenceOption) else None
        number = f"sentence {sentence.index + 1}" if sentence else "sentence"
        if self.focused is beside:
            name, heading = f"{doc.id}-{number}", f"{doc.title}, {number}"
            return Subject(beside.current, None, doc, beside.records, name, heading)
        records = [r for kind in KINDS for r in self.store.by_kind(kind, doc=doc.id)]
        return Subject(None, sentence, doc, records, doc.id, doc.title)

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield Static(id="document-title")
        with Horizontal(id="source-panes"):
            yield SentenceList(id="sentences")
            yield RecordList(label="From this sentence", id="sentence-records")
        yield from self.compose_bottom()

    def on_mount(self) -> None:
        super().on_mount()
        start = self._start_sentence
        if not 0 <= start < len(self.document.sentences):
            start = first_sentence(self.document, self.record)
        self.show_document(self.document, start)
        self.query_one(SentenceList).focus()

    def show_document(self, doc: Document, target: int) -> None:
        """Show a document's sentences, the cursor on sentence `target`."""
        self.document = doc
        title = document_line(doc)
        if len(self.documents) > 1 and doc.id in self.documents:
            position = self.documents.index(doc.id) + 1
            where = f"  document {position} of {len(self.documents)}"
            title = Content.assemble(title, Content.styled(where, "dim"))
        self.query_one("#document-title", Static).update(title)
        # Indexed once per store: asking the store per sentence scans every record each time.
        self._by_sentence = span_index(self.store).by_sentence(doc)
        sentences = self.query_one(SentenceList)
        count = counted(len(doc.sentences), "sentence")
        sentences.border_title = Content.styled(f"Article · {count}", "bold")
        focus_id = self.record.id if self.record else ""
        sentences.show_document(doc, self._by_sentence, focus_id)
        sentences.go_to(target)
        self.call_after_refresh(sentences.go_to, target)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`<` `>` only when there are several documents to step through."""
        if action == "step_document":
            return len(self.documents) > 1
        return True

    def action_step_document(self, step: int) -> None:
        """The next (1) or previous (-1) document, wrapping, at the record's first span there."""
        if len(self.documents) < 2:
            return
        at = self.documents.index(self.document.id) if self.document.id in self.documents else -1
        doc = self.store.documents[self.documents[(at + step) % len(self.documents)]]
        self.show_document(doc, first_sentence(doc, self.record))

    @on(SentenceList.Moved)
    def show_sentence_records(self, event: SentenceList.Moved) -> None:
        index = event.sentence.index
        sentences = self.document.sentences
        # A move left over from the document shown before this one says nothing about it.
        if not (0 <= index < len(sentences) and sentences[index] is event.sentence):
            return
        records = self._by_sentence.get(index, [])
        panel = self.query_one("#sentence-records", RecordList)
        panel.show_records(records, show_kind=True)
        if self.record is not None:
            panel.select_record(self.record.id)

    @on(SentenceList.Chosen)
    def focus_sentence_records(self, event: SentenceList.Chosen) -> None:
        panel = self.query_one("#sentence-records", RecordList)
        if panel.records:
            panel.focus()
