"""An initiative's dated status history as a small timeline; `Enter` opens a step's source."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from oic_tui.store.models import Document, StatusStep
from oic_tui.store.sanitize import one_line

from .cursor import LIST_KEYS, NoWrapCursor, list_frame_css
from .styling import DRAFT_STYLE, KIND_STYLES

HISTORY_LABEL = "History"


def step_date(step: StatusStep) -> str:
    """A step's date at its precision, short: `in 28–30 Jun 2011`, `9 Sep 2020`."""
    return step.date.compact() if step.date is not None else "undated"


def step_line(step: StatusStep, document: Document | None, date_width: int = 0) -> Content:
    """One step: its date, its status word, and the document that reports it."""
    where = document.short if document is not None else step.source.doc
    return Content.assemble(
        Content.styled(f"{step_date(step):<{date_width}}", "dim"),
        (" · ", "dim"),
        Content.styled(one_line(step.status), f"bold {KIND_STYLES['initiative']}"),
        (" · ", "dim"),
        Content.styled(one_line(where), "italic"),
        (" · draft, not yet reviewed" if step.draft else "", DRAFT_STYLE),
    )


class StepOption(Option):
    """One step of the history, carrying the step it shows."""

    def __init__(self, prompt: Content, step: StatusStep, index: int) -> None:
        super().__init__(prompt, id=str(index))
        self.step = step


class HistoryList(NoWrapCursor, OptionList):
    """Steps oldest first; `Enter` posts `HistoryList.Chosen` with the step."""

    DEFAULT_CSS = (
        list_frame_css("HistoryList", wrap=False)
        + """
    HistoryList {
        height: auto;
        max-height: 25vh;
        margin: 0 1;
    }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        *LIST_KEYS,
        Binding("enter", "select", "Open source", show=True),
    ]

    @dataclass
    class Chosen(Message):
        """The user chose a step: its source should open."""

        history_list: HistoryList
        step: StatusStep

        @property
        def control(self) -> HistoryList:
            """The list, for `@on(HistoryList.Chosen, selector)`."""
            return self.history_list

    def __init__(self, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes, markup=False)

    def show_history(self, steps: Sequence[StatusStep], documents: Mapping[str, Document]) -> None:
        """Fill with one row per step, the dates in one column."""
        width = max((len(step_date(step)) for step in steps), default=0)
        self.set_options(
            StepOption(step_line(step, documents.get(step.source.doc), width), step, index)
            for index, step in enumerate(steps)
        )
        self.highlighted = 0 if steps else None
        self._show_title()

    @property
    def current(self) -> StatusStep | None:
        """The highlighted step, if any."""
        option = self.highlighted_option
        return option.step if isinstance(option, StepOption) else None

    def _show_title(self) -> None:
        """`History 2/3`: where the cursor is among the steps, and how many."""
        count = self.option_count
        at = f" {self.highlighted + 1}/{count}" if self.highlighted is not None else f" {count}"
        self.border_title = Content.assemble((HISTORY_LABEL, "bold"), (at, "$list-count"))

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_title()

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, StepOption):
            self.post_message(self.Chosen(self, event.option.step))
