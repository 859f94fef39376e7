"""The explorer's keys at a glance: one table for the help screen, the README and docs/keys.md.

Each row is a label as the help shows it, the Textual key names it stands for (bound by the
app, a screen or a widget: tests/test_doc_tables.py checks both ways), what the keys do, and
whether the README's ten keys include it. Plain data: no Textual here.
"""

from __future__ import annotations

from typing import NamedTuple


class KeyRow(NamedTuple):
    """One row: its label (the keys, then any words saying where), key names, what it does."""

    label: str
    keys: tuple[str, ...]
    does: str
    top: bool = False


KEYS: tuple[KeyRow, ...] = (
    KeyRow("Tab / Shift+Tab", ("tab", "shift+tab"), "next / previous pane or list", top=True),
    KeyRow(
        "1 2 3 4",
        ("1", "2", "3", "4"),
        "jump to Timeline, Topics, Initiatives, Facts, from any screen",
        top=True,
    ),
    KeyRow(
        "h l  ← →",
        ("h", "l", "left", "right"),
        "the pane to the left / right (one pane shown: the strip's previous / next)",
    ),
    KeyRow("j k  ↓ ↑", ("j", "k", "down", "up"), "move down / up", top=True),
    KeyRow("j k  ↓ ↑ at an edge", ("j", "k", "down", "up"), "into the pane below / above"),
    KeyRow("z", ("z",), "zoom the pane to the whole screen, or back to four"),
    KeyRow("Ctrl+D Ctrl+U", ("ctrl+d", "ctrl+u"), "half a page down / up"),
    KeyRow("g G  Home End", ("g", "G", "home", "end"), "first / last item"),
    KeyRow("Enter", ("enter",), "open the item (drill down)", top=True),
    KeyRow("Esc  Backspace", ("escape", "backspace"), "back to exactly where you were", top=True),
    KeyRow("]", ("right_square_bracket",), "forward again after going back"),
    KeyRow(
        "/",
        ("slash",),
        "search here (Esc returns); Enter opens the top result, ↓ into results, ↑ back",
        top=True,
    ),
    KeyRow("↑ ↓ in the search box", ("up", "down"), "recent queries"),
    KeyRow("s", ("s",), "open the source article (at the current record)", top=True),
    KeyRow(
        "y  Y",
        ("y", "Y"),
        "copy the citation (in the source: the sentence's) / the id",
        top=True,
    ),
    KeyRow("e", ("e",), "export the list, results or record (.md .csv .tsv .json .jsonl)"),
    KeyRow("o", ("o",), "read the document in $PAGER; the explorer resumes as it was"),
    KeyRow("Ctrl+P", ("ctrl+p",), "command palette: panes, any record by title, theme, source"),
    KeyRow("?", ("question_mark",), "help: every key and the search syntax", top=True),
    KeyRow("q", ("q",), "quit (from the main screen); back elsewhere", top=True),
)
# What a key does differently when the explorer is served to a browser (`oic-tui serve`).
BROWSER_DOES = {
    "e": "export the list, results or record, as a download (.md .csv .tsv .json .jsonl)",
    "o": "open the document's text in a new browser tab",
}
# Shown only for a store of several documents, after `o` (a single one has nothing to choose).
CORPUS_KEYS: tuple[KeyRow, ...] = (
    KeyRow("d", ("d",), "documents: explore one (panes and search), or all"),
    KeyRow("D", ("D",), "all documents again"),
    KeyRow("Ctrl+R in documents", ("ctrl+r",), "review the highlighted document's drafts"),
    KeyRow(
        "> <",
        ("greater_than_sign", "less_than_sign"),
        "in the source: the record's next / previous document",
    ),
    KeyRow(
        "Enter on a step",
        ("enter",),
        "of a history: its source, in the document that reports it",
    ),
    KeyRow(
        "R",
        ("R",),
        "review the drafts of the document explored (or the first with drafts); --corpus only",
    ),
)
# Shown last in the help's search table: they act on what a search found.
SEARCH_KEYS: tuple[KeyRow, ...] = (
    KeyRow("n / N", ("n", "N"), "next / previous match in a record opened from search"),
)
# The review's keys (`R`, or `oic-tui review`): deciding one document's drafts.
REVIEW_KEYS: tuple[KeyRow, ...] = (
    KeyRow("j k  ↓ ↑ in review", ("j", "k", "down", "up"), "next / previous draft of the sentence"),
    KeyRow("n p in review", ("n", "p"), "next / previous sentence"),
    KeyRow("N in review", ("N",), "next sentence with drafts"),
    KeyRow("a in review", ("a",), "accept the draft; refused, the field it needs opens"),
    KeyRow("x in review", ("x",), "reject the draft: its record is removed from its file"),
    KeyRow("e t in review", ("e", "t"), "edit the draft's fields (t: its title first)"),
    KeyRow("l in review", ("l",), "link or unlink an entity the sentence names"),
    KeyRow("E in review", ("E",), "make a new name of the sentence an entity"),
    KeyRow("s in review", ("s",), "make an initiative draft a step of an initiative"),
    KeyRow("b in review", ("b",), "mark or unmark the sentence's line as boilerplate"),
    KeyRow("A in review", ("A",), "accept every topic draft of the document that passes"),
    KeyRow("u in review", ("u",), "undo the last decision: its files as they were"),
)
# Where the corpus's keys go among the others: before the palette, help and quit.
CORPUS_AT = len(KEYS) - 3

# How the help writes each key name that is not a single character.
KEY_LABELS: dict[str, str] = {
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "left": "←",
    "right": "→",
    "down": "↓",
    "up": "↑",
    "ctrl+d": "Ctrl+D",
    "ctrl+u": "Ctrl+U",
    "ctrl+p": "Ctrl+P",
    "ctrl+r": "Ctrl+R",
    "home": "Home",
    "end": "End",
    "enter": "Enter",
    "escape": "Esc",
    "backspace": "Backspace",
    "right_square_bracket": "]",
    "slash": "/",
    "question_mark": "?",
    "greater_than_sign": ">",
    "less_than_sign": "<",
}


def key_rows(corpus: bool) -> tuple[KeyRow, ...]:
    """The key rows of the help, with the corpus's for a store of several documents."""
    if not corpus:
        return KEYS
    return (*KEYS[:CORPUS_AT], *CORPUS_KEYS, *KEYS[CORPUS_AT:])


def every_key_row() -> tuple[KeyRow, ...]:
    """Every row, in the order docs/keys.md lists them: the keys, search's, the review's."""
    return (*key_rows(corpus=True), *SEARCH_KEYS, *REVIEW_KEYS)
