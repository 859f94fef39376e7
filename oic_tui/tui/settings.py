"""What the explorer remembers between launches: the theme chosen (as Posting and Harlequin
do), in `oic-tui/config.toml` under `$XDG_CONFIG_HOME` (or `~/.config`). A file that cannot be
read is ignored with a notice, and never written over."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

# The most of the file read: a settings file is a few lines.
_LIMIT = 64 * 1024


@dataclass(frozen=True)
class Remembered:
    """The theme saved last ("" for none), or why the file was ignored."""

    theme: str = ""
    problem: str = ""


def settings_path() -> Path | None:
    """Where the settings live (None without a home to put them in)."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    if base and Path(base).is_absolute():
        return Path(base) / "oic-tui" / "config.toml"
    home = os.environ.get("HOME", "")
    return Path(home) / ".config" / "oic-tui" / "config.toml" if home else None


def _read(path: Path) -> tuple[dict[str, Any] | None, str]:
    """The file's table (None when absent), or the reason it cannot be used."""
    try:
        with open(path, "rb") as file:
            raw = file.read(_LIMIT + 1)
    except FileNotFoundError:
        return None, ""
    except OSError as error:
        return None, error.strerror or "cannot be read"
    if len(raw) > _LIMIT:
        return None, f"larger than {_LIMIT // 1024} KB"
    try:
        return tomllib.loads(raw.decode("utf-8")), ""
    except UnicodeDecodeError:
        return None, "not UTF-8 text"
    except tomllib.TOMLDecodeError as error:
        return None, f"not TOML ({error})"


def remembered_theme(path: Path | None) -> Remembered:
    """The theme saved last, or the problem that made the file be ignored."""
    if path is None:
        return Remembered()
    table, problem = _read(path)
    if problem:
        return Remembered(problem=problem)
    theme = (table or {}).get("theme", "")
    if not isinstance(theme, str) or not theme.isprintable() or len(theme) > 100:
        return Remembered(problem="its theme is not a theme's name")
    return Remembered(theme=theme)


def restore_theme(app: App[Any], path: Path | None) -> None:
    """Give the app the theme saved last, unless TEXTUAL_THEME chooses one; a notice says
    why a file was ignored."""
    from oic_tui.store.sanitize import one_line

    remembered = remembered_theme(path)
    if remembered.problem and path is not None:
        where = one_line(str(path).replace(os.environ.get("HOME", "\0"), "~", 1))
        app.notify(
            f"Ignored {where}: {one_line(remembered.problem)}. The theme is not remembered.",
            severity="warning",
            markup=False,
        )
    theme = remembered.theme
    if theme and not os.environ.get("TEXTUAL_THEME") and theme in app.available_themes:
        app.theme = theme


def remember_theme(app: App[Any], path: Path | None) -> None:
    """Save the app's theme if it is not the one saved, keeping the rest of the file (a
    failure to write is silent; a file that could not be read is left as it is)."""
    import tomlkit

    from oic_tui.corpus.atomic import write_bytes_atomic

    from .app import FEW_COLOURS_THEME

    if path is None or not app.theme or app.theme == FEW_COLOURS_THEME:
        return  # the few-colours theme is chosen for the terminal, maybe not by the user
    remembered = remembered_theme(path)
    if remembered.problem or remembered.theme == app.theme:
        return
    try:
        document = tomlkit.parse(path.read_text("utf-8")) if path.exists() else tomlkit.document()
        document["theme"] = app.theme
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_bytes_atomic(path, tomlkit.dumps(document).encode("utf-8"))
    except (OSError, ValueError):
        pass  # a read-only home: the theme is simply not remembered
