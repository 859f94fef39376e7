"""What the explorer remembers between launches: the theme chosen (as Posting and Harlequin
do). One small JSON file the app makes, `oic-tui/settings.json` under `$XDG_CONFIG_HOME` (or
`~/.config`); anything unreadable in it is ignored, never an error."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

# The most of the file read: it holds one short name.
_LIMIT = 4096


def settings_path() -> Path | None:
    """Where the settings live (None without a home to put them in)."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    if base and Path(base).is_absolute():
        return Path(base) / "oic-tui" / "settings.json"
    home = os.environ.get("HOME", "")
    return Path(home) / ".config" / "oic-tui" / "settings.json" if home else None


def remembered_theme(path: Path | None) -> str:
    """The theme saved last ("" when none, or the file is not the app's)."""
    if path is None:
        return ""
    try:
        with open(path, "rb") as file:
            data = json.loads(file.read(_LIMIT + 1)[:_LIMIT])
    except (OSError, ValueError):
        return ""
    theme = data.get("theme") if isinstance(data, dict) else None
    return theme if isinstance(theme, str) and theme.isprintable() and len(theme) < 100 else ""


def restore_theme(app: App[Any], path: Path | None) -> None:
    """Give the app the theme saved last, unless TEXTUAL_THEME chooses one."""
    theme = remembered_theme(path)
    if theme and not os.environ.get("TEXTUAL_THEME") and theme in app.available_themes:
        app.theme = theme


def remember_theme(app: App[Any], path: Path | None) -> None:
    """Save the app's theme if it is not the one saved (a failure to write is silent)."""
    from oic_tui.corpus.atomic import write_bytes_atomic

    from .app import FEW_COLOURS_THEME

    if path is None or not app.theme or app.theme == remembered_theme(path):
        return
    if app.theme == FEW_COLOURS_THEME:
        return  # chosen for a terminal of few colours, maybe not by the user
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = json.dumps({"theme": app.theme}).encode() + b"\n"
        write_bytes_atomic(path, data)
    except (OSError, ValueError):
        pass  # a read-only home: the theme is simply not remembered
