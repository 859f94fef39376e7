"""What `y` may claim: "Copied" only where the clipboard is known to take OSC 52."""

from __future__ import annotations

from collections.abc import Mapping

# Terminals that let programs write the clipboard by default, told by what they set.
_ALLOWING_VARIABLES = ("KITTY_WINDOW_ID", "WEZTERM_PANE", "WT_SESSION", "ALACRITTY_WINDOW_ID")
_ALLOWING_PROGRAMS = ("wezterm", "ghostty")
_ALLOWING_TERMS = ("xterm-kitty", "foot", "alacritty", "xterm-ghostty")
# A multiplexer between the app and the terminal passes OSC 52 on only if set to.
_MULTIPLEXERS = ("TMUX", "STY", "ZELLIJ")


def osc52_allowed(environ: Mapping[str, str]) -> bool:
    """True where the terminal is one that takes OSC 52 writes unless told not to."""
    if any(environ.get(name) for name in _MULTIPLEXERS):
        return False
    term = environ.get("TERM", "")
    return (
        any(environ.get(name) for name in _ALLOWING_VARIABLES)
        or environ.get("TERM_PROGRAM", "").lower() in _ALLOWING_PROGRAMS
        or any(term == t or term.startswith(t + "-") for t in _ALLOWING_TERMS)
    )


def copy_notice(what: str, environ: Mapping[str, str], in_browser: bool = False) -> str:
    """The notice after sending `what` to the clipboard, claiming no more than is known."""
    if in_browser:
        return (
            f"Sent {what} to the browser's clipboard; if nothing was copied, "
            "allow this page to use the clipboard."
        )
    if osc52_allowed(environ):
        return f"Copied {what}."
    return (
        f"Sent {what} to the terminal's clipboard (OSC 52); if nothing was copied, "
        "allow it in your terminal."
    )
