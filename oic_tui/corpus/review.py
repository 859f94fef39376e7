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

import tomlkit
from tomlkit.items import AoT, Table

from oic_tui.store.files import StoreError, shown

from .annotations import MAX_INPUT_BYTES
from .atomic import write_bytes_atomic
from .build import BuildError
from .confine import Unreadable, read_source
from .folder import annotation_paths, compile_corpus, find_corpus
from .freshness import ANNOTATIONS
from .lock import corpus_lock

# The fields a decision may set: what a reviewer fixes in a draft.
EDITABLE = (
    *("title", "text", "date", "date_end", "precision"),
    *("phase", "status", "category", "value", "type"),
)
_RECORD_HEADER = re.compile(r"[ \t]*\[\[[ \t]*record[ \t]*\]\][ \t]*(#.*)?\r?\n?")
_TABLE_HEADER = re.compile(r"[ \t]*\[\[?[ \t]*([\w\"'. -]+?)[ \t]*\]\]?[ \t]*(#.*)?\r?\n?")
_QUIET_LINE = re.compile(r"[ \t]*(#.*)?\r?\n?")


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

    def drafts(self, notes: bool = True) -> list[Draft]:
        """Every draft of the corpus by document; with `notes`, the build's warnings of each."""
        warnings: list[str] = []
        if notes:
            try:
                warnings = compile_corpus(self.root).warnings
            except (BuildError, StoreError):
                warnings = []
        found = [
            Draft(address, row.kind, _title(row), row.doc, row.path, self._notes(warnings, address))
            for address, row in self._rows.items()
            if row.row.get("draft") is True
        ]
        return sorted(found, key=lambda d: (d.doc, str(d.path), self._rows[d.address].index))

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
            self._unchanged(last.path, lambda: self.undo() or last)
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


def _expected(text: str, index: int, changes: Mapping[str, str | None] | None) -> dict[str, Any]:
    """The file's data as the decision should leave it (changes applied, or the row gone)."""
    data = tomllib.loads(text)
    if changes is None:
        del data["record"][index]
    else:
        for name, value in changes.items():
            if value is None:
                data["record"][index].pop(name, None)
            else:
                data["record"][index][name] = value
    return data


def _same(text: str, expected: dict[str, Any]) -> bool:
    """The edited text holds exactly the expected data (an empty record list as none)."""
    data = tomllib.loads(text)
    return {k: v for k, v in data.items() if v != [] or k != "record"} == {
        k: v for k, v in expected.items() if v != [] or k != "record"
    }


def edit_text(text: str, index: int, changes: Mapping[str, str | None]) -> str:
    """A file's text with fields of its index-th row changed by tomlkit (all else as it was)."""
    document = tomlkit.parse(text)
    table = document["record"][index]
    for name, value in changes.items():
        if value is None:
            if name in table:
                del table[name]
        elif name in table or not isinstance(table, Table):
            table[name] = value
        else:
            _append_key(table, name, value)
    result = document.as_string()
    if not _same(result, _expected(text, index, changes)):
        raise ValueError("cannot be edited in place here: change it in the file")
    return result


def _append_key(table: Table, name: str, value: str) -> None:
    """A new key after the table's last key, before any comments that follow it."""
    body = table.value.body
    keys = [key for key, item in body if key is not None and not isinstance(item, (Table, AoT))]
    if keys:
        table.value._insert_after(keys[-1], name, tomlkit.item(value))
    else:
        table[name] = value


def remove_record(text: str, index: int) -> str:
    """The file's text less one `[[record]]` table's own lines (comments around it stay)."""
    lines = text.splitlines(keepends=True)
    headers = [n for n, line in enumerate(lines) if _RECORD_HEADER.fullmatch(line)]
    start = headers[index] if index < len(headers) else len(lines)
    end = next(
        (n for n in range(start + 1, len(lines)) if _is_next_table(lines[n])),
        len(lines),
    )
    while end > start + 1 and _QUIET_LINE.fullmatch(lines[end - 1]):
        end -= 1
    # One blank line before the table goes with it, so blank lines do not pile up.
    if (
        start > 0
        and lines[start - 1].strip() == ""
        and (end == len(lines) or not lines[end].strip())
    ):
        start -= 1
    result = "".join(lines[:start] + lines[end:])
    if index >= len(headers) or not _same(result, _expected(text, index, None)):
        raise ValueError("cannot be removed without touching other text: remove it in the file")
    return result


def _is_next_table(line: str) -> bool:
    """A header that ends a record: the next record's, or any table but its own sub-tables."""
    header = _TABLE_HEADER.fullmatch(line)
    return header is not None and not header.group(1).startswith("record.")
