"""The keys, on `?`."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ..widgets.page_scroll import PageScroll

KEYS: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", "next / previous pane or list"),
    ("1 2 3 4", "jump to Timeline, Topics, Initiatives, Facts, from any screen"),
    ("h l  ← →", "previous / next pane"),
    ("j k  ↓ ↑", "move down / up"),
    ("Ctrl+D Ctrl+U", "half a page down / up"),
    ("g G  Home End", "first / last item"),
    ("Enter", "open the item (drill down)"),
    ("Esc  Backspace", "back to exactly where you were"),
    ("]", "forward again after going back"),
    ("/", "search here (Esc returns); Enter opens the top result, ↓ into results, ↑ back"),
    ("↑ ↓ in the search box", "recent queries"),
    ("s", "open the source article (at the current record)"),
    ("y  Y", "copy the citation (in the source: the sentence's) / the id"),
    ("e", "export the list, results or record (.md .csv .tsv .json .jsonl)"),
    ("o", "read the document in $PAGER; the explorer resumes as it was"),
    ("Ctrl+P", "command palette: panes, any record by title, theme, source"),
    ("?", "this help"),
    ("q", "quit (from the main screen); back elsewhere"),
)

SEARCH_SYNTAX: tuple[tuple[str, str], ...] = (
    ("aral sea", "every word must match (any order); case and accents ignored"),
    ("semip", "prefixes match as you type"),
    ("terorism", "words of 5+ letters forgive a typo when exact matches are scarce"),
    ("OIC  UNSC  CFM", "acronyms and other names of an entity find it both ways"),
    ('"food security"', "exact phrase"),
    ("-yemen", 'exclude records with this word (or -"phrase"); alone: all others'),
    ("yemen | libya", "either; also yemen OR libya (AND, the default, in capitals too)"),
    ("syria libya", "no record holds every word: those holding most, and In the text"),
    ("kind:initiatives", "only one kind (event, topic, initiative, fact, entity; plurals too)"),
    ("entity:astana", 'an entity and the records that mention it (quote names: entity:"UN …")'),
    ("year:2015  year:2010..", "records dated in a year or range (1990..2000, ..1990)"),
    ("n / N", "next / previous match in a record opened from search"),
)

# Shown only for a store of several documents: a single one has nothing to choose.
CORPUS_KEYS: tuple[tuple[str, str], ...] = (
    ("d", "documents: explore one (panes and search), or all"),
    ("D", "all documents again"),
    ("> <", "in the source: the record's next / previous document"),
    ("Enter on a step", "of a history: its source, in the document that reports it"),
)
CORPUS_SYNTAX: tuple[tuple[str, str], ...] = (
    ("doc:dhaka  doc:2018", "records of a document: its id, year, place or label words"),
)
# Shown only for a store holding drafts: any other has nothing to review.
DRAFT_SYNTAX: tuple[tuple[str, str], ...] = (
    ("draft:  reviewed:", "only drafts (written by oic-tui import) / only reviewed records"),
)

# One key column width for both tables, so their descriptions line up.
KEY_WIDTH = max(
    len(key) for key, _ in (*KEYS, *SEARCH_SYNTAX, *CORPUS_KEYS, *CORPUS_SYNTAX, *DRAFT_SYNTAX)
)


def _table(title: str, rows: tuple[tuple[str, str], ...]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.title = Text(title, style="bold")
    table.title_justify = "left"
    table.add_column(style="bold cyan", no_wrap=True, min_width=KEY_WIDTH)
    table.add_column()
    for key, text in rows:
        table.add_row(Text(key), Text(text))
    return table


def help_content(corpus: bool = False, drafts: bool = False) -> Group:
    """The keys, then the search syntax (with a corpus's, for a store of several documents,
    and the review filters, for a store holding drafts)."""
    keys, syntax = (KEYS, SEARCH_SYNTAX[:-1])
    if corpus:
        # After `s` (the source), before the palette, help and quit.
        keys = (*KEYS[:-3], *CORPUS_KEYS, *KEYS[-3:])
        syntax = (*syntax, *CORPUS_SYNTAX)
    if drafts:
        syntax = (*syntax, *DRAFT_SYNTAX)
    syntax = (*syntax, SEARCH_SYNTAX[-1])
    return Group(
        _table("Keys", keys),
        Text(""),
        _table("Search", syntax),
        Text(""),
        Text("Esc, q or ? closes this help.", style="dim"),
    )


class HelpScreen(ModalScreen[None]):
    """A modal listing every key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with PageScroll(id="help-box"):
            store = getattr(self.app, "store", None)
            corpus = bool(store and store.multi_document)
            drafts = bool(store and any(record.draft for record in store.records))
            yield Static(help_content(corpus, drafts), id="help-text")
        # Its own footer: the keys of the screen beneath (`q Quit`) do not work here.
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Help"
