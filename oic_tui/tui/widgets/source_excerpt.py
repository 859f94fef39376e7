"""A quote shown inside its sentence and paragraph, the quote highlighted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.content import Content

from oic_tui.store.models import Document, Record, SourceSpan
from oic_tui.store.sanitize import flat

from .match_view import MatchView
from .styling import mark_spans, match_spans, row_text

QUOTE_STYLE = "bold reverse"
# Inside a reversed quote, a matched word is underlined (reverse on reverse would not show).
QUOTE_MATCH_STYLE = "underline"
Quote = tuple[int, int]
Shown = tuple[Record, Mapping[str, Document], Sequence[str], Sequence[Sequence[str]]]


def excerpt(
    document: Document, spans: Sequence[SourceSpan], offsets: bool = False
) -> tuple[Content, list[Quote]]:
    """Spans of one sentence shown in it, one sentence of context either side, quotes marked;
    with `offsets`, each quote's character offsets in the document too.

    Also returns where each quote stands in the excerpt's text.
    """
    sentence = document.sentence_at(spans[0].start)
    if sentence is None:
        quote = " … ".join(flat(span.quote) for span in spans)
        return Content.styled(quote, QUOTE_STYLE), [(0, len(quote))]
    siblings = [s for s in document.sentences if s.paragraph == sentence.paragraph]
    position = siblings.index(sentence)
    before = siblings[position - 1] if position > 0 else None
    after = siblings[position + 1] if position + 1 < len(siblings) else None
    text = document.text
    where = "".join(f"  [{span.start}:{span.end}]" for span in spans) if offsets else ""
    parts: list[Content] = [
        Content.styled(
            f"Sentence {sentence.index + 1} of {len(document.sentences)} "
            f"(paragraph {sentence.paragraph + 1}){where}\n",
            "dim",
        )
    ]
    if before is not None:
        parts.append(
            Content.styled(
                ("… " if position > 1 else "") + flat(text[before.start : before.end]) + " ", "dim"
            )
        )
    offset = sum(len(part.plain) for part in parts)
    # A sentence is one run of prose: a line break or tab inside it is a space (one for
    # one: the quotes' offsets still hold).
    body = Content.styled(flat(text[sentence.start : sentence.end]), "")
    quotes: list[Quote] = []
    for span in spans:
        start = max(span.start, sentence.start) - sentence.start
        end = min(span.end, sentence.end) - sentence.start
        body = body.stylize(QUOTE_STYLE, start, end)
        quotes.append((offset + start, offset + end))
    parts.append(body)
    if after is not None:
        trailing = " …" if position + 2 < len(siblings) else ""
        parts.append(Content.styled(" " + flat(text[after.start : after.end]) + trailing, "dim"))
    return Content.assemble(*parts), quotes


def by_sentence(document: Document, spans: Sequence[SourceSpan]) -> list[list[SourceSpan]]:
    """Spans grouped by the sentence they start in, in the record's order."""
    groups: dict[int, list[SourceSpan]] = {}
    for span in spans:
        sentence = document.sentence_at(span.start)
        # A span outside every sentence stands alone (keyed below any sentence index).
        key = sentence.index if sentence is not None else -1 - len(groups)
        groups.setdefault(key, []).append(span)
    return list(groups.values())


def documents_block(documents: Sequence[Document], spans: Sequence[SourceSpan]) -> Content:
    """The documents a record draws on, by date, one line each with how many spans."""
    lines = [Content.styled("Documents", "bold")]
    for document in documents:
        count = sum(1 for span in spans if span.doc == document.id)
        lines.append(
            Content.assemble(
                Content.styled(f"{document.when.compact()} · ", "dim"),
                Content.styled(row_text(document.short), "italic"),
                Content.styled(f" · {count} span{'s' if count != 1 else ''}", "dim"),
            )
        )
    return Content("\n").join(lines)


def document_line(document: Document) -> Content:
    """The document's title, then whichever of publisher, place and date it does not say."""
    missing = [part for part in (document.publisher, document.place, document.date) if part]
    missing = [part for part in missing if part.casefold() not in document.title.casefold()]
    title = Content.styled(row_text(document.title), "bold")
    if not missing:
        return title
    said = row_text(", ".join(missing))
    return Content.assemble(title, ("  ", ""), Content.styled(said, "italic"))


class SourceExcerpt(MatchView):
    """The document's title and date, then each span of a record in context."""

    DEFAULT_CSS = """
    SourceExcerpt {
        border: round $foreground 30%;
        border-title-align: left;
        border-title-color: $text;
        padding: 0 1;
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # What is shown, to show it again with or without the offsets.
        self._shown: Shown | None = None
        self.offsets = False

    def show_offsets(self, offsets: bool) -> None:
        """Show (or hide) each quote's character offsets in its document."""
        self.offsets = offsets
        if self._shown is not None:
            self.show_record(*self._shown)

    def show_record(
        self,
        record: Record,
        documents: Mapping[str, Document],
        terms: Sequence[str] = (),
        phrases: Sequence[Sequence[str]] = (),
    ) -> None:
        """Render every span of a record in its context; matches are marked in quotes only."""
        self._shown = (record, documents, terms, phrases)
        blocks: list[Content] = []
        quotes: list[Quote] = []
        length = 0  # of the text so far, blocks joined by a blank line

        def add(block: Content) -> int:
            nonlocal length
            start = length + 2 if blocks else 0
            blocks.append(block)
            length = start + len(block.plain)
            return start

        # By date, as the store orders its documents.
        held = set(record.docs)
        shown = [document for doc_id, document in documents.items() if doc_id in held]
        # Each document's title heads its excerpts; several are listed first, by date.
        if len(shown) > 1:
            add(documents_block(shown, record.sources))
        for document in shown:
            add(document_line(document))
            spans = [span for span in record.sources if span.doc == document.id]
            # Quotes from one sentence share one excerpt, not one copy of it each.
            for group in by_sentence(document, spans):
                block, found = excerpt(document, group, self.offsets)
                at = add(block)
                quotes += [(at + start, at + end) for start, end in found]
        content = Content("\n\n").join(blocks)
        # The search matched the quotes, not the context around them.
        matches = [
            (start, end)
            for start, end in match_spans(content.plain, terms, phrases)
            if any(low <= start and end <= high for low, high in quotes)
        ]
        self.show_content(mark_spans(content, matches, QUOTE_MATCH_STYLE), matches)
        count = len(record.sources)
        where = f" in {len(shown)} documents" if len(shown) > 1 else ""
        self.border_title = Content.assemble(
            ("Source", "bold"), (f" {count} span{'s' if count != 1 else ''}{where}", "dim")
        )
