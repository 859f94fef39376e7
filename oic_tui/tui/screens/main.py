"""The main screen: four panes at a glance, and search over them."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from oic_tui.store.models import KIND_LABELS, PHASE_LABELS, PHASES, Record

from ..widgets.record_list import RecordList
from ..widgets.styling import SHORT_LABELS
from .base import OicScreen

if TYPE_CHECKING:
    from textual.widgets import Input

    from oic_tui.search.engine import Hit
    from oic_tui.store.reader import Store

    from ..widgets.search_bar import SearchBar

# The kinds shown as panes, in the order of the keys 1-4.
PANE_KINDS: tuple[str, ...] = ("event", "topic", "initiative", "fact")
RESULT_LIMIT = 500
# A store this small indexes in milliseconds: Enter or Down may wait for it.
INDEX_AT_ONCE = 5_000


class MainScreen(OicScreen):
    """Timeline, topics, initiatives and facts; `/` searches."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # First: while searching, `q` (typed outside the box) goes back, as on every screen
        # but the main one; otherwise the next binding quits.
        Binding("q", "close_search", "Close search", show=False),
        Binding("q", "app.quit", "Quit"),
        # Priority: handled before the keys typed after it reach the focused pane.
        Binding("slash", "search", "Search", priority=True),
        Binding("s", "app.open_source", "Source"),
        Binding("question_mark", "app.help", "Help"),
        Binding("right_square_bracket", "app.history_forward", "Forward", show=False),
        Binding("escape", "close_search", "Close search"),
        Binding("backspace", "close_search", "Close search", show=False),
        Binding("1", "jump(0)", "Timeline", show=False),
        Binding("2", "jump(1)", "Topics", show=False),
        Binding("3", "jump(2)", "Initiatives", show=False),
        Binding("4", "jump(3)", "Facts", show=False),
    ]

    # The screen's modes; the stylesheet shows and hides its parts by their classes.
    loading_store: reactive[bool] = reactive(True, toggle_class="-loading")
    searching: reactive[bool] = reactive(False, toggle_class="-searching", bindings=True)

    def __init__(self) -> None:
        super().__init__()
        self._last_pane: RecordList | None = None
        self._shown_query: str | None = None
        self._hits: dict[str, Hit] = {}
        # A pane chosen (1-4) before the store has loaded: focused once it has.
        self._pending_pane = 0

    @property
    def store(self) -> Store | None:
        """The app's store, once opened."""
        return self.oic.store

    @property
    def crumb(self) -> str:
        """The trail's first crumb: the pane or search the user drilled from."""
        if self.searching:
            from oic_tui.store.sanitize import clean_text  # not needed for the first screen

            return f"Search “{clean_text(self.search_bar.value.strip())}”"
        focused = self.focused if isinstance(self.focused, RecordList) else self._last_pane
        return SHORT_LABELS.get(focused.id or "", "Main") if focused else "Main"

    def compose(self) -> ComposeResult:
        yield Header()
        with Grid(id="panes"):
            for kind in PANE_KINDS:
                yield RecordList(label=KIND_LABELS[kind], id=kind, classes="pane")
        yield Static(Content.styled("Loading the store…", "italic"), id="loading")
        yield Footer()

    def on_mount(self) -> None:
        # Keys typed after `/` must reach a search box that already exists.
        self.call_after_refresh(self.mount_search)
        self.watch(self.oic, "store", self._fill_panes)

    def _fill_panes(self, store: Store | None) -> None:
        """Fill the panes from the opened store (nothing while it is still loading)."""
        if store is None:
            return
        for kind in PANE_KINDS:
            pane = self.query_one(f"#{kind}", RecordList)
            records = store.by_kind(kind)
            if kind == "event":
                groups = [
                    (PHASE_LABELS[phase], [r for r in records if r.phase == phase])
                    for phase in PHASES
                ]
                pane.show_records(records, groups=[g for g in groups if g[1]])
            else:
                pane.show_records(records)
        self.loading_store = False
        if self.searching:
            # Typed while the store was loading: the query runs now, the box keeps focus.
            self.run_search(self.search_bar.value)
        else:
            self.query_one(f"#{PANE_KINDS[self._pending_pane]}", RecordList).focus()
        self.oic.report_problems(store)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer `Close search` only while searching."""
        if action == "close_search":
            return self.searching
        if action == "search" and self.searching:
            # In the box `/` is text; typed in a burst, it must land in order with the rest.
            return self.focused is not self.search_bar
        return True

    def action_jump(self, index: int) -> None:
        """Focus one of the four panes."""
        self.searching = False
        self._pending_pane = index
        # At once, not after a refresh: keys typed right after the digit go to this pane.
        self.set_focus(self.query_one(f"#{PANE_KINDS[index]}", RecordList))

    def on_descendant_focus(self) -> None:
        if isinstance(self.focused, RecordList) and self.focused.has_class("pane"):
            self._last_pane = self.focused

    @on(RecordList.Opened)
    def open_record(self, event: RecordList.Opened) -> None:
        self._open(event.record)

    def _open(self, record: Record) -> None:
        hit = self._hits.get(record.id) if self.searching else None
        if hit is not None:
            self.search_bar.remember(self.search_bar.value)
            self.oic.open_record(record, terms=hit.terms, phrases=hit.phrases)
        else:
            self.oic.open_record(record)

    # Search -------------------------------------------------------------------

    @property
    def search_bar(self) -> SearchBar:
        """The search box (mounted on first use: the first screen does not need it)."""
        from ..widgets.search_bar import SearchBar

        return self.query_one("#search", SearchBar)

    async def mount_search(self) -> None:
        """Add the search box and results (hidden until `/`), once, just after the first paint."""
        if self.query("#search"):
            return
        from ..widgets.search_bar import SearchBar

        view = Vertical(
            SearchBar(id="search"),
            Static(id="no-results"),
            RecordList(label="Results", id="results"),
            id="search-view",
        )
        await self.mount(view, before="#panes")
        self.query_one("#no-results").display = False

    def watch_searching(self, searching: bool) -> None:
        if searching or not self.is_mounted or not self.query("#search"):
            return
        bar = self.search_bar
        bar.remember(bar.value)
        if self.store is not None:
            self.set_focus(self._last_pane or self.query_one("#event", RecordList))

    async def action_search(self) -> None:
        """Open the search box over the panes; keys typed right after `/` land in it."""
        await self.mount_search()
        self.searching = True
        bar = self.search_bar
        self.set_focus(bar)
        # The last query comes back selected: typing replaces it, End or an arrow keeps it.
        bar.select_all()
        self.run_search(bar.value)

    def action_close_search(self) -> None:
        """Close the search box and restore the panes as they were."""
        self.searching = False

    def on_input_changed(self, event: Input.Changed) -> None:
        if not event.value.strip() and self._shown_query:
            # Clearing the box keeps what was searched in the recent queries.
            self.search_bar.remember(self._shown_query)
        self.run_search(event.value)

    def _results_searched_now(self) -> RecordList:
        """The results list, searched synchronously first if the worker has not answered yet.

        Enter or Down typed right after the query must act on its results, not the last ones.
        """
        from oic_tui.search.service import engine_ready, search

        results = self.query_one("#results", RecordList)
        value = self.search_bar.value
        store = self.store
        # Not while a large store's index builds: that would freeze the UI; the worker will.
        if (
            self._shown_query != value.strip()
            and store is not None
            and (engine_ready(store) or len(store.records) <= INDEX_AT_ONCE)
        ):
            self.show_results(value, search(store, value, limit=RESULT_LIMIT))
        return results

    def on_input_submitted(self) -> None:
        results = self._results_searched_now()
        if results.records:
            results.highlight_first()
            self._open(results.records[0])

    def on_search_bar_leave_down(self) -> None:
        results = self._results_searched_now()
        if self.focused is results:
            # A second Down typed before the first was handled: it moves in the results.
            results.action_cursor_down()
        elif results.records:
            self.set_focus(results)  # at once: a Down queued behind this one must see it
        else:
            self.search_bar.recall_newer()

    @on(RecordList.PastTop, "#results")
    def back_to_search_box(self) -> None:
        self.set_focus(self.search_bar)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        """Search off the UI thread; results of a stale query are dropped."""
        from oic_tui.search.service import engine_ready, search

        store = self.store
        if store is None:
            return
        if not engine_ready(store):
            self.app.call_from_thread(self.show_indexing)
        hits = search(store, query, limit=RESULT_LIMIT)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_results, query, hits)

    def show_indexing(self) -> None:
        """Say why results are not there yet on a large store."""
        notice = self.query_one("#no-results", Static)
        notice.update(Content.styled("Building the search index…", "italic"))
        notice.display = True

    def show_results(self, query: str, hits: list[Hit]) -> None:
        """Display hits grouped by kind, best group first, unless the box has moved on."""
        if query != self.search_bar.value:
            return
        from ..widgets.search_bar import no_results_message

        empty = self.query_one("#no-results", Static)
        empty.display = bool(query.strip()) and not hits
        empty.update(no_results_message(query))
        if query.strip() == self._shown_query and self.searching and not self.loading_store:
            # Already shown (searched at once for Enter or Down, or before closing the box):
            # keep the cursor where it is.
            return
        self._shown_query = query.strip()
        self._hits = {hit.record.id: hit for hit in hits}
        kinds = list(dict.fromkeys(hit.record.kind for hit in hits))
        groups = [
            (f"{SHORT_LABELS[kind]} ({len(members):,})", members)
            for kind in kinds
            if (members := [h.record for h in hits if h.record.kind == kind])
        ]
        results = self.query_one("#results", RecordList)
        highlights = {hit.record.id: (hit.terms, hit.phrases) for hit in hits}
        results.show_records([], groups=groups, highlights=highlights)
        more = "+" if len(hits) >= RESULT_LIMIT else ""
        results.border_title = Content.assemble(
            ("Results", "bold"), (f" {len(hits):,}{more}", "dim")
        )
