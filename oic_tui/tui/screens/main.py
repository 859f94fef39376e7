"""The main screen: four panes at a glance, and search over them."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from oic_tui.present.attributes import LABEL_WIDTH, as_of_marks, doc_labels, initiative_notes
from oic_tui.store.models import KIND_LABELS, PHASE_LABELS, PHASES, Record
from oic_tui.store.sanitize import one_line

from ..actions import Subject, action_keys
from ..messages import ReviewWanted
from ..widgets.footer import FittedFooter
from ..widgets.pane_tabs import PaneTabs
from ..widgets.preview_bar import PreviewBar
from ..widgets.record_list import RecordList
from ..widgets.styling import SHORT_LABELS
from ..widgets.virtual_list import VirtualList
from .base import app_header
from .search import SearchHost, search_crumb, search_view

if TYPE_CHECKING:
    from oic_tui.store.reader import Store

# The kinds shown as panes, in the order of the keys 1-4.
PANE_KINDS: tuple[str, ...] = ("event", "topic", "initiative", "fact")
# The heading of events without a date, when the timeline runs by year.
UNDATED = "Undated"
# The panes fill the 2×2 grid row by row: Timeline, Topics above; Initiatives, Facts below.
GRID_COLUMNS = 2
# Below this many columns only the focused pane is shown, the others named in a strip.
NARROW_WIDTH = 100
# Said after the strip while a pane is zoomed at a width that shows the grid.
ZOOM_HINT = "z: all four panes"


def scope_title(store: Store, scope: str | None) -> str:
    """The header's subtitle of a corpus: the document explored, or all of them."""
    doc = store.documents.get(scope or "")
    if doc is None:
        return f"All documents ({len(store.documents):,})"
    return f"{one_line(doc.short, LABEL_WIDTH)} · {doc.when.display()}"


def by_year(events: list[Record]) -> list[tuple[str, list[Record]]]:
    """Events under their year (`2011`), in the date order they come in, whatever their
    document: each row says its own (the store runs a corpus's events by date)."""
    years = groupby(events, key=lambda r: r.year or UNDATED)
    return [(year, list(members)) for year, members in years]


class MainScreen(SearchHost):
    """Timeline, topics, initiatives and facts; `/` searches."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # First: while searching, `q` (typed outside the box) goes back, as on every screen
        # but the main one; otherwise the next binding quits.
        Binding("q", "close_search", "Close search", show=False),
        Binding("q", "app.quit", "Quit"),
        # Priority: handled before the keys typed after it reach the focused pane.
        Binding("slash", "search", "Search", priority=True),
        Binding("s", "app.open_source", "Source"),
        # Copy, export, open: on the highlighted record or result (actions.py).
        *action_keys(show_copy=False),
        Binding("question_mark", "app.help", "Help"),
        # Offered with a corpus folder (--corpus); without one, `R` says it needs one.
        Binding("R", "app.review", "Review"),
        Binding("R", "app.review_needs_corpus", "Review", show=False),
        Binding("right_square_bracket", "app.history_forward", "Forward", show=False),
        Binding("escape", "close_search", "Close search"),
        Binding("backspace", "close_search", "Close search", show=False),
        Binding("1", "jump(0)", "Timeline", show=False),
        Binding("2", "jump(1)", "Topics", show=False),
        Binding("3", "jump(2)", "Initiatives", show=False),
        Binding("4", "jump(3)", "Facts", show=False),
        Binding("l,right", "next_pane(1)", "Next pane", show=False),
        Binding("h,left", "next_pane(-1)", "Previous pane", show=False),
        # Not in the footer (full at 80 columns): `?` and docs/keys.md list it.
        Binding("z", "zoom", "Zoom", show=False),
        # Instead of the screen's: with one pane shown, the next pane (not the next widget).
        Binding("tab", "tab(1)", "Next pane", show=False),
        Binding("shift+tab", "tab(-1)", "Previous pane", show=False),
    ]

    # The screen's modes; the stylesheet shows and hides its parts by their classes.
    loading_store: reactive[bool] = reactive(True, toggle_class="-loading")
    searching: reactive[bool] = reactive(False, toggle_class="-searching", bindings=True)
    # The document the panes and search are limited to (a corpus store), None for all.
    scope: reactive[str | None] = reactive(None, init=False)
    # One pane shown, the others in a strip above it: below NARROW_WIDTH, or zoomed (`z`).
    narrow: reactive[bool] = reactive(False, toggle_class="-narrow")
    zoomed: reactive[bool] = reactive(False, toggle_class="-zoomed")

    def __init__(self, loading: bool = True) -> None:
        super().__init__()
        if not loading:
            # The store is already open: no `-loading` class to drop (a restyle) later.
            self.set_reactive(MainScreen.loading_store, False)
        self._last_pane: RecordList | None = None
        # A pane chosen (1-4) before the store has loaded: focused once it has.
        self._pending_pane = 0

    @property
    def crumb(self) -> str:
        """The trail's first crumb: the pane or search the user drilled from."""
        if self.searching:
            return search_crumb(self.search_bar.value)
        focused = self.focused if isinstance(self.focused, RecordList) else self._last_pane
        return SHORT_LABELS.get(focused.id or "", "Main") if focused else "Main"

    @property
    def trail(self) -> tuple[str, ...]:
        """The path to this screen: just its crumb."""
        return (self.crumb,)

    def compose(self) -> ComposeResult:
        yield app_header()
        yield PaneTabs([SHORT_LABELS[kind] for kind in PANE_KINDS], id="pane-tabs")
        with Grid(id="panes"):
            for kind in PANE_KINDS:
                yield RecordList(label=KIND_LABELS[kind], id=kind, classes="pane")
        yield Static(Content.styled("Loading the store…", "italic"), id="loading")
        yield PreviewBar(id="preview")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.narrow = self.app.size.width < NARROW_WIDTH
        self.watch(self.oic, "store", self._store_opened)

    # One pane or four ----------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.narrow = event.size.width < NARROW_WIDTH

    def on_screen_resume(self) -> None:
        # Resized while another screen was on top: only the top screen hears of it.
        self.narrow = self.app.size.width < NARROW_WIDTH

    @property
    def one_pane(self) -> bool:
        """Whether one pane is shown, the others named in the strip above it."""
        return self.narrow or self.zoomed

    def watch_narrow(self) -> None:
        self._mark_shown()

    watch_zoomed = watch_narrow

    def _pane_index(self) -> int:
        """The place of the focused pane (or the last one, or the one asked for) in 1-4."""
        pane = self.focused if isinstance(self.focused, RecordList) else self._last_pane
        kind = pane.id if pane is not None else None
        return PANE_KINDS.index(kind) if kind in PANE_KINDS else self._pending_pane

    def _mark_shown(self) -> None:
        """Name the current pane in the strip; with one pane shown, show that one."""
        index = self._pane_index()
        tabs = self.query_one(PaneTabs)
        tabs.current = index
        tabs.hint = ZOOM_HINT if self.zoomed and not self.narrow else ""
        if self.one_pane:
            # Only then: in the grid, a class changed at each pane switch is a restyle.
            for n, kind in enumerate(PANE_KINDS):
                self.query_one(f"#{kind}").set_class(n == index, "-shown")

    def action_zoom(self) -> None:
        """Show the focused pane alone, or all four again."""
        self.zoomed = not self.zoomed

    def action_tab(self, step: int) -> None:
        """The next (1) or previous (-1) pane with one shown (wrapping, as Tab does over
        four); otherwise the next or previous widget, as on every screen."""
        if self.one_pane and not self.searching and not self.loading_store:
            self.action_jump((self._pane_index() + step) % len(PANE_KINDS))
        elif step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    @on(PaneTabs.Chosen)
    def _tab_chosen(self, event: PaneTabs.Chosen) -> None:
        self.action_jump(event.index)

    @on(VirtualList.EdgeReached)
    def _edge_reached(self, event: VirtualList.EdgeReached) -> None:
        """`j` on a top pane's last row goes to the pane below; `k` on a bottom pane's first
        row, to the pane above (in the grid only: one pane shown, the strip runs across)."""
        pane = event.virtual_list
        if self.one_pane or self.searching or pane is not self.focused:
            return  # the focus has moved since (a message behind another key)
        index = PANE_KINDS.index(pane.id) if pane.id in PANE_KINDS else None
        if index is None:
            return
        target = index + event.step * GRID_COLUMNS
        if 0 <= target < len(PANE_KINDS):
            self.action_jump(target)

    def _fill_panes(self, store: Store) -> None:
        """Fill the panes with the records in scope; a corpus's header says which.

        Across a corpus's documents each row says its document; scoped to one, an
        initiative reads as that document reports it, and says so where it went on since.
        """
        scope = store.documents.get(self.scope or "") if store.multi_document else None
        labels = doc_labels(store) if store.multi_document and scope is None else None
        for kind in PANE_KINDS:
            pane = self.query_one(f"#{kind}", RecordList)
            records = store.by_kind(kind, doc=scope.id if scope else None)
            marks: dict[str, str] = {}
            if kind == "initiative" and scope is not None:
                records, marks = as_of_marks(records, scope)
            if kind == "event" and labels:
                pane.show_records(records, groups=by_year(records), doc_labels=labels)
            elif kind == "event":
                groups = [
                    (PHASE_LABELS[phase], [r for r in records if r.phase == phase])
                    for phase in PHASES
                ]
                pane.show_records(records, groups=[g for g in groups if g[1]])
            else:
                notes = initiative_notes(records, store)
                pane.show_records(records, notes=notes, doc_labels=labels, marks=marks)
        if store.multi_document:
            self.app.sub_title = scope_title(store, scope.id if scope else None)

    def watch_scope(self) -> None:
        """Show the records of the chosen document (or all), and search within them."""
        store = self.store
        if store is None:
            return
        self._fill_panes(store)
        if self.searching and self.query("#search"):
            self.rerun_search()

    def _store_opened(self, store: Store | None) -> None:
        """Fill the panes from the opened store (nothing while it is still loading)."""
        if store is None:
            return
        self._fill_panes(store)
        self.loading_store = False
        if store.multi_document:
            self.app.refresh_bindings()  # the app's `d` key is offered for a corpus only
            self._count_documents(store)
        # The search box is ready before `/`, but mounted once the records are on screen.
        self.call_after_refresh(self.mount_search)
        if self.searching:
            # Typed while the store was loading: the query runs now, the box keeps focus.
            self.run_search(self.search_bar.value)
        else:
            self.query_one(f"#{PANE_KINDS[self._pending_pane]}", RecordList).focus()
        self.oic.report_problems(store)

    @property
    def documents_offered(self) -> bool:
        """Whether there are documents to choose from: a corpus store, loaded."""
        return self.store is not None and self.store.multi_document

    def choose_document(self) -> None:
        """Open the document picker; the choice becomes the scope (Esc keeps it)."""
        from .documents import ALL, REVIEW, DocumentsScreen

        def chosen(choice: str | None) -> None:
            if choice is not None and choice.startswith(REVIEW):
                self.app.post_message(ReviewWanted(choice.removeprefix(REVIEW)))
            elif choice is not None:
                self.scope = None if choice == ALL else choice

        if self.store is not None:
            self.app.push_screen(DocumentsScreen(self.store, self.scope), chosen)

    @work(thread=True, exclusive=True, group="documents")
    def _count_documents(self, store: Store) -> None:
        """Count each document's records ahead (a pass over them all): the picker opens with
        its counts, and scoping to a document finds its records sorted already."""
        from .documents import record_counts

        record_counts(store)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer `Close search` only while searching."""
        if action == "close_search":
            return self.searching
        if action == "zoom":
            return not self.searching
        if action == "search" and self.searching:
            # In the box `/` is text; typed in a burst, it must land in order with the rest.
            return self.focused is not self.search_bar
        return True

    def action_next_pane(self, step: int) -> None:
        """The pane to the right (1) or left (-1) in the grid, or with one pane shown the
        next or previous in the strip; at an edge, none (a burst of `l` ends at the edge)."""
        if self.searching or self.loading_store:
            return
        current = self._pane_index()
        column = current % GRID_COLUMNS + step
        target = current + step
        if (self.one_pane or 0 <= column < GRID_COLUMNS) and 0 <= target < len(PANE_KINDS):
            self.action_jump(target)

    def action_jump(self, index: int) -> None:
        """Focus one of the four panes."""
        self.searching = False
        self._pending_pane = index
        # At once, not after a refresh: keys typed right after the digit go to this pane.
        self.set_focus(self.query_one(f"#{PANE_KINDS[index]}", RecordList))
        self._mark_shown()

    def subject(self) -> Subject:
        """The pane's highlighted record for `y` `Y` `o`, the pane for `e` (or the results)."""
        if self.searching:
            return super().subject()
        pane = self.focused if isinstance(self.focused, RecordList) else self._last_pane
        store = self.store
        if pane is None or store is None:
            return Subject()
        record = pane.current
        label = SHORT_LABELS.get(pane.id or "", pane.label)
        scope = store.documents.get(self.scope or "")
        return Subject(
            record=record,
            document=self.document_of(record) if record or not scope else scope,
            records=pane.records,
            name=f"{label}-{scope.id}" if scope else label,
            heading=f"{label} · {scope.title}" if scope else label,
        )

    def on_descendant_focus(self) -> None:
        if isinstance(self.focused, RecordList) and self.focused.has_class("pane"):
            self._last_pane = self.focused
            self._mark_shown()  # focused by Tab or a click too: the strip follows
        self._preview(self._previewed())

    @on(RecordList.Highlighted)
    def _highlighted(self, event: RecordList.Highlighted) -> None:
        self.follow_highlight(event.record_list)

    def follow_highlight(self, listed: RecordList) -> None:
        if listed is self._previewed():
            self._preview(listed)

    def _previewed(self) -> RecordList | None:
        """The list the bar shows: the focused one, or while typing a search its results."""
        if isinstance(self.focused, RecordList):
            return self.focused
        results = self.query("#results")
        return results.first(RecordList) if self.searching and results else None

    def _preview(self, listed: RecordList | None) -> None:
        """A list's highlighted record in full, in the bar above the footer."""
        record = listed.current if listed is not None else None
        if not isinstance(record, Record):
            record = None
        store = self.store
        document = ""
        if record is not None and store is not None and store.multi_document and record.docs:
            shown = store.documents.get(record.docs[0])
            document = shown.short if shown is not None else ""
        self.query_one(PreviewBar).show_record(record, document, listed.id if listed else None)

    @on(RecordList.Opened)
    def open_record(self, event: RecordList.Opened) -> None:
        self.open_listed(event.record)

    # Search -------------------------------------------------------------------

    async def mount_search(self) -> None:
        """Add the search box and results (hidden until `/`), once."""
        if self.query("#search") or not self.is_attached:
            return  # mounted already, or the app is closing
        # The stylesheet shows #search-view only while searching.
        await self.mount(search_view("search-view"), before="#panes")

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
        self.open_search()

    def action_close_search(self) -> None:
        """Close the search box and restore the panes as they were."""
        self.searching = False
