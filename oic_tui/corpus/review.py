"""Decisions on drafts (accept, reject, edit, undo), each checked by a build and written at once.

A `Review` reads a corpus's annotation files and remembers each one's bytes. A decision
edits one file's text (tomlkit for fields, so comments, order and formatting stay; a
removed record loses only its own lines), compiles the whole corpus in memory with the
edit, and writes nothing if the build refuses it. The write holds the corpus lock, is
atomic and is refused (`Conflict`) when the file changed on disk since it was read.
Records are addressed by id; a step row, which has none, as `step:<initiative>:<doc>:<n>`
(the n-th step row of that initiative in that document's folder; `shared` for annotations/).
"""

from __future__ import annotations

import copy
import dataclasses
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oic_tui.store.files import StoreError, shown

from .annotations import MAX_INPUT_BYTES
from .atomic import write_bytes_atomic
from .build import BuildError
from .confine import Unreadable, read_source
from .folder import annotation_paths, compile_corpus, find_corpus
from .freshness import ANNOTATIONS
from .lock import corpus_lock
from .toml_edit import edit_text, remove_record

# The fields a decision may set: what a reviewer fixes in a draft.
EDITABLE = (
    *("title", "text", "date", "date_end", "precision"),
    *("phase", "status", "category", "value", "type"),
)


class Refused(Exception):
    """A decision that wrote nothing; `problems` says why, one line each, naming the rule."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class Conflict(Refused):
    """The file changed on disk since it was read: reloaded; the decision may be retried."""


@dataclass(frozen=True)
class Draft:
    """A record (or step row) not yet reviewed, where it is and what the build says of it."""

    address: str
    kind: str
    title: str
    doc: str
    path: Path
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    """One decision written: the file's text before and after it (undo writes `before`)."""

    action: str
    address: str
    path: Path
    before: bytes
    after: bytes

    def __str__(self) -> str:
        """`accepted event.x`, `rejected ...`, `edited ...`, `undid ...`."""
        verb = {"accept": "accepted", "reject": "rejected", "edit": "edited", "undo": "undid"}
        return f"{verb.get(self.action, self.action)} {self.address}"


@dataclass(frozen=True)
class _Row:
    """Where a record or step row is: its file, its place among the file's rows, its kind."""

    path: Path
    index: int
    kind: str
    row: dict[str, Any]
    doc: str


class Review:
    """A review session of one corpus: its files as read, and the decisions written so far."""

    def __init__(self, root: Path | str) -> None:
        self.root = find_corpus(root).root
        self.decisions: list[Decision] = []
        # A decision refused by a conflict, kept to retry once the files are reloaded.
        self.pending: Callable[[], Decision] | None = None
        self._raw: dict[Path, bytes] = {}
        self._rows: dict[str, _Row] = {}
        self.reload()

    def reload(self) -> None:
        """Read every annotation file again and index its records."""
        self._raw = {path: self._read(path) for path in annotation_paths(self.root)}
        self._index()

    def _read(self, path: Path) -> bytes:
        try:
            return read_source(self.root, path, MAX_INPUT_BYTES)
        except Unreadable as error:
            raise StoreError(f"{shown(path)}: {error}") from None

    def _index(self) -> None:
        self._rows = {}
        steps: dict[tuple[str, str], int] = {}
        for path, raw in self._raw.items():
            table = _parsed(raw)
            kind = table.get("kind") if table else None
            doc = "shared" if path.parent.name == ANNOTATIONS else path.parent.name
            rows = table.get("record", []) if table else []
            for index, row in enumerate(rows if isinstance(rows, list) else []):
                if not isinstance(row, dict) or not isinstance(kind, str):
                    continue
                if kind == "step" and isinstance(row.get("initiative"), str):
                    key = (row["initiative"], doc)
                    steps[key] = steps.get(key, 0) + 1
                    address = f"step:{row['initiative']}:{doc}:{steps[key]}"
                elif isinstance(row.get("id"), str):
                    address = row["id"]
                else:
                    continue
                self._rows.setdefault(address, _Row(path, index, kind, row, doc))

    def drafts(self, notes: bool = True, warnings: list[str] | None = None) -> list[Draft]:
        """Every draft of the corpus by document; with `notes`, the build's warnings of each.

        `warnings` are those of a build of the corpus as it is now, where the caller has just
        made one: the corpus is then not compiled again to find them.
        """
        if warnings is None:
            warnings = self._build_warnings() if notes else []
        found = [
            Draft(address, row.kind, _title(row), row.doc, row.path, self._notes(warnings, address))
            for address, row in self._rows.items()
            if row.row.get("draft") is True
        ]
        return sorted(found, key=lambda d: (d.doc, str(d.path), self._rows[d.address].index))

    def _build_warnings(self) -> list[str]:
        try:
            return compile_corpus(self.root).warnings
        except (BuildError, StoreError):
            return []

    def _notes(self, warnings: list[str], address: str) -> tuple[str, ...]:
        return tuple(warning for warning in warnings if self._about(warning, address))

    def text_of(self, path: Path) -> str:
        """A file's text as this session read (or wrote) it."""
        return self._raw[path].decode("utf-8")

    def record(self, address: str) -> dict[str, Any]:
        """A record's (or step row's) fields as read."""
        return copy.deepcopy(self._find(address).row)

    def accept(self, address: str) -> Decision:
        """Remove `draft = true` if the record then keeps every rule of a reviewed record."""
        row = self._draft(address, "accepted")
        return self._decide(
            row,
            Decision("accept", address, row.path, b"", b""),
            lambda: edit_text(self._text(row), row.index, {"draft": None}),
            lambda: self.accept(address),
        )

    def reject(self, address: str) -> Decision:
        """Remove a draft's table; refused where anything still links to it."""
        row = self._draft(address, "rejected")
        return self._decide(
            row,
            Decision("reject", address, row.path, b"", b""),
            lambda: remove_record(self._text(row), row.index),
            lambda: self.reject(address),
        )

    def set_field(self, address: str, name: str, value: str | None) -> Decision:
        """Set (or with None remove) one field, as `edit` does."""
        return self.edit(address, {name: value})

    def edit(self, address: str, changes: Mapping[str, str | None]) -> Decision:
        """Set fields of a record at once (a date with its precision); None removes one."""
        row = self._find(address)
        wrong = [name for name in changes if name not in EDITABLE]
        if wrong:
            raise Refused(
                [f"{address}: {wrong[0]} cannot be set here: one of {', '.join(EDITABLE)}"]
            )
        return self._decide(
            row,
            Decision("edit", address, row.path, b"", b""),
            lambda: edit_text(self._text(row), row.index, changes),
            lambda: self.edit(address, changes),
        )

    def undo(self) -> Decision | None:
        """Write back the file as it was before this session's last decision (None if none)."""
        if not self.decisions:
            return None
        last = self.decisions[-1]
        with corpus_lock(self.root):
            # Against what the decision wrote, not what was last read: writing `before` over
            # a later edit made on disk would lose that edit.
            try:
                current = self._read(last.path)
            except StoreError:
                current = b""
            if current != last.after:
                self.reload()
                raise Refused(
                    [
                        f"{shown(last.path)}: changed on disk since {last}: not undone, "
                        "so that the change is kept"
                    ]
                )
            self._write(last.path, last.before)
        self.decisions.pop()
        return Decision("undo", last.address, last.path, last.after, last.before)

    def retry(self) -> Decision | None:
        """Decide again the decision a conflict refused (None if there is none)."""
        pending, self.pending = self.pending, None
        return pending() if pending else None

    def _find(self, address: str) -> _Row:
        row = self._rows.get(address)
        if row is None:
            raise Refused([f"{address}: no record or step row with this id in {shown(self.root)}"])
        return row

    def _draft(self, address: str, done: str) -> _Row:
        row = self._find(address)
        if row.row.get("draft") is not True:
            raise Refused([f"{shown(row.path)}: {address}: is not a draft: only a draft is {done}"])
        return row

    def _text(self, row: _Row) -> str:
        return self._raw[row.path].decode("utf-8")

    def _decide(
        self, row: _Row, what: Decision, change: Callable[[], str], retry: Callable[[], Decision]
    ) -> Decision:
        """Make the change, compile the corpus with it, then write it, all under the lock."""
        with corpus_lock(self.root):
            self._unchanged(row.path, retry)
            try:
                after = change().encode("utf-8")
            except ValueError as error:
                raise Refused([f"{shown(row.path)}: {what.address}: {error}"]) from None
            self._check(what.address, row, after.decode("utf-8"))
            before = self._raw[row.path]
            self._write(row.path, after)
        decision = dataclasses.replace(what, before=before, after=after)
        self.decisions.append(decision)
        return decision

    def _unchanged(self, path: Path, retry: Callable[[], Decision] | None) -> None:
        """Conflict (after reloading) if the file is not as this session read it."""
        try:
            current = self._read(path)
        except StoreError:
            current = b""
        if current != self._raw.get(path):
            self.pending = retry
            self.reload()
            raise Conflict(
                [f"{shown(path)}: changed on disk since it was read; reloaded: decide again"]
            )

    def _check(self, address: str, row: _Row, after: str) -> None:
        """Refused, with the build's problems about the record, if the edit breaks a rule."""
        try:
            compile_corpus(self.root, {row.path: after})
        except BuildError as error:
            about = [p for p in error.problems if self._about(p, address)]
            raise Refused(about or error.problems) from None

    def _about(self, problem: str, address: str) -> bool:
        """Whether a build problem (or warning) is about this record or step row."""
        row = self._rows[address]
        if address.startswith("step:"):
            # The build names a step row by its file and number, or by its initiative.
            return f"{row.path}: step {row.index + 1}" in problem or _names(
                problem, str(row.row.get("initiative"))
            )
        return _names(problem, address)

    def _write(self, path: Path, data: bytes) -> None:
        try:
            write_bytes_atomic(path, data)
        except OSError as error:
            raise Refused(
                [f"{shown(path)}: cannot be written ({error.strerror or error})"]
            ) from None
        self._raw[path] = data
        self._index()


def _names(problem: str, record_id: str) -> bool:
    """Whether the problem names the id as a whole (not `entity.a` inside `entity.a-b`)."""
    pattern = rf"(?<![\w.-]){re.escape(record_id)}(?![\w-]|\.\w)"
    return re.search(pattern, problem) is not None


def _title(row: _Row) -> str:
    if row.kind == "step":
        return f"{row.row.get('status', '')} (a step of {row.row.get('initiative')})"
    title = row.row.get("title", "")
    return title if isinstance(title, str) else ""


def _parsed(raw: bytes) -> dict[str, Any] | None:
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
        return None
