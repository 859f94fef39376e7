"""Each private Textual name the app relies on still exists, and means what KeyOrder reads."""

from __future__ import annotations

import importlib

import pytest
from textual import events
from textual.app import App
from textual.widgets import Static

from oic_tui.tui.textual_compat import (
    PRIVATE_ATTRIBUTES,
    PRIVATE_IMPORTS,
    callback_senders,
    has_messages,
    has_next_callbacks,
)


def _instance_of(path: str, app: App[None]) -> object:
    module, _, name = path.rpartition(".")
    cls = getattr(importlib.import_module(module), name)
    # The running app is a pump, and its screen a screen: real instances, set up as used.
    for candidate in (app.screen, app):
        if isinstance(candidate, cls):
            return candidate
    raise AssertionError(f"no instance of {path}")


@pytest.mark.parametrize(("module", "name"), PRIVATE_IMPORTS)
def test_each_private_import_is_still_there(module: str, name: str) -> None:
    assert isinstance(getattr(importlib.import_module(module), name), type)


@pytest.mark.parametrize(("owner", "attribute"), PRIVATE_ATTRIBUTES)
async def test_each_private_attribute_is_still_there(owner: str, attribute: str) -> None:
    app: App[None] = App()
    async with app.run_test():
        assert hasattr(_instance_of(owner, app), attribute), f"{owner}.{attribute}"


async def test_the_helpers_see_what_keyorder_waits_for() -> None:
    app: App[None] = App()
    async with app.run_test() as pilot:
        widget = Static("x")
        await app.screen.mount(widget)
        await pilot.pause()
        assert not has_messages(widget) and not has_next_callbacks(widget)
        # A message posted and not yet handled.
        widget.post_message(events.Idle())
        assert has_messages(widget)
        # A callback asked for next: in the pump's own list until it runs.
        widget.call_next(lambda: None)
        assert has_next_callbacks(widget)
        await pilot.pause()
        assert not has_messages(widget) and not has_next_callbacks(widget)
        # A callback for after the refresh: held by the screen, with who asked for it.
        app.screen._invoke_later(lambda: None, widget)
        assert widget in list(callback_senders(app.screen))
        await pilot.pause()
        assert list(callback_senders(app.screen)) == []
