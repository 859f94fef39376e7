"""The body of a record: kind, title, attributes and text, all from plain store text."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from ..models import KIND_LABELS, PHASE_LABELS, Record
from .styling import KIND_STYLES, highlight_terms, match_spans

CURRENT_MATCH_STYLE = "bold reverse $warning"


def _field(name: str, value: str) -> Content:
    return Content.assemble((f"{name}: ", "bold"), Content(value))


def record_fields(record: Record, names: dict[str, str]) -> list[Content]:
    """Attribute lines for a record; `names` maps linked ids to display names."""
    lines: list[Content] = []
    if record.date is not None:
        lines.append(_field("Date", f"{record.date.display()} ({record.date.precision})"))
    if record.phase:
        lines.append(_field("When", PHASE_LABELS.get(record.phase, record.phase)))
    if record.category:
        lines.append(_field("Category", record.category))
    if record.status:
        lines.append(_field("Status", record.status))
    if record.by:
        lines.append(_field("Put forward by", ", ".join(names.get(i, i) for i in record.by)))
    elif record.kind == "initiative":
        lines.append(_field("Put forward by", "not stated in the article"))
    if record.value:
        lines.append(_field("Value", record.value))
    if record.venues:
        lines.append(_field("Came up in", ", ".join(record.venues)))
    if record.entity_type:
        lines.append(_field("Type", record.entity_type))
    if record.aliases:
        lines.append(_field("Named in the article as", "; ".join(record.aliases)))
    return lines


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
