"""The app's drill-downs: opening records and sources, back and forward, jumps and search."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import App
from textual.reactive import var
from textual.screen import Screen

from oic_tui.present.attributes import as_of
from oic_tui.store.models import Record

from .navigation import ForwardHistory, Location
from .screens.main import MainScreen

if TYPE_CHECKING:
    from oic_tui.store.reader import Store

    from .screens.drill import DrillScreen


class DrillingApp(App[None]):
    """Where the user can go from any screen, and back to exactly where they were."""

    # The opened store; the main screen fills its panes when it arrives.
    store: var[Store | None] = var(None)

    def __init__(self) -> None:
        super().__init__()
        self.forward_history = ForwardHistory()

    @property
    def main_screen(self) -> MainScreen:
        """The screen at the bottom of the stack."""
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    # Navigation ----------------------------------------------------------------

    def _screen_for(
        self,
        location: Location,
        terms: Sequence[str] = (),
        phrases: Sequence[Sequence[str]] = (),
    ) -> DrillScreen | None:
        from .screens.detail import DetailScreen
        from .screens.entity import EntityScreen
        from .screens.source import SourceScreen

        store = self.store
        if store is None:
            return None
        record = store.get(location.record_id) if location.record_id else None
        if location.view == "source":
            return SourceScreen(store, record, location.doc, location.sentence)
        if record is None:
            return None
        if record.kind == "entity":
            return EntityScreen(record, store, terms, phrases)
        return DetailScreen(record, store, terms, phrases, store.documents.get(location.doc))

    def _seen_in(self, record: Record) -> str:
        """The document an initiative is opened as of: the one the explorer is scoped to,
        when the initiative's history goes on after it (else none)."""
        store, scope = self.store, self.main_screen.scope
        document = store.documents.get(scope) if store is not None and scope else None
        if store is None or document is None or record.kind != "initiative":
            return ""
        full = store.get(record.id) or record
        return document.id if as_of(full, document.date) is not full else ""

    def _trail(self) -> tuple[str, ...]:
        """The trail of the screen a drill-down starts from: the top one below any modal."""
        from .screens.drill import DrillScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, (DrillScreen, MainScreen)):
                return screen.trail
        return ()

    def _drill(self, screen: DrillScreen, trail: tuple[str, ...] = ()) -> None:
        """Open a drill-down; its breadcrumb is the trail that led to it (or the one given)."""
        screen.opened_from = trail or self._trail()
        self.push_screen(screen)

    def open_record(
        self,
        record: Record,
        terms: Sequence[str] = (),
        phrases: Sequence[Sequence[str]] = (),
        opener: Screen[None] | None = None,
    ) -> None:
        """Drill down to a record; going somewhere new drops the forward history."""
        # `opener` is the screen whose list chose the record: if it is no longer on top,
        # the choice is stale and nothing opens.
        if opener is not None and opener is not self.screen:
            return
        location = Location("record", record.id, self._seen_in(record))
        screen = self._screen_for(location, terms, phrases)
        if screen is not None:
            self.forward_history.clear()
            self._drill(screen)

    def drill_to(self, location: Location, opener: Screen[None] | None = None) -> None:
        """Drill down to a location (e.g. the source at a span): somewhere new."""
        if opener is not None and opener is not self.screen:
            return
        screen = self._screen_for(location)
        if screen is not None:
            self.forward_history.clear()
            self._drill(screen)

    def action_open_source(self) -> None:
        """Open the source, at the current record's span when there is one."""
        from .screens.drill import DrillScreen

        if not self.check_action("open_source", ()) or self.store is None:
            return
        from .screens.search import SentenceRow

        location = Location("source")
        if isinstance(self.screen, DrillScreen):
            location = Location("source", self.screen.source_record_id)
        elif isinstance(self.screen, MainScreen):
            record = getattr(self.screen.focused, "current", None)
            if isinstance(record, SentenceRow):  # a sentence found in the text: at it
                location = Location("source", doc=record.doc, sentence=record.sentence)
            elif isinstance(record, Record):
                location = Location("source", record.id)
        screen = self._screen_for(location)
        if screen is not None:
            self.forward_history.clear()
            self._drill(screen)

    def action_history_back(self) -> None:
        """Return to the previous screen, exactly as it was left."""
        from .screens.drill import DrillScreen

        if isinstance(self.screen, DrillScreen):
            location = self.screen.location
            if location is not None:
                self.forward_history.went_back_from(location, self.screen.opened_from)
            self.pop_screen()

    def action_history_forward(self) -> None:
        """Go forward again to where back left from."""
        step = self.forward_history.next()
        if step is None:
            self.notify("Nothing to go forward to.", timeout=2, markup=False)
            return
        location, trail = step
        screen = self._screen_for(location)
        if screen is not None:
            # The trail as it was: after `1`-`4` the main screen's crumb names another pane.
            self._drill(screen, trail)

    def _return_to_main(self) -> None:
        """Leave every drill-down and modal (not the too-small notice): somewhere new."""
        from .screens.notice import TooSmallScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, TooSmallScreen):
            self.pop_screen()
        self.forward_history.clear()

    def action_jump_pane(self, index: int) -> None:
        """Return to the main screen and focus a pane; `]` then retraces the trail left."""
        from .screens.drill import DrillScreen

        drills = [s for s in reversed(self.screen_stack) if isinstance(s, DrillScreen)]
        self._return_to_main()
        for drill in drills:
            if drill.location is not None:
                self.forward_history.went_back_from(drill.location, drill.opened_from)
        self.main_screen.action_jump(index)

    async def action_search(self) -> None:
        """Search: over a drill-down, so `Esc` returns to it and results extend its trail."""
        from .screens.drill import DrillScreen
        from .screens.drill_search import SearchScreen

        screen = self.screen
        if isinstance(screen, SearchScreen):
            screen.open_search()
        elif isinstance(screen, DrillScreen):
            history = self._search_history()
            self._drill(SearchScreen(history, history[-1] if history else ""))
        else:
            self._return_to_main()
            await self.main_screen.action_search()

    def _search_history(self) -> list[str]:
        """The recent queries, shared by every search box (the main screen's list)."""
        main = self.main_screen
        return main.search_bar.history if main.query("#search") else []
