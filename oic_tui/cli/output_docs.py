"""Rich output of documents; store text always enters as plain Text, never as markup."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from oic_tui.store.models import KIND_LABELS, KINDS, Document
from oic_tui.store.reader import Store
from oic_tui.store.sanitize import one_line
from oic_tui.store.words import counted

from .output import ID_CELL, TEXT_CELL, WIDE, console


def _counts(by_kind: dict[str, int]) -> str:
    return ", ".join(f"{KIND_LABELS[kind]} {n:,}" for kind, n in by_kind.items() if n)


def print_documents(store: Store) -> None:
    """A table of the store's documents, by date."""
    out = console()
    wide = out.width >= WIDE
    table = Table(
        title=Text(counted(len(store.documents), "document")),
        expand=True,
        box=box.HEAVY_HEAD if wide else box.SIMPLE_HEAD,
        show_edge=wide,
        pad_edge=wide,
        leading=0 if wide else 1,
    )
    ids = [one_line(doc.id, ID_CELL) for doc in store.documents.values()]
    # Ids are what `show` takes: never cut, whatever the width.
    table.add_column("document", min_width=max(16, *map(len, ids)), overflow="fold")
    table.add_column("date", no_wrap=True)
    if wide:
        table.add_column("place", ratio=1)
    table.add_column("title", ratio=3, min_width=16)
    table.add_column("sentences", justify="right", no_wrap=True)
    table.add_column("records", justify="right", no_wrap=True)
    for doc, doc_id in zip(store.documents.values(), ids, strict=True):
        name = Text(one_line(doc.short, TEXT_CELL), style="bold")
        if doc.short != doc.id:
            name.append(Text(f"\n{doc_id}", style="dim"))
        title = Text(one_line(doc.title, TEXT_CELL))
        title.append(Text(f"\n{one_line(doc.publisher, TEXT_CELL)}", style="italic"))
        if doc.url:
            title.append(Text(f"\n{one_line(doc.url, TEXT_CELL)}", style="dim"))
        place = Text(one_line(doc.place, TEXT_CELL))
        date = Text(doc.when.compact())
        if not wide:
            date.append(Text("\n") + place)
        counts = (f"{len(doc.sentences):,}", f"{store.doc_record_count(doc.id):,}")
        table.add_row(name, date, *([place] if wide else []), title, *counts)
    out.print(table)


def _field(label: str, value: str) -> Text:
    return Text(f"{label}: ", style="bold") + Text(value)


def print_document(store: Store, doc: Document, by_kind: dict[str, int]) -> None:
    """One document: its metadata, sentence and record counts, and its records by kind."""
    total = store.doc_record_count(doc.id)
    body = [
        # The id is the one asked for: shown whole, but on its own line.
        Text.assemble(("Document", "cyan"), "  ", (one_line(doc.id, len(doc.id)), "dim")),
        Text(one_line(doc.title, len(doc.title)), style="bold"),
        _field("Label", one_line(doc.short, TEXT_CELL)),
        _field("Publisher", one_line(doc.publisher, TEXT_CELL)),
        _field("Date", doc.when.display()),
        _field("Place", one_line(doc.place, TEXT_CELL)),
    ]
    if doc.url:
        body.append(_field("URL", one_line(doc.url, 1000)))
    body.append(_field("Sentences", f"{len(doc.sentences):,}"))
    counts = _counts(by_kind)
    body.append(_field("Records", f"{total:,}" + (f" ({counts})" if counts else "")))
    for kind in KINDS:
        records = store.by_kind(kind, doc=doc.id)
        if not records:
            continue
        body += [Text(""), Text(f"{KIND_LABELS[kind]} ({len(records):,})", style="bold")]
        body += [
            Text.assemble(
                "  ", one_line(r.title, TEXT_CELL), " (", (one_line(r.id, ID_CELL), "dim"), ")"
            )
            for r in records
        ]
    console().print(Panel(Group(*body), expand=True))
