"""Esc followed at once by a key is Esc then that key (issue #27): at the bytes a terminal
sends, and at the keys Textual reports."""

from __future__ import annotations

import time

import pytest
from helpers import SIZE, pane, settled
from textual import constants, events

from oic_tui.store.reader import Store
from oic_tui.tui.app import create_app
from oic_tui.tui.escape_keys import EscapeSplittingParser

ESC = "\x1b"


def keys_read(data: str) -> list[str]:
    """The keys the explorer's parser reads from bytes sent in one read (Esc's wait over)."""
    parser = EscapeSplittingParser()
    found = list(parser.feed(data))
    time.sleep(constants.ESCAPE_DELAY + 0.05)
    found += list(parser.tick())
    return [event.key for event in found if isinstance(event, events.Key)]


@pytest.mark.parametrize(
    ("data", "keys"),
    [
        (ESC + "4", ["escape", "4"]),  # Textual alone: "¢"
        (ESC + "1", ["escape", "1"]),  # "¡"
        (ESC + "/", ["escape", "slash"]),  # Textual alone drops the Esc
        (ESC + "?", ["escape", "question_mark"]),
        (ESC + "]", ["escape", "right_square_bracket"]),
        (ESC + ">", ["escape", "greater_than_sign"]),
        (ESC + "\r", ["escape", "enter"]),
        (ESC + "\t", ["escape", "tab"]),  # Textual alone: Shift+Tab
        (ESC + "\x7f", ["escape", "backspace"]),  # Textual alone: Ctrl+W
        (ESC + ESC + "2", ["escape", "escape", "2"]),  # Textual alone: Esc, "™"
        (ESC, ["escape"]),
        (ESC + "[A", ["up"]),  # an arrow's sequence is still an arrow
        (ESC + "OP", ["f1"]),
    ],
)
def test_esc_then_a_key_in_one_read_is_both(data: str, keys: list[str]) -> None:
    assert keys_read(data) == keys


# The burst of the issue: 1 g jjjj Enter Tab Enter Esc Esc 2 G k Enter s Esc Esc 4 j.
BURST = "1gjjjj\r\t\r" + ESC + ESC + "2Gk\rs" + ESC + ESC + "4j"


def test_the_burst_is_read_key_for_key() -> None:
    assert keys_read(BURST) == [
        *("1", "g", "j", "j", "j", "j", "enter", "tab", "enter", "escape", "escape"),
        *("2", "G", "k", "enter", "s", "escape", "escape", "4", "j"),
    ]


async def test_the_burst_ends_on_the_second_fact(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press(*keys_read(BURST))
        await settled(pilot)
        facts = pane(app, "fact")
        assert app.screen is app.main_screen
        assert app.focused is facts and facts.highlighted == 1


async def test_alt_and_a_key_is_esc_then_the_key(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("2", "enter")
        await settled(pilot)
        assert app.screen is not app.main_screen
        # Esc then j typed fast, which Textual reports as one key, Alt+j.
        await pilot.press("alt+j")
        await settled(pilot)
        topics = pane(app, "topic")
        assert app.screen is app.main_screen and topics.highlighted == 1
