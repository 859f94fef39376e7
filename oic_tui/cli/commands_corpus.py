"""Corpus folders: `build`, `init`, and `--corpus`, which rebuilds a stale store first."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

from oic_tui.store.sanitize import one_line, quoted
from oic_tui.store.words import counted

from .common import COVERAGE_LINES, EXIT_ERROR, fail, say, share

if TYPE_CHECKING:
    from oic_tui.corpus.build import BuildResult
    from oic_tui.search.indexcache import IndexCache


def _compiled(root: Path) -> BuildResult | None:
    """A corpus compiled, or None once its problems are said, one line each."""
    from oic_tui.corpus.build import BuildError
    from oic_tui.corpus.folder import compile_corpus
    from oic_tui.store.reader import StoreError

    try:
        return compile_corpus(root)
    except StoreError as error:
        fail(str(error))
    except BuildError as error:
        for problem in error.problems:
            say(problem, "oic-tui build")
    except (OSError, KeyError, UnicodeDecodeError, ValueError) as error:
        fail(f"{one_line(str(root))}: cannot read annotations ({error})")
    return None


def _written(
    result: BuildResult, target: Path, replace_link: bool = False, drafts_in_full: bool = True
) -> Path | None:
    """Where the store went (atomically), or None once the reason is said.

    Never through a symlink: one named by `build --db` (`replace_link`) is replaced itself.
    """
    from oic_tui.corpus.build import write_store

    try:
        written = write_store(result.store, target, result.stamp_ns, replace_link=replace_link)
    except OSError as error:
        fail(f"{one_line(str(target))}: cannot write the store ({error.strerror or error})")
        return None
    on_drafts = 0
    for warning in result.warnings:
        if drafts_in_full or ": draft " not in warning:
            say(f"warning: {warning}", "oic-tui build")
        else:
            on_drafts += 1
    if on_drafts:
        # What each draft's review must fix: listed by `drafts`, not on every rebuild.
        say(
            f"{counted(on_drafts, 'note')} on drafts still to review "
            "(`oic-tui drafts --corpus DIR` lists them)",
            "oic-tui build",
        )
    return written


def _checked_target(target: Path, named: bool) -> Path | None:
    """Where a symlinked `--db` leads (it is replaced, not written through), else None.

    StoreError in one line for a target that may not be written: a pipe, device, socket or
    folder, a missing folder, or (for a corpus's own store) any symlink.
    """
    from oic_tui.corpus.atomic import UnsafeTarget, check_target
    from oic_tui.store.reader import StoreError

    try:
        return check_target(target, replace_link=named)
    except UnsafeTarget as error:
        raise StoreError(
            f"{one_line(str(target))}: cannot write the store ({error.strerror})"
        ) from None


def run_build(args: argparse.Namespace, cache: IndexCache) -> int:
    """`oic-tui build`: compile a corpus folder (the shipped one by default) into its store."""
    from oic_tui.corpus.folder import find_corpus
    from oic_tui.corpus.lock import corpus_lock
    from oic_tui.store.reader import StoreError, data_dir

    source = args.corpus or data_dir()
    named = args.db is not None
    try:
        target = args.db or find_corpus(source).store_path
        # Refused before a build is spent on it; the write itself checks again.
        link_to = _checked_target(target, named)
        with corpus_lock(source):
            result = _compiled(source)
            written = _written(result, target, named) if result is not None else None
    except StoreError as error:
        return fail(str(error))
    if result is None or written is None:
        return EXIT_ERROR
    if link_to is not None:
        say(
            f"{one_line(str(target))} was a symbolic link to {one_line(str(link_to))}: "
            "the link itself was replaced by the store; the file it led to is unchanged"
        )
    records = len(result.store["records"])
    print(
        f"built {one_line(str(target))}: {counted(records, 'record')}, sentence coverage "
        f"{share(result.covered, result.sentence_count)}"
    )
    if 1 < len(result.coverage_by_doc) <= COVERAGE_LINES:
        for doc_id, (covered, total) in result.coverage_by_doc.items():
            print(f"  {one_line(doc_id)}: sentence coverage {share(covered, total)}")
    for sentence in result.uncovered:
        print(f"  uncovered: {quoted(sentence, 70)}")
    _cache_index(written, cache)
    return 0


def _cache_index(path: Path, cache: IndexCache) -> None:
    """Index a freshly built store now, so the first launch finds its index cached."""
    from oic_tui.search.service import engine_for
    from oic_tui.store.reader import Store, StoreError

    try:
        store = Store.open(path)
    except StoreError:
        return  # `check` says what is wrong; the build itself succeeded
    if not store.fingerprint:
        return  # too small to be worth caching: it indexes in a blink
    engine_for(store, cache)
    cache.wait()


def corpus_store(folder: Path, note: bool = True) -> Path | None:
    """The store of a corpus folder, rebuilt first if its sources differ; None on failure.

    The rebuild holds the corpus lock, and asks again once it has it: another writer may
    have rebuilt the store meanwhile. A failed rebuild leaves the old store as it was (and
    it is not opened: it is out of date).
    """
    from oic_tui.corpus.folder import find_corpus, stale_because
    from oic_tui.corpus.lock import corpus_lock
    from oic_tui.store.reader import StoreError

    try:
        corpus = find_corpus(folder)
        if not stale_because(corpus):
            return corpus.store_path
        with corpus_lock(corpus.root):
            if not (why := stale_because(corpus)):
                return corpus.store_path
            _checked_target(corpus.store_path, named=False)
            if note:
                say(f"rebuilding {one_line(str(corpus.store_path))} ({why})…")
            result = _compiled(corpus.root)
            if result is None or _written(result, corpus.store_path, drafts_in_full=False) is None:
                return None
    except StoreError as error:
        fail(str(error))
        return None
    except OSError as error:
        fail(f"{one_line(str(folder))}: cannot read the corpus ({error.strerror or error})")
        return None
    return corpus.store_path


def run_init(args: argparse.Namespace) -> int:
    """`oic-tui init DIR`: a new corpus folder with the shipped document, built."""
    from oic_tui.corpus.folder import init_corpus
    from oic_tui.store.reader import Store, StoreError, data_dir

    if getattr(args, "db", None) or getattr(args, "corpus", None):
        return fail("init takes the new folder as its argument, not --db or --corpus")
    try:
        corpus = init_corpus(args.dir, data_dir())
        store = Store.open(corpus.store_path)
    except StoreError as error:
        return fail(str(error))
    except OSError as error:
        reason = error.strerror or error
        return fail(f"{one_line(str(args.dir))}: cannot create the corpus ({reason})")
    where = one_line(str(args.dir))
    again = shlex.quote(where)
    count = len(store.documents)
    print(
        f"created {where}: {counted(count, 'document')}, "
        f"{counted(len(store.records), 'record')}, store {one_line(corpus.store_path.name)}"
    )
    print(
        f"add documents as {where}/documents/<id>/ (document.toml, the text, annotations), "
        f"then run `oic-tui --corpus {again}`"
    )
    return 0
