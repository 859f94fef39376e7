"""The article as navigable sentences, each annotated span in its kind's colour."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from oic_tui.store.models import Document, Record, Sentence

from .cursor import LIST_KEYS, NoWrapCursor
from .source_excerpt import QUOTE_STYLE
from .styling import KIND_STYLES

# Entities go first so the coloured spans of claims are drawn over their underline.
_KIND_ORDER = ("entity", "fact", "topic", "event", "initiative")


def sentence_content(
    document: Document, sentence: Sentence, records: Sequence[Record], focus_id: str = ""
) -> Content:
    """A sentence with each overlapping record span styled; the focused record's reversed."""
    content = Content(document.sentence_text(sentence))
    ordered = sorted(
        records, key=lambda r: _KIND_ORDER.index(r.kind) if r.kind in _KIND_ORDER else 0
    )
    focused = [r for r in ordered if r.id == focus_id]
    for record in [*ordered, *focused]:
        style = QUOTE_STYLE if record.id == focus_id else f"underline {KIND_STYLES[record.kind]}"
        if record.kind == "entity" and record.id != focus_id:
            style = "underline"
        for span in record.sources:
            if span.doc != document.id:
                continue
            start = max(span.start, sentence.start) - sentence.start
            end = min(span.end, sentence.end) - sentence.start
            if start < end:
                content = content.stylize(style, start, end)
    return content


class SentenceList(NoWrapCursor, OptionList):
    """Sentences as options; `Enter` posts `SentenceList.Chosen`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *LIST_KEYS,
        Binding("enter", "select", "Records", show=True),
    ]

    @dataclass
    class Chosen(Message):
        """The user chose a sentence."""

        sentence_list: SentenceList
        sentence: Sentence

    @dataclass
    class Moved(Message):
        """The cursor moved to a sentence."""

        sentence_list: SentenceList
        sentence: Sentence

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._sentences: dict[str, Sentence] = {}

    def show_document(
        self, document: Document, spans_by_sentence: dict[int, list[Record]], focus_id: str = ""
    ) -> None:
        """Fill with every sentence, a separator between paragraphs."""
        options: list[Option | None] = []
        paragraph = None
        for sentence in document.sentences:
            if paragraph is not None and sentence.paragraph != paragraph:
                options.append(None)
            paragraph = sentence.paragraph
            records = spans_by_sentence.get(sentence.index, [])
            prompt = sentence_content(document, sentence, records, focus_id)
            options.append(Option(prompt, id=str(sentence.index)))
            self._sentences[str(sentence.index)] = sentence
        self.set_options(options)

    def go_to(self, sentence_index: int) -> None:
        """Highlight a sentence and scroll it into view."""
        self.highlighted = self.get_option_index(str(sentence_index))
        self.scroll_to_highlight(top=True)

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        sentence = self._sentences.get(event.option_id or "")
        if sentence is not None:
            self.post_message(self.Moved(self, sentence))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        sentence = self._sentences.get(event.option_id or "")
        if sentence is not None:
            self.post_message(self.Chosen(self, sentence))
