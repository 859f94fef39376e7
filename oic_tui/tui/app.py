"""The explorer app: loading the store, navigation history, and app-wide commands."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from concurrent.futures import Future, wait
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen

from oic_tui.present.attributes import LABEL_WIDTH
from oic_tui.store.drafts_count import to_review
from oic_tui.store.sanitize import one_line
from oic_tui.store.words import counted

from .drilling import DrillingApp
from .escape_keys import split_alt
from .kind_colours import kind_colours
from .messages import ReviewWanted, StoreFailed, StoreLoaded
from .navigation import KeyOrder, Location
from .screens.main import MainScreen
from .widgets.styling import DRAFT_STYLE

if TYPE_CHECKING:
    from textual.command import Provider

    from oic_tui.search.indexcache import IndexCache
    from oic_tui.store.reader import Store


# Screens the first screen does not need (drill-downs, notices) are imported when first
# opened: startup time is measured against a bare Textual app.


def _record_commands() -> type[Provider]:
    from .commands import RecordCommands

    return RecordCommands


# The longest the first paint waits for a small store opened early (seconds); one that
# takes longer (a stalled disk) is loaded after it.
EARLY_STORE_WAIT = 0.5
MIN_WIDTH = 60
MIN_HEIGHT = 15
SESSION_TITLE = "OIC CFM Explorer"
SESSION_SUBTITLE = "42nd Session, Council of Foreign Ministers · Kuwait, 27–28 May 2015"
# Below 110 columns (where the whole line is cut): the session's place and date kept whole.
SESSION_SHORT = "42nd CFM · Kuwait, 27–28 May 2015"
# A terminal of 8 or 16 colours (the Linux console) gets the theme made of its own colours:
# a true-colour theme's would be rounded to the nearest of them (its orange accent to red).
FEW_COLOURS_THEME = "ansi-dark"
NEEDS_CORPUS = (
    "Review needs a corpus folder to write: open it with --corpus DIR (not a store file, --db)."
)


def few_colours(color_system: str | None) -> bool:
    """Whether output is rounded to 8 or 16 colours (and TEXTUAL_THEME chose no theme)."""
    return color_system in ("standard", "windows") and not os.environ.get("TEXTUAL_THEME")


class OicApp(DrillingApp):
    """Keyboard-first explorer of the 42nd OIC Council of Foreign Ministers."""

    # Absolute, so subclasses defined elsewhere (benchmarks, tests) find it too.
    CSS_PATH = Path(__file__).resolve().parent / "styles" / "app.tcss"
    TITLE = SESSION_TITLE
    SUB_TITLE = SESSION_SUBTITLE
    COMMANDS = App.COMMANDS | {_record_commands}
    # Each quote's character offsets in a record's Source box (a command of the palette).
    source_offsets: var[bool] = var(False)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+p", "command_palette", "Commands", show=False),
        # Offered only for a store of several documents (check_action); with one, `d` says so.
        Binding("d", "documents", "Documents"),
        Binding("d", "one_document", "Documents", show=False),
        Binding("D", "all_documents", "All documents", show=False),
    ]

    def __init__(
        self,
        db_path: Path | None = None,
        store: Store | None = None,
        opening: Future[Store] | None = None,
        index_cache: IndexCache | None = None,
        corpus: Path | None = None,
        review: str | None = None,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        # The corpus folder the store was built from (`--corpus`): drafts are decided in it.
        self.corpus = corpus
        # Open the review of this document ("": the first with drafts) once the store is open.
        self._review_at_start = review
        # Where the search index is kept (None: where the environment says).
        self.index_cache = index_cache
        self.set_reactive(OicApp.store, store)
        # The store being opened on a thread since before Textual imported (small stores).
        self._opening = opening
        # Why the store could not be opened, if it could not: the CLI repeats it on stderr.
        self.store_error = ""
        self.key_order = KeyOrder(self, self._handle_key)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Each kind's colour (`$kind-event`...) from the theme's own, readable on it."""
        theme = self.current_theme
        generated = {**theme.to_color_system().generate(), **theme.variables}
        return {**super().get_theme_variable_defaults(), **kind_colours(generated)}

    def get_default_screen(self) -> Screen[None]:
        opening = self._opening
        if self.store is None and opening is not None:
            # A small store, opened while the modules imported (or nearly): waiting for it
            # costs less than painting the screen twice. Its records are in the first paint.
            wait([opening], timeout=EARLY_STORE_WAIT)
            if opening.done() and not opening.exception():
                self.set_reactive(OicApp.store, opening.result())
        return MainScreen(loading=self.store is None)

    def on_mount(self) -> None:
        self.fit_theme_to_terminal()
        # First, so that a loader started after the paint finds the collector running.
        self.call_after_refresh(self._resume_gc)
        if self.store is None:
            # After the first paint: loading must not compete with drawing it.
            self.call_after_refresh(self._load_store)
        elif self._opening is not None:
            self._warm_search_later(self.store)
        if self.store is not None and self._review_at_start is not None:
            # Once the main screen is painted: the review goes over it, as `R` opens it.
            self.main_screen.call_after_refresh(self._start_review)
        self._check_size(self.size.width, self.size.height)

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header: title — the session or corpus, then `· 12 drafts to review` (not
        after a screen's own subtitle)."""
        own = sub_title == self.sub_title
        if sub_title == SESSION_SUBTITLE and self.size.width < 110:
            sub_title = SESSION_SHORT
        heading = super().format_title(title, sub_title)
        note = to_review(self.store) if self.store is not None else ""
        if not note or not own:
            return heading
        return Content.assemble(heading, (" · ", "dim"), Content.styled(note, DRAFT_STYLE))

    def watch_store(self) -> None:
        """Redraw the header for the drafts of the store that arrived."""
        self.mutate_reactive(OicApp.sub_title)

    def fit_theme_to_terminal(self) -> None:
        """On a terminal of 8 or 16 colours (never headless), the terminal's own colours."""
        if few_colours(self.console.color_system) and not self.is_headless:
            self.theme = FEW_COLOURS_THEME

    def _resume_gc(self) -> None:
        """Resume the garbage collector if the CLI paused it for startup (`launch`)."""
        if not gc.isenabled():
            # What startup built lives on: frozen, no collection traverses it again.
            gc.freeze()
            gc.enable()

    @work(thread=True, exclusive=True, group="load")
    def _load_store(self) -> None:
        from oic_tui.store.reader import Store, StoreError

        try:
            store = self._opening.result() if self._opening else Store.open(self.db_path)
        except StoreError as error:
            self.post_message(StoreFailed(str(error)))
            return
        self.post_message(StoreLoaded(store))

    @on(StoreLoaded)
    def _store_loaded(self, message: StoreLoaded) -> None:
        self.store = message.store
        self._warm_search_later(message.store)
        if self._review_at_start is not None:
            self.main_screen.call_after_refresh(self._start_review)

    def _start_review(self) -> None:
        """Open the review asked for on the command line (`oic-tui review`), once."""
        doc, self._review_at_start = self._review_at_start, None
        if doc is not None:
            self.open_review(doc)

    def open_review(self, doc: str = "") -> None:
        """Review a document's drafts ("": the first document with drafts)."""
        from oic_tui.store.drafts_count import draft_counts

        store = self.store
        if self.corpus is None:
            self.notify(NEEDS_CORPUS, timeout=4, markup=False)
            return
        if store is None:
            return
        if not doc:
            drafted = draft_counts(store).by_doc
            doc = next((d for d in store.documents if drafted.get(d)), "")
            if not doc:
                self.notify("No drafts: every record is reviewed.", timeout=3, markup=False)
                return
        if doc not in store.documents:
            return
        from .screens.review import ReviewScreen

        self.push_screen(ReviewScreen(store, self.corpus, doc))

    @on(ReviewWanted)
    def _review_wanted(self, message: ReviewWanted) -> None:
        self.open_review(message.doc)

    def action_review(self) -> None:
        """Review the drafts of the document explored, or of the first with drafts."""
        if self.screen is self.main_screen:
            self.open_review(self.main_screen.scope or "")

    def action_review_needs_corpus(self) -> None:
        """Say that reviewing needs a corpus folder."""
        self.notify(NEEDS_CORPUS, timeout=4, markup=False)

    def _warm_search_later(self, store: Store) -> None:
        """Import search (NumPy) and build the index once the records are on screen."""
        self.call_after_refresh(self._warm_search, store)

    @work(thread=True, exclusive=True, group="warm")
    def _warm_search(self, store: Store) -> None:
        from oic_tui.search.service import engine_for
        from oic_tui.store.spans import span_index

        engine_for(store, self.index_cache).warm()
        span_index(store)  # so the first source view need not build it

    @on(StoreFailed)
    def _store_failed(self, message: StoreFailed) -> None:
        from .screens.notice import StoreErrorScreen

        self.store_error = message.reason
        self.push_screen(StoreErrorScreen(message.reason))

    def report_problems(self, store: Store) -> None:
        """Tell the user, once, that a store opened with problems."""
        if store.problems:
            self.notify(
                f"{counted(len(store.problems), 'problem')} in the store; some records were "
                "skipped. Run `oic-tui check` for the list.",
                severity="warning",
                markup=False,
            )

    # Size ----------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        if not too_small and len(self.screen_stack) < 2:
            return  # nothing shown over the main screen, nothing to show
        from .screens.notice import TooSmallScreen

        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT))
        elif showing and not too_small:
            self.pop_screen()

    # Keys ----------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            for key in split_alt(event):
                await self.key_order.arrived(key)
        else:
            await super().on_event(event)

    async def _handle_key(self, key: events.Key) -> None:
        """Handle a key as Textual does: priority bindings, then the focused widget."""
        await super().on_event(key)

    def keys_settled(self) -> bool:
        """Whether every key has been applied and nothing one set off is still under way."""
        return self.key_order.settled()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No `Source` key on the source itself; in a search box `/` is text."""
        if action == "open_source":
            # Duck-typed: the first screen's footer asks before any drill-down is imported.
            location = getattr(self.screen, "location", None)
            return not isinstance(location, Location) or location.view != "source"
        if action == "search":
            return self.focused is None or self.focused.id != "search"
        if action == "history_forward":
            # Offered only when there is somewhere to go forward to.
            return bool(self.forward_history)
        if action == "documents":
            # A corpus's document picker, over the main screen.
            return self.screen is self.main_screen and self.main_screen.documents_offered
        if action in ("review", "review_needs_corpus"):
            # On the main screen: reviewing with a corpus folder, else saying it needs one.
            wanted = (self.corpus is not None) == (action == "review")
            return wanted and self.screen is self.main_screen
        if action in ("one_document", "all_documents"):
            # Over the main screen, once the store is open.
            return self.screen is self.main_screen and self.store is not None
        return True

    def action_documents(self) -> None:
        """Choose the document to explore, or all of them."""
        if self.check_action("documents", ()):
            self.main_screen.choose_document()

    def action_one_document(self) -> None:
        """Say why there are no documents to choose from."""
        store = self.store
        if store is not None and not store.multi_document:
            label = one_line(store.document.short, LABEL_WIDTH)
            self.notify(
                f"This store holds one document ({label}): no other to choose.",
                timeout=3,
                markup=False,
            )

    def action_all_documents(self) -> None:
        """Show every document's records again, or say that they are shown."""
        if not self.check_action("all_documents", ()):
            return
        main = self.main_screen
        if main.documents_offered and main.scope is not None:
            main.scope = None
        else:
            shown = "every document" if main.documents_offered else "its one document"
            self.notify(f"Already showing {shown}.", timeout=3, markup=False)

    def action_help(self) -> None:
        """Show the keys."""
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_offsets(self) -> None:
        """Show or hide the character offsets of a record's quotes."""
        self.source_offsets = not self.source_offsets

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from .system_commands import system_commands

        yield from super().get_system_commands(screen)
        yield from system_commands(self, screen)


def create_app(
    db_path: Path | None = None,
    store: Store | None = None,
    opening: Future[Store] | None = None,
    index_cache: IndexCache | None = None,
    corpus: Path | None = None,
    review: str | None = None,
) -> OicApp:
    """Build the explorer, for the CLI (a path, or a small store being opened) and tests;
    with `corpus`, its drafts can be reviewed (`review`: straight into that document's)."""
    return OicApp(
        db_path=db_path,
        store=store,
        opening=opening,
        index_cache=index_cache,
        corpus=corpus,
        review=review,
    )
