"""Child process of the startup benchmark: prints when the first screen is drawn, then exits.

`bare` runs a bare Textual app (header, one line of text, footer); `oic STORE` runs the
explorer on a store and also reports when search is ready and the peak memory.
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


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("OIC CFM Explorer")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self.drawn)

        def drawn(self) -> None:
            report("drawn")
            self.exit()

    Bare().run(headless=True, size=(120, 36))


def oic(store: str) -> None:
    from pathlib import Path

    from oic_tui.search.service import engine_ready
    from oic_tui.tui.app import OicApp

    class Timed(OicApp):
        seen: ClassVar[set[str]] = set()

        def on_mount(self) -> None:
            super().on_mount()
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
            if self.store is not None and engine_ready(self.store):
                self.event("searchable")

    Timed(db_path=Path(store)).run(headless=True, size=(120, 36))


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        oic(sys.argv[2])
