"""The web driver `oic-tui serve` runs the explorer with: the app ends when the server goes."""

from __future__ import annotations

import asyncio
import os
from functools import partial
from typing import Any

from textual import events, messages
from textual.app import App
from textual.drivers import web_driver
from textual.drivers.web_driver import WebDriver


class ServedDriver(WebDriver):
    """Textual's web driver, but its app exits once its input closes.

    Textual's driver only stops reading then, so an app whose server died (or was killed
    with its sessions open) would run on with no one to draw for.
    """

    def __init__(self, app: App[Any], **options: Any) -> None:
        super().__init__(app, **options)
        self._write = partial(self._write_or_drop)

    def _write_or_drop(self, data: bytes) -> int:
        # The server gone, its pipe is too: what is left to write (the exit notice) is
        # dropped, so the app can still end.
        try:
            return os.write(self.fileno, data)
        except OSError:
            return 0

    def start_application_mode(self) -> None:
        """Start as Textual's driver does, then as focused: the page gives its terminal the
        focus on arrival (oic_tui/web/app_index.html), so the footer's keys show at once."""
        super().start_application_mode()
        # After the driver's own AppBlur, in the order they were scheduled.
        self._app.call_later(self._app.post_message, events.AppFocus())

    def run_input_thread(self) -> None:
        """Read the server's packets; at the end of input, ask the app to exit."""
        super().run_input_thread()
        if not self.exit_event.is_set():
            asyncio.run_coroutine_threadsafe(
                self._app._post_message(messages.ExitApp()), loop=self._loop
            )


def use_served_driver(app: App[Any]) -> None:
    """Run `app` with `ServedDriver`, reading Esc then a key as the terminal's driver does."""
    from .escape_keys import EscapeSplittingParser

    # As escape_keys.install does for the terminal's driver: the module's name is the hook.
    web_driver.XTermParser = EscapeSplittingParser  # type: ignore[attr-defined,misc]
    app.driver_class = ServedDriver
