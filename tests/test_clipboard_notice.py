"""`y`'s notice claims a copy only where the terminal is known to allow OSC 52 (issue #27)."""

from __future__ import annotations

import pytest

from oic_tui.tui.clipboard import copy_notice, osc52_allowed


@pytest.mark.parametrize(
    "environ",
    [
        {"KITTY_WINDOW_ID": "3", "TERM": "xterm-kitty"},
        {"TERM_PROGRAM": "WezTerm"},
        {"WT_SESSION": "abc"},
        {"TERM": "foot"},
        {"TERM": "alacritty"},
        {"TERM_PROGRAM": "ghostty", "TERM": "xterm-ghostty"},
    ],
)
def test_terminals_that_allow_it_by_default_are_told_copied(environ: dict[str, str]) -> None:
    assert osc52_allowed(environ)
    assert copy_notice("the id x", environ) == "Copied the id x."


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"TERM": "xterm-256color"},
        {"TERM_PROGRAM": "Apple_Terminal"},
        {"TERM_PROGRAM": "iTerm.app"},  # allowed only once the user turns it on
        {"TERM": "footloose"},
        # kitty inside tmux: tmux passes it on only if set to.
        {"KITTY_WINDOW_ID": "3", "TMUX": "/tmp/tmux-0/default,1,0"},
        {"TERM": "foot", "STY": "1.pts-0"},
    ],
)
def test_elsewhere_it_says_sent_and_how_to_allow_it(environ: dict[str, str]) -> None:
    assert not osc52_allowed(environ)
    notice = copy_notice("the id x", environ)
    assert notice.startswith("Sent the id x to the terminal's clipboard (OSC 52)")
    assert "allow it in your terminal" in notice and "Copied" not in notice


def test_in_a_browser_it_names_the_browsers_clipboard() -> None:
    notice = copy_notice("the id x", {"KITTY_WINDOW_ID": "3"}, in_browser=True)
    assert notice.startswith("Sent the id x to the browser's clipboard")
