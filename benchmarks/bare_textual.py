"""A bare Textual app doing what the explorer does, for the interaction benchmark's ratios.

Stock widgets only, no code of the explorer, on the same store, timed by the same method
(`interaction_bench._key`) in the same process, its runs alternating with the explorer's.
"The same" means the same visible work at the same size:

- pane switch: a header, four bordered OptionLists in a 2×2 grid (rows 3fr and 2fr, as
  the explorer's panes) and a footer; each list holds every record title of its kind as
  an option, plain text (as many rows as the explorer's pane, which draws only those in
  view); `1`-`4` focus a list, which restyles its border and cursor as the explorer does.
- search keystroke: `/` shows an Input over an OptionList in place of the grid; each change
  filters the records in an exclusive thread worker (the explorer searches in one too),
  keeping those whose title or text holds every word of the query, and replaces the list's
  options with the titles of the first 50, about the rows a screen shows (the explorer lists
  up to 500 virtually, drawing those in view). Every word, in the title or the text, as the
  explorer matches: a title alone rarely holds a query's words side by side ("council f"),
  and a list left empty for most keystrokes would not be the same visible work.
- source open: `s` pushes a screen of a header, the document's title, its sentences as a
  wrapped OptionList (a blank line after each, a separator between paragraphs) beside a
  bordered OptionList, and a footer, the cursor on the sentence the explorer opened at;
  it opens the same documents at the same sentences as the explorer did.
- picker open: `d` pushes a modal screen of an Input over an OptionList of every document,
  each a two-line option (date, place and label; title and publisher), and a footer.
- palette keystroke: Textual's own command palette (its system commands only).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from oic_tui.store.models import Document
    from oic_tui.store.reader import Store

KINDS = ("event", "topic", "initiative", "fact")
LABELS = ("Timeline", "Topics", "Initiatives", "OIC facts")
# The options a search shows: about a screen of them.
SHOWN_MATCHES = 50

CSS = """
#panes {
    grid-size: 2 2;
    grid-rows: 3fr 2fr;
    height: 1fr;
}
#panes OptionList, #source-panes OptionList {
    height: 1fr;
    border: round $border-blurred;
}
#panes OptionList:focus, #source-panes OptionList:focus {
    border: heavy $border;
}
#search-view {
    display: none;
    height: 1fr;
}
#results {
    height: 1fr;
}
Screen.-searching #search-view {
    display: block;
}
Screen.-searching #panes {
    display: none;
}
#source-panes {
    height: 1fr;
}
#sentences {
    width: 2fr;
}
#sentences > .option-list--option {
    padding: 0 0 1 0;
}
#beside {
    width: 1fr;
}
#picker-box {
    width: 110;
    max-width: 95%;
    height: auto;
    max-height: 90%;
    border: round $accent;
    background: $surface;
}
BarePicker {
    align: center middle;
}
"""


class BareSource(Screen[None]):
    """A document's sentences beside a list: the explorer's source view, in stock widgets."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, document: Document, sentence: int) -> None:
        super().__init__()
        self.document = document
        self.sentence = sentence

    def compose(self) -> ComposeResult:
        doc = self.document
        options: list[Option | None] = []
        paragraph = None
        for sentence in doc.sentences:
            if paragraph is not None and sentence.paragraph != paragraph:
                options.append(None)
            paragraph = sentence.paragraph
            options.append(Option(doc.sentence_text(sentence), id=str(sentence.index)))
        yield Header()
        yield Static(Content(f"{doc.title} · {doc.publisher} · {doc.date}"))
        with Horizontal(id="source-panes"):
            yield OptionList(*options, id="sentences", markup=False)
            yield OptionList(id="beside", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        sentences = self.query_one("#sentences", OptionList)
        sentences.border_title = f"Article · {len(self.document.sentences)} sentences"
        sentences.highlighted = sentences.get_option_index(str(self.sentence))
        sentences.scroll_to_highlight(top=True)
        sentences.focus()


class BarePicker(ModalScreen[None]):
    """Every document, two lines each, under a filter: the explorer's picker, stock widgets."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "Close")]

    def __init__(self, documents: Sequence[Document]) -> None:
        super().__init__()
        self.documents = documents

    def compose(self) -> ComposeResult:
        entries = [
            Content.assemble(
                (f"{doc.date:<13}", "bold"),
                f"{doc.place:<21}",
                (doc.short, "bold"),
                (f" · {len(doc.sentences)} sentences", "dim"),
                "\n",
                " " * 13,
                (f"{doc.title} · {doc.publisher}", "dim"),
            )
            for doc in self.documents
        ]
        with Vertical(id="picker-box"):
            yield Input(placeholder="Type to filter")
            yield OptionList(*entries, id="documents")
        yield Footer()


def first_matches(titles: Sequence[str], folded: Sequence[str], query: str) -> list[str]:
    """The first `SHOWN_MATCHES` titles whose record (`folded`: title and text, casefolded)
    holds every word of the query."""
    words = query.casefold().split()
    found: list[str] = []
    for title, text in zip(titles, folded, strict=True):
        if all(word in text for word in words):
            found.append(title)
            if len(found) == SHOWN_MATCHES:
                break
    return found


class BareApp(App[None]):
    """Four lists of record titles, a search box over a list, a source view and a picker."""

    CSS: ClassVar[str] = CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n + 1), f"jump({n})", label) for n, label in enumerate(LABELS)),
        Binding("slash", "search", "Search"),
        Binding("s", "source", "Source"),
        Binding("d", "picker", "Documents"),
        Binding("escape", "close_search", "Close search", show=False),
    ]

    def __init__(self, store: Store, opened: Sequence[tuple[str, int]]) -> None:
        super().__init__()
        self.store = store
        self.titles = [record.title for record in store.records]
        self._folded = [f"{record.title} {record.text}".casefold() for record in store.records]
        # The documents and sentences to open, in turn: those the explorer opened.
        self.opened = list(opened) or [(store.document.id, 0)]
        self.opens = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="search-view"):
            yield Input(placeholder="Search", id="search")
            yield OptionList(id="results", markup=False)
        with Grid(id="panes"):
            for kind, label in zip(KINDS, LABELS, strict=True):
                titles = [record.title for record in self.store.by_kind(kind)]
                pane = OptionList(*titles, id=kind, markup=False)
                pane.border_title = label
                yield pane
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#{KINDS[0]}").focus()

    def action_jump(self, index: int) -> None:
        """Focus one of the four lists (the grid shown)."""
        self.screen.remove_class("-searching")
        self.query_one(f"#{KINDS[index]}").focus()

    def action_search(self) -> None:
        """Show the search box in place of the grid, focused."""
        self.screen.add_class("-searching")
        self.query_one("#search").focus()

    def action_close_search(self) -> None:
        """Back to the grid."""
        self.action_jump(0)

    def action_source(self) -> None:
        """Open the next document the explorer opened, at its sentence."""
        doc_id, sentence = self.opened[self.opens % len(self.opened)]
        self.opens += 1
        self.push_screen(BareSource(self.store.documents[doc_id], sentence))

    def action_picker(self) -> None:
        """List every document."""
        self.push_screen(BarePicker(list(self.store.documents.values())))

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    @work(thread=True, exclusive=True)
    def _filter(self, query: str) -> None:
        """The matches, found off the UI thread."""
        self.call_from_thread(self._show, first_matches(self.titles, self._folded, query))

    def _show(self, found: list[str]) -> None:
        self.query_one("#results", OptionList).set_options(found)


async def measure(
    store: Store, times: dict[str, list[float]], opened: Sequence[tuple[str, int]]
) -> None:
    """One round of the bare app's interactions at `size`, each time added to `times`."""
    from interaction_bench import (
        DOCUMENT_OPENS,
        PALETTE_QUERY,
        PANE_KEYS,
        SEARCH_QUERY,
        SIZE,
        SOURCE_OPENS,
        _key,
        typing_times,
    )
    from textual.command import CommandPalette

    app = BareApp(store, opened)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in PANE_KEYS:
            pane = app.query_one(f"#{KINDS[int(key) - 1]}")
            took = await _key(pilot, key, lambda p=pane: app.focused is p)
            times.setdefault("pane switch", []).append(took)
        for _ in range(SOURCE_OPENS):
            took = await _key(pilot, "s", lambda: isinstance(app.screen, BareSource))
            times.setdefault("source open", []).append(took)
            await pilot.press("escape")
        await pilot.press("slash")
        await pilot.pause()
        box = app.query_one("#search", Input)
        times.setdefault("search keystroke", []).extend(
            await typing_times(pilot, box, SEARCH_QUERY)
        )
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        field = app.screen.query_one(Input)
        times.setdefault("palette keystroke", []).extend(
            await typing_times(pilot, field, PALETTE_QUERY)
        )
        await pilot.press("escape")
        await pilot.pause()
        if store.multi_document:
            for _ in range(DOCUMENT_OPENS):
                took = await _key(pilot, "d", lambda: isinstance(app.screen, BarePicker))
                times.setdefault("picker open", []).append(took)
                await pilot.press("escape")
                await pilot.pause()
