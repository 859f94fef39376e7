"""The keys, on `?`."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Static

from oic_tui.present.syntax import ALL_SYNTAX, syntax_rows

from ..keys import BROWSER_DOES, REVIEW_KEYS, SEARCH_KEYS, key_rows
from ..keys import CORPUS_KEYS as _CORPUS_KEYS
from ..widgets.footer import FittedFooter
from ..widgets.page_scroll import PageScroll

# The tables as (label, text) pairs; their rows live in ..keys and present.syntax.
KEYS: tuple[tuple[str, str], ...] = tuple((row.label, row.does) for row in key_rows(False))
CORPUS_KEYS: tuple[tuple[str, str], ...] = tuple((row.label, row.does) for row in _CORPUS_KEYS)
_SEARCH_KEYS = tuple((row.label, row.does) for row in SEARCH_KEYS)

# One key column width for both tables, so their descriptions line up.
KEY_WIDTH = max(len(key) for key, _ in (*CORPUS_KEYS, *KEYS, *ALL_SYNTAX, *_SEARCH_KEYS))


def _table(title: str, rows: tuple[tuple[str, str], ...]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.title = Text(title, style="bold")
    table.title_justify = "left"
    table.add_column(style="bold cyan", no_wrap=True, min_width=KEY_WIDTH)
    table.add_column()
    for key, text in rows:
        table.add_row(Text(key), Text(text))
    return table


def help_content(corpus: bool = False, drafts: bool = False, in_browser: bool = False) -> Group:
    """The keys, then the search syntax (with a corpus's, for a store of several documents,
    and the review filters, for a store holding drafts), the keys of what search found, and
    (for a corpus or drafts) the review's; `in_browser`: as `e` and `o` work there."""
    does = BROWSER_DOES if in_browser else {}
    keys = tuple((row.label, does.get(row.label, row.does)) for row in key_rows(corpus))
    review = tuple((row.label, row.does) for row in REVIEW_KEYS)
    return Group(
        _table("Keys", keys),
        Text(""),
        _table("Search", (*syntax_rows(corpus, drafts), *_SEARCH_KEYS)),
        Text(""),
        *((_table("Review (R)", review), Text("")) if corpus or drafts else ()),
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
            yield Static(help_content(corpus, drafts, self.app.is_web), id="help-text")
        # Its own footer: the keys of the screen beneath (`q Quit`) do not work here.
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Help"
