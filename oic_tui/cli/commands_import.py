"""`oic-tui import FILE... --corpus DIR`: news texts into a corpus, with draft annotations."""

from __future__ import annotations

import argparse
from pathlib import Path

from oic_tui.store.sanitize import one_line, quoted

from .common import EXIT_ERROR, fail, say


def run_import(args: argparse.Namespace) -> int:
    """Import each file (a refused one is said and skipped), then build the corpus once."""
    from oic_tui.ingest.importer import (
        AliasSource,
        Importer,
        ImportOptions,
        check_options,
        corpus_entities,
    )
    from oic_tui.store.build import BuildError
    from oic_tui.store.corpus import find_corpus
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
    )
    files: list[Path] = args.files
    if problem := check_options(options, files):
        return fail(problem)
    try:
        corpus = find_corpus(args.corpus)
        entities = corpus_entities(corpus)
    except StoreError as error:
        return fail(str(error))
    except BuildError as error:
        for line in error.problems:
            say(line, "oic-tui build")
        return fail(f"{one_line(str(args.corpus))}: fix the corpus before importing into it")
    try:
        results = Importer(corpus, AliasSource(entities), options).run(files)
    except OSError as error:
        return fail(f"{one_line(str(args.corpus))}: cannot write ({error.strerror or error})")
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
        from .commands_corpus import corpus_store

        # Built now, so that the next `--corpus` opens at once (and problems show here).
        store = corpus_store(corpus.root, note=False)
        if store is None:
            return EXIT_ERROR
        print(f"built {one_line(str(store))}")
        print(f"review the drafts, then: oic-tui --corpus {quoted(str(corpus.root), 120)}")
    return status
