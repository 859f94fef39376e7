"""`search` and `show`: records as a readable table or panel, exact JSON, or a file format."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from oic_tui.present.export import export_text, json_lines, record_json
from oic_tui.store.sanitize import clean_text, one_line, quoted
from oic_tui.store.words import counted

from .common import EXIT_NO_HITS, TABLE_ROWS, fail, print_json, print_object, say

if TYPE_CHECKING:
    from oic_tui.search.engine import Hit
    from oic_tui.search.indexcache import IndexCache
    from oic_tui.search.sentences import SentenceHit
    from oic_tui.store.reader import Store

__all__ = ["record_json", "run_search", "run_show"]


def run_search(args: argparse.Namespace, store: Store, cache: IndexCache | None = None) -> int:
    """`oic-tui search`: exit 0 with hits (records or sentences of the text), 1 without."""
    if args.limit is not None and args.limit < 1:
        return fail("--limit must be at least 1")
    from oic_tui.search.service import find

    # A query is echoed back ("No records match ..."): it must not act on the terminal.
    query = clean_text(" ".join(args.query))
    if not query.strip():
        return fail("the query is empty; `oic-tui search --help` gives the syntax")
    kinds = list(dict.fromkeys(args.kind or ()))
    if len(kinds) <= 1:
        found = find(store, query, kind=kinds[0] if kinds else None, limit=args.limit, cache=cache)
        hits, sentences = found.hits, found.sentences
    else:
        # Either of several kinds: the ranking of all of them, then the limit. Sentences
        # are of no kind.
        found = find(store, query, cache=cache)
        hits = [h for h in found.hits if h.record.kind in kinds]
        hits, sentences = (hits[: args.limit] if args.limit else hits), []
    fmt = args.format
    if fmt != "table":
        for note in found.notes:
            say(note.text, "oic-tui: note")
    if fmt in ("json", "jsonl"):
        found_json = [_sentence_json(s) for s in sentences] + [_hit_json(store, h) for h in hits]
        if fmt == "json":
            print_json(found_json)
        else:
            sys.stdout.write(json_lines(found_json))
    elif fmt == "table":
        from .output import print_hits, print_notes, print_sentences

        # Without --limit every hit is fetched, to say how many the table leaves out.
        documents = store.documents if store.multi_document else None
        rows = args.limit or TABLE_ROWS
        scope = _scope(store, query)
        print_notes(found.notes, query, bool(hits or sentences), scope)
        if sentences:
            print_sentences(sentences, query, store.documents, rows=rows, scope=scope)
        if hits:
            print_hits(hits, query, rows=rows, kinds=kinds, documents=documents, scope=scope)
    else:
        title = f"Search “{query.strip()}”"
        sys.stdout.write(export_text([h.record for h in hits], store, fmt, title=title))
    return 0 if hits or sentences else EXIT_NO_HITS


def _hit_json(store: Store, hit: Hit) -> dict[str, Any]:
    """A record hit as JSON: the record, its score, what matched and why."""
    from oic_tui.search.service import explain
    from oic_tui.search.snippets import snippet

    found = snippet(hit)
    why = None
    if found is not None:
        spans = [list(span) for span in found.spans]
        why = {"field": found.field, "text": found.text, "highlights": spans}
    return {
        **record_json(hit.record),
        "score": round(hit.score, 4),
        "matches": explain(store, hit),
        # Why it matched, when the title alone does not show it (else null).
        "snippet": why,
        # True when no record holds every word: this one holds the most.
        "partial_match": hit.partial,
        "missing_words": list(hit.missing),
    }


def _sentence_json(hit: SentenceHit) -> dict[str, Any]:
    """A sentence of the text holding every word, as JSON: where it stands, its text (the
    matched words at `highlights`, offsets into it), the records drawn from it."""
    from oic_tui.search.snippets import match_spans

    return {
        "kind": "sentence",
        "doc": hit.doc,
        "sentence": hit.number,
        "text": hit.text,
        "records": list(hit.records),
        "highlights": [list(span) for span in match_spans(hit.text, hit.terms, hit.phrases)],
    }


def _scope(store: Store, query: str) -> str:
    """What the query's `doc:` filters keep, for headings: `in <label>`, `in 3 documents`."""
    from oic_tui.search.docfilter import named_documents
    from oic_tui.search.query import filter_values

    kept = named_documents(tuple(store.documents.values()), filter_values(query, "doc"))
    if not kept:
        return ""
    if len(kept) == 1:
        return f"in {store.documents[next(iter(kept))].short}"
    return f"in {counted(len(kept), 'document')}"


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
