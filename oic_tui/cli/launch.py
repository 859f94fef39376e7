"""Start the explorer UI, refusing when there is no terminal to draw on."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from oic_tui.store.sanitize import one_line

from .common import EXIT_ERROR, fail

if TYPE_CHECKING:
    from oic_tui.search.indexcache import IndexCache
    from oic_tui.store.reader import Store

# A store this small opens in milliseconds: it is opened while the UI's modules import, so
# the first paint already shows its records. A larger one would slow those imports (both
# are Python holding the GIL): the app opens it after the first paint instead.
OPEN_EARLY_BYTES = 1 << 20


def open_early(db: Path | None) -> Future[Store] | None:
    """Start opening a small store on a thread; None for a large or unreadable one."""
    from oic_tui.store.reader import Store, default_store_path

    try:
        if (db or default_store_path()).stat().st_size > OPEN_EARLY_BYTES:
            return None
    except OSError:
        return None  # the app's loader says what is wrong with it
    opened: Future[Store] = Future()

    def run() -> None:
        try:
            opened.set_result(Store.open(db))
        except BaseException as error:  # the app reports it as the loader would
            opened.set_exception(error)

    threading.Thread(target=run, name="oic-open-store", daemon=True).start()
    return opened


# What textual-serve puts in TEXTUAL_DRIVER for the apps it runs (oic_tui/tui/served_driver.py
# holds the same: the CLI imports no Textual until the explorer is launched).
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def served() -> bool:
    """True when the explorer is run by `oic-tui serve` (or textual-serve): pipes, no TTY."""
    return os.environ.get("TEXTUAL_DRIVER", "").strip() == WEB_DRIVER


def refused() -> bool:
    """True, once it is said on stderr, when there is no terminal to draw on."""
    if served() or (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    print(
        "oic-tui: the explorer needs a terminal; for scripts use "
        "`oic-tui search QUERY --json` or `oic-tui show ID`",
        file=sys.stderr,
    )
    return True


def launch(
    db: Path | None,
    cache: IndexCache | None = None,
    verbose: bool = False,
    corpus: Path | None = None,
    review: str | None = None,
    store: Store | None = None,
) -> int:
    """Run the explorer on a store, its index kept in `cache`; exit 2 when not attached to
    a terminal. `verbose`: say the cache's notes once the explorer has quit. `corpus`: the
    folder the store was built from (drafts can be reviewed); `review`: open that review."""
    if refused():
        return 2
    # Until the first paint, startup only builds what lives on (modules, widgets, the
    # store): collecting cycles then is wasted time (about 10 ms). The app resumes it.
    gc.disable()
    opening = None if store is not None else open_early(db)
    from oic_tui.tui.app import create_app

    app = create_app(
        db, store=store, opening=opening, index_cache=cache, corpus=corpus, review=review
    )
    from oic_tui.tui.escape_keys import install
    from oic_tui.tui.settings import remember_theme, restore_theme, settings_path

    install()  # Esc then a key, typed fast, read as both
    if served():
        from oic_tui.tui.served_driver import use_served_driver

        use_served_driver(app)  # ends when the server goes, its input closed
    remembered = settings_path()
    restore_theme(app, remembered)
    app.run()
    remember_theme(app, remembered)
    if verbose and cache is not None:
        _say_cache_notes(cache)
    if app.store_error:
        # The error screen is gone with the app: leave the reason where the shell shows it.
        print(f"oic-tui: {app.store_error}", file=sys.stderr)
        return 2
    return app.return_code or 0


def _say_cache_notes(cache: IndexCache) -> None:
    """Why the index cache was not used (for -v): the UI held stderr while it ran."""
    for note in cache.notes():
        print(f"oic-tui: {note}", file=sys.stderr)


def launch_review(
    args: argparse.Namespace,
    store_path: Callable[[argparse.Namespace], Path | int | None],
    cache: IndexCache,
) -> int:
    """`oic-tui review [DOC] --corpus DIR`: the explorer opened on a document's drafts."""
    from oic_tui.store.reader import Store, StoreError

    if args.corpus is None or args.db is not None:
        return fail("review works on a corpus folder (--corpus DIR), not a store file (--db)")
    where = store_path(args)
    if isinstance(where, int) or where is None:
        return EXIT_ERROR
    try:
        store = Store.open(where)
    except StoreError as error:
        return fail(str(error))
    if args.doc and args.doc not in store.documents:
        return fail(
            f"{one_line(args.doc)}: no such document in {one_line(str(args.corpus))} "
            "(`oic-tui docs --corpus DIR` lists them)"
        )
    return launch(where, cache, args.verbose, corpus=args.corpus, review=args.doc, store=store)
