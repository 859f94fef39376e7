"""Search as you type, shared by the main screen and the search over a drill-down."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.cache import LRUCache
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import get_current_worker

from oic_tui.present.attributes import LABEL_WIDTH, as_of_marks, doc_labels
from oic_tui.store.models import Record
from oic_tui.store.per_store import PerStore
from oic_tui.store.sanitize import one_line

from ..actions import RecordActions, Subject
from ..navigation import Location
from ..widgets.record_list import RecordList
from ..widgets.styling import SHORT_LABELS
from .base import OicScreen

if TYPE_CHECKING:
    from textual.widgets import Input

    from oic_tui.search.engine import Hit
    from oic_tui.search.sentences import SentenceHit
    from oic_tui.search.service import Found
    from oic_tui.store.reader import Store

    from ..widgets.search_bar import SearchBar

    # What a result's note is made from: the store, the record, its hit's terms and
    # phrases, and whether it has a snippet.
    NoteKey = tuple[Store, Record, tuple[str, ...], tuple[tuple[str, ...], ...], bool]

# Snippets for the rows a person reads first; each is cut to fit beside a title.
SNIPPET_ROWS = 50
SNIPPET_WIDTH = 60
RESULT_LIMIT = 500
# A store this small indexes in milliseconds: a keystroke, Enter or Down may wait for it.
INDEX_AT_ONCE = 5_000
# A query of this many words or fewer takes milliseconds on any store, indexed: searched at
# once; a longer one (pasted, say) in a worker, as each word costs a pass over the index.
AT_ONCE_WORDS = 12
# A sentence row starts a little before its first match and runs on to the list's edge.
SENTENCE_WIDTH = 240
TEXT_GROUP = "In the text"
# Result notes kept across queries (a few screens of rows for each of a few queries).
KEPT_NOTES = 1_024
# Each document's label, as results across a corpus show it: made once per store.
store_doc_labels = PerStore(doc_labels)


@dataclass(frozen=True, slots=True)
class SentenceRow(Record):
    """A sentence of a document found by a search, as a row of the results (the list
    draws records): its title is the sentence, from a little before its first match."""

    doc: str = ""
    sentence: int = -1


def search_view(view_id: str) -> Vertical:
    """The search box, the no-results notice and the results (ids the handlers rely on)."""
    from ..widgets.search_bar import SearchBar

    notice = Static(id="no-results")
    notice.display = False
    return Vertical(
        SearchBar(id="search"),
        notice,
        RecordList(label="Results", id="results"),
        id=view_id,
    )


def search_crumb(query: str) -> str:
    """The crumb of a search: the query, as plain text."""
    from oic_tui.store.sanitize import clean_text

    return f"Search “{clean_text(query.strip())}”"


class SearchHost(RecordActions, OicScreen):
    """A screen with a search box and results: typing searches, results open records."""

    # Whether the search box is open, and whether the store is still loading.
    searching: reactive[bool] = reactive(False)
    loading_store: reactive[bool] = reactive(False)

    def __init__(self) -> None:
        super().__init__()
        self._shown_query: str | None = None
        # False while the results shown lack the sentences (their index was not ready).
        self._shown_complete = True
        self._hits: dict[str, Hit] = {}
        # Notes made, kept across queries: most rows of the next keystroke's show again.
        self._notes_made: LRUCache[NoteKey, str] = LRUCache(KEPT_NOTES)

    @property
    def store(self) -> Store | None:
        """The app's store, once opened."""
        return self.oic.store

    @property
    def search_doc(self) -> str | None:
        """The document searches are limited to (the main screen's scope), None for all."""
        return self.oic.main_screen.scope

    @property
    def search_bar(self) -> SearchBar:
        """The search box."""
        from ..widgets.search_bar import SearchBar

        return self.query_one("#search", SearchBar)

    def subject(self) -> Subject:
        """The highlighted result for `y` `Y` `o` (a sentence: the sentence and its
        document); every record of the results for `e`."""
        if not self.query("#results"):
            return Subject()
        results = self.query_one("#results", RecordList)
        record = results.current
        query = self.search_bar.value.strip()
        records = [r for r in results.records if not isinstance(r, SentenceRow)]
        name, heading = f"search-{query}", search_crumb(query)
        if isinstance(record, SentenceRow):
            store = self.store
            document = store.documents.get(record.doc) if store is not None else None
            sentences = document.sentences if document is not None else ()
            sentence = next((s for s in sentences if s.index == record.sentence), None)
            return Subject(
                sentence=sentence, document=document, records=records, name=name, heading=heading
            )
        return Subject(
            record=record,
            document=self.document_of(record),
            records=records,
            name=name,
            heading=heading,
        )

    def open_listed(self, record: Record) -> None:
        """Drill down to a record chosen in a list; a result keeps its search's matches;
        a sentence found in the text opens the source at it."""
        if isinstance(record, SentenceRow):
            self.search_bar.remember(self.search_bar.value)
            location = Location("source", doc=record.doc, sentence=record.sentence)
            self.oic.drill_to(location, opener=self)
            return
        hit = self._hits.get(record.id) if self.searching else None
        if hit is not None:
            self.search_bar.remember(self.search_bar.value)
            self.oic.open_record(record, terms=hit.terms, phrases=hit.phrases, opener=self)
        else:
            self.oic.open_record(record, opener=self)

    def open_search(self) -> None:
        """Focus the box with the last query selected: typing replaces it, End keeps it."""
        self.searching = True
        bar = self.search_bar
        self.set_focus(bar)
        bar.select_all()
        self.run_search(bar.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if not event.value.strip() and self._shown_query:
            # Clearing the box keeps what was searched in the recent queries.
            self.search_bar.remember(self._shown_query)
        if not self._searched_at_once(event.value):
            self.run_search(event.value)

    def _searched_at_once(self, query: str) -> bool:
        """Search on the UI thread once the index is there (a few milliseconds, even at
        100,000 records): the results are drawn in the keystroke's own frame, not in one
        after a thread's answer. False: a worker is to search (and build what is missing)."""
        from oic_tui.search.service import engine_ready, find

        store = self.store
        if store is None:
            return False
        small = len(store.records) <= INDEX_AT_ONCE
        if not small and (not engine_ready(store) or len(query.split()) > AT_ONCE_WORDS):
            return False
        self.workers.cancel_group(self, "search")
        found = find(store, query, limit=RESULT_LIMIT, doc=self.search_doc, build=small)
        self.show_results(query, found)
        # Without the sentences (their index is not built yet): the worker adds them.
        return found.complete

    def _results_searched_now(self) -> RecordList:
        """The results list, searched synchronously first if the worker has not answered yet.

        Enter or Down typed right after the query must act on its results, not the last ones.
        """
        from oic_tui.search.service import engine_ready, find

        results = self.query_one("#results", RecordList)
        value = self.search_bar.value
        store = self.store
        # Not while a large store's index builds: that would freeze the UI; the worker will.
        # Its sentences are searched here only if indexed (or few); else the worker adds them.
        small = store is not None and len(store.records) <= INDEX_AT_ONCE
        if (
            self._shown_query != value.strip()
            and store is not None
            and (engine_ready(store) or small)
        ):
            found = find(store, value, limit=RESULT_LIMIT, doc=self.search_doc, build=small)
            self.show_results(value, found)
        return results

    def on_input_submitted(self) -> None:
        results = self._results_searched_now()
        if results.records:
            results.highlight_first()
            self.open_listed(results.records[0])

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
        from oic_tui.search.service import engine_ready, find

        store = self.store
        if store is None:
            return
        if not engine_ready(store):
            self.app.call_from_thread(self.show_indexing)
        found = find(store, query, limit=RESULT_LIMIT, doc=self.search_doc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_results, query, found)

    def rerun_search(self) -> None:
        """Search the box's query again (the scope changed): its results are new."""
        self._shown_query = None
        self.run_search(self.search_bar.value)

    def show_indexing(self) -> None:
        """Say why results are not there yet on a large store."""
        notice = self.query_one("#no-results", Static)
        notice.update(Content.styled("Building the search index…", "italic"))
        notice.display = True

    def show_results(self, query: str, found: Found) -> None:
        """Display hits grouped by kind, best group first, after the sentences of the text
        that hold every word, unless the box has moved on."""
        if query != self.search_bar.value:
            return
        from ..widgets.search_bar import search_notice

        store, hits = self.store, found.hits
        scope = store.documents.get(self.search_doc or "") if store is not None else None
        label = one_line(scope.short, LABEL_WIDTH) if scope is not None else ""
        rows = sentence_rows(found)
        notice = self.query_one("#no-results", Static)
        said = search_notice(query, bool(hits or rows), found.notes, label)
        # Hidden and staying so, as at most keystrokes: untouched (an update asks for a layout).
        if said is not None or notice.display:
            notice.display = said is not None
            notice.update(said or "")
        if (
            query.strip() == self._shown_query
            and self._shown_complete
            and self.searching
            and not self.loading_store
        ):
            # Already shown (searched at once for Enter or Down, or before closing the box):
            # keep the cursor where it is.
            return
        self._shown_query = query.strip()
        self._shown_complete = found.complete
        self._hits = {hit.record.id: hit for hit in hits}
        kinds = list(dict.fromkeys(hit.record.kind for hit in hits))
        groups: list[tuple[str, list[Record]]] = [
            (f"{SHORT_LABELS[kind]} ({len(members):,})", members)
            for kind in kinds
            if (members := [h.record for h in hits if h.record.kind == kind])
        ]
        if rows:
            # They hold every word, where the records (if any) hold only most of them.
            groups.insert(0, (f"{TEXT_GROUP} ({len(rows):,})", [row for row, _ in rows]))
        results = self.query_one("#results", RecordList)
        highlights = {hit.record.id: (hit.terms, hit.phrases) for hit in hits}
        highlights.update({row.id: (h.terms, h.phrases) for row, h in rows})
        notes = _notes(hits, store, self._notes_made)
        leads = {row.id: _sentence_lead(row, store) for row, _ in rows}
        # Across a corpus's documents each result says which one it comes from.
        marked = store is not None and store.multi_document and not self.search_doc
        more = "+" if len(hits) >= RESULT_LIMIT or len(rows) >= RESULT_LIMIT else ""
        # No record holds every word: these hold most of them.
        partial = " · most of the words" if hits and hits[0].partial else ""
        results.label = f"Results in {label}" if label else "Results"
        results.count_note = f"{more}{partial}"
        marks: dict[str, str] = {}
        if scope is not None and store is not None and store.multi_document:
            # Scoped, an initiative reads as the document reports it, as in its pane.
            for number, (name, members) in enumerate(groups):
                shown, found_marks = as_of_marks(members, scope)
                groups[number] = (name, shown)
                marks.update(found_marks)
        results.show_records(
            [],
            groups=groups,
            highlights=highlights,
            leads=leads,
            notes=notes,
            doc_labels=store_doc_labels(store) if store is not None and marked else None,
            marks=marks,
        )
        self.follow_highlight(results)

    def follow_highlight(self, listed: RecordList) -> None:
        """A list's highlighted row changed: a screen's preview of it follows (called as the
        results change too, so that it is drawn in their frame, not after their message)."""


def sentence_rows(found: Found) -> list[tuple[SentenceRow, SentenceHit]]:
    """The sentences found, as rows of the results, each with its hit."""
    from oic_tui.search.snippets import sentence_snippet

    rows: list[tuple[SentenceRow, SentenceHit]] = []
    for hit in found.sentences:
        title = sentence_snippet(hit, SENTENCE_WIDTH).text
        row_id = f"sentence:{hit.doc}:{hit.sentence}"
        row = SentenceRow(row_id, "fact", title, "", (), doc=hit.doc, sentence=hit.sentence)
        rows.append((row, hit))
    return rows


def _sentence_lead(row: SentenceRow, store: Store | None) -> str:
    """Where a sentence found stands: its document's label and its number."""
    document = store.documents.get(row.doc) if store is not None else None
    label = one_line(document.short, LABEL_WIDTH) if document is not None else row.doc
    return f"{label}, sentence {row.sentence + 1}"


def _notes(hits: list[Hit], store: Store | None, made: LRUCache[NoteKey, str]) -> Mapping[str, str]:
    """Notes of result rows: an initiative's basis, and why a record matched where its
    title does not show it (a snippet, whose matched words are highlighted)."""
    return _Notes(store, hits, made) if store is not None else {}


class _Notes(Mapping[str, str]):
    """Each result's note (or ""): its basis, then for the first SNIPPET_ROWS a snippet;
    made when its row is first drawn, as only a screenful is, and kept in `made` by all it
    is made from (the next keystroke's rows are mostly the same)."""

    def __init__(self, store: Store, hits: list[Hit], made: LRUCache[NoteKey, str]) -> None:
        self._store = store
        self._hits = {hit.record.id: hit for hit in hits}
        self._snippets = {hit.record.id for hit in hits[:SNIPPET_ROWS]}
        self._made = made

    def __getitem__(self, record_id: str) -> str:
        hit = self._hits[record_id]
        key = (self._store, hit.record, hit.terms, hit.phrases, record_id in self._snippets)
        note = self._made.get(key)
        if note is None:
            note = self._made[key] = self._note(hit, key[-1])
        return note

    def _note(self, hit: Hit, snippeted: bool) -> str:
        from oic_tui.present.attributes import initiative_notes
        from oic_tui.search.snippets import snippet

        basis = initiative_notes([hit.record], self._store).get(hit.record.id, "")
        found = snippet(hit, width=SNIPPET_WIDTH) if snippeted else None
        if found is None:
            return basis
        return f"{basis}; {found.text}" if basis else found.text

    def __iter__(self) -> Iterator[str]:
        return iter(self._hits)

    def __len__(self) -> int:
        return len(self._hits)
