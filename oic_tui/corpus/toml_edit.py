"""Editing one `[[record]]` of an annotation file's text, and nothing else of it.

Fields are changed with tomlkit, so comments, order and formatting stay; a removed record
loses only its own lines. Every edit is read back with tomllib and must hold exactly the
data intended, else it is refused (the reviewer then edits the file by hand).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table

_RECORD_HEADER = re.compile(r"[ \t]*\[\[[ \t]*record[ \t]*\]\][ \t]*(#.*)?\r?\n?")
_TABLE_HEADER = re.compile(r"[ \t]*\[\[?[ \t]*([\w\"'. -]+?)[ \t]*\]\]?[ \t]*(#.*)?\r?\n?")
_QUIET_LINE = re.compile(r"[ \t]*(#.*)?\r?\n?")


def _expected(text: str, index: int, changes: Mapping[str, str | None] | None) -> dict[str, Any]:
    """The file's data as the decision should leave it (changes applied, or the row gone)."""
    data = tomllib.loads(text)
    if changes is None:
        del data["record"][index]
    else:
        for name, value in changes.items():
            if value is None:
                data["record"][index].pop(name, None)
            else:
                data["record"][index][name] = value
    return data


def _same(text: str, expected: dict[str, Any]) -> bool:
    """The edited text holds exactly the expected data (an empty record list as none)."""
    data = tomllib.loads(text)
    return {k: v for k, v in data.items() if v != [] or k != "record"} == {
        k: v for k, v in expected.items() if v != [] or k != "record"
    }


def edit_text(text: str, index: int, changes: Mapping[str, str | None]) -> str:
    """A file's text with fields of its index-th row changed by tomlkit (all else as it was)."""
    document = tomlkit.parse(text)
    table = document["record"][index]
    for name, value in changes.items():
        if value is None:
            if name in table:
                del table[name]
        elif name in table or not isinstance(table, Table):
            table[name] = value
        else:
            _append_key(table, name, value)
    result = document.as_string()
    if not _same(result, _expected(text, index, changes)):
        raise ValueError("cannot be edited in place here: change it in the file")
    return result


def _append_key(table: Table, name: str, value: str) -> None:
    """A new key after the table's last key, before any comments that follow it."""
    body = table.value.body
    keys = [key for key, item in body if key is not None and not isinstance(item, (Table, AoT))]
    if keys:
        table.value._insert_after(keys[-1], name, tomlkit.item(value))
    else:
        table[name] = value


def remove_record(text: str, index: int) -> str:
    """The file's text less one `[[record]]` table's own lines (comments around it stay)."""
    lines = text.splitlines(keepends=True)
    headers = [n for n, line in enumerate(lines) if _RECORD_HEADER.fullmatch(line)]
    start = headers[index] if index < len(headers) else len(lines)
    end = next(
        (n for n in range(start + 1, len(lines)) if _is_next_table(lines[n])),
        len(lines),
    )
    while end > start + 1 and _QUIET_LINE.fullmatch(lines[end - 1]):
        end -= 1
    # One blank line before the table goes with it, so blank lines do not pile up.
    if (
        start > 0
        and lines[start - 1].strip() == ""
        and (end == len(lines) or not lines[end].strip())
    ):
        start -= 1
    result = "".join(lines[:start] + lines[end:])
    if index >= len(headers) or not _same(result, _expected(text, index, None)):
        raise ValueError("cannot be removed without touching other text: remove it in the file")
    return result


def _is_next_table(line: str) -> bool:
    """A header that ends a record: the next record's, or any table but its own sub-tables."""
    header = _TABLE_HEADER.fullmatch(line)
    return header is not None and not header.group(1).startswith("record.")
