"""The export prompt: a path (the extension picks the format), never overwriting unasked.

In a browser (`oic-tui serve`) it asks for a file name only, and the export is downloaded
by the browser: nothing is written on the server's disk.

Only a new name or a regular file is written. A symbolic link to a regular file is replaced
itself, once the question has named the file it leads to (which stays as it was); one to a
pipe, device or folder, or a pipe or device itself, is refused.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from oic_tui.present.export import export_text, format_for
from oic_tui.store.models import Record
from oic_tui.store.sanitize import clean_text, one_line

from ..widgets.footer import FittedFooter

if TYPE_CHECKING:
    from oic_tui.store.reader import Store

# A path echoed in a notification or question is cut here.
PATH_ECHO = 120
# The longest name part of a default file name.
NAME_LENGTH = 40
FORMATS_HINT = "Markdown (.md), CSV (.csv), TSV (.tsv), JSON (.json) or JSON lines (.jsonl)"
ENDINGS = ".md, .csv, .tsv, .json or .jsonl"


def slug(name: str) -> str:
    """A file-name-safe form of a pane's name, a query or an id: `search-aral-sea`."""
    cut = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-.")[:NAME_LENGTH].strip("-.")
    return cut or "export"


def downloads() -> str:
    """Where exports go first: `$XDG_DOWNLOAD_DIR` or `~/Downloads` where it is a folder (as
    `~/…`), else "." (the folder the explorer was started from)."""
    home = Path.home() if os.environ.get("HOME") else None
    chosen = os.environ.get("XDG_DOWNLOAD_DIR", "")
    candidates = [Path(chosen)] if chosen and Path(chosen).is_absolute() else []
    if home is not None:
        candidates.append(home / "Downloads")
    for folder in candidates:
        if folder.is_dir():
            if home is not None and folder.is_relative_to(home):
                return str(Path("~") / folder.relative_to(home))
            return str(folder)
    return "."


def default_path(name: str, today: datetime.date | None = None, folder: str = ".") -> str:
    """`<folder>/oic-<name>-YYYYMMDD.md` (`folder`: `downloads()`, say)."""
    day = (today or datetime.date.today()).strftime("%Y%m%d")
    return f"{folder}{os.sep}oic-{slug(name)}-{day}.md"


def _shown(path: Path | str) -> str:
    return one_line(str(path), PATH_ECHO)


class ExportScreen(ModalScreen[None]):
    """Ask where to export records; `Enter` writes, asking first before replacing a file."""

    DEFAULT_CSS: ClassVar[str] = """
    ExportScreen {
        align: center middle;
    }
    ExportScreen > #export-box {
        width: 90%;
        max-width: 100;
        height: auto;
        border: round $accent;
        border-title-color: $accent;
        background: $surface;
        padding: 0 1;
    }
    ExportScreen #export-hint {
        color: $text-muted;
    }
    ExportScreen #export-question {
        color: $text-warning;
        display: none;
    }
    ExportScreen.-replacing #export-question {
        display: block;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        # Asked whether to replace a file: y or Enter replaces it, n edits the path.
        Binding("y,enter", "replace", "Replace"),
        Binding("n", "edit", "Other path"),
    ]

    def __init__(self, records: Sequence[Record], store: Store, name: str, heading: str) -> None:
        super().__init__()
        self.records = list(records)
        self.store = store
        self.heading = heading
        # Downloads rather than the folder it was started from (a checkout, under `make run`).
        self.default = default_path(name, folder=downloads())
        # The existing file the user is asked about replacing, if any.
        self.replacing: Path | None = None
        # Where that file leads when it is a symbolic link (the link is what gets replaced).
        self.link_to: Path | None = None
        self.writing = False
        # In a browser: a download, named as the terminal's default file (never a path).
        self.web = False

    def compose(self) -> ComposeResult:
        count = f"{len(self.records):,} record{'' if len(self.records) == 1 else 's'}"
        self.web = self.app.is_web
        with Vertical(id="export-box"):
            yield Static(Content(f"{count}: {one_line(self.heading, 200)}"), id="export-what")
            default = Path(self.default).name if self.web else self.default
            yield Input(default, id="export-path", select_on_focus=False)
            yield Static(Content(self._hint()), id="export-hint")
            yield Static(id="export-question")
        # Its own footer: the keys of the screen beneath do not work here.
        yield FittedFooter()

    def _hint(self) -> str:
        if self.web:
            return f"{FORMATS_HINT}, by extension. Enter downloads it, Esc cancels."
        try:
            folder = _shown(Path.cwd())
        except OSError:
            folder = "the current folder (which no longer exists)"
        return f"{FORMATS_HINT}, by extension; relative to {folder}. Enter writes, Esc cancels."

    def on_mount(self) -> None:
        self.query_one("#export-box").border_title = "Export"
        path = self.query_one("#export-path", Input)
        path.focus()
        path.cursor_position = len(path.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`y` `n` (and the screen's Enter) only while asking about replacing a file."""
        if action in ("replace", "edit"):
            return self.replacing is not None
        return True

    def action_cancel(self) -> None:
        """Close without writing."""
        if not self.writing:
            self.dismiss()

    def _error(self, message: str) -> None:
        self.notify(one_line(message, 2 * PATH_ECHO), severity="error", markup=False)

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._ask(None)

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.writing:
            return
        raw = clean_text(event.value.strip())
        if not raw:
            self._error("Give the file to write, e.g. " + self.default)
            return
        if self.web:
            self._download(raw)
            return
        try:
            path = Path(os.path.abspath(Path(raw).expanduser()))
        except (OSError, RuntimeError) as error:
            self._error(f"Cannot export to {_shown(raw)}: {error}")
            return
        if format_for(path) is None:
            self._error(f"Cannot export to {_shown(path.name)}: end its name with {ENDINGS}")
        elif path.is_dir():
            self._error(f"{_shown(path)} is a folder: give a file name")
        elif not path.parent.is_dir():
            self._error(f"No folder {_shown(path.parent)} to write {_shown(path.name)} into")
        else:
            self._offer(path)

    def _download(self, raw: str) -> None:
        """In a browser: the export as a download of that name (a folder in it is dropped)."""
        name = Path(raw.replace("\\", "/")).name
        if format_for(Path(name)) is None:
            self._error(f"Cannot export to {_shown(name)}: end its name with {ENDINGS}")
            return
        self.writing = True
        self._deliver(name, format_for(Path(name)) or "md")

    @work(thread=True, exclusive=True, group="export")
    def _deliver(self, name: str, fmt: str) -> None:
        """Make the export off the UI thread, then hand it to the browser."""
        text = export_text(self.records, self.store, fmt, self.heading)
        self.app.call_from_thread(self._delivered, name, text)

    def _delivered(self, name: str, text: str) -> None:
        # The folder is only a name for the delivery: under the web driver nothing is saved.
        self.app.deliver_text(
            io.StringIO(text), save_directory=tempfile.gettempdir(), save_filename=name
        )
        count = len(self.records)
        noun = "record" if count == 1 else "records"
        self.app.notify(f"Downloading {count:,} {noun} as {_shown(name)}.", markup=False)
        self.dismiss()

    def _offer(self, path: Path) -> None:
        """Write to a new name; ask before replacing a file or link; refuse anything else."""
        from oic_tui.corpus.atomic import UnsafeTarget, check_target

        try:
            link_to = check_target(path, replace_link=True)
        except UnsafeTarget as error:
            self._error(f"{_shown(path)}: {error.strerror}")
            return
        if link_to is not None or path.exists():
            self._ask(path, link_to)
        else:
            self._write(path)

    def _ask(self, path: Path | None, link_to: Path | None = None) -> None:
        """Ask whether to replace an existing file or link (None: stop asking)."""
        if path == self.replacing and link_to == self.link_to:
            return
        self.replacing = path
        self.link_to = link_to
        self.set_class(path is not None, "-replacing")
        box = self.query_one("#export-path", Input)
        if path is None:
            box.disabled = False
            box.focus()
        else:
            question = f"{_shown(path)} exists. Replace it?"
            if link_to is not None:
                question = (
                    f"{_shown(path)} is a symbolic link to {_shown(link_to)}. Replace the link "
                    "with the export? (the file it leads to stays as it is)"
                )
            self.query_one("#export-question", Static).update(
                Content(question + " y or Enter replaces it, n changes the path, Esc cancels.")
            )
            # Off the box: `y` and `n` answer instead of being typed.
            box.disabled = True
        self.refresh_bindings()

    def action_replace(self) -> None:
        """Replace the file asked about."""
        if self.replacing is not None:
            self._write(self.replacing)

    def action_edit(self) -> None:
        """Keep the file: back to the path, to choose another."""
        self._ask(None)

    def _write(self, path: Path) -> None:
        self.writing = True
        fmt = format_for(path) or "md"
        # A link is replaced only when the question said so (the file it leads to never is).
        self._write_file(path, fmt, path == self.replacing and self.link_to is not None)

    @work(thread=True, exclusive=True, group="export")
    def _write_file(self, path: Path, fmt: str, replace_link: bool) -> None:
        """Write the export atomically (a temp file renamed into place), off the UI thread."""
        from oic_tui.corpus.atomic import write_text_atomic

        text = export_text(self.records, self.store, fmt, self.heading)
        try:
            write_text_atomic(path, text, replace_link=replace_link)
        except OSError as error:
            reason = error.strerror or str(error)
            self.app.call_from_thread(self._failed, f"Cannot write {_shown(path)}: {reason}")
            return
        self.app.call_from_thread(self._written, path)

    def _failed(self, message: str) -> None:
        self.writing = False
        self._error(message)
        self._ask(None)

    def _written(self, path: Path) -> None:
        count = len(self.records)
        noun = "record" if count == 1 else "records"
        self.app.notify(f"Exported {count:,} {noun} to {_shown(path)}.", markup=False)
        self.dismiss()
