"""The `oic-tui` argument parser: commands, options and their help."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import NoReturn

from oic_tui.present.syntax import ALL_SYNTAX, SyntaxRow
from oic_tui.store.sanitize import one_line, quoted

from .common import EXIT_ERROR, MESSAGE_LIMIT, TABLE_ROWS, VERBOSE_ENV

# The width `search --help` wraps the syntax's meanings to.
HELP_WIDTH = 80


def syntax_help(rows: tuple[SyntaxRow, ...] = ALL_SYNTAX) -> str:
    """The query syntax table of `search --help`, its meanings wrapped beside the examples."""
    width = max(len(example) for example, _ in rows)
    lines = ["query syntax (the explorer's too; docs/search.md):"]
    for example, meaning in rows:
        wrapped = textwrap.wrap(meaning, HELP_WIDTH - width - 4) or [""]
        lines.append(f"  {example:<{width}}  {wrapped[0]}")
        lines.extend(f"  {'':<{width}}  {more}" for more in wrapped[1:])
    return "\n".join(lines) + "\n"


class Parser(argparse.ArgumentParser):
    """argparse whose error line echoes arguments inert, on one line."""

    # The subcommands' parsers, for an error in the usage of the command at fault.
    commands: dict[str, argparse.ArgumentParser]

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {one_line(message, MESSAGE_LIMIT)}\n")


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


def _common() -> tuple[Parser, Parser, Parser]:
    """Options also accepted after the command: --db and --corpus; --verbose; a lone -v.

    After `search` only --verbose: `-vienna` stays a word to exclude (a lone -v is taken).
    """
    paths = Parser(add_help=False)
    paths.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    paths.add_argument("--corpus", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    verbose = Parser(add_help=False)
    verbose.add_argument(
        "--verbose", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    short = Parser(add_help=False)
    short.add_argument(
        "-v", dest="verbose", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    return paths, verbose, short


# What `search` and `show` print: a readable table (or panel), JSON, or a file format.
FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "tsv", "md", "ids")


def _formats(command: Parser, what: str) -> None:
    """--format, and --json as its older short form."""
    command.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        metavar="FORMAT",
        help=f"{what}: table (readable, the default), json, jsonl (one object a line), csv or "
        "tsv (id, kind, title, summary, date, documents, quote), md (Markdown with the "
        "quotes) or ids (one a line)",
    )
    command.add_argument(
        "--json", dest="format", action="store_const", const="json", help="--format json"
    )


def _port(value: str) -> int:
    """A TCP port, 0 (any free one) to 65535."""
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"{quoted(value, 40)} is not a port: use 0 to 65535")
    return int(value)


def _file_or_url(value: str) -> Path | str:
    """An http(s) URL as given (a Path would fold its `//`), anything else a file's path."""
    return value if value.lower().startswith(("https://", "http://")) else Path(value)


def build_parser() -> Parser:
    """The parser of every command."""
    parser = Parser(
        prog="oic-tui",
        description="Explore the OIC Council of Foreign Ministers (CFM) reports about "
        "Kazakhstan: the shipped corpus (the 42nd CFM, Kuwait, 27-28 May 2015, as Kazinform "
        "reported it) or a corpus folder of your own (--corpus DIR, made by `oic-tui init`). "
        "With no command, opens the terminal explorer.",
        epilog=f"{VERBOSE_ENV}=1 in the environment does the same as -v.",
    )
    parser.add_argument("--db", type=Path, help="store file to read (default: the shipped one)")
    parser.add_argument(
        "--corpus",
        type=Path,
        metavar="DIR",
        help="corpus folder to open, its store rebuilt first when its sources "
        "differ from those it was built from (instead of --db); also accepted after the command",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="say on stderr what oic-tui decides behind the scenes (e.g. not using the index "
        "cache); also accepted after the command",
    )
    paths, verbose, short = _common()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    search = commands.add_parser(
        "search",
        help="search records",
        parents=[paths, verbose],
        description="Search every record, and the sentences of the text when no record holds\n"
        "every word; exit 0 with hits (records or sentences), 1 with none, 2 on errors.\n"
        'In --json, a sentence is {"kind": "sentence", "doc", "sentence" (its number),\n'
        '"text", "records" (the ids of the records drawn from it), "highlights"}.',
        epilog=syntax_help(),
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
        help=f"at most N results (the table shows {TABLE_ROWS} unless given; other formats all)",
    )
    _formats(search, "how to print the hits")
    show = commands.add_parser(
        "show",
        help="show one record, or one document, with its links resolved",
        parents=[paths, verbose, short],
    )
    show.add_argument(
        "id", help="record id, e.g. initiative.aral-sea, or document id (see `oic-tui docs`)"
    )
    _formats(show, "how to print it (of a document, csv, tsv, md and ids give its records)")
    docs = commands.add_parser(
        "docs",
        help="list the documents of the store",
        parents=[paths, verbose, short],
        description="List the store's documents by date: id, date, place, title, publisher, "
        "url, and how many sentences and records each has.",
    )
    docs.add_argument("--json", action="store_true", help="print a JSON array of the documents")
    build = commands.add_parser(
        "build",
        help="compile a corpus folder into its store",
        parents=[paths, verbose, short],
        description="Compile a corpus folder (--corpus DIR; default: the shipped data/): its "
        "documents and the annotations quoting them, into its store (the file corpus.toml "
        "names, e.g. data/oic_cfm42.json; or --db FILE), written atomically, and cache its "
        "search index when it is large. Nothing else is written; a problem is one line naming "
        "its record, exit 2, and the old store is left as it was.",
    )
    # The name of --corpus before corpora: the data folder.
    build.add_argument(
        "--data", dest="corpus", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    check = commands.add_parser(
        "check",
        help="validate a store; exit 1 if it has problems",
        parents=[paths, verbose, short],
        description="Check every record against its document and report each document's "
        "sentence coverage (and the total); exit 0 when clean, 1 with problems, 2 on errors.",
    )
    check.add_argument("store", nargs="?", type=Path, help="store file (same as --db)")
    init = commands.add_parser(
        "init",
        help="create a corpus folder to extend",
        parents=[verbose, short],
        description="Create a corpus folder holding the shipped document and its annotations, "
        "and build its store. Add documents under DIR/documents/<id>/, then open it with "
        "`oic-tui --corpus DIR`, which rebuilds the store when a source changes. DIR must not "
        "exist or be empty; nothing outside it is written.",
    )
    init.add_argument("dir", type=Path, metavar="DIR", help="the new corpus folder")
    imports = commands.add_parser(
        "import",
        help="add news texts to a corpus, with draft records",
        parents=[paths, verbose, short],
        description="Copy each text byte for byte into the corpus (--corpus DIR) as a new "
        "document, read its date, place, publisher and headline from its dateline, and write "
        "draft records for review: an event for every dated sentence, the entities each "
        "sentence names, Kazakhstan's initiatives, and new names as entity stubs. A refused "
        "file is said and skipped; a text already in the corpus changes nothing. The options "
        "override what is read from the texts. A web page (a saved .html file or an http(s) "
        "URL, fetched) is imported as the article text extracted from it (the web extra).",
    )
    imports.add_argument(
        "files",
        nargs="+",
        type=_file_or_url,
        metavar="FILE",
        help="UTF-8 texts, saved web pages (.html) or http(s) URLs",
    )
    imports.add_argument("--id", help="the document id (one file only)")
    imports.add_argument("--date", help="the date of texts that state none: YYYY-MM-DD or YYYY-MM")
    imports.add_argument(
        "--force-date",
        action="store_true",
        help="use --date even where a text states another date (else that text is refused)",
    )
    imports.add_argument("--place", help="the dateline's place")
    imports.add_argument("--publisher", help="the agency or paper")
    imports.add_argument("--title", help="the headline")
    imports.add_argument("--url", help="where it was published (http or https)")
    drafts = commands.add_parser(
        "drafts",
        help="list a corpus's drafts by document",
        parents=[paths, verbose, short],
        description="List the drafts of a corpus folder (--corpus DIR) by document: id (a "
        "step row's is step:<initiative>:<doc>:<n>), kind, title, file, and the build's "
        "notes on each (what to fix before accepting it).",
    )
    drafts.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        metavar="FORMAT",
        help="table (the default), json, jsonl, csv, tsv (id, kind, title, doc, file, "
        "notes), md or ids (one a line)",
    )
    drafts.add_argument(
        "--json", dest="format", action="store_const", const="json", help="--format json"
    )
    decide = {
        "accept": "accept drafts: remove draft = true where the record keeps every rule",
        "reject": "reject drafts: remove each record's table",
    }
    deciders = {}
    for name, summary in decide.items():
        deciders[name] = commands.add_parser(
            name,
            help=summary,
            parents=[paths, verbose, short],
            description=f"{summary[0].upper()}{summary[1:]}, in a corpus folder (--corpus DIR), "
            "each id in turn, one line each; a decision that would break a build rule (or "
            "leave a link dangling) writes nothing and says which. Comments and layout stay. "
            "Exit 0 when every id is decided, 2 otherwise; the store is rebuilt once.",
        )
        deciders[name].add_argument(
            "ids", nargs="+", metavar="ID", help="a draft's id (see `oic-tui drafts`)"
        )
    review = commands.add_parser(
        "review",
        help="review a corpus's drafts in the explorer",
        parents=[paths, verbose, short],
        description="Open the explorer on a corpus folder (--corpus DIR) straight into the "
        "review of a document's drafts: its sentences, the drafts drawn from each, and keys "
        "to accept (a), reject (x), edit the title (t) and undo (u) (docs/keys.md).",
    )
    review.add_argument(
        "doc",
        nargs="?",
        default="",
        metavar="DOC",
        help="the document's id (see `oic-tui docs`; default: the first with drafts)",
    )
    serve = commands.add_parser(
        "serve",
        help="serve the explorer to a web browser (the web extra)",
        parents=[paths, verbose, short],
        description="Serve the explorer to web browsers, each page a session of its own "
        "(textual-serve, in the web extra: pip install 'oic-tui[web]'), on this machine only "
        "unless --public. A stale --corpus store is rebuilt once, first; the sessions read the "
        "store and write nothing outside a temporary folder: `e` downloads the export, `o` "
        "opens the document in a new tab. Prints the address to open; Ctrl+C or SIGTERM stops.",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument(
        "--port", type=_port, default=8000, help="the port (default: 8000; 0: any free one)"
    )
    serve.add_argument(
        "--public",
        action="store_true",
        help="allow a host other than loopback; anyone who reaches it can use the explorer "
        "(textual-serve has no authentication)",
    )
    parser.commands = {
        "search": search,
        "show": show,
        "docs": docs,
        "build": build,
        "check": check,
        "init": init,
        "import": imports,
        "drafts": drafts,
        "review": review,
        "serve": serve,
        **deciders,
    }
    return parser
