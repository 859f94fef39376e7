"""`docs` and `show DOC`: the documents of a store, as a table or panel, as JSON, or its records."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from oic_tui.present.export import date_json, export_text
from oic_tui.store.models import KINDS

from .common import print_json, print_object

if TYPE_CHECKING:
    from oic_tui.store.models import Document
    from oic_tui.store.reader import Store


def document_json(store: Store, doc: Document) -> dict[str, Any]:
    """A document's metadata and counts as plain JSON-ready data (not its text)."""
    return {
        "id": doc.id,
        # The short mark rows from it carry: its curated label, else its id.
        "label": doc.short,
        "title": doc.title,
        "publisher": doc.publisher,
        # ISO at the precision the source gives (day, month or year); null when it has none.
        "date": date_json(doc.when),
        "place": doc.place,
        "url": doc.url or None,
        "sentence_count": len(doc.sentences),
        "record_count": store.doc_record_count(doc.id),
    }


def records_by_kind(store: Store, doc_id: str) -> dict[str, int]:
    """How many records of each kind draw a source from a document."""
    return {kind: len(store.by_kind(kind, doc=doc_id)) for kind in KINDS}


def run_docs(store: Store, as_json: bool) -> int:
    """`oic-tui docs`: every document of the store, by date."""
    if as_json:
        print_json([document_json(store, doc) for doc in store.documents.values()])
        return 0
    from .output_docs import print_documents

    print_documents(store)
    return 0


def show_document(store: Store, doc_id: str, fmt: str = "table") -> int:
    """`oic-tui show DOC`: a document's metadata, counts, and its records' ids and titles.

    As JSON (or one JSON line) its metadata and counts; in a file format (csv, md, ids...)
    its records, as `search` writes them.
    """
    doc = store.documents[doc_id]
    records = [r for kind in KINDS for r in store.by_kind(kind, doc=doc_id)]
    if fmt in ("json", "jsonl"):
        data = {
            **document_json(store, doc),
            "records_by_kind": records_by_kind(store, doc_id),
            "records": [{"id": r.id, "kind": r.kind, "title": r.title} for r in records],
        }
        print_object(data, fmt)
        return 0
    if fmt != "table":
        sys.stdout.write(export_text(records, store, fmt, title=doc.title))
        return 0
    from .output_docs import print_document

    print_document(store, doc, records_by_kind(store, doc_id))
    return 0
