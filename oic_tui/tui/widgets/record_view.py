"""The body of a record: kind, title, attributes and text, all from plain store text."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from oic_tui.present.attributes import record_attributes
from oic_tui.store.models import KIND_LABELS, Document, Record

from .match_view import MatchView
from .styling import KIND_STYLES, MATCH_STYLE, cut, mark_spans, match_spans, row_text

# The most of a title the page lays out (wrapped): a screenful, not a megabyte.
TITLE_CELLS = 2_000


def page_title(title: str) -> str:
    """A title as the page's heading: one paragraph, cut after a screenful."""
    return cut(row_text(title, TITLE_CELLS + 1), TITLE_CELLS)


def _field(name: str, value: str) -> Content:
    return Content.assemble((f"{name}: ", "bold"), Content(value))


def record_fields(
    record: Record, names: dict[str, str], seen_in: Document | None = None
) -> list[Content]:
    """Attribute lines for a record; `names` maps linked ids to display names (`seen_in`:
    the document it is seen as of)."""
    return [_field(label, value) for label, value in record_attributes(record, names, seen_in)]


class RecordView(MatchView):
    """Kind, title, attributes and full text of one record."""

    DEFAULT_CSS = """
    RecordView {
        padding: 1 2;
        height: auto;
    }
    """

    def show_record(
        self,
        record: Record,
        names: dict[str, str],
        terms: Sequence[str] = (),
        phrases: Sequence[Sequence[str]] = (),
        seen_in: Document | None = None,
    ) -> None:
        """Render a record; search `terms` and `phrases` are highlighted. Seen in a document,
        an initiative also says its status as of it."""
        kind = KIND_LABELS.get(record.kind, record.kind)
        lines = [
            Content.assemble((kind, f"bold {KIND_STYLES.get(record.kind, '')}"), ("  ", ""))
            + Content.styled(record.id, "dim"),
            Content.styled(page_title(record.title), "bold"),
            Content(""),
            *record_fields(record, names, seen_in),
            Content(""),
            Content(record.text),
        ]
        content = Content("\n").join(lines)
        # Not in the kind-and-id line: the id is not searched, so it holds no matches.
        searched_from = len(lines[0].plain) + 1
        matches = [m for m in match_spans(content.plain, terms, phrases) if m[0] >= searched_from]
        self.show_content(mark_spans(content, matches, MATCH_STYLE), matches)
