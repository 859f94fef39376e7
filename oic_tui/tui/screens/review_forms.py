"""The review's decisions that ask for more than a key: fields, links, entities, steps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from textual import on
from textual.reactive import reactive

from ..review_model import (
    ENTITY_TYPES,
    FIELDS,
    STEP_STATUSES,
    FieldSpec,
    NewName,
    blocking_field,
    entity_id_for,
    form_hints,
    known_names,
    names_in,
    new_names_in,
)
from ..review_run import Request
from ..widgets.draft_form import DraftForm
from ..widgets.draft_list import DraftList
from .base import OicScreen
from .choice import ChoiceScreen

if TYPE_CHECKING:
    from oic_tui.corpus.review import Review
    from oic_tui.store.models import Document, Sentence
    from oic_tui.store.reader import Store

    from ..review_model import Drafted

NEW_ENTITY_FIELDS = (
    FieldSpec("name", "Name", "required"),
    FieldSpec("id", "Id", "new-id"),
    FieldSpec("title", "Title", "required"),
    FieldSpec("type", "Type", "required", ENTITY_TYPES),
    FieldSpec("text", "Summary", "required"),
    FieldSpec("role", "Role here"),
)
STEP_FIELDS = (
    FieldSpec("status", "Status", "required", STEP_STATUSES),
    FieldSpec("date", "Date", "date"),
    FieldSpec("precision", "Precision", "choice", FIELDS["step"][2].choices),
)


class ReviewForms(OicScreen):
    """The form beside the drafts, and the pickers that fill it."""

    review: Review | None
    store: Store
    document: Document
    drafted: Drafted | None
    _sentence: int

    # Its modes: a decision being written; a form open beside the drafts.
    saving: reactive[bool] = reactive(False, toggle_class="-saving")
    editing: reactive[bool] = reactive(False, toggle_class="-editing")

    # What the open form decides: "edit", "entity" or "step"; a step's initiative.
    _purpose = "edit"
    _initiative = ""

    def say(self, text: str, warning: bool = False) -> None:
        """One line in the notice area."""
        raise NotImplementedError

    def ready(self) -> bool:
        """Whether a decision may start now."""
        raise NotImplementedError

    def start(self, request: Request) -> None:
        """Write a decision in a worker."""
        raise NotImplementedError

    @property
    def current_address(self) -> str:
        """The highlighted draft's id (a step row's address), or ""."""
        option = self.query_one(DraftList).current_option
        return option.address if option is not None else ""

    @property
    def current_sentence(self) -> Sentence | None:
        """The sentence the review is on."""
        sentences = self.document.sentences
        return sentences[self._sentence] if 0 <= self._sentence < len(sentences) else None

    def _kind_of(self, address: str) -> str:
        drafts = self.query_one(DraftList)
        for index in range(drafts.option_count):
            option = drafts.get_option_at_index(index)
            if getattr(option, "address", None) == address:
                return str(getattr(option, "kind", ""))
        return "step" if address.startswith("step:") else address.split(".", 1)[0]

    # The form ------------------------------------------------------------------

    async def _open_form(
        self,
        purpose: str,
        address: str,
        row: Mapping[str, Any],
        specs: Sequence[FieldSpec],
        focus: str = "",
        accept: bool = False,
        hint: str = "",
        baseline: Mapping[str, Any] | None = None,
    ) -> None:
        hints = form_hints(self.store)
        ids = hints.entity_ids
        self._purpose = purpose
        form = self.query_one(DraftForm)
        await form.show_fields(address, row, specs, ids, hints.suggestions, accept, hint, baseline)
        self.editing = True
        form.focus_field(focus)

    def close_form(self) -> None:
        """Close the form without deciding; back to the drafts."""
        self.editing = False
        self.query_one(DraftList).focus()

    async def action_edit_fields(self, name: str = "") -> None:
        """Edit the highlighted draft's fields (`t`: its title first)."""
        address = self.current_address
        if self.editing or not self.ready() or self.review is None:
            return
        if not address:
            self.say("No draft in this sentence to edit.")
            return
        kind = self._kind_of(address)
        await self._open_form("edit", address, self.review.record(address), FIELDS[kind], name)

    async def open_blocking(self, address: str, problems: Sequence[str]) -> None:
        """Open the field a refused accept needs; saving it accepts the draft too."""
        kind = self._kind_of(address)
        name = blocking_field(problems, FIELDS[kind])
        if not name or self.review is None or self.editing:
            return
        row = self.review.record(address)
        spec = next(spec for spec in FIELDS[kind] if spec.name == name)
        hint = problems[0].rsplit(": ", 1)[-1]
        if spec.rule == "choice":
            hint = f"{spec.label}: {' · '.join(spec.choices)} (a first letter is enough)"
        await self._open_form("edit", address, row, FIELDS[kind], name, True, hint=hint)

    async def reopen(self, request: Request, problems: Sequence[str]) -> None:
        """The form of a refused edit, new entity or step again, with what was typed."""
        if self.review is None or self.editing:
            return
        hint = problems[0].rsplit(": ", 1)[-1] if problems else ""
        typed = {name: value for name, value in request.values.items() if name != "initiative"}
        specs: Sequence[FieldSpec]
        row: dict[str, Any]
        baseline: dict[str, Any] | None = None
        if request.action == "entity":
            specs, row = NEW_ENTITY_FIELDS, typed
        elif request.action == "step":
            specs, row = STEP_FIELDS, typed
        else:
            kind = self._kind_of(request.address)
            specs = FIELDS[kind]
            # What was typed shows, and still counts as changed from the file.
            baseline = self.review.record(request.address)
            row = {**baseline, **typed}
        await self._open_form(
            request.action,
            request.address,
            {k: v for k, v in row.items() if v is not None},
            specs,
            blocking_field(problems, specs),
            request.accept,
            hint=hint,
            baseline=baseline,
        )

    @on(DraftForm.Saved)
    def _saved(self, message: DraftForm.Saved) -> None:
        message.stop()
        self.close_form()
        if not self.ready():
            return
        if self._purpose == "entity":
            self.start(Request("entity", values=message.values))
        elif self._purpose == "step":
            values = {**message.values, "initiative": self._initiative}
            self.start(Request("step", message.address, values))
        elif message.changes:
            self.start(Request("edit", message.address, message.changes, message.accept))
        elif message.accept:
            self.start(Request("accept", message.address))
        else:
            self.say("Nothing changed.")

    # Links ---------------------------------------------------------------------

    def action_link(self) -> None:
        """Link or unlink an entity the sentence names (or one linked already)."""
        address, sentence = self.current_address, self.current_sentence
        if self.editing or not self.ready() or self.review is None or sentence is None:
            return
        if not address or address.startswith("step:"):
            self.say("l links an entity to a draft record: this sentence has none.")
            return
        linked = [i for i in self.review.record(address).get("entities", []) if isinstance(i, str)]
        named = names_in(self.document.sentence_text(sentence), self.store, self.document.id)
        choices = [(i, f"✓ linked      {self._title(i)}  ({i})") for i in linked]
        choices += [
            (e.id, f"  not linked  {e.title}  ({e.id})") for e in named if e.id not in linked
        ]
        if not choices:
            self.say("The sentence names no entity of the corpus: E makes one.")
            return

        def chosen(entity: str | None) -> None:
            if entity and self.ready():
                action = "unlink" if entity in linked else "link"
                self.start(Request(action, address, {"entity": entity}))

        title = "Link (or unlink) an entity · Enter · Esc"
        self.app.push_screen(ChoiceScreen(title, choices, "Type to filter"), chosen)

    def _title(self, record_id: str) -> str:
        record = self.store.get(record_id)
        return record.title if record is not None else record_id

    # New entities ----------------------------------------------------------------

    def action_new_entity(self) -> None:
        """Make one of the sentence's new names into an entity."""
        sentence = self.current_sentence
        if self.editing or not self.ready() or sentence is None:
            return
        text = self.document.sentence_text(sentence)
        names = new_names_in(text, known_names(self.store))

        by_name = {new.name: new for new in names}

        async def chosen(name: str | None) -> None:
            if name is not None:
                await self._entity_form(by_name[name])

        if not names:
            self.call_later(self._entity_form, NewName(""))
            return
        choices = [(n.name, f"{n.name}  ({n.role})" if n.role else n.name) for n in names]
        title = "Make a name an entity · Enter · Esc"
        self.app.push_screen(ChoiceScreen(title, choices, "Type to filter"), chosen)

    async def _entity_form(self, new: NewName) -> None:
        ids = form_hints(self.store).entity_ids
        name = new.name
        row = {
            **{"name": name, "title": name, "role": new.role},
            **{"id": entity_id_for(name, ids) if name else "", "type": "person" * new.titled},
        }
        focus = ("text" if new.titled else "type") if name else "name"
        hint = "" if name else "No new name found in the sentence: type one it says verbatim."
        await self._open_form("entity", "", row, NEW_ENTITY_FIELDS, focus, hint=hint)

    # Steps -----------------------------------------------------------------------

    def action_to_step(self) -> None:
        """Make an initiative draft a step of an initiative the corpus has."""
        address = self.current_address
        if self.editing or not self.ready() or self.review is None:
            return
        if not address or self._kind_of(address) != "initiative":
            self.say("s makes an initiative draft a step of an initiative: none is highlighted.")
            return
        initiatives = [r for r in self.store.by_kind("initiative") if not r.draft]
        if not initiatives:
            self.say("The corpus has no reviewed initiative to add a step to.")
            return
        row = self.review.record(address)
        values = {"status": row.get("status", ""), **self._sentence_date()}

        async def chosen(initiative: str | None) -> None:
            if initiative is not None:
                self._initiative = initiative
                await self._open_form("step", address, values, STEP_FIELDS, "status")

        choices = [(r.id, f"{r.title}  ({r.id})") for r in initiatives]
        title = "A step of which initiative? · Enter · Esc"
        self.app.push_screen(ChoiceScreen(title, choices, "Type to filter"), chosen)

    def _sentence_date(self) -> dict[str, str]:
        """The date and precision of a dated draft event from the same sentence, if any."""
        state, review = self.drafted, self.review
        records = state.by_sentence.get(self._sentence, []) if state else []
        for record in records:
            if record.kind == "event" and review is not None:
                raw = review.record(record.id)
                if isinstance(raw.get("date"), str):
                    precision = raw.get("precision")
                    return {"date": raw["date"], "precision": str(precision or "")}
        return {}

    # Boilerplate -------------------------------------------------------------------

    def action_boilerplate(self) -> None:
        """Mark the sentence's line as boilerplate, or unmark the range it lies in."""
        sentence = self.current_sentence
        if self.editing or not self.ready() or sentence is None:
            return
        for start, end in self.document.boilerplate:
            if start <= sentence.start and sentence.end <= end:
                self.start(Request("unmark", values={"start": start, "end": end}))
                return
        text = self.document.text
        start = text.rfind("\n", 0, sentence.start) + 1
        end = text.find("\n", sentence.start)
        self.start(Request("mark", values={"start": start, "end": len(text) if end < 0 else end}))
