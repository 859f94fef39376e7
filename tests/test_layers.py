"""The layers, by package: store and search and the CLI never import Textual; store is the base.

The tree shows the flow: a corpus folder is compiled (`corpus`) into a store (`store`), which
search indexes (`search`); `present` shapes records for both faces, the explorer (`tui`) and
the command line (`cli`); `ingest` turns news texts into a corpus's documents.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from helpers import VENV_BIN, run_subprocess

PACKAGE = Path(__file__).resolve().parents[1] / "oic_tui"
MAX_MODULE_LINES = 400

# What each layer may import from the others (by package prefix); the UI layer may import all.
MAY_IMPORT = {
    "oic_tui.store": {"oic_tui.store"},
    "oic_tui.corpus": {"oic_tui.store", "oic_tui.corpus"},
    "oic_tui.search": {"oic_tui.store", "oic_tui.search"},
    "oic_tui.present": {"oic_tui.store", "oic_tui.present"},
    "oic_tui.ingest": {"oic_tui.store", "oic_tui.corpus", "oic_tui.ingest"},
    "oic_tui.cli": {
        "oic_tui.store",
        "oic_tui.corpus",
        "oic_tui.search",
        "oic_tui.present",
        "oic_tui.ingest",
        "oic_tui.cli",
    },
}
LAYERS = sorted(MAY_IMPORT)
# The one door from the command line into the UI: `oic-tui` with no command.
UI_ENTRY = "oic_tui.cli.launch"
FOREIGN_UI = ("textual",)

_PROBE = """
import importlib, json, pkgutil, sys
import oic_tui
names = []
for package in {packages}:
    module = importlib.import_module(package)
    names.append(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        importlib.import_module(info.name)
        names.append(info.name)
{extra}
print(json.dumps({{"walked": names, "loaded": sorted(sys.modules)}}))
"""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_names(name: str, path: Path) -> set[str]:
    """Every module a file imports, at top level or inside functions, made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def probe(tmp_path: Path, packages: list[str], extra: str = "") -> dict[str, list[str]]:
    code = _PROBE.format(packages=packages, extra=extra)
    result = run_subprocess([str(VENV_BIN / "python"), "-c", code], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    loaded: dict[str, list[str]] = json.loads(result.stdout)
    return loaded


def textual_modules(names: list[str]) -> list[str]:
    return [n for n in names if n.split(".")[0] in FOREIGN_UI]


@pytest.mark.parametrize("layer", LAYERS)
def test_layer_imports_no_textual(tmp_path: Path, layer: str) -> None:
    found = probe(tmp_path, [layer])
    expected = {n for n in all_modules() if n == layer or n.startswith(layer + ".")}
    assert set(found["walked"]) == expected
    assert textual_modules(found["loaded"]) == []


def test_store_layer_loads_no_other_layer(tmp_path: Path) -> None:
    loaded = probe(tmp_path, ["oic_tui.store"])["loaded"]
    others = tuple(layer for layer in [*LAYERS, "oic_tui.tui"] if layer != "oic_tui.store")
    assert [n for n in loaded if n.startswith(others)] == []


@pytest.mark.parametrize("layer", sorted(MAY_IMPORT))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    allowed = tuple(MAY_IMPORT[layer])
    broken = []
    for name, path in all_modules().items():
        if not (name == layer or name.startswith(layer + ".")) or name == UI_ENTRY:
            continue
        for target in imported_names(name, path):
            ours_or_ui = target.startswith("oic_tui.") or target.split(".")[0] in FOREIGN_UI
            # The package root holds only the version and the entry points' docstring.
            root = target == "oic_tui.__version__"
            if ours_or_ui and not root and not target.startswith(allowed):
                broken.append(f"{name} imports {target}")
    assert broken == []


def test_the_static_check_sees_lazy_imports() -> None:
    # Guard against a checker that could never fail: a lazy import inside a function counts.
    names = imported_names("oic_tui.cli.launch", PACKAGE / "cli" / "launch.py")
    assert "oic_tui.tui.app" in names


def test_cli_commands_do_not_import_textual(tmp_path: Path) -> None:
    extra = (
        "import contextlib, io\n"
        "from oic_tui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['search', 'Aral', '--json']) == 0\n"
        "    assert main(['search', 'Aral']) == 0\n"
        "    assert main(['show', 'initiative.aral-sea']) == 0\n"
        "    assert main(['check']) == 0\n"
    )
    loaded = probe(tmp_path, [], extra)["loaded"]
    assert "oic_tui.cli.output" in loaded
    assert textual_modules(loaded) == []


def test_the_probe_can_see_textual(tmp_path: Path) -> None:
    # Guard against a probe that could never fail: importing the UI layer shows Textual.
    loaded = probe(tmp_path, ["oic_tui.tui"])["loaded"]
    assert "textual" in loaded


def test_top_level_holds_only_entry_points() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "__main__.py"]
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert packages == ["cli", "corpus", "ingest", "present", "search", "store", "tui"]


@pytest.mark.parametrize("name", sorted(all_modules()))
def test_module_is_small_and_says_its_job(name: str) -> None:
    path = all_modules()[name]
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES
    docstring = ast.get_docstring(ast.parse(text))
    assert docstring, f"{name} has no docstring"
