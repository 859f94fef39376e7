"""The foundation modules never import Textual (checked in a fresh interpreter)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import VENV_BIN, run_subprocess

FOUNDATION = [
    "oic_tui.store",
    "oic_tui.models",
    "oic_tui.engine",
    "oic_tui.postings",
    "oic_tui.aliases",
    "oic_tui.tinyread",
    "oic_tui.query",
    "oic_tui.textnorm",
    "oic_tui.fuzzy",
    "oic_tui.dates",
    "oic_tui.parse",
    "oic_tui.build",
    "oic_tui.check",
    "oic_tui.sanitize",
    "oic_tui.sentences",
    "oic_tui.cli",
    "oic_tui.attributes",
    "oic_tui.mentions",
    "oic_tui.render",
    "oic_tui.fastload",
    "oic_tui.indexcache",
]

_PROBE = """
import json, sys
import {modules}
print(json.dumps(sorted(sys.modules)))
"""


def loaded_modules(tmp_path: Path, modules: list[str], extra: str = "") -> list[str]:
    code = _PROBE.format(modules=", ".join(modules)).replace("print(", extra + "print(", 1)
    result = run_subprocess([str(VENV_BIN / "python"), "-c", code], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names: list[str] = json.loads(result.stdout)
    return names


def test_foundation_does_not_import_textual(tmp_path: Path) -> None:
    names = loaded_modules(tmp_path, FOUNDATION)
    assert set(FOUNDATION) <= set(names)
    assert [n for n in names if n == "textual" or n.startswith("textual.")] == []


def test_cli_commands_do_not_import_textual(tmp_path: Path) -> None:
    extra = (
        "import contextlib, io\n"
        "from oic_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['search', 'Aral', '--json']) == 0\n"
        "    assert main(['search', 'Aral']) == 0\n"
        "    assert main(['show', 'initiative.aral-sea']) == 0\n"
        "    assert main(['check']) == 0\n"
    )
    names = loaded_modules(tmp_path, ["oic_tui.cli"], extra)
    assert "oic_tui.render" in names
    assert [n for n in names if n == "textual" or n.startswith("textual.")] == []


def test_the_probe_can_see_textual(tmp_path: Path) -> None:
    # Guard against a probe that could never fail: importing textual is visible to it.
    names = loaded_modules(tmp_path, ["textual"])
    assert "textual" in names
