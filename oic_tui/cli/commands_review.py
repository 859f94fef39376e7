"""`oic-tui drafts`, `accept` and `reject`: a corpus's drafts listed and decided, for scripts."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from typing import TYPE_CHECKING, Any

from oic_tui.present.export import formula_like, json_lines, markdown_text
from oic_tui.store.sanitize import one_line, quoted

from .common import EXIT_ERROR, fail, print_json, say

if TYPE_CHECKING:
    from oic_tui.corpus.review import Draft, Review

_COLUMNS = ("id", "kind", "title", "doc", "file", "notes")
_DONE = {"accept": "accepted", "reject": "rejected"}


def _review(args: argparse.Namespace, command: str) -> Review | None:
    """The corpus's review session, or None once the reason is said."""
    from oic_tui.corpus.review import Review
    from oic_tui.store.reader import StoreError

    if getattr(args, "corpus", None) is None:
        fail(f"{command} needs the corpus whose drafts it reads: --corpus DIR")
        return None
    if getattr(args, "db", None) is not None:
        fail(f"{command} works on a corpus folder (--corpus), not a store file (--db)")
        return None
    try:
        return Review(args.corpus)
    except StoreError as error:
        fail(str(error))
    except OSError as error:
        fail(f"{one_line(str(args.corpus))}: cannot read the corpus ({error.strerror or error})")
    return None


def _row(draft: Draft, review: Review) -> dict[str, Any]:
    return {
        "id": draft.address,
        "kind": draft.kind,
        "title": draft.title,
        "doc": draft.doc,
        "file": draft.path.relative_to(review.root).as_posix(),
        "notes": list(draft.notes),
    }


def run_drafts(args: argparse.Namespace) -> int:
    """List the corpus's drafts by document, each with the build's notes on it."""
    review = _review(args, "drafts")
    if review is None:
        return EXIT_ERROR
    rows = [_row(draft, review) for draft in review.drafts()]
    fmt = args.format
    if fmt == "json":
        print_json(rows)
    elif fmt == "jsonl":
        sys.stdout.write(json_lines(rows))
    elif fmt == "ids":
        for row in rows:
            print(one_line(row["id"]))
    elif fmt in ("csv", "tsv"):
        sys.stdout.write(_delimited(rows, "," if fmt == "csv" else "\t"))
    elif fmt == "md":
        _markdown(rows)
    else:
        _table(rows)
    return 0


def _delimited(rows: list[dict[str, Any]], delimiter: str) -> str:
    """A header, then a row per draft; a cell a spreadsheet would run gets a leading `'`."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(_COLUMNS)
    for row in rows:
        cells = [" | ".join(row[c]) if c == "notes" else row[c] for c in _COLUMNS]
        writer.writerow([f"'{cell}" if formula_like(cell) else cell for cell in cells])
    return out.getvalue()


def _markdown(rows: list[dict[str, Any]]) -> None:
    doc = None
    for row in rows:
        if row["doc"] != doc:
            doc = row["doc"]
            print(f"{'' if doc == rows[0]['doc'] else chr(10)}## {markdown_text(one_line(doc))}\n")
        # Store text is data: escaped, so a title's `*` or `&lrm;` is never markup.
        print(
            f"- `{one_line(row['id'])}` ({row['kind']}, {markdown_text(one_line(row['file']))}): "
            f"{markdown_text(one_line(row['title'], 200))}"
        )
        for note in row["notes"]:
            print(f"  - {markdown_text(one_line(note, 300))}")


def _table(rows: list[dict[str, Any]]) -> None:
    if not rows:
        print("no drafts: every record is reviewed")
        return
    doc = None
    for row in rows:
        if row["doc"] != doc:
            doc = row["doc"]
            print(f"{one_line(doc)}:")
        print(
            f"  {one_line(row['id'])}  {row['kind']}  {quoted(row['title'], 80)}  "
            f"({one_line(row['file'])})"
        )
        for note in row["notes"]:
            print(f"      note: {one_line(note, 300)}")


def run_decide(args: argparse.Namespace) -> int:
    """Accept or reject each id in turn, one line each, then rebuild the store once."""
    from oic_tui.corpus.review import Conflict, Refused

    command = args.command
    review = _review(args, command)
    if review is None:
        return EXIT_ERROR
    status = 0
    decided = False
    decide = review.accept if command == "accept" else review.reject
    for address in args.ids:
        try:
            try:
                decision = decide(address)
            except Conflict:  # reloaded: decided again once on the file as it is now
                decision = decide(address)
        except Refused as refused:
            why = "; ".join(refused.problems)
            say(f"{one_line(address)}: not {_DONE[command]}: {why}", f"oic-tui {command}")
            status = EXIT_ERROR
            continue
        decided = True
        print(one_line(str(decision)))
    if decided:
        from .commands_corpus import corpus_store

        store = corpus_store(review.root, note=False)
        if store is None:
            return EXIT_ERROR
        print(f"built {one_line(str(store))}")
    return status
