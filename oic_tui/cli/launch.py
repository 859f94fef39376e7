"""Start the explorer UI, refusing when there is no terminal to draw on."""

from __future__ import annotations

import gc
import sys
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

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


def refused() -> bool:
    """True, once it is said on stderr, when there is no terminal to draw on."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        return False
    print(
        "oic-tui: the explorer needs a terminal; for scripts use "
        "`oic-tui search QUERY --json` or `oic-tui show ID`",
        file=sys.stderr,
    )
    return True


def launch(db: Path | None, cache: IndexCache | None = None, verbose: bool = False) -> int:
    """Run the explorer on a store, its index kept in `cache`; exit 2 when not attached to
    a terminal. `verbose`: say the cache's notes once the explorer has quit."""
    if refused():
        return 2
    # Until the first paint, startup only builds what lives on (modules, widgets, the
    # store): collecting cycles then is wasted time (about 10 ms). The app resumes it.
    gc.disable()
    opening = open_early(db)
    from oic_tui.tui.app import create_app

    app = create_app(db, opening=opening, index_cache=cache)
    app.run()
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
