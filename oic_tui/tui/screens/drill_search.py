"""Search opened with `/` over a drill-down: `Esc` returns to it, results extend its trail."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.reactive import reactive

from ..actions import ACTION_KEYS
from ..navigation import Location
from ..widgets.breadcrumb import Breadcrumb
from .drill import DrillScreen
from .search import SearchHost, search_crumb, search_view

if TYPE_CHECKING:
    from textual.widgets import Input

    from ..widgets.search_bar import SearchBar


class SearchScreen(SearchHost, DrillScreen):
    """Search opened with `/` from a drill-down: `Esc` returns to it exactly as it was."""

    # Not the main screen's #search-view, which the stylesheet hides until it searches.
    DEFAULT_CSS: ClassVar[str] = """
    SearchScreen #search-panel {
        height: 1fr;
    }
    """

    # Copy, export, open: on the highlighted result (actions.py).
    BINDINGS: ClassVar[list[BindingType]] = [*ACTION_KEYS]

    searching: reactive[bool] = reactive(True)

    def __init__(self, history: list[str], query: str = "") -> None:
        super().__init__()
        # The same list as the main screen's box: recent queries are shared.
        self._history = history
        self._query = query
        self._bar: SearchBar | None = None
        self.crumb = search_crumb(query)

    @property
    def location(self) -> Location | None:
        """Not a place `]` returns to: closing a search is not leaving a page."""
        return None

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield search_view("search-panel")
        yield from self.compose_bottom()

    def on_mount(self) -> None:
        bar = self.search_bar
        bar.history = self._history
        bar.value = self._query
        self._bar = bar
        # No super(): Textual calls DrillScreen.on_mount itself, after this one.
        self.open_search()

    def on_input_changed(self, event: Input.Changed) -> None:
        # Textual calls SearchHost.on_input_changed too. This is the crumb a record opened
        # from here will follow.
        self.crumb = search_crumb(event.value)
        self.query_one(Breadcrumb).show_trail(self.trail)

    def on_unmount(self) -> None:
        # Closed: the query joins the recent ones, as closing the main screen's search does.
        if self._bar is not None:
            self._bar.remember(self._bar.value)
