"""The article as navigable sentences, each annotated span tinted by its kind."""

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
from oic_tui.store.sanitize import flat

from .cursor import LIST_KEYS, NoWrapCursor, list_frame_css
from .source_excerpt import QUOTE_STYLE
from .styling import KIND_STYLES

# After a sentence that is page furniture (navigation, a tag, a credit), not the article.
BOILERPLATE_NOTE = " · boilerplate"
# Entities go last: their names keep their colour inside the tinted claims around them.
_KIND_ORDER = ("fact", "topic", "event", "initiative", "entity")


def span_style(kind: str) -> str:
    """How a span of a record of this kind shows: a claim on a faint wash of its kind's
    colour (`$kind-topic-tint`), an entity's name in its colour."""
    return KIND_STYLES[kind] if kind == "entity" else f"on {KIND_STYLES[kind]}-tint"


def sentence_content(
    document: Document, sentence: Sentence, records: Sequence[Record], focus_id: str = ""
) -> Content:
    """A sentence with each overlapping record span styled; the focused record's reversed."""
    # A row of the list: a line break or tab in the sentence is a space, one for one.
    content = Content(flat(document.sentence_text(sentence)))
    ordered = sorted(
        records, key=lambda r: _KIND_ORDER.index(r.kind) if r.kind in _KIND_ORDER else 0
    )
    focused = [r for r in ordered if r.id == focus_id]
    for record in [*ordered, *focused]:
        style = QUOTE_STYLE if record.id == focus_id else span_style(record.kind)
        for span in record.sources:
            if span.doc != document.id:
                continue
            start = max(span.start, sentence.start) - sentence.start
            end = min(span.end, sentence.end) - sentence.start
            if start < end:
                content = content.stylize(style, start, end)
    return content


class SentenceOption(Option):
    """One sentence of the article, carrying the sentence it shows."""

    def __init__(self, prompt: Content, sentence: Sentence) -> None:
        super().__init__(prompt, id=str(sentence.index))
        self.sentence = sentence


@dataclass
class SentenceMessage(Message):
    """Something happened to a sentence of a `SentenceList`."""

    sentence_list: SentenceList
    sentence: Sentence

    @property
    def control(self) -> SentenceList:
        """The list, for `@on(SentenceList.Chosen, selector)` and the like."""
        return self.sentence_list


class SentenceList(NoWrapCursor, OptionList):
    """Sentences as options; `Enter` posts `SentenceList.Chosen`."""

    DEFAULT_CSS = (
        list_frame_css("SentenceList", wrap=True)
        + """
    SentenceList > .option-list--option {
        padding: 0 0 1 0;
    }
    /* A wash, not a block: the sentence stays readable, its spans' tints and colours too. */
    SentenceList > .option-list--option-highlighted,
    SentenceList:focus > .option-list--option-highlighted {
        color: $foreground;
        background: $primary 15%;
        text-style: none;
    }
    SentenceList:focus > .option-list--option-highlighted {
        background: $primary 35%;
    }
    /* The terminal's own colours have no wash: the usual cursor. */
    SentenceList:ansi > .option-list--option-highlighted {
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    SentenceList:ansi:focus > .option-list--option-highlighted {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        *LIST_KEYS,
        Binding("enter", "select", "Records", show=True),
    ]

    @dataclass
    class Chosen(SentenceMessage):
        """The user chose a sentence."""

    @dataclass
    class Moved(SentenceMessage):
        """The cursor moved to a sentence."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

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
            if document.is_boilerplate(sentence):
                # Page furniture, not the article: there to see, but out of the way.
                prompt = Content.assemble(prompt.stylize("dim"), (BOILERPLATE_NOTE, "dim italic"))
            options.append(SentenceOption(prompt, sentence))
        self.set_options(options)

    def go_to(self, sentence_index: int) -> None:
        """Highlight a sentence and scroll it into view."""
        self.highlighted = self.get_option_index(str(sentence_index))
        self.scroll_to_highlight(top=True)

    def on_resize(self) -> None:
        # The sentences wrap anew at the new width: the highlighted one may have left the view.
        self.call_after_refresh(self.scroll_to_highlight)

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if isinstance(event.option, SentenceOption):
            self.post_message(self.Moved(self, event.option.sentence))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, SentenceOption):
            self.post_message(self.Chosen(self, event.option.sentence))
