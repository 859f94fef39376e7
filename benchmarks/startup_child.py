"""Child process of the startup benchmark: prints when the first screen is drawn, then exits.

`bare` runs a bare Textual app (header, one line of text, footer); `oic STORE` runs the
explorer on a store and also reports when search is ready and the peak memory. `terminal`
runs the same bare app in the real terminal, until killed: the benchmark watches the
terminal for its line of text, as it watches for the explorer's record titles.
"""

from __future__ import annotations

import sys
import time
from typing import ClassVar

from peak import peak_bytes

STARTED = time.perf_counter()


def report(event: str) -> None:
    elapsed = time.perf_counter() - STARTED
    peak = peak_bytes()
    # The real stdout: Textual captures print() while an app runs.
    out = sys.__stdout__
    assert out is not None
    out.write(f"{event} {elapsed:.4f} {peak}\n")
    out.flush()


# The bare app's one line: what the terminal benchmark waits for.
BARE_TEXT = "OIC CFM Explorer"


def bare(headless: bool = True) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static(BARE_TEXT)
            yield Footer()

        def on_mount(self) -> None:
            if headless:
                self.call_after_refresh(self.drawn)

        def drawn(self) -> None:
            report("drawn")
            self.exit()

    if headless:
        Bare().run(headless=True, size=(120, 36))
    else:
        Bare().run()


def oic(store: str) -> None:
    import gc
    from pathlib import Path

    from oic_tui.cli.launch import open_early

    # As `oic-tui` does: the collector paused until the first paint, and a small store
    # opening while the UI's modules import.
    gc.disable()
    opening = open_early(Path(store))
    from oic_tui.tui.app import OicApp

    class Timed(OicApp):
        seen: ClassVar[set[str]] = set()

        def on_mount(self) -> None:
            # No super(): Textual runs OicApp.on_mount itself, after this.
            self.call_after_refresh(self.event, "drawn")
            self.set_interval(0.005, self.poll)

        def event(self, name: str) -> None:
            if name not in self.seen:
                self.seen.add(name)
                report(name)
            if self.seen == {"drawn", "filled", "searchable"}:
                self.exit()

        def poll(self) -> None:
            if not self.main_screen.loading_store:
                self.call_after_refresh(self.event, "filled")
            if self.searchable():
                self.event("searchable")

        def searchable(self) -> bool:
            # Not imported here: that would import NumPy before the first paint. Ready once
            # the app's warm-up worker has imported search and built the index.
            warming = any(not w.is_finished for w in self.workers if w.group == "warm")
            if self.store is None or warming or "oic_tui.search.service" not in sys.modules:
                return False
            from oic_tui.search.service import engine_ready

            return engine_ready(self.store)

    Timed(db_path=Path(store), opening=opening).run(headless=True, size=(120, 36))


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    elif sys.argv[1] == "terminal":
        bare(headless=False)
    else:
        oic(sys.argv[2])
