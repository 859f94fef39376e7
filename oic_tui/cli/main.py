"""The `oic-tui` command: the explorer and every command (search, show, ..., accept, reject)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from oic_tui.store.sanitize import one_line
from oic_tui.store.words import counted

from .common import EXIT_ERROR, EXIT_PIPE, TABLE_ROWS, VERBOSE_ENV, fail
from .parser import Parser, build_parser

if TYPE_CHECKING:
    from oic_tui.search.indexcache import IndexCache

__all__ = ["TABLE_ROWS", "main"]


def _arguments(parser: Parser, argv: list[str] | None) -> argparse.Namespace:
    """Parsed arguments; `-word` after `search` is query syntax (exclude), not an option."""
    args, unknown = parser.parse_known_args(argv)
    if args.command == "search":
        if "-v" in unknown:
            args.verbose = True
            unknown = [word for word in unknown if word != "-v"]
        options = [word for word in unknown if word.startswith("--")]
        if options:
            parser.error(f"unrecognized arguments: {' '.join(options)}")
        args.query = [*args.query, *unknown]
        if not args.query:
            parser.commands["search"].error("the following arguments are required: query")
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    return args


def _store_path(args: argparse.Namespace) -> Path | int | None:
    """The store a command reads: --corpus's (rebuilt if stale), --db or check's argument.

    None is the shipped store; an int is the exit status of a failure already reported.
    """
    named: Path | None = getattr(args, "store", None) or args.db
    if args.corpus is None:
        return named
    if named is not None:
        return fail("give a store file (--db) or a corpus folder (--corpus), not both")
    from .commands_corpus import corpus_store

    path = corpus_store(args.corpus)
    return EXIT_ERROR if path is None else path


def _index_cache(args: argparse.Namespace) -> IndexCache:
    """The index cache of this run, from the environment; verbose with -v (or the variable),
    except in the explorer, which holds the terminal: it says the cache's notes on quitting."""
    from oic_tui.search.indexcache import IndexCache

    return IndexCache.from_environment(verbose=args.verbose and args.command is not None)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `oic-tui` console script; a closed stdout ends it quietly."""
    try:
        try:
            return _run(argv)
        finally:
            # Flushed here, not at the interpreter's exit: a reader gone by now is caught.
            sys.stdout.flush()
    except BrokenPipeError:
        # As grep ends when `head` stops reading: no traceback, 128 + SIGPIPE.
        _silence_stdout()
        return EXIT_PIPE


def _silence_stdout() -> None:
    """Point stdout at devnull (Python's docs on SIGPIPE): the final flush cannot raise again."""
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):
        return  # a stdout with no descriptor (a test's capture) has nothing left to flush
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def _run(argv: list[str] | None) -> int:
    """Parse the command line and run its command."""
    parser = build_parser()
    args = _arguments(parser, argv)
    args.verbose = args.verbose or os.environ.get(VERBOSE_ENV) == "1"
    cache = _index_cache(args)
    if args.command == "build":
        from .commands_corpus import run_build

        return run_build(args, cache)
    if args.command == "init":
        from .commands_corpus import run_init

        return run_init(args)
    if args.command == "import":
        from .commands_import import run_import

        return run_import(args)
    if args.command == "drafts":
        from .commands_review import run_drafts

        return run_drafts(args)
    if args.command in ("accept", "reject"):
        from .commands_review import run_decide

        return run_decide(args)
    if args.command == "review":
        from .launch import launch_review

        return launch_review(args, _store_path, cache)
    if args.command == "serve":
        from .serve import run_serve

        return run_serve(args, _store_path)
    if args.command is None:
        from .launch import launch, refused

        # Say there is no terminal before any rebuild of a --corpus store.
        if refused():
            return EXIT_ERROR
        where = _store_path(args)
        if isinstance(where, int):
            return where
        return launch(where, cache, args.verbose, corpus=args.corpus)
    where = _store_path(args)
    if isinstance(where, int):
        return where
    from oic_tui.store.reader import Store, StoreError

    try:
        store = Store.open(where)
    except StoreError as error:
        return fail(str(error))
    if store.problems and args.command != "check":
        print(
            f"oic-tui: {one_line(str(store.path))}: {counted(len(store.problems), 'problem')}, "
            "bad records skipped; run `oic-tui check` for the list",
            file=sys.stderr,
        )
    if args.command == "search":
        from .commands_records import run_search

        return run_search(args, store, cache)
    if args.command == "show":
        from .commands_records import run_show

        return run_show(args, store)
    if args.command == "docs":
        from .commands_docs import run_docs

        return run_docs(store, as_json=args.json)
    from .commands_check import run_check

    return run_check(store)


if __name__ == "__main__":
    sys.exit(main())
