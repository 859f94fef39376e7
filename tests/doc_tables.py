"""The tables the docs take from the code: the README's ten keys and docs/search.md's syntax.

Each lives between `<!-- generated: NAME (tests/doc_tables.py) -->` and `<!-- end: NAME -->`.
After changing oic_tui/tui/keys.py or oic_tui/present/syntax.py, rewrite them with
`.venv/bin/python tests/doc_tables.py`; tests/test_doc_tables.py fails until they match.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from oic_tui.present.syntax import ALL_SYNTAX
from oic_tui.tui.keys import KEY_LABELS, KeyRow, every_key_row

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SEARCH_MD = ROOT / "docs" / "search.md"
KEYS_MD = ROOT / "docs" / "keys.md"
_CODE = re.compile(r"`([^`]+)`")


def label(key: str) -> str:
    """A Textual key name as the help writes it (`escape` is Esc, `G` is G)."""
    return KEY_LABELS.get(key, key)


def cell(text: str) -> str:
    """Text safe in a Markdown table cell."""
    return text.replace("|", "\\|")


def label_parts(row: KeyRow) -> tuple[list[str], list[str]]:
    """A row's label read back: its keys as the help writes them, and any other words
    (`/` between keys is a separator, unless the next key is `/` itself)."""
    keys: list[str] = []
    others: list[str] = []
    wanted = [label(key) for key in row.keys]
    for token in row.label.split():
        if len(keys) < len(wanted) and token == wanted[len(keys)]:
            keys.append(token)
        elif token != "/" or len(keys) == len(wanted):
            others.append(token)
    return keys, others


def key_cell(row: KeyRow) -> str:
    """A row's label with each key as code: `Tab` / `Shift+Tab`, `Enter` on a step."""
    keys = {label(key) for key in row.keys}
    return " ".join(f"`{cell(t)}`" if t in keys else t for t in row.label.split())


def top_keys() -> str:
    """The README's table of the ten keys used most."""
    rows = [row for row in every_key_row() if row.top]
    lines = ["| key | does |", "| --- | --- |"]
    lines += [f"| {key_cell(row)} | {cell(row.does)} |" for row in rows]
    return "\n".join(lines)


def syntax() -> str:
    """docs/search.md's table of the syntax at a glance, as `search --help` gives it."""
    lines = ["| query | finds |", "| --- | --- |"]
    for example, meaning in ALL_SYNTAX:
        examples = ", ".join(f"`{cell(e)}`" for e in example.split("  "))
        lines.append(f"| {examples} | {cell(meaning)} |")
    return "\n".join(lines)


BLOCKS: dict[Path, dict[str, Callable[[], str]]] = {
    README: {"keys": top_keys},
    SEARCH_MD: {"syntax": syntax},
}


def block_pattern(name: str) -> re.Pattern[str]:
    """The generated block NAME, its markers included."""
    return re.compile(
        rf"(<!-- generated: {name} \(tests/doc_tables.py\) -->\n)(.*?)(<!-- end: {name} -->)",
        re.DOTALL,
    )


def rendered(path: Path) -> str:
    """The file's text with every generated block as the code says it."""
    text = path.read_text(encoding="utf-8")
    for name, render in BLOCKS[path].items():
        found = block_pattern(name).search(text)
        assert found, f"{path.name} has no generated block {name!r}"
        block = found.group(1) + render() + "\n" + found.group(3)
        text = text[: found.start()] + block + text[found.end() :]
    return text


def table_rows(text: str, marker: str) -> list[list[str]]:
    """The cells of the Markdown table right after `marker`, header and rule left out."""
    after = text.split(marker, 1)[1].split("\n", 1)[1]
    rows = []
    for line in after.lstrip("\n").splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        rows.append([c.strip().replace("\\|", "|") for c in cells])
    return rows


def code_spans(text: str) -> list[str]:
    """Every `code` span of a cell, in order."""
    return _CODE.findall(text)


if __name__ == "__main__":
    for path in BLOCKS:
        text = rendered(path)
        if text != path.read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8")
            print(f"rewrote {path.relative_to(ROOT)}", file=sys.stderr)
