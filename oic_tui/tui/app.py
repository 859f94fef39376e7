"""The explorer app: loading the store, navigation history, and app-wide commands."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen

from oic_tui.store.models import KIND_LABELS, Record

from .messages import StoreFailed, StoreLoaded
from .navigation import ForwardHistory, Location
from .screens.main import PANE_KINDS, MainScreen
from .screens.notice import StoreErrorScreen, TooSmallScreen

if TYPE_CHECKING:
    from textual.command import Provider

    from oic_tui.store.reader import Store

# Screens the first screen does not need are imported when first opened: startup time
# is measured against a bare Textual app.


def _record_commands() -> type[Provider]:
    from .commands import RecordCommands

    return RecordCommands


MIN_WIDTH = 60
MIN_HEIGHT = 15
SESSION_TITLE = "OIC CFM Explorer"
SESSION_SUBTITLE = "42nd Session, Council of Foreign Ministers · Kuwait, 27–28 May 2015"
# Each kind's colour, as theme variables (`$kind-event`, ...) a theme may override.
KIND_COLOURS = {
    "kind-event": "#5fafff",
    "kind-topic": "#e0b050",
    "kind-initiative": "#70d070",
    "kind-fact": "#d787d7",
    "kind-entity": "#60d0d0",
}


class OicApp(App[None]):
    """Keyboard-first explorer of the 42nd OIC Council of Foreign Ministers."""

    # Absolute, so subclasses defined elsewhere (benchmarks, tests) find it too.
    CSS_PATH = Path(__file__).resolve().parent / "styles" / "app.tcss"
    TITLE = SESSION_TITLE
    SUB_TITLE = SESSION_SUBTITLE
    COMMANDS = App.COMMANDS | {_record_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+p", "command_palette", "Commands", show=False),
    ]

    # The opened store; the main screen fills its panes when it arrives.
    store: var[Store | None] = var(None)

    def __init__(self, db_path: Path | None = None, store: Store | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.set_reactive(OicApp.store, store)
        self.forward_history = ForwardHistory()
        # Why the store could not be opened, if it could not: the CLI repeats it on stderr.
        self.store_error = ""

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **KIND_COLOURS}

    def get_default_screen(self) -> Screen[None]:
        return MainScreen()

    @property
    def main_screen(self) -> MainScreen:
        """The screen at the bottom of the stack."""
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        if self.store is None:
            # After the first paint: loading must not compete with drawing the first screen.
            self.call_after_refresh(self._load_store)
        self._check_size(self.size.width, self.size.height)

    @work(thread=True, exclusive=True, group="load")
    def _load_store(self) -> None:
        from oic_tui.search.service import engine_for
        from oic_tui.store.reader import Store, StoreError

        try:
            store = Store.open(self.db_path)
        except StoreError as error:
            self.post_message(StoreFailed(str(error)))
            return
        self.post_message(StoreLoaded(store))
        engine_for(store).warm()

    @on(StoreLoaded)
    def _store_loaded(self, message: StoreLoaded) -> None:
        self.store = message.store

    @on(StoreFailed)
    def _store_failed(self, message: StoreFailed) -> None:
        self.store_error = message.reason
        self.push_screen(StoreErrorScreen(message.reason))

    def report_problems(self, store: Store) -> None:
        """Tell the user, once, that a store opened with problems."""
        if store.problems:
            self.notify(
                f"{len(store.problems):,} problems in the store; some records were skipped. "
                "Run `oic-tui check` for the list.",
                severity="warning",
                markup=False,
            )

    # Size ----------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT))
        elif showing and not too_small:
            self.pop_screen()

    # Navigation ----------------------------------------------------------------

    def _screen_for(
        self,
        location: Location,
        terms: Sequence[str] = (),
        phrases: Sequence[Sequence[str]] = (),
    ) -> Screen[None] | None:
        from .screens.detail import DetailScreen
        from .screens.entity import EntityScreen
        from .screens.source import SourceScreen

        store = self.store
        if store is None:
            return None
        record = store.get(location.record_id) if location.record_id else None
        if location.view == "source":
            return SourceScreen(store, record)
        if record is None:
            return None
        screen = EntityScreen if record.kind == "entity" else DetailScreen
        return screen(record, store, terms, phrases)

    def open_record(
        self,
        record: Record,
        terms: Sequence[str] = (),
        phrases: Sequence[Sequence[str]] = (),
    ) -> None:
        """Drill down to a record; going somewhere new drops the forward history."""
        screen = self._screen_for(Location("record", record.id), terms, phrases)
        if screen is not None:
            self.forward_history.clear()
            self.push_screen(screen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No `Source` key on the source itself (the binding is the app's, so it asks here)."""
        if action == "open_source":
            from .screens.source import SourceScreen

            return not isinstance(self.screen, SourceScreen)
        return True

    def action_open_source(self) -> None:
        """Open the source, at the current record's span when there is one."""
        from .screens.drill import DrillScreen
        from .screens.source import SourceScreen

        if isinstance(self.screen, SourceScreen) or self.store is None:
            return
        record_id = ""
        if isinstance(self.screen, DrillScreen):
            record_id = self.screen.source_record_id
        elif isinstance(self.screen, MainScreen):
            current = self.screen.focused
            record = getattr(current, "current", None)
            record_id = record.id if isinstance(record, Record) else ""
        screen = self._screen_for(Location("source", record_id))
        if screen is not None:
            self.forward_history.clear()
            self.push_screen(screen)

    def action_history_back(self) -> None:
        """Return to the previous screen, exactly as it was left."""
        from .screens.drill import DrillScreen

        if isinstance(self.screen, DrillScreen):
            self.forward_history.went_back_from(self.screen.location)
            self.pop_screen()

    def action_history_forward(self) -> None:
        """Go forward again to where back left from."""
        location = self.forward_history.next()
        if location is None:
            self.notify("Nothing to go forward to.", timeout=2, markup=False)
            return
        screen = self._screen_for(location)
        if screen is not None:
            self.push_screen(screen)

    def action_help(self) -> None:
        """Show the keys."""
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def _return_to_main(self) -> None:
        """Leave every drill-down and modal (not the too-small notice): somewhere new."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TooSmallScreen):
            self.pop_screen()
        self.forward_history.clear()

    def action_jump_pane(self, index: int) -> None:
        """Return to the main screen and focus a pane."""
        self._return_to_main()
        self.main_screen.action_jump(index)

    async def action_search(self) -> None:
        """Search from anywhere: back to the main screen with the search box open."""
        self._return_to_main()
        await self.main_screen.action_search()

    def action_toggle_theme(self) -> None:
        """Switch between the dark and light themes."""
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for index, label in enumerate(KIND_LABELS[kind] for kind in PANE_KINDS):
            yield SystemCommand(
                f"Jump to {label}",
                f"Focus the {label} pane",
                lambda index=index: self.action_jump_pane(index),  # type: ignore[misc]
            )
        yield SystemCommand("Toggle theme", "Switch dark / light", self.action_toggle_theme)
        yield SystemCommand("Show source", "Open the source article", self.action_open_source)
        yield SystemCommand("Help", "Show the keys", self.action_help)


def create_app(db_path: Path | None = None, store: Store | None = None) -> OicApp:
    """Build the explorer, for the CLI (a path, loaded in a worker) and tests (either)."""
    return OicApp(db_path=db_path, store=store)
