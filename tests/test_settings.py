"""The theme remembered between launches (issue #27), in the one file the app makes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oic_tui.tui.app import FEW_COLOURS_THEME, create_app
from oic_tui.tui.settings import (
    remember_theme,
    remembered_theme,
    restore_theme,
    settings_path,
)


def test_the_settings_live_under_the_config_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert settings_path() == tmp_path / "oic-tui" / "settings.json"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative")  # not absolute: ignored
    monkeypatch.setenv("HOME", str(tmp_path))
    assert settings_path() == tmp_path / ".config" / "oic-tui" / "settings.json"


def test_a_theme_chosen_is_the_theme_of_the_next_launch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    path = tmp_path / "config" / "oic-tui" / "settings.json"
    first = create_app()
    first.theme = "textual-light"
    remember_theme(first, path)
    assert json.loads(path.read_text("utf-8")) == {"theme": "textual-light"}
    assert oct(path.parent.stat().st_mode & 0o777) == oct(0o700)
    second = create_app()
    restore_theme(second, path)
    assert second.theme == "textual-light"


def test_textual_theme_wins_and_a_bad_file_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "textual-light"}', "utf-8")
    monkeypatch.setenv("TEXTUAL_THEME", "nord")
    app = create_app()
    before = app.theme
    restore_theme(app, path)
    assert app.theme == before
    monkeypatch.delenv("TEXTUAL_THEME")
    for text in ("not json", '{"theme": 3}', '["textual-light"]', '{"theme": "no-such-theme"}'):
        path.write_text(text, "utf-8")
        app = create_app()
        before = app.theme
        restore_theme(app, path)
        assert app.theme == before
    assert remembered_theme(tmp_path / "missing.json") == ""


def test_the_few_colours_theme_is_not_remembered(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    app = create_app()
    app.theme = FEW_COLOURS_THEME  # set for a terminal of 16 colours, not by the user
    remember_theme(app, path)
    assert not path.exists()
