"""Base of every drill-down screen: breadcrumb, back, forward, source, help."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive

from oic_tui.store.models import Record

from ..navigation import Location
from ..widgets.breadcrumb import Breadcrumb
from ..widgets.footer import FittedFooter
from ..widgets.preview_bar import PreviewBar
from ..widgets.record_list import RecordList
from .base import OicScreen, app_header


class DrillScreen(OicScreen):
    """A screen reached by drilling down; knows its crumb, its trail and its location."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.history_back", "Back"),
        Binding("backspace", "app.history_back", "Back", show=False),
        Binding("q", "app.history_back", "Back", show=False),
        Binding("right_square_bracket", "app.history_forward", "Forward"),
        Binding("s", "app.open_source", "Source"),
        Binding("slash", "app.search", "Search", show=False, priority=True),
        Binding("question_mark", "app.help", "Help"),
        # The panes' keys work from anywhere: back to the main screen, that pane focused.
        Binding("1", "app.jump_pane(0)", "Timeline", show=False),
        Binding("2", "app.jump_pane(1)", "Topics", show=False),
        Binding("3", "app.jump_pane(2)", "Initiatives", show=False),
        Binding("4", "app.jump_pane(3)", "Facts", show=False),
    ]

    # A list has focus: its highlighted record is shown whole above the footer (a drill
    # screen's lists share the width with the page or the article, and cut their rows).
    previewing: reactive[bool] = reactive(False, toggle_class="-previewing")

    crumb: str = ""
    # The crumbs of the screens that led here, given by whoever opened this screen: never
    # read from the stack, where screens above this one may already have been pushed.
    opened_from: tuple[str, ...] = ()

    @property
    def trail(self) -> tuple[str, ...]:
        """The path to this screen, this screen's crumb last."""
        return (*self.opened_from, self.crumb)

    @property
    def location(self) -> Location | None:
        """Where this screen is, for forward history (None: not a place to go forward to)."""
        raise NotImplementedError

    @property
    def source_record_id(self) -> str:
        """The record whose spans `s` should open in the source; empty for none."""
        return ""

    def compose_top(self) -> ComposeResult:
        """Header and breadcrumb, shared by every drill screen."""
        yield app_header()
        yield Breadcrumb(id="breadcrumb")

    def compose_bottom(self) -> ComposeResult:
        """The preview bar and the footer."""
        yield PreviewBar(id="preview")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one(Breadcrumb).show_trail(self.trail)

    def on_descendant_focus(self) -> None:
        self.previewing = isinstance(self.focused, RecordList)
        self._preview()

    @on(RecordList.Highlighted)
    def _highlighted(self, event: RecordList.Highlighted) -> None:
        if event.record_list is self.focused:
            self._preview()

    def _preview(self) -> None:
        """The focused list's highlighted record in the bar."""
        focused = self.focused
        if isinstance(focused, RecordList):
            self.query_one(PreviewBar).show_record(focused.current, source=focused.id)

    @on(RecordList.Opened)
    def open_record(self, event: RecordList.Opened) -> None:
        self.open_listed(event.record)

    def open_listed(self, record: Record) -> None:
        """Drill down to a record chosen in one of this screen's lists."""
        self.oic.open_record(record, opener=self)
