"""Reviewing one document's drafts, sentence by sentence: accept, reject, edit, undo."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Footer, Header, Input, Static

from oic_tui.store.models import Record
from oic_tui.store.sanitize import one_line
from oic_tui.store.words import counted

from ..messages import StoreLoaded
from ..widgets.draft_list import DraftList
from ..widgets.sentence_list import SentenceList, SentenceOption
from ..widgets.source_excerpt import document_line
from .base import OicScreen

if TYPE_CHECKING:
    from oic_tui.corpus.review import Decision, Review
    from oic_tui.store.reader import Store

# The most of a decision's or refusal's line shown (the rest is cut with an ellipsis).
NOTICE_LIMIT = 400
_DONE = {"accept": "accepted", "reject": "rejected", "edit": "edited", "undo": "undone"}


@dataclass
class Drafted:
    """A store as the review shows one document of it: its drafts by sentence, their notes."""

    store: Store
    by_sentence: dict[int, list[Record]]
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    @property
    def left(self) -> int:
        """How many drafts the document has left."""
        return len({r.id for records in self.by_sentence.values() for r in records})


def drafted(store: Store, doc: str, review: Review, warnings: list[str] | None = None) -> Drafted:
    """The document's drafts by sentence (slow: indexes the store, and compiles the corpus
    unless the `warnings` of a build of it as it is now are given)."""
    from oic_tui.store.spans import span_index

    document = store.documents[doc]
    by_sentence = {
        index: drafts
        for index, records in span_index(store).by_sentence(document).items()
        if (drafts := [r for r in records if r.draft])
    }
    notes = {draft.address: draft.notes for draft in review.drafts(True, warnings)}
    linked = {
        i
        for records in by_sentence.values()
        for r in records
        for i in (*r.proposed_by, *r.presented_by, *r.promoted_by)
    }
    names = {i: linked_record.title for i in linked if (linked_record := store.get(i))}
    return Drafted(store, by_sentence, notes, names)


@dataclass
class ReviewOpened(Message):
    """The corpus's annotations were read and the document's drafts found."""

    review: Review | None
    drafted: Drafted | None
    error: str = ""


@dataclass
class Decided(Message):
    """A decision was written (or refused); `drafted` is the rebuilt store's, if any."""

    generation: int
    line: str
    refused: bool
    drafted: Drafted | None
    # The draft decided: the cursor goes back to it where it is still a draft (an undo).
    address: str = ""


class ReviewScreen(OicScreen):
    """One document's sentences; the drafts drawn from the current one beside them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
        Binding("n", "sentence(1)", "Next"),
        Binding("p", "sentence(-1)", "Previous", show=False),
        Binding("N", "next_drafted", "Drafted"),
        Binding("a", "decide('accept')", "Accept"),
        Binding("x", "decide('reject')", "Reject"),
        Binding("t", "edit_title", "Title"),
        Binding("u", "decide('undo')", "Undo"),
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    # Its modes: a decision being written; the title being edited.
    saving: reactive[bool] = reactive(False, toggle_class="-saving")
    editing: reactive[bool] = reactive(False, toggle_class="-editing")

    def __init__(self, store: Store, root: Path, doc: str) -> None:
        super().__init__()
        self.store = store
        self.root = root
        self.document = store.documents[doc]
        self.review: Review | None = None
        self.drafted: Drafted | None = None
        self._generation = 0
        # Decision keys typed while one is saved: each decided in turn, on the draft the
        # cursor is on when its turn comes (so `a a a` accepts three drafts).
        self._queued: list[str] = []
        self._sentence = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(document_line(self.document), id="review-document")
        yield Static(id="review-count")
        with Horizontal(id="review-panes"):
            yield SentenceList(id="review-sentences")
            with Vertical(id="review-side"):
                yield DraftList(id="review-drafts")
                yield Input(id="review-title", placeholder="The draft's title")
        yield Static(id="review-notice")
        yield Footer()

    def on_mount(self) -> None:
        sentences = self.query_one(SentenceList)
        sentences.can_focus = False
        sentences.border_title = Content.styled("Article", "bold")
        self.query_one(DraftList).border_title = Content.styled("Drafts here", "bold")
        sentences.show_document(self.document, {})
        self._say("Reading the corpus's drafts…")
        self.query_one(DraftList).focus()
        self._open(self.store)

    @work(thread=True, exclusive=True, group="review")
    def _open(self, store: Store) -> None:
        """Read the corpus's annotations and find the document's drafts."""
        from oic_tui.corpus.build import BuildError
        from oic_tui.corpus.review import Review
        from oic_tui.store.reader import StoreError

        try:
            review = Review(self.root)
            self.post_message(ReviewOpened(review, drafted(store, self.document.id, review)))
        except (StoreError, BuildError, OSError) as error:
            self.post_message(ReviewOpened(None, None, one_line(str(error), NOTICE_LIMIT)))

    @on(ReviewOpened)
    def _opened(self, message: ReviewOpened) -> None:
        if message.review is None or message.drafted is None:
            self._say(f"Cannot review: {message.error}", warning=True)
            return
        self.review = message.review
        first = min(message.drafted.by_sentence, default=0)
        self._show(message.drafted, first)
        self._say("")

    def _show(self, state: Drafted, sentence: int) -> None:
        """Show the document's sentences and drafts, the cursor on sentence `sentence`."""
        self.drafted = state
        self.store = state.store
        self.document = state.store.documents.get(self.document.id, self.document)
        sentences = self.query_one(SentenceList)
        sentences.show_document(self.document, state.by_sentence)
        last = len(self.document.sentences) - 1
        self._sentence = max(0, min(sentence, last))
        sentences.go_to(self._sentence)
        self._show_sentence()

    def _show_sentence(self, keep: str = "") -> None:
        """The current sentence's drafts beside it, and the count line."""
        state = self.drafted
        if state is None:
            return
        records = state.by_sentence.get(self._sentence, [])
        self.query_one(DraftList).show_drafts(records, state.names, state.notes, keep)
        total = len(self.document.sentences)
        where = f"Sentence {self._sentence + 1} of {total}"
        left = counted(state.left, "draft")
        self.query_one("#review-count", Static).update(
            Content.assemble((where, "bold"), (f" · {left} left", "dim"))
        )

    @on(SentenceList.Moved)
    def _moved(self, event: SentenceList.Moved) -> None:
        sentences = self.document.sentences
        index = event.sentence.index
        if 0 <= index < len(sentences) and sentences[index] is event.sentence:
            self._sentence = index
            self._show_sentence()

    def _say(self, text: str, warning: bool = False) -> None:
        """One line in the notice area (a refusal or conflict in the warning colour)."""
        style = "$text-warning" if warning else ""
        notice = self.query_one("#review-notice", Static)
        notice.update(Content.styled(one_line(text, NOTICE_LIMIT), style))

    # Moving ---------------------------------------------------------------------

    def _go(self, index: int) -> None:
        sentences = self.query_one(SentenceList)
        sentences.go_to(index)
        option = sentences.highlighted_option
        if isinstance(option, SentenceOption):
            self._sentence = option.sentence.index
            self._show_sentence()

    def action_sentence(self, step: int) -> None:
        """The next (1) or previous (-1) sentence."""
        if self.editing:
            return
        last = len(self.document.sentences) - 1
        self._go(max(0, min(self._sentence + step, last)))

    def action_next_drafted(self) -> None:
        """The next sentence with drafts, wrapping to the first."""
        state = self.drafted
        if self.editing or state is None:
            return
        ahead = sorted(state.by_sentence)
        after = [i for i in ahead if i > self._sentence] or ahead
        if not after:
            self._say("No drafts left in this document.")
            return
        self._go(after[0])

    def action_back(self) -> None:
        """Cancel the title's edit, or leave the review."""
        if self.editing:
            self.editing = False
            self.query_one(DraftList).focus()
            return
        self.dismiss()

    # Deciding -------------------------------------------------------------------

    def _ready(self) -> bool:
        """Whether a decision may start now (else say why)."""
        if self.review is None:
            self._say("Still reading the corpus's drafts…")
        elif self.saving:
            self._say("Saving… (one decision at a time)")
        else:
            return True
        return False

    def action_decide(self, action: str) -> None:
        """Accept, reject or undo (in a worker: each decision compiles the corpus)."""
        if self.editing:
            return
        if self.saving and self.review is not None:
            self._queued.append(action)
            self._say(f"Saving… ({counted(len(self._queued), 'more decision')} queued)")
            return
        if not self._ready():
            return
        draft = self.query_one(DraftList).current
        if action != "undo" and draft is None:
            self._say("No draft in this sentence: N goes to the next one with drafts.")
            return
        self._start(action, draft.id if draft else "")

    def action_edit_title(self) -> None:
        """Edit the highlighted draft's title: Enter saves, Esc cancels."""
        draft = self.query_one(DraftList).current
        if self.editing or not self._ready():
            return
        if draft is None:
            self._say("No draft in this sentence to edit.")
            return
        box = self.query_one("#review-title", Input)
        box.value = draft.title
        self.editing = True
        box.focus()

    @on(Input.Submitted, "#review-title")
    def _title_given(self, event: Input.Submitted) -> None:
        event.stop()
        draft = self.query_one(DraftList).current
        self.editing = False
        self.query_one(DraftList).focus()
        if draft is None or event.value == draft.title or not self._ready():
            return
        self._start("edit", draft.id, event.value)

    def _start(self, action: str, address: str, value: str = "") -> None:
        self._generation += 1
        self.saving = True
        self._say("Saving…")
        self._decide(self._generation, action, address, value)

    @work(thread=True, exclusive=True, group="review")
    def _decide(self, generation: int, action: str, address: str, value: str) -> None:
        """Write the decision, then rebuild the store and find the drafts again."""
        from oic_tui.corpus.review import Conflict, Refused

        review = self.review
        assert review is not None
        try:
            decision = _run(review, action, address, value)
        except Conflict as conflict:
            line = "; ".join(conflict.problems)
            state = self._rebuilt(review)
            self.post_message(Decided(generation, line, True, state, address))
            return
        except Refused as refused:
            verb = _DONE.get(action, action)
            line = f"{address}: not {verb}: {'; '.join(refused.problems)}"
            self.post_message(Decided(generation, line, True, None, address))
            return
        if decision is None:
            self.post_message(Decided(generation, "Nothing to undo.", False, None))
            return
        state = self._rebuilt(review)
        line = str(decision) if state is not None else f"{decision}; the store was not rebuilt"
        self.post_message(Decided(generation, line, state is None, state, decision.address))

    def _rebuilt(self, review: Review) -> Drafted | None:
        """The corpus's store rebuilt and opened, handed to the app (None if it failed)."""
        from oic_tui.corpus.build import BuildError
        from oic_tui.corpus.folder import build_corpus, find_corpus
        from oic_tui.store.reader import Store, StoreError

        try:
            corpus = find_corpus(self.root)
            built = build_corpus(corpus)
            store = Store.open(corpus.store_path)
            if self.document.id not in store.documents:
                return None
            # The notes from this build's warnings: the corpus is not compiled a third time.
            state = drafted(store, self.document.id, review, built.warnings)
        except (BuildError, StoreError, OSError):
            return None
        self.app.post_message(StoreLoaded(store))
        return state

    @on(Decided)
    def _decided(self, message: Decided) -> None:
        if message.generation != self._generation:
            return  # a later decision's result is coming
        self.saving = False
        self._say(message.line, warning=message.refused)
        if message.drafted is not None:
            current = self.query_one(DraftList).current
            # Back on the draft decided where it still is one (undone, or refused), else
            # where the cursor was.
            ids = {r.id for records in message.drafted.by_sentence.values() for r in records}
            keep = message.address if message.address in ids else (current.id if current else "")
            self._show(message.drafted, self._sentence)
            self._show_sentence(keep)
        if message.refused and self._queued:
            self._say(f"{message.line} (the keys queued after it were dropped)", warning=True)
            self._queued.clear()
        elif self._queued:
            self.action_decide(self._queued.pop(0))


def _run(review: Review, action: str, address: str, value: str) -> Decision | None:
    """One decision of the review session."""
    if action == "accept":
        return review.accept(address)
    if action == "reject":
        return review.reject(address)
    if action == "edit":
        return review.set_field(address, "title", value)
    return review.undo()
