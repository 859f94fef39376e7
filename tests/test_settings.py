"""The theme remembered between launches (issue #27), in the one file the app makes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from oic_tui.tui.app import FEW_COLOURS_THEME, create_app
from oic_tui.tui.settings import (
    Remembered,
    remember_theme,
    remembered_theme,
    restore_theme,
    settings_path,
)


def test_the_settings_live_under_the_config_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert settings_path() == tmp_path / "oic-tui" / "config.toml"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative")  # not absolute: ignored
    monkeypatch.setenv("HOME", str(tmp_path))
    assert settings_path() == tmp_path / ".config" / "oic-tui" / "config.toml"


def test_a_theme_chosen_is_the_theme_of_the_next_launch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    path = tmp_path / "config" / "oic-tui" / "config.toml"
    first = create_app()
    first.theme = "textual-light"
    remember_theme(first, path)
    assert tomllib.loads(path.read_text("utf-8")) == {"theme": "textual-light"}
    assert oct(path.parent.stat().st_mode & 0o777) == oct(0o700)
    second = create_app()
    restore_theme(second, path)
    assert second.theme == "textual-light"
    assert remembered_theme(path) == Remembered(theme="textual-light")  # nothing to say


def test_saving_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "nord"  # for now\n\n[later]\nkey = 1\n', "utf-8")
    app = create_app()
    app.theme = "textual-light"
    remember_theme(app, path)
    assert path.read_text("utf-8") == (
        '# mine\ntheme = "textual-light"  # for now\n\n[later]\nkey = 1\n'
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("theme = ", "not TOML"),
        ("theme = 3", "not a theme's name"),
        ('theme = "a\\u0007b"', "not a theme's name"),
    ],
)
async def test_a_broken_file_is_ignored_with_a_notice_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, problem: str
) -> None:
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    app = create_app()
    before = app.theme
    restore_theme(app, path)
    async with app.run_test() as pilot:
        await pilot.pause()
        (notice,) = list(app._notifications)
    assert app.theme == before
    assert notice.severity == "warning" and problem in notice.message
    assert str(path) in notice.message or "~" in notice.message
    app.theme = "textual-light"
    remember_theme(app, path)
    assert path.read_text("utf-8") == text  # never written over


def test_undecodable_and_huge_files_are_problems(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"theme = '\xff'")
    assert "UTF-8" in remembered_theme(path).problem
    path.write_bytes(b"#" * (70 * 1024))
    assert "larger" in remembered_theme(path).problem
    assert remembered_theme(tmp_path / "missing.toml") == Remembered()
    assert remembered_theme(tmp_path).problem  # a folder


def test_textual_theme_wins_and_an_unknown_theme_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "textual-light"', "utf-8")
    monkeypatch.setenv("TEXTUAL_THEME", "nord")
    app = create_app()
    before = app.theme
    restore_theme(app, path)
    assert app.theme == before
    monkeypatch.delenv("TEXTUAL_THEME")
    path.write_text('theme = "no-such-theme"', "utf-8")
    app = create_app()
    before = app.theme
    restore_theme(app, path)
    assert app.theme == before
    assert remembered_theme(path) == Remembered(theme="no-such-theme")  # another version's


def test_the_few_colours_theme_is_not_remembered(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    app = create_app()
    app.theme = FEW_COLOURS_THEME  # set for a terminal of 16 colours, not by the user
    remember_theme(app, path)
    assert not path.exists()
