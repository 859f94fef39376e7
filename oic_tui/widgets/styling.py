"""Build displayed Content from store text: plain text in, styled spans on top."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.content import Content

from ..models import Record
from ..textnorm import token_spans

KIND_STYLES: dict[str, str] = {
    "event": "#5fafff",
    "topic": "#e0b050",
    "initiative": "#70d070",
    "fact": "#d787d7",
    "entity": "#60d0d0",
}
SHORT_LABELS: dict[str, str] = {
    "event": "Timeline",
    "topic": "Topics",
    "initiative": "Initiatives",
    "fact": "Facts",
    "entity": "Entities",
}
DATE_WIDTH = 15


def truncate(text: str, width: int) -> str:
    """Shorten to `width` characters with an ellipsis."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def highlight_terms(content: Content, terms: Iterable[str], style: str = "reverse") -> Content:
    """Style every word of the content whose folded form is one of the search terms."""
    wanted = {term for term in terms if term}
    if not wanted:
        return content
    for start, end, token in token_spans(content.plain):
        if token in wanted:
            content = content.stylize(style, start, end)
    return content


def record_line(record: Record, terms: Sequence[str] = (), show_kind: bool = False) -> Content:
    """One line for a record in a list: date or kind, title, then its summary dimmed."""
    parts: list[Content | tuple[str, str] | str] = []
    if show_kind:
        parts.append((f"{record.kind:<10} ", KIND_STYLES.get(record.kind, "")))
    if record.kind == "event" and not show_kind:
        date = record.date.display() if record.date else ""
        parts.append((f"{date:<{DATE_WIDTH}} ", "dim"))
        parts.append(Content(record.title))
    else:
        parts.append(Content(record.title))
        if record.summary:
            parts.append(("  ", ""))
            parts.append(Content.styled(record.summary, "dim italic"))
    return highlight_terms(Content.assemble(*parts), terms)


def heading(text: str) -> Content:
    """A group heading inside a list."""
    return Content.styled(f"── {text} ", "bold $text-accent")
