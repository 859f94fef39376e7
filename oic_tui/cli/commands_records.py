"""`search` and `show`: records as a readable table or panel, exact JSON, or a file format."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from oic_tui.store.export import export_text, json_lines, record_json
from oic_tui.store.sanitize import clean_text, one_line, quoted

from .common import EXIT_NO_HITS, TABLE_ROWS, fail, print_json, print_object

if TYPE_CHECKING:
    from oic_tui.store.reader import Store

__all__ = ["record_json", "run_search", "run_show"]


def run_search(args: argparse.Namespace, store: Store) -> int:
    """`oic-tui search`: exit 0 with hits, 1 without."""
    if args.limit is not None and args.limit < 1:
        return fail("--limit must be at least 1")
    from oic_tui.search.engine import Hit
    from oic_tui.search.service import explain, search

    # A query is echoed back ("No records match ..."): it must not act on the terminal.
    query = clean_text(" ".join(args.query))
    if not query.strip():
        return fail("the query is empty; see `oic-tui --help` and the README for the syntax")
    kinds = list(dict.fromkeys(args.kind or ()))
    if len(kinds) == 1:
        hits = search(store, query, kind=kinds[0], limit=args.limit)
    else:
        # Either of several kinds: the ranking of all of them, then the limit.
        hits = [h for h in search(store, query) if not kinds or h.record.kind in kinds]
        hits = hits[: args.limit] if args.limit else hits
    fmt = args.format
    if fmt in ("json", "jsonl"):
        from oic_tui.search.snippets import snippet

        def why(hit: Hit) -> dict[str, Any] | None:
            found = snippet(hit)
            if found is None:
                return None
            spans = [list(span) for span in found.spans]
            return {"field": found.field, "text": found.text, "highlights": spans}

        found = [
            {
                **record_json(h.record),
                "score": round(h.score, 4),
                "matches": explain(store, h),
                # Why it matched, when the title alone does not show it (else null).
                "snippet": why(h),
                # True when no record holds every word of a question: this one holds the most.
                "partial_match": h.partial,
                "missing_words": list(h.missing),
            }
            for h in hits
        ]
        if fmt == "json":
            print_json(found)
        else:
            sys.stdout.write(json_lines(found))
    elif fmt == "table":
        from .output import print_hits

        # Without --limit every hit is fetched, to say how many the table leaves out.
        documents = store.documents if store.multi_document else None
        print_hits(hits, query, rows=args.limit or TABLE_ROWS, kinds=kinds, documents=documents)
    else:
        title = f"Search “{query.strip()}”"
        sys.stdout.write(export_text([h.record for h in hits], store, fmt, title=title))
    return 0 if hits else EXIT_NO_HITS


def run_show(args: argparse.Namespace, store: Store) -> int:
    """`oic-tui show ID`: a record, or else a document, by id."""
    fmt = args.format
    record = store.get(args.id)
    if record is None:
        if args.id in store.documents:
            from .commands_docs import show_document

            return show_document(store, args.id, fmt)
        hint = _suggestions(store, args.id)
        where = one_line(str(store.path))
        return fail(f"{where}: no record with id {quoted(args.id)}{hint}")
    if fmt in ("json", "jsonl"):
        data = record_json(record)
        from oic_tui.store.mentions import quotes_name, store_alias_index

        index = store_alias_index(store)
        data["entities"] = [
            # False for a link the quotes support only through context (a pronoun, say).
            {**record_json(r), "named_in_quotes": quotes_name(record, r, index)}
            for r in store.resolve(record.entities)
        ]
        data["related"] = [record_json(r) for r in store.resolve(record.related)]
        for role in ("proposed_by", "presented_by", "promoted_by"):
            data[role] = [record_json(r) for r in store.resolve(getattr(record, role))]
        data["mentioned_by"] = [r.id for r in store.mentioning(record.id)]
        print_object(data, fmt)
        return 0
    if fmt != "table":
        sys.stdout.write(export_text([record], store, fmt, title=record.title))
        return 0
    from .output import print_record

    print_record(record, store)
    return 0


def _suggestions(store: Store, wanted: str) -> str:
    """`; did you mean ...?` with ids that end with or resemble what was asked for."""
    import difflib

    key = wanted.strip().lower()
    ids = [r.id for r in store.records] + list(store.documents)
    close = [i for i in ids if i.lower().partition(".")[2] == key or i.lower() == key]
    close += [i for i in ids if key and key in i.lower() and i not in close]
    close += [i for i in difflib.get_close_matches(wanted, ids, n=3) if i not in close]
    if not close:
        return ""
    return f"; did you mean {', '.join(one_line(i, 80) for i in close[:5])}?"
