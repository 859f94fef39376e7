"""Rich output for the CLI; store text always enters as plain Text, never as markup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from oic_tui.search.query import unknown_kinds
from oic_tui.store.attributes import record_attributes
from oic_tui.store.mentions import quotes_name
from oic_tui.store.models import KIND_LABELS, Record
from oic_tui.store.reader import Store

if TYPE_CHECKING:
    from oic_tui.search.engine import Hit


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


WIDE = 100


def print_hits(hits: Sequence[Hit], query: str) -> None:
    """A table of search results; an id is never cut, whatever the width."""
    console = _console()
    if not hits:
        message = Text.assemble("No records match ", (query, "bold"), ".")
        if unknown := unknown_kinds(query):
            message.append(
                f" kind:{unknown[0]} is not a kind: use event, topic, initiative, fact or entity."
            )
        console.print(message)
        return
    # Narrow terminals (and pipes, 80 columns) fold the summary under the title and drop
    # the kind (each id starts with it), leaving room for the longest id: `show` takes ids.
    wide = console.width >= WIDE
    table = Table(
        title=Text(f"{len(hits):,} result{'' if len(hits) == 1 else 's'} for {query!r}"),
        expand=True,
        box=box.HEAVY_HEAD if wide else box.SIMPLE_HEAD,
        show_edge=wide,
        pad_edge=wide,
        leading=0 if wide else 1,
    )
    if wide:
        table.add_column("kind", style="cyan", no_wrap=True)
    longest_id = max(len(hit.record.id) for hit in hits)
    table.add_column("record", ratio=3, min_width=max(24, longest_id), overflow="fold")
    if wide:
        table.add_column("summary", ratio=2, min_width=12)
    table.add_column("score", justify="right", no_wrap=True)
    for hit in hits:
        r = hit.record
        title = Text(r.title, style="bold")
        title.highlight_words([t for t in hit.terms if len(t) > 1], "reverse", case_sensitive=False)
        title.append(Text(f"\n{r.id}", style="dim"))
        summary = Text(r.summary, style="italic")
        if wide:
            table.add_row(Text(r.kind), title, summary, f"{hit.score:.2f}")
        else:
            title.append(Text("\n") + summary)
            table.add_row(title, f"{hit.score:.2f}")
    console.print(table)


def _links(title: str, records: Sequence[Record], context: Iterable[str] = ()) -> Text:
    """Linked records; those linked only through context (not named in quotes) say so."""
    from_context = set(context)
    text = Text(f"{title}: ", style="bold")
    names = [
        f"{r.title} ({r.id}{', from context' if r.id in from_context else ''})" for r in records
    ]
    text.append(", ".join(names) or "none")
    return text


def print_record(record: Record, store: Store) -> None:
    """One record with its links and sources."""
    body = [
        Text.assemble((KIND_LABELS[record.kind], "cyan"), "  ", (record.id, "dim")),
        Text(record.title, style="bold"),
    ]
    names = {r.id: f"{r.title} ({r.id})" for r in store.resolve((*record.entities, *record.by))}
    for label, value in record_attributes(record, names):
        body.append(Text(f"{label}: ", style="bold") + Text(value))
    body += [Text(""), Text(record.text), Text("")]
    entities = store.resolve(record.entities)
    unnamed = [e.id for e in entities if not quotes_name(record, e)]
    body.append(_links("Entities", entities, unnamed))
    body.append(_links("Related", store.resolve(record.related)))
    if record.kind == "entity":
        mentions = store.mentioning(record.id)
        unnamed = [r.id for r in mentions if not quotes_name(r, record)]
        body.append(_links("Mentioned by", mentions, unnamed))
    for span in record.sources:
        body.append(Text(f"Source {span.doc} [{span.start}:{span.end}]", style="bold"))
        body.append(Text(f"“{span.quote}”", style="italic"))
    _console().print(Panel(Group(*body), expand=True))
