"""A draft's fields as inputs, each checked as it is typed; Enter saves, Esc cancels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, Static

from oic_tui.store.sanitize import one_line

from ..review_model import FieldSpec, changes_from, completed, field_problem, shown_value


class FieldRule(Validator):
    """A field's rule (a date, one of its choices, known entity ids), as a validator."""

    def __init__(self, spec: FieldSpec, entity_ids: frozenset[str]) -> None:
        super().__init__()
        self.spec = spec
        self.entity_ids = entity_ids

    def validate(self, value: str) -> ValidationResult:
        """Success, or the one-line reason the value cannot be saved."""
        problem = field_problem(self.spec, value, self.entity_ids)
        return self.failure(problem) if problem else self.success()


class FieldInput(Input):
    """One field's input, carrying its spec."""

    def __init__(self, spec: FieldSpec, value: str, rule: FieldRule, suggest: Sequence[str]):
        super().__init__(
            value,
            validators=[rule],
            validate_on=["changed", "submitted"],
            suggester=SuggestFromList(suggest, case_sensitive=False) if suggest else None,
            id=f"field-{spec.name}",
            compact=True,
        )
        self.spec = spec
        self.rule = rule


class DraftForm(VerticalScroll):
    """The highlighted draft's fields; saving posts `Saved` with the fields changed."""

    DEFAULT_CSS = """
    DraftForm {
        height: auto;
        max-height: 14;
        border: round $primary;
        padding: 0 1;
    }
    DraftForm > Horizontal {
        height: 1;
    }
    DraftForm Label {
        width: 13;
        color: $text-muted;
    }
    DraftForm FieldInput {
        width: 1fr;
    }
    DraftForm FieldInput.-invalid {
        color: $text-error;
    }
    DraftForm #form-problem {
        height: auto;
        color: $text-warning;
    }
    """

    @dataclass
    class Saved(Message):
        """Enter in a form whose every field is valid: the fields that changed."""

        address: str
        changes: dict[str, str | list[str] | None]
        accept: bool
        # Every field as typed (stripped): what a new entity or step is made of.
        values: dict[str, str]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.address = ""
        self.accept = False
        self._row: Mapping[str, Any] = {}
        self._specs: tuple[FieldSpec, ...] = ()
        # What blocks the accept: shown while no field is wrong.
        self._hint = ""

    def compose(self) -> ComposeResult:
        yield Static(id="form-problem")

    async def show_fields(
        self,
        address: str,
        row: Mapping[str, Any],
        specs: Sequence[FieldSpec],
        entity_ids: Iterable[str],
        suggestions: Mapping[str, Sequence[str]],
        accept: bool = False,
        hint: str = "",
        baseline: Mapping[str, Any] | None = None,
    ) -> None:
        """Inputs for a draft's fields as `row` has them (`accept`: saving accepts too;
        `hint`: what blocks the accept; `baseline`: the file's fields, where `row` holds
        what was typed before, so that those count as changes too)."""
        self.address, self.accept = address, accept
        self._row, self._specs = (row if baseline is None else baseline), tuple(specs)
        await self.query(Horizontal).remove()
        known = frozenset(entity_ids)
        rows = []
        for spec in specs:
            suggest = spec.choices or tuple(suggestions.get(spec.name, ()))
            field = FieldInput(spec, shown_value(row, spec), FieldRule(spec, known), suggest)
            rows.append(Horizontal(Label(spec.label), field))
        await self.mount_all(rows, before="#form-problem")
        self.border_title = Content.styled(
            "Fix, then Enter accepts" if accept else "Edit · Enter saves · Esc cancels", "bold"
        )
        self._hint = hint
        self._problem(hint)

    def focus_field(self, name: str = "") -> None:
        """Focus a field by its key (the first when it has none of that name)."""
        fields = list(self.query(FieldInput))
        chosen = next((f for f in fields if f.spec.name == name), fields[0] if fields else None)
        if chosen is not None:
            chosen.focus()

    def _problem(self, text: str) -> None:
        self.query_one("#form-problem", Static).update(
            Content(one_line(text, 200)) if text else Content("")
        )

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        result = event.validation_result
        if event.input.has_focus:
            self._hint = ""  # typed since: what blocked the save may no longer hold
        if result is None or result.is_valid:
            self._problem(self._hint)
        else:
            self._problem(result.failure_descriptions[0])

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        for field in self.query(FieldInput):
            field.value = completed(field.spec, field.value)
        for field in self.query(FieldInput):
            problem = field_problem(field.spec, field.value, field.rule.entity_ids)
            if problem:
                self._problem(problem)
                field.focus()
                return
        typed = {field.spec.name: field.value for field in self.query(FieldInput)}
        changes = changes_from(self._row, self._specs, typed)
        values = {name: value.strip() for name, value in typed.items()}
        self.post_message(self.Saved(self.address, changes, self.accept, values))
