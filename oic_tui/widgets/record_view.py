"""The body of a record: kind, title, attributes and text, all from plain store text."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from ..attributes import record_attributes
from ..models import KIND_LABELS, Record
from .styling import KIND_STYLES, highlight_terms, match_spans

CURRENT_MATCH_STYLE = "bold reverse $warning"


def _field(name: str, value: str) -> Content:
    return Content.assemble((f"{name}: ", "bold"), Content(value))


def record_fields(record: Record, names: dict[str, str]) -> list[Content]:
    """Attribute lines for a record; `names` maps linked ids to display names."""
    return [_field(label, value) for label, value in record_attributes(record, names)]


class RecordView(Static):
    """Kind, title, attributes and full text of one record."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Content("")
        self.matches: list[tuple[int, int]] = []

    def show_record(
        self,
        record: Record,
        names: dict[str, str],
        terms: Sequence[str] = (),
        phrases: Sequence[Sequence[str]] = (),
    ) -> None:
        """Render a record; search `terms` and `phrases` are highlighted."""
        kind = KIND_LABELS.get(record.kind, record.kind)
        lines = [
            Content.assemble((kind, f"bold {KIND_STYLES.get(record.kind, '')}"), ("  ", ""))
            + Content.styled(record.id, "dim"),
            Content.styled(record.title, "bold"),
            Content(""),
            *record_fields(record, names),
            Content(""),
            Content(record.text),
        ]
        self._content = highlight_terms(Content("\n").join(lines), terms, phrases)
        self.matches = match_spans(self._content.plain, terms, phrases)
        self.update(self._content)

    def show_match(self, index: int) -> int:
        """Mark match `index` as the current one; return its line (for scrolling)."""
        start, end = self.matches[index]
        self.update(self._content.stylize(CURRENT_MATCH_STYLE, start, end))
        width = max(self.content_region.width, 1)
        before = self._content.plain[:start].split("\n")
        return sum(len(line) // width + 1 for line in before[:-1]) + len(before[-1]) // width
