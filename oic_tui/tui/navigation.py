"""Where a drill-down went and what `]` can go forward to; the order keys are applied in."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events
from textual.widget import Widget
from textual.widgets import Footer, Input

from .textual_compat import ToastRack, callback_senders, has_messages, has_next_callbacks

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer


@dataclass(frozen=True, slots=True)
class Location:
    """A place to drill to: a record's detail, or the source (optionally at a record).

    A source location may name the document and the sentence (by index) it shows; without
    them the source opens at the record's first span. A record's may name the document it
    was opened as of (an initiative seen while the explorer was scoped to that document).
    """

    view: str  # "record" or "source"
    record_id: str = ""
    doc: str = ""
    sentence: int = -1


class ForwardHistory:
    """Locations left by going back; cleared when the user goes somewhere new."""

    def __init__(self) -> None:
        # Each location with the trail that had led to it, so that forward restores both.
        self._stack: list[tuple[Location, tuple[str, ...]]] = []

    def __len__(self) -> int:
        return len(self._stack)

    def went_back_from(self, location: Location, trail: tuple[str, ...] = ()) -> None:
        """Remember a location the user just left with back, and the trail that led there."""
        self._stack.append((location, trail))

    def next(self) -> tuple[Location, tuple[str, ...]] | None:
        """The location to go forward to, with its trail, if any."""
        return self._stack.pop() if self._stack else None

    def clear(self) -> None:
        """Going somewhere new drops the forward history."""
        self._stack.clear()


# A key waits for what the previous one set off; after this long busy (messages still
# queued somewhere) it goes ahead anyway. It always waits for widgets still mounting.
KEY_WAIT_LIMIT = 2.0
# How often a waiting key checks again (seconds).
KEY_POLL = 0.004
# Widgets that only show things: what they are doing never changes what a key does.
SHOWN_ONLY = (Footer, ToastRack)


def keys_typed(event: events.Key) -> list[events.Key]:
    """The keys a person typed: Alt+letter is `Esc` then that letter."""
    # Esc then a letter within the terminal's escape window (100 ms, and Textual's driver
    # only looks again when it times out) arrive as one Alt+letter. No key of this app uses
    # Alt, so it is both keys again: back, then the letter acting on the screen back
    # returned to. A shorter window (ESCDELAY) was measured and does not help: a letter
    # that arrives before the driver's next check joins the Esc anyway.
    char = event.character
    if event.key.startswith("alt+") and char is not None and len(char) == 1 and char.isalnum():
        return [events.Key("escape", "\x1b"), events.Key(char, char)]
    return [event]


def key_meant(key: events.Key, in_text_box: bool) -> events.Key:
    """The key a person pressed: outside a text box, `^` is an `Esc`."""
    # Textual's parser reports an Esc followed by more keys in the same read (a paste, a
    # macro, tmux send-keys) as `^`, the same key as a typed `^`. No key of this app uses
    # `^`; in the search box it stays text.
    if key.key == "circumflex_accent" and not in_text_box:
        return events.Key("escape", "\x1b")
    return key


class KeyOrder:
    """Applies keys one at a time, each once everything the previous one set off is done."""

    # Textual hands a key to the focused widget's queue and moves on to the next one, so in
    # a burst (a paste, a macro, tmux send-keys) the keys after `Enter` reached the old
    # screen before the new one opened, and `Esc` could pop a screen still mounting. Held
    # here, each key acts on the screen it would have met typed slowly.

    def __init__(self, app: App[None], handle: Callable[[events.Key], Awaitable[None]]) -> None:
        self._app = app
        self._handle = handle
        self._held: deque[events.Key] = deque()
        self._held_since = 0.0
        self._poll: Timer | None = None
        self._poll_queued = False

    async def arrived(self, event: events.Key) -> None:
        """Take a key from the terminal: applied now if nothing is under way, else held."""
        if not self._held:
            self._held_since = time.monotonic()
        self._held.extend(keys_typed(event))
        await self._apply_held()

    def settled(self) -> bool:
        """Whether every key has been applied and nothing one set off is still under way."""
        return not self._held and not self._effects_pending()

    async def _apply_held(self) -> None:
        self._poll_queued = False
        while self._held:
            waited = time.monotonic() - self._held_since
            if self._mounting() or (waited < KEY_WAIT_LIMIT and self._busy()):
                self._timer().resume()
                return
            key = self._held.popleft()
            self._held_since = time.monotonic()
            await self._handle(key_meant(key, isinstance(self._app.focused, Input)))
        self._timer().pause()

    def _timer(self) -> Timer:
        if self._poll is None:
            self._poll = self._app.set_interval(KEY_POLL, self._poll_held, pause=True)
        return self._poll

    def _poll_held(self) -> None:
        # Keys are applied from the app's own queue, one message at a time, never from
        # the timer's task: two keys must never be handled at once.
        if not self._poll_queued:
            self._poll_queued = True
            self._app.call_later(self._apply_held)

    def _effects_pending(self) -> bool:
        """Whether anything a key set off may still be under way."""
        return self._mounting() or self._busy()

    def _widgets(self) -> Iterator[Widget]:
        """Every widget of the stack that keys act on, not those that only show things."""
        # The footer rebuilds its keys after each focus change, and toasts come and go:
        # waiting for them would slow every key and change nothing it does.
        pending: list[Widget] = list(self._app.screen_stack)
        while pending:
            node = pending.pop()
            if not isinstance(node, SHOWN_ONLY):
                yield node
                pending.extend(node.children)

    def _mounting(self) -> bool:
        """Whether a widget is still mounting, or has asked to run something next."""
        # No key goes ahead of this, however long it takes: `Esc` popping a screen still
        # mounting crashed the app (its header updated a title it no longer had).
        return any(not node.is_mounted or has_next_callbacks(node) for node in self._widgets())

    def _busy(self) -> bool:
        """Whether a message is queued anywhere, or a callback waits for a refresh."""
        app = self._app
        if has_messages(app) or has_next_callbacks(app):
            return True
        for screen in app.screen_stack:
            if any(not isinstance(sender, SHOWN_ONLY) for sender in callback_senders(screen)):
                return True
        return any(has_messages(node) for node in self._widgets())
