"""A quote shown inside its sentence and paragraph, the quote highlighted."""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content
from textual.widgets import Static

from ..models import Document, Record, SourceSpan

QUOTE_STYLE = "bold reverse"


def excerpt(document: Document, span: SourceSpan) -> Content:
    """The span's sentence, with one sentence of context either side, quote highlighted."""
    sentence = document.sentence_at(span.start)
    if sentence is None:
        return Content.styled(span.quote, QUOTE_STYLE)
    siblings = [s for s in document.sentences if s.paragraph == sentence.paragraph]
    position = siblings.index(sentence)
    before = siblings[position - 1] if position > 0 else None
    after = siblings[position + 1] if position + 1 < len(siblings) else None
    text = document.text
    parts: list[Content] = [
        Content.styled(
            f"Paragraph {sentence.paragraph + 1}, sentence {sentence.index + 1} "
            f"of {len(document.sentences)}  [{span.start}:{span.end}]\n",
            "dim",
        )
    ]
    if before is not None:
        parts.append(
            Content.styled(
                ("… " if position > 1 else "") + text[before.start : before.end] + " ", "dim"
            )
        )
    quote_start = max(span.start, sentence.start) - sentence.start
    quote_end = min(span.end, sentence.end) - sentence.start
    body = Content.styled(text[sentence.start : sentence.end], "")
    parts.append(body.stylize(QUOTE_STYLE, quote_start, quote_end))
    if after is not None:
        trailing = " …" if position + 2 < len(siblings) else ""
        parts.append(Content.styled(" " + text[after.start : after.end] + trailing, "dim"))
    return Content.assemble(*parts)


def document_line(document: Document) -> Content:
    """The document's title, then publisher, place and date."""
    return Content.assemble(
        Content.styled(document.title, "bold"),
        ("  ", ""),
        Content.styled(f"{document.publisher}, {document.place}, {document.date}", "italic"),
    )


class SourceExcerpt(Static):
    """The document's title and date, then each span of a record in context."""

    def show_record(self, record: Record, documents: Mapping[str, Document]) -> None:
        """Render every span of a record in its context."""
        blocks: list[Content] = []
        for doc_id in dict.fromkeys(span.doc for span in record.sources):
            document = documents.get(doc_id)
            if document is not None:
                blocks.append(document_line(document))
                blocks += [excerpt(document, s) for s in record.sources if s.doc == doc_id]
        self.update(Content("\n\n").join(blocks))
        count = len(record.sources)
        self.border_title = Content.assemble(
            ("Source", "bold"), (f" {count} span{'s' if count != 1 else ''}", "dim")
        )
