"""Copy, export and open: `y` `Y` `e` `o` on whatever a screen has under its cursor."""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

from oic_tui.store.models import Document, Record, Sentence
from oic_tui.store.sanitize import clean_text, one_line

if TYPE_CHECKING:
    from textual.app import App

    from .screens.base import OicScreen

    _Screen = OicScreen
else:
    # A mixin: its methods join a screen's; Textual collects bindings from screens only.
    _Screen = object


def action_keys(show_copy: bool = True) -> list[BindingType]:
    """The keys, for a screen's BINDINGS where its footer should show them.

    The help lists every one; the footer shows `y` and `e` (the main screen's, with a
    corpus's `d Documents`, has no room for `y` at 80 columns).
    """
    return [
        Binding("y", "copy_citation", "Copy", show=show_copy),
        Binding("Y", "copy_id", "Copy id", show=False),
        Binding("e", "export", "Export"),
        Binding("o", "open_document", "Open", show=False),
    ]


ACTION_KEYS = action_keys()
# The pager when $PAGER is unset or empty.
DEFAULT_PAGER = "less"
# A title named in a notification is cut here, and a pager's command.
TITLE_ECHO = 60
COMMAND_ECHO = 120


@dataclass(frozen=True)
class Subject:
    """What the keys act on: a record (or a sentence), a list to export, a document."""

    record: Record | None = None
    # In the source view's sentences: `y` copies the sentence with where it stands.
    sentence: Sentence | None = None
    document: Document | None = None
    records: Sequence[Record] = ()
    # Names the export: its default file name and its Markdown heading.
    name: str = ""
    heading: str = ""


class RecordActions(_Screen):
    """The keys' actions; a screen says what they act on by overriding `subject`."""

    def subject(self) -> Subject:
        """What `y` `Y` `e` `o` act on here."""
        return Subject()

    def document_of(self, record: Record | None) -> Document | None:
        """The document of a record's first source; without one, the first document."""
        store = self.oic.store
        if store is None:
            return None
        for doc_id in record.docs if record else ():
            if doc_id in store.documents:
                return store.documents[doc_id]
        return store.document if store.documents else None

    def action_copy_citation(self) -> None:
        """Copy the current record's citation (in the source: the sentence's)."""
        from oic_tui.present.export import citation, sentence_citation

        subject, store = self.subject(), self.oic.store
        if subject.sentence is not None and subject.document is not None:
            text = sentence_citation(subject.document, subject.sentence)
            what = f"sentence {subject.sentence.index + 1} with its source"
        elif subject.record is not None and store is not None:
            text = citation(subject.record, store)
            what = f"the citation of “{one_line(subject.record.title, TITLE_ECHO)}”"
        else:
            self.notify("Nothing to copy here.", severity="warning", markup=False)
            return
        self._copy(text, what)

    def action_copy_id(self) -> None:
        """Copy the current record's id (in the source's sentences: the document's)."""
        subject = self.subject()
        if subject.record is not None:
            self._copy(subject.record.id, f"the id {one_line(subject.record.id, TITLE_ECHO)}")
        elif subject.document is not None:
            self._copy(subject.document.id, f"the id {one_line(subject.document.id, TITLE_ECHO)}")
        else:
            self.notify("Nothing to copy here.", severity="warning", markup=False)

    def _copy(self, text: str, what: str) -> None:
        # OSC 52: the terminal puts it on the clipboard if it allows programs to, and never
        # says whether it did: the notice claims only what the app knows.
        from .clipboard import copy_notice

        self.app.copy_to_clipboard(text)
        notice = copy_notice(what, os.environ, in_browser=self.app.is_web)
        self.notify(notice, markup=False, timeout=3)

    def action_export(self) -> None:
        """Export the current list (or record) to a file the user names."""
        from .screens.export import ExportScreen

        subject, store = self.subject(), self.oic.store
        if not subject.records or store is None:
            self.notify("Nothing to export here.", severity="warning", markup=False)
            return
        self.app.push_screen(
            ExportScreen(subject.records, store, subject.name, subject.heading or subject.name)
        )

    def action_open_document(self) -> None:
        """Read the current document in $PAGER (in a browser: a new tab); the explorer
        resumes where it was."""
        document = self.subject().document
        if document is None:
            self.notify("No document to open here.", severity="warning", markup=False)
            return
        if self.app.is_web:
            open_in_browser(self.app, document)
            self.notify(
                f"Opened “{one_line(document.title, TITLE_ECHO)}” in a new tab.",
                markup=False,
                timeout=3,
            )
            return
        problem = page_document(self.app, document)
        if problem:
            self.notify(problem, severity="error", markup=False)


def pager_text(document: Document, width: int = 0) -> str:
    """What the pager shows: the document's title, publisher, place, date and url, its text;
    with a `width`, each line folded at it on word boundaries (`less` cuts words)."""
    details = " · ".join(p for p in (document.publisher, document.place, document.date) if p)
    head = [document.title, details, document.url]
    text = clean_text("\n".join(line for line in head if line) + "\n\n" + document.text)
    if width <= 1:
        return text
    return "\n".join(_folded(line, width) for line in text.split("\n"))


def _folded(line: str, width: int) -> str:
    if len(line) <= width:
        return line
    return textwrap.fill(line, width, break_long_words=True, break_on_hyphens=False)


def open_in_browser(app: App[None], document: Document) -> None:
    """Under the web driver: the document's text in a new browser tab, as plain text (never
    a pager on the server, nothing written to its disk)."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", document.id).strip("-.") or "document"
    app.deliver_text(
        io.StringIO(pager_text(document)),
        save_directory=tempfile.gettempdir(),
        save_filename=f"{name}.txt",
        open_method="browser",
        mime_type="text/plain",
    )


def pager_command() -> tuple[list[str], str, str]:
    """$PAGER (or `less`) as an executable and its arguments, its name as given, and why it
    cannot be run ("" when it can)."""
    try:
        command = shlex.split(os.environ.get("PAGER", "")) or [DEFAULT_PAGER]
    except ValueError as error:
        return [], "", one_line(f"$PAGER is not a command line: {error}")
    name = one_line(command[0], COMMAND_ECHO)
    # Found before the terminal is handed over: a pager that cannot start never blanks it.
    executable = shutil.which(command[0])
    if executable is None:
        return [], name, f"Cannot run the pager {name}: no such program (set $PAGER to one)"
    return [executable, *command[1:]], name, ""


def page_document(app: App[None], document: Document) -> str | None:
    """Show a document in $PAGER (never through a shell), the app suspended meanwhile.

    Returns why it could not, in one line, or None.
    """
    from textual.app import SuspendNotSupported

    command, name, problem = pager_command()
    if problem:
        return problem
    text = pager_text(document, app.size.width).encode()
    failure = ""
    try:
        with app.suspend():
            # Caught inside: an exception leaving the block would leave the app suspended.
            try:
                done = subprocess.run(command, input=text, check=False)
            except OSError as error:
                failure = one_line(f"Cannot run the pager {name}: {error.strerror or error}")
    except SuspendNotSupported:
        return "Cannot open a pager here: this terminal cannot be handed over."
    if failure:
        return failure
    if done.returncode != 0:
        return f"The pager {name} stopped with exit status {done.returncode}."
    return None
