"""Rich output for the CLI; store text always enters as plain Text, never as markup."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from oic_tui.present.attributes import record_attributes
from oic_tui.store.mentions import quotes_name, store_alias_index
from oic_tui.store.models import KIND_LABELS, Document, Record
from oic_tui.store.reader import Store
from oic_tui.store.sanitize import one_line, quoted
from oic_tui.store.words import counted

if TYPE_CHECKING:
    from oic_tui.search.engine import Hit
    from oic_tui.search.notes import Note
    from oic_tui.search.sentences import SentenceHit


class _Console(Console):
    """Rich's console, but a closed stdout is left to `main`, as every other write's is."""

    def on_broken_pipe(self) -> None:
        """Stop writing and let `main` end quietly (Rich itself exits with status 1)."""
        self.quiet = True
        raise BrokenPipeError


def console() -> Console:
    """A console that never highlights or wraps on its own: store text is shown as it is."""
    return _Console(highlight=False, soft_wrap=False)


WIDE = 100
# Cells are cut past these lengths (an ellipsis marks the cut): a megabyte title would
# take minutes to lay out. Ids up to ID_CELL are never cut, whatever the width.
ID_CELL = 120
TEXT_CELL = 200
# A query is echoed back at most this long.
QUERY_ECHO = 80
# A hit's Doc cell names at most this many documents, each label cut at DOC_LABEL.
DOC_LINES = 3
DOC_LABEL = 40


def print_notes(notes: Sequence[Note], query: str, found: bool, scope: str = "") -> None:
    """What is wrong with a query (a filter naming nothing...), and when nothing matches,
    that first: `No records match …`."""
    message = Text()
    if not found:
        where = f" {one_line(scope, QUERY_ECHO)}" if scope else ""
        message = Text.assemble("No records match ", (one_line(query, QUERY_ECHO), "bold"))
        message.append(f"{where}.")
    for note in notes:
        message.append(" " if message else "")
        message.append(Text(note.subject, style="bold"))
        said = f" {note.says}"
        said += f"; did you mean {', '.join(note.options)}?" if note.options else "."
        message.append(said)
    if message:
        console().print(message)


def print_sentences(
    sentences: Sequence[SentenceHit],
    query: str,
    documents: Mapping[str, Document],
    rows: int | None = None,
    scope: str = "",
) -> None:
    """The sentences of the text that hold every word (no record does): where each
    stands, the sentence with the words marked, how many records draw from it."""
    from oic_tui.search.snippets import sentence_snippet

    out = console()
    shown = sentences if rows is None else sentences[:rows]
    hold = "holds" if len(sentences) == 1 else "hold"
    where = f" {scope}" if scope else ""
    heading = (
        f"In the text{where}: {counted(len(sentences), 'sentence')} {hold} every word of "
        f"{quoted(query, QUERY_ECHO)}"
    )
    wide = out.width >= WIDE
    table = Table(
        title=Text(heading),
        expand=True,
        box=box.HEAVY_HEAD if wide else box.SIMPLE_HEAD,
        show_edge=wide,
        pad_edge=wide,
        leading=0 if wide else 1,
    )
    table.add_column("sentence", ratio=1, min_width=16, overflow="fold")
    table.add_column("text", ratio=4, min_width=30)
    for hit in shown:
        document = documents.get(hit.doc)
        label = one_line(document.short if document else hit.doc, DOC_LABEL)
        where_cell = Text.assemble((label, "bold"), f"\nsentence {hit.number}")
        where_cell.append(Text(f"\n{one_line(hit.doc, ID_CELL)}", style="dim"))
        found = sentence_snippet(hit, TEXT_CELL)
        line = Text(found.text)
        for start, end in found.spans:
            line.stylize("reverse", start, end)
        drawn = len(hit.records)
        if drawn:
            line.append(Text(f"\n{counted(drawn, 'record')} drawn from it", "dim"))
        table.add_row(where_cell, line)
    out.print(table)
    _say_more(out, len(sentences) - len(shown), "sentence")


def print_hits(
    hits: Sequence[Hit],
    query: str,
    rows: int | None = None,
    kinds: Sequence[str] = (),
    documents: Mapping[str, Document] | None = None,
    scope: str = "",
) -> None:
    """A table of the first `rows` search results, and how many more there are.

    With `documents` (a store of several), a Doc column marks each hit's documents; a
    `scope` (`in <label>`) says which documents the query's `doc:` filters keep.
    """
    out = console()
    if not hits:
        print_notes((), query, False, scope)
        return
    shown = hits if rows is None else hits[:rows]
    # Narrow terminals (and pipes, 80 columns) fold the summary under the title and drop
    # the kind (each id starts with it), leaving room for the longest id: `show` takes ids.
    wide = out.width >= WIDE
    results = counted(len(hits), "result")
    heading = f"{results} for {quoted(query, QUERY_ECHO)}"
    if any(hit.partial for hit in hits):
        heading = (
            f"No record holds every word; {results} holding most of the "
            f"words of {quoted(query, QUERY_ECHO)}"
        )
    heading += f" {one_line(scope, QUERY_ECHO)}" if scope else ""
    table = Table(
        title=Text(heading + (f" (kind: {' or '.join(kinds)})" if kinds else "")),
        expand=True,
        box=box.HEAVY_HEAD if wide else box.SIMPLE_HEAD,
        show_edge=wide,
        pad_edge=wide,
        leading=0 if wide else 1,
    )
    if wide:
        table.add_column("kind", style="cyan", no_wrap=True)
    ids = [one_line(hit.record.id, ID_CELL) for hit in shown]
    longest_id = max(map(len, ids))
    table.add_column("record", ratio=3, min_width=max(24, longest_id), overflow="fold")
    if wide:
        table.add_column("summary", ratio=2, min_width=12)
    cells = [_doc_cell(hit.record, documents) for hit in shown] if documents is not None else []
    if cells:
        # As wide as the longest label, so that each stays on one line when it can.
        longest = max(len(line) for cell in cells for line in cell.plain.splitlines() or [""])
        table.add_column("doc", min_width=max(3, min(longest, DOC_LABEL // 2)))
    table.add_column("score", justify="right", no_wrap=True)
    for number, (hit, record_id) in enumerate(zip(shown, ids, strict=True)):
        r = hit.record
        title = Text(one_line(r.title, TEXT_CELL), style="bold")
        title.highlight_words([t for t in hit.terms if len(t) > 1], "reverse", case_sensitive=False)
        title.append(_why(hit))
        title.append(Text(f"\n{record_id}", style="dim"))
        summary = Text(one_line(r.summary, TEXT_CELL), style="italic")
        doc = cells[number : number + 1]
        if wide:
            table.add_row(Text(r.kind), title, summary, *doc, f"{hit.score:.2f}")
        else:
            title.append(Text("\n") + summary)
            table.add_row(title, *doc, f"{hit.score:.2f}")
    out.print(table)
    _say_more(out, len(hits) - len(shown), "hit")


def _say_more(out: Console, left: int, what: str) -> None:
    """How many rows a table leaves out, and how to see them."""
    if left > 0:
        out.print(
            Text(
                f"{left:,} more, use --limit N to show more (--json prints every {what})",
                style="dim",
            )
        )


def _doc_cell(record: Record, documents: Mapping[str, Document]) -> Text:
    """The short labels of a record's documents, one a line, the first few of many."""
    labels = [one_line(documents[d].short if d in documents else d, DOC_LABEL) for d in record.docs]
    cell = Text("\n".join(labels[:DOC_LINES]))
    if len(labels) > DOC_LINES:
        cell.append(Text(f"\n+{len(labels) - DOC_LINES:,} more", style="dim"))
    return cell


def _why(hit: Hit) -> Text:
    """The snippet showing why a hit matched (when its title does not), and missing words."""
    from oic_tui.search.snippets import snippet

    why = Text()
    found = snippet(hit)
    if found is not None:
        line = Text(found.text, style="italic")
        for start, end in found.spans:
            line.stylize("reverse", start, end)
        why.append("\n")
        why.append(line)
    if hit.missing:
        why.append(Text(f"\nwithout: {one_line(', '.join(hit.missing), TEXT_CELL)}", style="dim"))
    return why


def _links(title: str, records: Sequence[Record], context: Iterable[str] = ()) -> Text:
    """Linked records; those linked only through context (not named in quotes) say so."""
    from_context = set(context)
    text = Text(f"{title}: ", style="bold")
    names = [
        f"{one_line(r.title, TEXT_CELL)} ({one_line(r.id, ID_CELL)}"
        f"{', from context' if r.id in from_context else ''})"
        for r in records
    ]
    text.append(", ".join(names) or "none")
    return text


def print_record(record: Record, store: Store) -> None:
    """One record with its links and sources."""
    body = [
        # The id is the one asked for: shown whole, but on its own line.
        Text.assemble(
            (KIND_LABELS[record.kind], "cyan"), "  ", (one_line(record.id, len(record.id)), "dim")
        ),
        Text(record.title, style="bold"),
    ]
    names = {
        r.id: f"{one_line(r.title, TEXT_CELL)} ({one_line(r.id, ID_CELL)})"
        for r in store.resolve((*record.entities, *record.by))
    }
    for label, value in record_attributes(record, names):
        body.append(Text(f"{label}: ", style="bold") + Text(value))
    body += [Text(""), Text(record.text), Text("")]
    entities = store.resolve(record.entities)
    index = store_alias_index(store)
    unnamed = [e.id for e in entities if not quotes_name(record, e, index)]
    body.append(_links("Entities", entities, unnamed))
    body.append(_links("Related", store.resolve(record.related)))
    if record.kind == "entity":
        mentions = store.mentioning(record.id)
        unnamed = [r.id for r in mentions if not quotes_name(r, record, index)]
        body.append(_links("Mentioned by", mentions, unnamed))
    # Oldest first, as the explorer's History (a single step only repeats the status).
    for step in record.history if len(record.history) > 1 else ():
        when = step.date.compact() if step.date and step.date.start else "undated"
        body.append(
            Text("History: ", style="bold")
            + Text(f"{when} · {step.status} · {one_line(step.source.doc, ID_CELL)} ")
            + Text(f"“{step.source.quote}”", style="italic")
        )
    for span in record.sources:
        line = Text(f"Source {one_line(span.doc, ID_CELL)} [{span.start}:{span.end}]", style="bold")
        doc = store.documents.get(span.doc)
        if store.multi_document and doc is not None:
            # Which report it is, as the search table's Doc column names it.
            line.append(Text(f"  {one_line(doc.short, TEXT_CELL)}, {doc.when.display()}"))
        body.append(line)
        body.append(Text(f"“{span.quote}”", style="italic"))
    console().print(Panel(Group(*body), expand=True))
