"""A review session's files: read once, each decision checked by a build, written, undone.

A decision edits the text of one file or a few, compiles the whole corpus in memory with
the edits, and writes nothing if the build refuses them. The writes hold the corpus lock,
are each atomic and are refused (`Conflict`) when a file changed on disk since it was read;
a decision is remembered with every file's bytes before and after it, which undo writes back.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import os
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oic_tui.store.files import StoreError, shown

from . import memo
from .annotations import MAX_INPUT_BYTES, document_meta, read_article
from .atomic import write_bytes_atomic
from .build import BuildError, BuildResult
from .confine import Unreadable, confined, read_source
from .folder import annotation_paths, find_corpus
from .freshness import ANNOTATIONS, document_folders
from .lock import corpus_lock
from .named_index import names
from .review_check import DOCUMENT_TOML, check_corpus

_VERBS = {"accept": "accepted", "reject": "rejected", "edit": "edited", "undo": "undid"}


class Refused(Exception):
    """A decision that wrote nothing; `problems` says why, one line each, naming the rule."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class Conflict(Refused):
    """The file changed on disk since it was read: reloaded; the decision may be retried."""


@dataclass(frozen=True)
class Written:
    """One file a decision wrote: its bytes before and after (None: no such file then)."""

    path: Path
    before: bytes | None
    after: bytes | None


@dataclass(frozen=True)
class Decision:
    """One decision written: every file's bytes before and after it (undo writes `before`)."""

    action: str
    address: str
    files: tuple[Written, ...] = ()
    # How many drafts it decided (accept_all), and what it says when not `<verb> <address>`.
    count: int = 1
    said: str = ""

    @property
    def path(self) -> Path:
        """The (first) file it wrote."""
        return self.files[0].path

    @property
    def before(self) -> bytes:
        """The first file's bytes before it (b"": the file was made by it)."""
        return self.files[0].before or b""

    @property
    def after(self) -> bytes:
        """The first file's bytes after it (b"": the file was removed by it)."""
        return self.files[0].after or b""

    def __str__(self) -> str:
        """`accepted event.x`, `rejected ...`, `edited ...`, `undid ...`, or what it says."""
        return self.said or f"{_VERBS.get(self.action, self.action)} {self.address}"


@dataclass(frozen=True)
class Row:
    """Where a record or step row is: its file, its place among the file's rows, its kind."""

    path: Path
    index: int
    kind: str
    row: dict[str, Any]
    doc: str


class Session:
    """A review session of one corpus: its files as read, and the decisions written so far."""

    def __init__(self, root: Path | str) -> None:
        self.root = find_corpus(root).root
        self.decisions: list[Decision] = []
        # A decision refused by a conflict, kept to retry once the files are reloaded.
        self.pending: Callable[[], Decision] | None = None
        self._raw: dict[Path, bytes] = {}
        self._rows: dict[str, Row] = {}
        # Each document's text (less a BOM), read when first asked for.
        self._texts: dict[str, str] = {}
        self.reload()

    def reload(self) -> None:
        """Read every annotation file again (and each document.toml read so far), re-index."""
        read = [path for path in self._raw if path.name == DOCUMENT_TOML]
        self._raw = {path: self._read(path) for path in annotation_paths(self.root)}
        for path in read:
            with contextlib.suppress(StoreError):
                self._raw[path] = self._read(path)
        self._texts = {}
        self._index()

    def _read(self, path: Path) -> bytes:
        try:
            return read_source(self.root, path, MAX_INPUT_BYTES)
        except Unreadable as error:
            raise StoreError(f"{shown(path)}: {error}") from None

    def _disk(self, path: Path) -> bytes | None:
        """A file's bytes on disk now (None: there is none; b"": it cannot be read)."""
        if not os.path.lexists(path):
            return None
        try:
            return self._read(path)
        except StoreError:
            return b""

    def _index(self) -> None:
        self._rows = {}
        steps: dict[tuple[str, str], int] = {}
        for path, raw in self._raw.items():
            table = toml_table(raw)
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
                self._rows.setdefault(address, Row(path, index, kind, row, doc))

    def text_of(self, path: Path) -> str:
        """A file's text as this session read (or wrote) it."""
        return self._raw[path].decode("utf-8")

    def record(self, address: str) -> dict[str, Any]:
        """A record's (or step row's) fields as read."""
        return copy.deepcopy(self._find(address).row)

    def document_text(self, doc: str) -> str:
        """A document's text (less a leading BOM: the offsets quotes and boilerplate use)."""
        if doc not in self._texts:
            # Its document.toml too, as read now: a later mark is refused if it changes.
            folder, problems = self._document_toml(doc).parent, list[str]()
            meta = document_meta(folder, problems, self.root)
            raw = read_article(folder, meta, problems, self.root) if meta else None
            if raw is None:
                raise Refused(problems[:1] or [f"{doc}: its text cannot be read"])
            self._texts[doc] = raw.decode("utf-8-sig")
        return self._texts[doc]

    def undo(self) -> Decision | None:
        """Write back the files as they were before this session's last decision (None: none)."""
        if not self.decisions:
            return None
        last = self.decisions[-1]
        with corpus_lock(self.root):
            # Against what the decision wrote, not what was last read: writing `before` over
            # a later edit made on disk would lose that edit.
            changed = [w.path for w in last.files if self._disk(w.path) != w.after]
            if changed:
                # It can never be undone now: dropped, so that `u` reaches the ones before it.
                self.decisions.pop()
                self.reload()
                before = "; u now undoes the one before" if self.decisions else ""
                raise Refused(
                    [
                        f"{shown(changed[0])}: changed on disk since {last}: not undone, "
                        f"so that the change is kept{before}"
                    ]
                )
            undone = self._write_all({w.path: w.before for w in last.files})
        self.decisions.pop()
        return Decision("undo", last.address, undone)

    def retry(self) -> Decision | None:
        """Decide again the decision a conflict refused (None if there is none)."""
        pending, self.pending = self.pending, None
        return pending() if pending else None

    def _find(self, address: str) -> Row:
        row = self._rows.get(address)
        if row is None:
            raise Refused([f"{address}: no record or step row with this id in {shown(self.root)}"])
        return row

    def _draft(self, address: str, done: str) -> Row:
        row = self._find(address)
        if row.row.get("draft") is not True:
            raise Refused([f"{shown(row.path)}: {address}: is not a draft: only a draft is {done}"])
        return row

    def _text(self, path: Path) -> str:
        """A file's text as read ("" for a file not there, which a decision makes)."""
        raw = self._raw.get(path)
        return raw.decode("utf-8") if raw is not None else ""

    def _folder(self, doc: str) -> Path:
        """A document's folder in the corpus; refused if the corpus has no such document."""
        try:
            folders = {folder.name: folder for folder in document_folders(self.root)}
        except StoreError as error:
            raise Refused([str(error)]) from None
        if doc not in folders:
            raise Refused([f"{doc}: no such document in {shown(self.root)}"])
        return folders[doc]

    def _document_toml(self, doc: str) -> Path:
        """A document's document.toml, read (once) as the annotation files are."""
        path = self._folder(doc) / DOCUMENT_TOML
        if path not in self._raw:
            try:
                self._raw[path] = self._read(path)
            except StoreError as error:
                raise Refused([str(error)]) from None
        return path

    def _decide(
        self,
        what: Decision,
        paths: Sequence[Path],
        change: Callable[[], Mapping[Path, str]],
        retry: Callable[[], Decision],
        about: Sequence[str],
        confirm: Callable[[BuildResult], None] | None = None,
    ) -> Decision:
        """Make the change, compile the corpus with it, then write it, all under the lock.

        `about`: the ids whose build problems the refusal names; `confirm` may refuse what
        the build let through.
        """

        def checked() -> tuple[Mapping[Path, str], Decision]:
            try:
                texts = change()
            except ValueError as error:
                raise Refused([f"{shown(paths[0])}: {what.address}: {error}"]) from None
            result = self._check(about, texts)
            if confirm is not None:
                confirm(result)
            return texts, what

        return self._written(paths, checked, retry)

    def _written(
        self,
        paths: Sequence[Path],
        checked: Callable[[], tuple[Mapping[Path, str], Decision]],
        retry: Callable[[], Decision],
    ) -> Decision:
        """Under the lock: refused if a file changed, else the checked edits written."""
        with corpus_lock(self.root):
            for path in paths:
                self._unchanged(path, retry)
            texts, what = checked()
            written = self._write_all({path: text.encode("utf-8") for path, text in texts.items()})
        decision = dataclasses.replace(what, files=written)
        self.decisions.append(decision)
        return decision

    def _unchanged(self, path: Path, retry: Callable[[], Decision] | None) -> None:
        """Conflict (after reloading) if the file is not as this session read it."""
        if self._disk(path) != self._raw.get(path):
            self.pending = retry
            self.reload()
            raise Conflict(
                [f"{shown(path)}: changed on disk since it was read; reloaded: decide again"]
            )

    def _check(self, about: Sequence[str], texts: Mapping[Path, str]) -> BuildResult:
        """Refused, with the build's problems about the records, if the edits break a rule."""
        try:
            return check_corpus(self.root, texts)
        except BuildError as error:
            found = [p for p in error.problems if any(self._about(p, a) for a in about)]
            raise Refused(found or error.problems) from None
        except StoreError as error:
            raise Refused([str(error)]) from None

    def _about(self, problem: str, address: str) -> bool:
        """Whether a build problem (or warning) is about this record or step row."""
        row = self._rows.get(address)
        if row is not None and address.startswith("step:"):
            # The build names a step row by its file and number, or by its initiative.
            return f"{row.path}: step {row.index + 1}" in problem or names(
                problem, str(row.row.get("initiative"))
            )
        return names(problem, address)

    def _write_all(self, files: Mapping[Path, bytes | None]) -> tuple[Written, ...]:
        """Write each file (None: remove it); one that fails puts back those written before."""
        written: list[Written] = []
        try:
            for path, data in files.items():
                written.append(Written(path, self._raw.get(path), data))
                self._put(path, data)
        except Refused:
            for done in reversed(written[:-1]):
                with contextlib.suppress(Refused):
                    self._put(done.path, done.before)
            raise
        finally:
            self._index()
        return tuple(written)

    def _put(self, path: Path, data: bytes | None) -> None:
        try:
            confined(self.root, path.parent)
            if data is None:
                path.unlink(missing_ok=True)
            else:
                write_bytes_atomic(path, data)
        except StoreError as error:
            raise Refused([str(error)]) from None
        except OSError as error:
            raise Refused(
                [f"{shown(path)}: cannot be written ({error.strerror or error})"]
            ) from None
        if data is None:
            self._raw.pop(path, None)
        else:
            self._raw[path] = data


def toml_table(raw: bytes) -> dict[str, Any] | None:
    """A file's TOML table (shared with the build's cache: never changed), or None if it is
    not TOML."""
    try:
        return memo.toml_table(raw)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
        return None
