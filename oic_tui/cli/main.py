"""The `oic-tui` command: the explorer, plus scriptable search, show, build and check."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from oic_tui.store.sanitize import clean_text, one_line, quoted

if TYPE_CHECKING:
    from oic_tui.store.models import Record
    from oic_tui.store.reader import Store

EXIT_ERROR = 2
# As grep and ripgrep: 0 with hits, 1 when a search finds nothing, 2 on errors.
EXIT_NO_HITS = 1
COVERAGE_LINES = 10
# The table shows this many hits unless --limit says otherwise; --json always has them all.
TABLE_ROWS = 50
# Every line printed is one line, whatever a path, id or message holds.
MESSAGE_LIMIT = 2000
# Read by any layer (the index cache, say) without importing the CLI.
VERBOSE_ENV = "OIC_TUI_VERBOSE"


class _Parser(argparse.ArgumentParser):
    """argparse whose error line echoes arguments inert, on one line."""

    # The subcommands' parsers, for an error in the usage of the command at fault.
    commands: dict[str, argparse.ArgumentParser]

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {one_line(message, MESSAGE_LIMIT)}\n")


def _parser() -> _Parser:
    parser = _Parser(
        prog="oic-tui",
        description="Explore the 42nd OIC Council of Foreign Ministers (Kuwait, 27-28 May 2015). "
        "With no command, opens the terminal explorer.",
        epilog=f"{VERBOSE_ENV}=1 in the environment does the same as -v.",
    )
    parser.add_argument("--db", type=Path, help="store file to read (default: the shipped one)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="say on stderr what oic-tui decides behind the scenes (e.g. not using the index "
        "cache); also accepted after the command",
    )
    # --db and -v are also accepted after the command (`oic-tui search x --db F`). After
    # `search`, only --verbose and a lone -v: `-vienna` stays a word to exclude.
    common = _Parser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument(
        "--verbose", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    short = _Parser(add_help=False)
    short.add_argument(
        "-v", dest="verbose", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    search = commands.add_parser(
        "search",
        help="search records",
        parents=[common],
        description="Search every record; exit 0 with hits, 1 with none, 2 on errors.",
        epilog=SEARCH_SYNTAX,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    search.add_argument("query", nargs="*", help="words that must all match (-word excludes one)")
    search.add_argument(
        "--kind",
        type=_kind,
        action="append",
        metavar="KIND",
        help="only records of this kind: event, topic, initiative, fact or entity (plurals "
        "too); repeat for either",
    )
    search.add_argument(
        "--limit",
        type=int,
        default=None,
        help=f"at most N results (the table shows {TABLE_ROWS} unless given; --json all)",
    )
    search.add_argument("--json", action="store_true", help="print a JSON array of every hit")
    show = commands.add_parser(
        "show", help="show one record with its links resolved", parents=[common, short]
    )
    show.add_argument("id", help="record id, e.g. initiative.aral-sea")
    show.add_argument("--json", action="store_true", help="print the record as JSON")
    build = commands.add_parser(
        "build",
        help="compile data/annotations into the store",
        parents=[common, short],
        description="Compile DATA/annotations/*.toml and the article they quote into the store "
        "DATA/oic_cfm42.json (or --db FILE), written atomically, and cache its search index "
        "when it is large. Nothing else is written; a problem is one line naming its record, "
        "exit 2, and the old store is left as it was.",
    )
    build.add_argument("--data", type=Path, help="data folder with annotations/ (default: shipped)")
    check = commands.add_parser(
        "check", help="validate a store; exit 1 if it has problems", parents=[common, short]
    )
    check.add_argument("store", nargs="?", type=Path, help="store file (same as --db)")
    parser.commands = {"search": search, "show": show, "build": build, "check": check}
    return parser


SEARCH_SYNTAX = """query syntax (the explorer's too; README "Search"):
  aral sea            every word must match, any order; case and accents ignored
  semip               prefixes match as you type; longer words forgive a typo
  "food security"     exact phrase
  -yemen  -"a b"      exclude a word or phrase (alone: every other record)
  yemen | libya       either
  kind:initiatives    one kind (event, topic, initiative, fact, entity; plurals too)
  entity:astana       an entity and the records that mention it
  year:2015  year:2010..  year:1990..2000
"""


def _version() -> str:
    from oic_tui import __version__

    return __version__


def _kind(value: str) -> str:
    """A kind from --kind, plurals accepted as in the query syntax."""
    from oic_tui.search.query import KIND_NAMES

    kind = KIND_NAMES.get(value.strip().lower())
    if kind is None:
        raise argparse.ArgumentTypeError(
            f"{quoted(value, 40)} is not a kind: use event, topic, initiative, fact or entity"
        )
    return kind


def _fail(message: str) -> int:
    print(f"oic-tui: {one_line(message, MESSAGE_LIMIT)}", file=sys.stderr)
    return EXIT_ERROR


def record_json(record: Record) -> dict[str, Any]:
    """A record as plain JSON-ready data."""
    return {
        "id": record.id,
        "kind": record.kind,
        "title": record.title,
        "text": record.text,
        "date": record.date.display() if record.date else None,
        "date_precision": record.date.precision if record.date else None,
        "phase": record.phase or None,
        "summary": record.summary,
        "category": record.category or None,
        "status": record.status or None,
        "value": record.value or None,
        "proposed_by": list(record.proposed_by),
        "presented_by": list(record.presented_by),
        "promoted_by": list(record.promoted_by),
        "venues": list(record.venues),
        "type": record.entity_type or None,
        "aliases": list(record.aliases),
        "entities": list(record.entities),
        "related": list(record.related),
        "sources": [
            {"doc": s.doc, "start": s.start, "end": s.end, "quote": s.quote} for s in record.sources
        ],
    }


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _search(args: argparse.Namespace, store: Store) -> int:
    if args.limit is not None and args.limit < 1:
        return _fail("--limit must be at least 1")
    from oic_tui.search.engine import Hit
    from oic_tui.search.service import explain, search

    # A query is echoed back ("No records match ..."): it must not act on the terminal.
    query = clean_text(" ".join(args.query))
    if not query.strip():
        return _fail("the query is empty; see `oic-tui --help` and the README for the syntax")
    kinds = list(dict.fromkeys(args.kind or ()))
    if len(kinds) == 1:
        hits = search(store, query, kind=kinds[0], limit=args.limit)
    else:
        # Either of several kinds: the ranking of all of them, then the limit.
        hits = [h for h in search(store, query) if not kinds or h.record.kind in kinds]
        hits = hits[: args.limit] if args.limit else hits
    if args.json:
        from oic_tui.search.snippets import snippet

        def why(hit: Hit) -> dict[str, Any] | None:
            found = snippet(hit)
            if found is None:
                return None
            spans = [list(span) for span in found.spans]
            return {"field": found.field, "text": found.text, "highlights": spans}

        _print_json(
            [
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
        )
        return 0 if hits else EXIT_NO_HITS
    from .output import print_hits

    # Without --limit every hit is fetched, to say how many the table leaves out.
    print_hits(hits, query, rows=args.limit or TABLE_ROWS, kinds=kinds)
    return 0 if hits else EXIT_NO_HITS


def _show(args: argparse.Namespace, store: Store) -> int:
    record = store.get(args.id)
    if record is None:
        hint = _suggestions(store, args.id)
        return _fail(f"{one_line(str(store.path))}: no record with id {quoted(args.id)}{hint}")
    if args.json:
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
        _print_json(data)
        return 0
    from .output import print_record

    print_record(record, store)
    return 0


def _build(args: argparse.Namespace) -> int:
    from oic_tui.store.build import BuildError, write_store
    from oic_tui.store.corpus import compile_corpus, find_corpus
    from oic_tui.store.reader import StoreError, data_dir

    source = args.data or data_dir()
    try:
        target = args.db or find_corpus(source).store_path
        result = compile_corpus(source)
    except StoreError as error:
        return _fail(str(error))
    except BuildError as error:
        for problem in error.problems:
            print(f"oic-tui build: {one_line(problem, MESSAGE_LIMIT)}", file=sys.stderr)
        return EXIT_ERROR
    except (OSError, KeyError, UnicodeDecodeError, ValueError) as error:
        return _fail(f"{one_line(str(source))}: cannot read annotations ({error})")
    try:
        written = write_store(result.store, target)
    except OSError as error:
        return _fail(f"{one_line(str(target))}: cannot write the store ({error.strerror or error})")
    records = len(result.store["records"])
    print(
        f"built {one_line(str(target))}: {records} records, sentence coverage {result.covered}/"
        f"{result.sentence_count} ({result.coverage:.0%})"
    )
    for sentence in result.uncovered:
        print(f"  uncovered: {quoted(sentence, 70)}")
    for warning in result.warnings:
        print(f"oic-tui build: warning: {one_line(warning, MESSAGE_LIMIT)}", file=sys.stderr)
    _cache_index(written)
    return 0


def _cache_index(path: Path) -> None:
    """Index a freshly built store now, so the first launch finds its index cached."""
    from oic_tui.search.service import engine_for
    from oic_tui.store.reader import Store, StoreError

    try:
        store = Store.open(path)
    except StoreError:
        return  # `check` says what is wrong; the build itself succeeded
    if not store.fingerprint:
        return  # too small to be worth caching: it indexes in a blink
    saving = engine_for(store).index.saving
    if saving is not None:
        saving.join()


def _share(covered: int, total: int) -> str:
    return f"{covered:,}/{total:,} ({covered / total if total else 1.0:.0%})"


def _check(store: Store) -> int:
    from oic_tui.store.check import check_store

    report = check_store(store)
    for problem in report.problems:
        print(f"problem: {one_line(problem, MESSAGE_LIMIT)}")
    if len(report.coverage) <= COVERAGE_LINES:
        for doc_id, (covered, total) in report.coverage.items():
            print(f"{one_line(doc_id)}: sentence coverage {_share(covered, total)}")
    else:
        # One line, not one per document: uncovered sentences are listed as problems.
        covered = sum(c for c, _ in report.coverage.values())
        total = sum(t for _, t in report.coverage.values())
        partial = sum(1 for c, t in report.coverage.values() if c < t)
        print(
            f"{len(report.coverage):,} documents: sentence coverage {_share(covered, total)}, "
            f"{partial:,} not fully covered"
        )
    print(f"{len(store.records):,} records, {len(report.problems):,} problems")
    return 0 if report.ok else 1


def _suggestions(store: Store, wanted: str) -> str:
    """`; did you mean ...?` with ids that end with or resemble what was asked for."""
    import difflib

    key = wanted.strip().lower()
    ids = [r.id for r in store.records]
    close = [i for i in ids if i.lower().partition(".")[2] == key or i.lower() == key]
    close += [i for i in ids if key and key in i.lower() and i not in close]
    close += [i for i in difflib.get_close_matches(wanted, ids, n=3) if i not in close]
    if not close:
        return ""
    return f"; did you mean {', '.join(one_line(i, 80) for i in close[:5])}?"


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `oic-tui` console script."""
    parser = _parser()
    args, unknown = parser.parse_known_args(argv)
    if args.command == "search":
        if "-v" in unknown:
            args.verbose = True
            unknown = [word for word in unknown if word != "-v"]
        # `-aral` is search syntax (exclude), not an option: it joins the query.
        options = [word for word in unknown if word.startswith("--")]
        if options:
            parser.error(f"unrecognized arguments: {' '.join(options)}")
        args.query = [*args.query, *unknown]
        if not args.query:
            parser.commands["search"].error("the following arguments are required: query")
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.verbose:
        os.environ[VERBOSE_ENV] = "1"
    if args.command == "build":
        return _build(args)
    from oic_tui.store.reader import Store, StoreError

    if args.command is None:
        from .launch import launch

        return launch(args.db)
    try:
        store = Store.open(getattr(args, "store", None) or args.db)
    except StoreError as error:
        return _fail(str(error))
    if store.problems and args.command != "check":
        print(
            f"oic-tui: {one_line(str(store.path))}: {len(store.problems):,} problems, bad records "
            "skipped; run `oic-tui check` for the list",
            file=sys.stderr,
        )
    if args.command == "search":
        return _search(args, store)
    if args.command == "show":
        return _show(args, store)
    return _check(store)


if __name__ == "__main__":
    sys.exit(main())
