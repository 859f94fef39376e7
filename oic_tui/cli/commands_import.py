"""`oic-tui import FILE... --corpus DIR`: news texts into a corpus, with draft annotations."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from oic_tui.store.sanitize import one_line, quoted

from .common import EXIT_ERROR, fail, say

if TYPE_CHECKING:
    from oic_tui.corpus.folder import Corpus
    from oic_tui.ingest.importer import ImportOptions


def run_import(args: argparse.Namespace) -> int:
    """Import each file (a refused one is said and skipped), then build the corpus once."""
    from oic_tui.corpus.folder import find_corpus
    from oic_tui.corpus.lock import corpus_lock
    from oic_tui.ingest.importer import ImportOptions, check_options
    from oic_tui.store.reader import StoreError

    if getattr(args, "corpus", None) is None:
        return fail(
            "import needs the corpus to add to: --corpus DIR (`oic-tui init DIR` makes one)"
        )
    if getattr(args, "db", None) is not None:
        return fail("import writes into a corpus folder (--corpus), not a store file (--db)")
    options = ImportOptions(
        id=args.id or "",
        date=args.date or "",
        place=args.place or "",
        publisher=args.publisher or "",
        title=args.title or "",
        url=args.url or "",
        force_date=bool(getattr(args, "force_date", False)),
    )
    files: list[Path | str] = args.files
    if problem := check_options(options, files):
        return fail(problem)
    try:
        corpus = find_corpus(args.corpus)
        # Held through the build: a build from an older listing never lands over this one.
        with corpus_lock(corpus.root):
            return _import_and_build(corpus, options, files)
    except StoreError as error:
        return fail(str(error))


def _import_and_build(corpus: Corpus, options: ImportOptions, files: list[Path | str]) -> int:
    """Import under the corpus lock, say what became of each file, then build the store."""
    from oic_tui.corpus.build import BuildError
    from oic_tui.ingest.importer import AliasSource, Importer, corpus_entities

    try:
        entities = corpus_entities(corpus)
    except BuildError as error:
        for line in error.problems:
            say(line, "oic-tui build")
        return fail(f"{one_line(str(corpus.root))}: fix the corpus before importing into it")
    try:
        results = Importer(corpus, AliasSource(entities), options).run(files)
    except OSError as error:
        # The file the write was refused at when known (a link, a pipe), else the corpus.
        where = error.filename or corpus.root
        return fail(f"{one_line(str(where))}: cannot write ({error.strerror or error})")
    store: Path | None = None
    if any(result.doc_id for result in results):
        from .commands_corpus import corpus_store

        # Built now, under the same lock and before anything is printed: the next
        # `--corpus` opens at once, and a reader that stops early cannot cut the build off.
        store = corpus_store(corpus.root, note=False)
    status = 0
    for result in results:
        name = quoted(str(result.path), 120)
        if result.refused:
            say(f"{name}: {result.refused}; skipped", "oic-tui import")
            status = EXIT_ERROR
        elif result.already:
            print(f"{name}: already in the corpus as {one_line(result.already)}; nothing changed")
        else:
            print(f"imported {name} as {one_line(result.doc_id)}")
            for line in result.summary:
                print(f"  {one_line(line, 300)}")
    if any(result.doc_id for result in results):
        if store is None:
            return EXIT_ERROR
        print(f"built {one_line(str(store))}")
        print(f"review the drafts, then: oic-tui --corpus {quoted(str(corpus.root), 120)}")
    return status
