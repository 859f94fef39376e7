"""Decisions on drafts (accept, reject, edit, link, undo), each checked by a build and written.

A `Review` reads a corpus's annotation files and remembers each one's bytes. A decision
edits a file's text (tomlkit for fields, so comments, order and formatting stay; a removed
record loses only its own lines), compiles the whole corpus in memory with the edit, and
writes nothing if the build refuses it. The write holds the corpus lock, is atomic and is
refused (`Conflict`) when the file changed on disk since it was read (review_session.py).
Records are addressed by id; a step row, which has none, as `step:<initiative>:<doc>:<n>`
(the n-th step row of that initiative in that document's folder; `shared` for annotations/).
Decisions that add to a document (an entity, a step, boilerplate) are in review_new.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from oic_tui.store.files import StoreError, shown

from .build import BuildError, BuildResult
from .folder import compile_corpus
from .named_index import NamedIndex
from .records import LINK_FIELDS, occurrences
from .review_check import check_corpus
from .review_new import Additions
from .review_session import Conflict, Decision, Refused, Row, Written
from .toml_edit import Value, edit_rows, edit_text, remove_record

__all__ = [
    "EDITABLE",
    "STEP_EDITABLE",
    "Conflict",
    "Decision",
    "Draft",
    "Refused",
    "Review",
    "Written",
]

# The fields a decision may set: what a reviewer fixes in a draft (the links as lists of ids).
EDITABLE = (
    *("title", "text", "date", "date_end", "precision"),
    *("phase", "status", "category", "value", "type"),
    *LINK_FIELDS,
)
# What a step row's review may set: the rest of it is its initiative and quote.
STEP_EDITABLE = ("status", "date", "date_end", "precision")
# How many builds accept_all makes at most, each leaving out the drafts the last refused.
_ROUNDS = 5


@dataclass(frozen=True)
class Draft:
    """A record (or step row) not yet reviewed, where it is and what the build says of it."""

    address: str
    kind: str
    title: str
    doc: str
    path: Path
    notes: tuple[str, ...] = ()
    # Its (first) quote, and for a step row where that starts in its document's text.
    quote: str = ""
    start: int | None = None


class Review(Additions):
    """A review session of one corpus: its files as read, and the decisions written so far."""

    def drafts(self, notes: bool = True, warnings: list[str] | None = None) -> list[Draft]:
        """Every draft of the corpus by document; with `notes`, the build's warnings of each.

        `warnings` are those of a build of the corpus as it is now, where the caller has just
        made one: the corpus is then not compiled again to find them.
        """
        if warnings is None:
            warnings = self._build_warnings() if notes else []
        # Each warning read once for the ids it names, not once per draft.
        index = NamedIndex(warnings)
        found = [
            Draft(
                address,
                row.kind,
                _title(row),
                row.doc,
                row.path,
                self._notes(index, address, row),
                *self._placed(row),
            )
            for address, row in self._rows.items()
            if row.row.get("draft") is True
        ]
        return sorted(found, key=lambda d: (d.doc, str(d.path), self._rows[d.address].index))

    def _build_warnings(self) -> list[str]:
        try:
            return compile_corpus(self.root).warnings
        except (BuildError, StoreError):
            return []

    def _notes(self, index: NamedIndex, address: str, row: Row) -> tuple[str, ...]:
        """The warnings about a draft, in order (`_about`'s rule, by the index)."""
        if not address.startswith("step:"):
            return tuple(index.messages_naming(address))
        # A step row: named by its file and number, or by its initiative.
        place = f"{row.path}: step {row.index + 1}"
        numbers = set(index.naming(str(row.row.get("initiative"))))
        numbers.update(n for n, message in enumerate(index.messages) if place in message)
        return tuple(index.messages[n] for n in sorted(numbers))

    def _placed(self, row: Row) -> tuple[str, int | None]:
        """A draft's first quote, and for a step row where it starts in its document."""
        quotes = row.row.get("quotes")
        first = quotes[0] if isinstance(quotes, list) and quotes else None
        quote = row.row.get("quote") if row.kind == "step" else first
        text, nth = quote, 1
        if isinstance(quote, dict):
            text, nth = quote.get("text"), quote.get("nth", 1)
        if not isinstance(text, str):
            return "", None
        if row.kind != "step" or row.doc == "shared" or type(nth) is not int:
            return text, None
        try:
            starts = occurrences(self.document_text(row.doc), text)
        except Refused:
            return text, None
        return text, starts[nth - 1] if 1 <= nth <= len(starts) else None

    def accept(self, address: str) -> Decision:
        """Remove `draft = true` if the record then keeps every rule of a reviewed record."""
        row = self._draft(address, "accepted")
        return self._decide(
            Decision("accept", address),
            [row.path],
            lambda: {row.path: edit_text(self._text(row.path), row.index, {"draft": None})},
            lambda: self.accept(address),
            [address],
        )

    def reject(self, address: str) -> Decision:
        """Remove a draft's table; refused where anything still links to it."""
        row = self._draft(address, "rejected")
        return self._decide(
            Decision("reject", address),
            [row.path],
            lambda: {row.path: remove_record(self._text(row.path), row.index)},
            lambda: self.reject(address),
            [address],
        )

    def set_field(self, address: str, name: str, value: Value) -> Decision:
        """Set (or with None remove) one field, as `edit` does."""
        return self.edit(address, {name: value})

    def edit(self, address: str, changes: Mapping[str, Value], accept: bool = False) -> Decision:
        """Set fields of a record at once (a date with its precision); None removes one.

        Text fields take a string, the link fields (entities, proposed_by, ...) a list of
        ids. With `accept`, the draft is accepted in the same decision (`accepted <id>`).
        """
        row = self._draft(address, "accepted") if accept else self._find(address)
        editable = STEP_EDITABLE if row.kind == "step" else EDITABLE
        wrong = [name for name in changes if name not in editable]
        if wrong:
            raise Refused(
                [f"{address}: {wrong[0]} cannot be set here: one of {', '.join(editable)}"]
            )
        for name, value in changes.items():
            listed = isinstance(value, list) and all(isinstance(v, str) for v in value)
            if value is not None and not (
                listed if name in LINK_FIELDS else isinstance(value, str)
            ):
                form = "a list of ids" if name in LINK_FIELDS else "text"
                raise Refused([f"{address}: {name} must be {form}, not {value!r}"])
        fields: dict[str, Value] = {**changes, **({"draft": None} if accept else {})}
        return self._decide(
            Decision("accept" if accept else "edit", address),
            [row.path],
            lambda: {row.path: edit_text(self._text(row.path), row.index, fields)},
            lambda: self.edit(address, changes, accept),
            [address],
        )

    def link(self, address: str, entity_id: str) -> Decision:
        """Add an entity of the corpus to the end of a record's `entities`."""
        row, linked = self._linked(address)
        target = self._rows.get(entity_id)
        if target is None or target.kind != "entity":
            raise Refused([f"{address}: {entity_id} is not an entity of {shown(self.root)}"])
        if entity_id in linked:
            raise Refused([f"{address}: links {entity_id} already"])
        return self._decide(
            Decision("link", address, said=f"linked {entity_id} to {address}"),
            [row.path],
            lambda: self._entities(row, [*linked, entity_id]),
            lambda: self.link(address, entity_id),
            [address, entity_id],
        )

    def unlink(self, address: str, entity_id: str) -> Decision:
        """Remove an entity from a record's `entities`."""
        row, linked = self._linked(address)
        if entity_id not in linked:
            raise Refused([f"{address}: does not link {entity_id}"])
        return self._decide(
            Decision("unlink", address, said=f"unlinked {entity_id} from {address}"),
            [row.path],
            lambda: self._entities(row, [i for i in linked if i != entity_id]),
            lambda: self.unlink(address, entity_id),
            [address, entity_id],
        )

    def _linked(self, address: str) -> tuple[Row, list[str]]:
        """A record and the entities it links; refused for a step row, which links none."""
        row = self._find(address)
        linked = row.row.get("entities", [])
        if row.kind == "step" or not isinstance(linked, list):
            raise Refused([f"{shown(row.path)}: {address}: has no list of entities to link"])
        return row, linked

    def _entities(self, row: Row, linked: list[str]) -> dict[Path, str]:
        return {row.path: edit_text(self._text(row.path), row.index, {"entities": linked})}

    def accept_all(self, doc: str, kind: str = "topic") -> Decision:
        """Accept, as one decision, every draft of a kind in a document that passes the build.

        Built with all of them accepted, then again without those the build's problems
        name, until it passes (at most a few builds): the others stay drafts.
        """
        drafts = {
            address: row
            for address, row in self._rows.items()
            if row.doc == doc and row.kind == kind and row.row.get("draft") is True
        }
        if not drafts:
            raise Refused([f"{doc}: has no {kind} draft to accept"])
        paths = sorted({row.path for row in drafts.values()})

        def texts(chosen: list[str]) -> dict[Path, str]:
            rows = [drafts[address] for address in chosen]
            return {
                path: edit_rows(
                    self._text(path), {r.index: {"draft": None} for r in rows if r.path == path}
                )
                for path in paths
            }

        def checked() -> tuple[Mapping[Path, str], Decision]:
            chosen, problems = list(drafts), []
            for _ in range(_ROUNDS):
                try:
                    edited = texts(chosen)
                    _passes(self.root, edited)
                except ValueError as error:
                    raise Refused([f"{shown(paths[0])}: {error}"]) from None
                except BuildError as error:
                    problems = error.problems
                    failing = {a for a in chosen if any(self._about(p, a) for p in problems)}
                    if not failing:
                        raise Refused(problems) from None
                    chosen = [address for address in chosen if address not in failing]
                    if chosen:
                        continue
                    raise Refused([f"no {kind} draft of {doc} passes: {problems[0]}"]) from None
                said = f"accepted {_many(len(chosen), kind)} of {doc}"
                return edited, Decision("accept", doc, count=len(chosen), said=said)
            raise Refused(
                [f"{doc}: {kind} drafts still refused after {_ROUNDS} builds: {problems[0]}"]
            )

        return self._written(paths, checked, lambda: self.accept_all(doc, kind))


def _passes(root: Path, texts: Mapping[Path, str]) -> BuildResult:
    """The build with these edits (BuildError if refused; a file it cannot read: Refused)."""
    try:
        return check_corpus(root, texts)
    except StoreError as error:
        raise Refused([str(error)]) from None


def _many(count: int, kind: str) -> str:
    """`1 topic`, `3 topics`, `2 entities`."""
    if count == 1:
        return f"1 {kind}"
    return f"{count} {kind[:-1] + 'ies' if kind.endswith('y') else kind + 's'}"


def _title(row: Row) -> str:
    if row.kind == "step":
        return f"{row.row.get('status', '')} (a step of {row.row.get('initiative')})"
    title = row.row.get("title", "")
    return title if isinstance(title, str) else ""
