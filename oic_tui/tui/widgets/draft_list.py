"""The drafts drawn from one sentence, each as the build stores it, with what blocks it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from oic_tui.present.attributes import record_attributes
from oic_tui.store.models import KIND_LABELS, Record

from .cursor import LIST_KEYS, NoWrapCursor, list_frame_css
from .styling import KIND_STYLES, row_text

if TYPE_CHECKING:
    from oic_tui.corpus.review import Draft

# The most of a note (a build warning) shown: one wrapped paragraph.
NOTE_LIMIT = 400


def draft_content(record: Record, names: Mapping[str, str], notes: Sequence[str]) -> Content:
    """Kind and id, title, the attributes the detail page shows, then the build's notes."""
    kind = KIND_LABELS.get(record.kind, record.kind)
    lines = [
        # The kind's colour on a mark only: on the cursor's row a coloured word can vanish
        # into the highlight (blue on blue), where the mark's loss costs nothing.
        Content.assemble(
            ("● ", KIND_STYLES.get(record.kind, "")),
            (kind, "bold"),
            ("  ", ""),
            (row_text(record.id), "italic"),
        ),
        Content.styled(row_text(record.title), "bold"),
    ]
    for label, value in record_attributes(record, names):
        lines.append(Content.assemble((f"{label}: ", "bold"), row_text(value)))
    lines.extend(note_line(note, record.id) for note in notes)
    return Content("\n").join(lines)


def note_line(note: str, address: str) -> Content:
    """A build note on a draft, without the file and id the card shows already."""
    said = note.split(f"{address}: ", 1)[-1] if f"{address}: " in note else note
    # Only the label in the warning colour: on the cursor's row the words must stay legible.
    return Content.assemble(("▲ to fix: ", "bold $text-warning"), row_text(said, NOTE_LIMIT))


def step_content(draft: Draft, row: Mapping[str, object], notes: Sequence[str]) -> Content:
    """A step row of an initiative's history: the initiative, status, date and quote."""
    lines = [
        Content.assemble(
            ("● ", KIND_STYLES.get("initiative", "")),
            ("Initiative step", "bold"),
            ("  ", ""),
            (row_text(draft.address), "italic"),
        ),
        Content.styled(row_text(draft.title), "bold"),
        Content.assemble(("Review: ", "bold"), "draft: not yet reviewed"),
    ]
    for label, key in (("Date", "date"), ("Precision", "precision"), ("Quote", "quote")):
        value = row.get(key)
        if isinstance(value, str) and value:
            lines.append(Content.assemble((f"{label}: ", "bold"), row_text(value)))
    lines.extend(note_line(note, draft.address) for note in notes)
    return Content("\n").join(lines)


class DraftOption(Option):
    """One draft, carrying its record (a step row: its draft, with no record)."""

    def __init__(self, prompt: Content, address: str, kind: str, record: Record | None) -> None:
        super().__init__(prompt, id=address)
        self.address = address
        self.kind = kind
        self.record = record


class DraftList(NoWrapCursor, OptionList):
    """The drafts of the current sentence; `j` `k` move between them."""

    DEFAULT_CSS = (
        list_frame_css("DraftList", wrap=True)
        + """
    DraftList > .option-list--option {
        padding: 0 0 1 0;
    }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [*LIST_KEYS]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    @property
    def current_option(self) -> DraftOption | None:
        """The highlighted draft, if any."""
        index = self.highlighted
        option = self.get_option_at_index(index) if index is not None else None
        return option if isinstance(option, DraftOption) else None

    @property
    def current(self) -> Record | None:
        """The highlighted draft's record, if any (a step row has none)."""
        option = self.current_option
        return option.record if option is not None else None

    def show_drafts(
        self,
        records: Sequence[Record],
        names: Mapping[str, str],
        notes: Mapping[str, Sequence[str]],
        keep: str = "",
        steps: Sequence[tuple[Draft, Mapping[str, object]]] = (),
    ) -> None:
        """Fill with the drafts (then step rows), the cursor on `keep` if still one of them."""
        options = [
            DraftOption(draft_content(r, names, notes.get(r.id, ())), r.id, r.kind, r)
            for r in records
        ]
        options.extend(
            DraftOption(step_content(draft, row, draft.notes), draft.address, "step", None)
            for draft, row in steps
        )
        self.set_options(options)
        ids = [option.address for option in options]
        if ids:
            self.highlighted = ids.index(keep) if keep in ids else 0
