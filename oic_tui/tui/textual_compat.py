"""Every private Textual name the app relies on, in one place, each named for its test.

KeyOrder (navigation.py) holds a key until what the previous one set off is done, and only
Textual's internals say that: a pump's queue and the message it peeked at, callbacks
waiting for the next refresh, a screen's callbacks, and the toast rack. Textual is pinned
(pyproject.toml) to the minor version tests/test_textual_compat.py passes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.widgets._toast import ToastRack

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.screen import Screen

# (class, attribute) for each private attribute read here: the test checks each still exists.
PRIVATE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("textual.message_pump.MessagePump", "_message_queue"),
    ("textual.message_pump.MessagePump", "_pending_message"),
    ("textual.message_pump.MessagePump", "_next_callbacks"),
    ("textual.screen.Screen", "_callbacks"),
    # Overridden and called by VirtualList (widgets/virtual_list.py): its scrollbar follows
    # its rows in their own frame, not one layout later.
    ("textual.widget.Widget", "_size_updated"),
    ("textual.widget.Widget", "_scroll_update"),
)
# Private modules imported here (and by the tests, which feed keys as a terminal sends
# them), with the names taken from them.
PRIVATE_IMPORTS: tuple[tuple[str, str], ...] = (
    ("textual.widgets._toast", "ToastRack"),
    ("textual._xterm_parser", "XTermParser"),
)

__all__ = ["PRIVATE_ATTRIBUTES", "PRIVATE_IMPORTS", "ToastRack"]


def has_messages(pump: MessagePump) -> bool:
    """Whether messages wait for `pump`: in its queue, or the one taken out to look at."""
    # A pump peeks at its next message (to merge repeats) while handling the current one:
    # that message is then in neither the queue nor handled yet.
    return not pump._message_queue.empty() or pump._pending_message is not None


def has_next_callbacks(pump: MessagePump) -> bool:
    """Whether `pump` has asked to run something after its next refresh."""
    return bool(pump._next_callbacks)


def callback_senders(screen: Screen[object]) -> Iterator[MessagePump]:
    """Who asked each of a screen's callbacks waiting for its next refresh."""
    return (sender for _, sender in screen._callbacks)
