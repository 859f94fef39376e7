"""A quote shown inside its sentence and paragraph, the quote highlighted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.content import Content

from ..models import Document, Record, SourceSpan
from .match_view import MatchView
from .styling import mark_spans, match_spans

QUOTE_STYLE = "bold reverse"
# Inside a reversed quote, a matched word is underlined (reverse on reverse would not show).
QUOTE_MATCH_STYLE = "underline"


def excerpt(document: Document, span: SourceSpan) -> tuple[Content, int, int]:
    """The span's sentence, with one sentence of context either side, quote highlighted.

    Also returns where the quote stands in the excerpt's text.
    """
    sentence = document.sentence_at(span.start)
    if sentence is None:
        return Content.styled(span.quote, QUOTE_STYLE), 0, len(span.quote)
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
    offset = sum(len(part.plain) for part in parts)
    parts.append(body.stylize(QUOTE_STYLE, quote_start, quote_end))
    if after is not None:
        trailing = " …" if position + 2 < len(siblings) else ""
        parts.append(Content.styled(" " + text[after.start : after.end] + trailing, "dim"))
    return Content.assemble(*parts), offset + quote_start, offset + quote_end


def document_line(document: Document) -> Content:
    """The document's title, then whichever of publisher, place and date it does not say."""
    missing = [part for part in (document.publisher, document.place, document.date) if part]
    missing = [part for part in missing if part.casefold() not in document.title.casefold()]
    title = Content.styled(document.title, "bold")
    if not missing:
        return title
    return Content.assemble(title, ("  ", ""), Content.styled(", ".join(missing), "italic"))


class SourceExcerpt(MatchView):
    """The document's title and date, then each span of a record in context."""

    def show_record(
        self,
        record: Record,
        documents: Mapping[str, Document],
        terms: Sequence[str] = (),
        phrases: Sequence[Sequence[str]] = (),
    ) -> None:
        """Render every span of a record in its context; matches are marked in quotes only."""
        blocks: list[Content] = []
        quotes: list[tuple[int, int]] = []
        length = 0  # of the text so far, blocks joined by a blank line

        def add(block: Content) -> int:
            nonlocal length
            start = length + 2 if blocks else 0
            blocks.append(block)
            length = start + len(block.plain)
            return start

        for doc_id in dict.fromkeys(span.doc for span in record.sources):
            document = documents.get(doc_id)
            if document is None:
                continue
            add(document_line(document))
            for span in record.sources:
                if span.doc == doc_id:
                    block, start, end = excerpt(document, span)
                    at = add(block)
                    quotes.append((at + start, at + end))
        content = Content("\n\n").join(blocks)
        # The search matched the quotes, not the context around them.
        matches = [
            (start, end)
            for start, end in match_spans(content.plain, terms, phrases)
            if any(low <= start and end <= high for low, high in quotes)
        ]
        self.show_content(mark_spans(content, matches, QUOTE_MATCH_STYLE), matches)
        count = len(record.sources)
        self.border_title = Content.assemble(
            ("Source", "bold"), (f" {count} span{'s' if count != 1 else ''}", "dim")
        )
