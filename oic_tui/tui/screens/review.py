"""Reviewing one document's drafts, sentence by sentence: one key per decision."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from oic_tui.store.sanitize import one_line
from oic_tui.store.words import counted

from ..messages import StoreLoaded
from ..review_model import Drafted
from ..review_run import NOT_DONE, Request, rebuilt, run
from ..widgets.draft_form import DraftForm
from ..widgets.draft_list import DraftList
from ..widgets.footer import FittedFooter
from ..widgets.sentence_list import SentenceList, SentenceOption
from ..widgets.source_excerpt import document_line
from .base import app_header
from .review_forms import ReviewForms

if TYPE_CHECKING:
    from oic_tui.corpus.review import Review
    from oic_tui.store.reader import Store

# The most of a decision's or refusal's line shown (the rest is cut with an ellipsis).
NOTICE_LIMIT = 400


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
    request: Request
    line: str
    refused: bool
    drafted: Drafted | None
    # The problems of a refusal, for the form a refused accept opens.
    problems: tuple[str, ...] = ()
    # The draft decided: the cursor goes back to it where it is still a draft (an undo).
    address: str = ""


class ReviewScreen(ReviewForms):
    """One document's sentences; the drafts drawn from the current one beside them."""

    # In the footer's order: the decisions first, so that a narrow footer keeps them.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "decide('accept')", "Accept"),
        Binding("x", "decide('reject')", "Reject"),
        Binding("e", "edit_fields", "Edit"),
        Binding("u", "decide('undo')", "Undo"),
        Binding("N", "next_drafted", "Next drafted"),
        Binding("l", "link", "Link"),
        Binding("escape", "back", "Back"),
        Binding("n", "sentence(1)", "Next", show=False),
        Binding("p", "sentence(-1)", "Previous", show=False),
        Binding("t", "edit_fields('title')", "Title", show=False),
        Binding("E", "new_entity", "New entity", show=False),
        Binding("s", "to_step", "Step", show=False),
        Binding("b", "boilerplate", "Boilerplate", show=False),
        Binding("A", "decide('accept_all')", "Accept topics", show=False),
        Binding("q", "back", "Back", show=False),
        Binding("question_mark", "app.help", "Help", show=False),
    ]

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
        yield app_header()
        yield Static(document_line(self.document), id="review-document")
        yield Static(id="review-count")
        with Horizontal(id="review-panes"):
            yield SentenceList(id="review-sentences")
            with Vertical(id="review-side"):
                yield DraftList(id="review-drafts")
                yield DraftForm(id="review-form")
        yield Static(id="review-notice")
        yield FittedFooter()

    def on_mount(self) -> None:
        sentences = self.query_one(SentenceList)
        sentences.can_focus = False
        sentences.border_title = Content.styled("Article", "bold")
        self.query_one(DraftList).border_title = Content.styled("Drafts here", "bold")
        sentences.show_document(self.document, {})
        self.say("Reading the corpus's drafts…")
        self.query_one(DraftList).focus()
        self._open(self.store)

    @work(thread=True, exclusive=True, group="review")
    def _open(self, store: Store) -> None:
        """Read the corpus's annotations and find the document's drafts."""
        from oic_tui.corpus.build import BuildError
        from oic_tui.corpus.review import Review
        from oic_tui.store.reader import StoreError

        from ..review_model import drafted

        try:
            review = Review(self.root)
            self.post_message(ReviewOpened(review, drafted(store, self.document.id, review)))
        except (StoreError, BuildError, OSError) as error:
            self.post_message(ReviewOpened(None, None, one_line(str(error), NOTICE_LIMIT)))

    @on(ReviewOpened)
    def _opened(self, message: ReviewOpened) -> None:
        if message.review is None or message.drafted is None:
            self.say(f"Cannot review: {message.error}", warning=True)
            return
        self.review = message.review
        self._show(message.drafted, min(message.drafted.sentences, default=0))
        self.say("")

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
        state, review = self.drafted, self.review
        if state is None or review is None:
            return
        records = state.by_sentence.get(self._sentence, [])
        steps = [(d, review.record(d.address)) for d in state.steps.get(self._sentence, [])]
        self.query_one(DraftList).show_drafts(records, state.names, state.notes, keep, steps)
        total = len(self.document.sentences)
        where = f"Sentence {self._sentence + 1} of {total}"
        sentence = self.current_sentence
        marked = " · boilerplate" if sentence and self.document.is_boilerplate(sentence) else ""
        left = counted(state.left, "draft")
        self.query_one("#review-count", Static).update(
            Content.assemble((where, "bold"), (marked, "italic"), (f" · {left} left", "dim"))
        )

    @on(SentenceList.Moved)
    def _moved(self, event: SentenceList.Moved) -> None:
        sentences = self.document.sentences
        index = event.sentence.index
        if 0 <= index < len(sentences) and sentences[index] is event.sentence:
            self._sentence = index
            self._show_sentence()

    def say(self, text: str, warning: bool = False) -> None:
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
        ahead = state.sentences
        after = [i for i in ahead if i > self._sentence] or ahead
        if not after:
            self.say("No drafts left in this document.")
            return
        self._go(after[0])

    def action_back(self) -> None:
        """Close the form, or leave the review (once the decision being saved is written)."""
        if self.editing:
            self.close_form()
            return
        if self.saving:
            # Leaving now would leave its store unseen: the back waits its turn.
            self._queued.append("back")
            self.say("Saving… (then back)")
            return
        self.dismiss()

    # Deciding -------------------------------------------------------------------

    def ready(self) -> bool:
        """Whether a decision may start now (else say why)."""
        if self.review is None:
            self.say("Still reading the corpus's drafts…")
        elif self.saving:
            self.say("Saving… (one decision at a time)")
        else:
            return True
        return False

    def action_decide(self, action: str) -> None:
        """Accept, reject, undo or accept every passing topic (in a worker)."""
        if self.editing:
            return
        if self.saving and self.review is not None:
            self._queued.append(action)
            self.say(f"Saving… ({counted(len(self._queued), 'more decision')} queued)")
            return
        if not self.ready():
            return
        address = self.current_address
        if action in ("accept", "reject") and not address:
            self.say("No draft in this sentence: N goes to the next one with drafts.")
            return
        self.start(Request(action, address))

    def start(self, request: Request) -> None:
        """Write a decision in a worker; its result comes back as `Decided`."""
        self._generation += 1
        self.saving = True
        self.say("Saving…")
        self._decide(self._generation, request)

    @work(thread=True, exclusive=True, group="review")
    def _decide(self, generation: int, request: Request) -> None:
        """Write the decision, then rebuild the store and find the drafts again."""
        from oic_tui.corpus.review import Conflict, Refused

        review = self.review
        assert review is not None
        doc = self.document.id
        try:
            decision = run(review, doc, request)
        except Conflict as conflict:
            line = "; ".join(conflict.problems)
            state = self._rebuilt(review)
            self.post_message(Decided(generation, request, line, True, state))
            return
        except Refused as refused:
            verb = NOT_DONE.get(request.action, request.action)
            line = f"{request.address or doc}: not {verb}: {'; '.join(refused.problems)}"
            problems = tuple(refused.problems)
            self.post_message(Decided(generation, request, line, True, None, problems))
            return
        if decision is None:
            self.post_message(Decided(generation, request, "Nothing to undo.", False, None))
            return
        state = self._rebuilt(review)
        line = str(decision) if state is not None else f"{decision}; the store was not rebuilt"
        address = decision.address
        self.post_message(Decided(generation, request, line, state is None, state, (), address))

    def _rebuilt(self, review: Review) -> Drafted | None:
        """The document's drafts in the rebuilt store, the store handed to the app."""
        result = rebuilt(self.root, self.document.id, review)
        if result is None:
            return None
        store, state = result
        self.app.post_message(StoreLoaded(store))
        return state

    @on(Decided)
    def _decided(self, message: Decided) -> None:
        if message.generation != self._generation:
            return  # a later decision's result is coming
        self.saving = False
        self.say(message.line, warning=message.refused)
        if message.drafted is not None:
            current = self.current_address
            # Back on the draft decided where it still is one (undone, or refused), else
            # where the cursor was.
            ids = message.drafted.addresses()
            keep = message.address if message.address in ids else current
            self._show(message.drafted, self._sentence)
            self._show_sentence(keep)
        if message.refused and self._queued:
            self.say(f"{message.line} (the keys queued after it were dropped)", warning=True)
            self._queued.clear()
        elif message.problems and message.request.action == "accept":
            # What blocks the accept opens in the form: saving the fix accepts it too.
            self.call_later(self.open_blocking, message.request.address, message.problems)
        elif message.problems and message.request.action in ("edit", "entity", "step"):
            # The form again, as typed: what was refused is corrected, not typed again.
            self.call_later(self.reopen, message.request, message.problems)
        elif self._queued:
            queued = self._queued.pop(0)
            if queued == "back":
                self._queued.clear()
                self.dismiss()
            else:
                self.action_decide(queued)
