"""Base of every drill-down screen: breadcrumb, back, forward, source, help."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header

from ..navigation import Location
from ..widgets.breadcrumb import Breadcrumb
from ..widgets.record_list import RecordList
from .base import OicScreen


class DrillScreen(OicScreen):
    """A screen reached by drilling down; knows its crumb and its location."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.history_back", "Back"),
        Binding("backspace", "app.history_back", "Back", show=False),
        Binding("q", "app.history_back", "Back", show=False),
        Binding("right_square_bracket", "app.history_forward", "Forward"),
        Binding("s", "app.open_source", "Source"),
        Binding("slash", "app.search", "Search", show=False, priority=True),
        Binding("question_mark", "app.help", "Help"),
    ]

    crumb: str = ""

    @property
    def location(self) -> Location:
        """Where this screen is, for forward history."""
        raise NotImplementedError

    @property
    def source_record_id(self) -> str:
        """The record whose spans `s` should open in the source; empty for none."""
        return ""

    def compose_top(self) -> ComposeResult:
        """Header and breadcrumb, shared by every drill screen."""
        yield Header()
        yield Breadcrumb(id="breadcrumb")

    def compose_bottom(self) -> ComposeResult:
        """The footer."""
        yield Footer()

    def on_mount(self) -> None:
        trail = [screen_crumb(s) for s in self.app.screen_stack if s is not self] + [self.crumb]
        self.query_one(Breadcrumb).show_trail(trail)

    @on(RecordList.Opened)
    def open_record(self, event: RecordList.Opened) -> None:
        self.oic.open_record(event.record)


def screen_crumb(screen: Screen[object]) -> str:
    """The crumb a screen contributes to a trail."""
    crumb = getattr(screen, "crumb", "")
    return crumb if isinstance(crumb, str) else ""
