"""Editing an annotation file's text: one `[[record]]`'s fields, a record added or removed.

Fields are changed with tomlkit, so comments, order and formatting stay; a removed record
loses only its own lines, an added one is written after the file's last line (or in place of
the commented-out draft of it that import wrote). Every edit is read back with tomllib and
must hold exactly the data intended, else it is refused (the reviewer edits the file by hand).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from typing import Any

import tomlkit
from tomlkit.items import AoT, Array, Table

from .annotations import toml_string

# A field's new value: text, a list of ids (a link field), or None to remove the field.
Value = str | list[str] | None

_RECORD_HEADER = re.compile(r"[ \t]*\[\[[ \t]*record[ \t]*\]\][ \t]*(#.*)?\r?\n?")
_TABLE_HEADER = re.compile(r"[ \t]*\[\[?[ \t]*([\w\"'. -]+?)[ \t]*\]\]?[ \t]*(#.*)?\r?\n?")
_QUIET_LINE = re.compile(r"[ \t]*(#.*)?\r?\n?")
# A record import wrote commented out: `# [[record]]`, then `# key = value` lines.
_STUB_HEADER = re.compile(r"#[ \t]*\[\[[ \t]*record[ \t]*\]\][ \t]*\r?\n?")
_STUB_LINE = re.compile(r"#[ \t]*(\w+)[ \t]*=[ \t]*(.*?)[ \t]*\r?\n?")


def _loads(text: str) -> dict[str, Any]:
    """The text's data; ValueError (the decision's refusal) if the edit broke the TOML."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"the edit would not be valid TOML ({error}): edit the file") from None


def _same(text: str, expected: dict[str, Any]) -> bool:
    """The edited text holds exactly the expected data (an empty record list as none)."""
    data = _loads(text)
    return {k: v for k, v in data.items() if v != [] or k != "record"} == {
        k: v for k, v in expected.items() if v != [] or k != "record"
    }


def edit_text(text: str, index: int, changes: Mapping[str, Value]) -> str:
    """A file's text with fields of its index-th row changed by tomlkit (all else as it was)."""
    return edit_rows(text, {index: changes})


def edit_rows(text: str, changes: Mapping[int, Mapping[str, Value]]) -> str:
    """A file's text with fields of several rows (by index) changed at once, checked once."""
    document = tomlkit.parse(text)
    expected = tomllib.loads(text)
    for index, fields in changes.items():
        table = document["record"][index]
        row = expected["record"][index]
        for name, value in fields.items():
            if value is None:
                row.pop(name, None)
                if name in table:
                    del table[name]
                continue
            row[name] = value
            if isinstance(table.get(name), Array) and isinstance(value, list):
                _reshape(table[name], value)
            elif name in table or not isinstance(table, Table):
                table[name] = value
            else:
                _append_key(table, name, value)
    result = document.as_string()
    if not _same(result, expected):
        raise ValueError("cannot be edited in place here: change it in the file")
    return result


def _reshape(array: Array, wanted: Sequence[Any]) -> None:
    """Make an array hold `wanted`: one item added or removed in place (its comments and
    layout kept), any other change by writing it anew."""
    current, values = array.unwrap(), list(wanted)
    if current == values:
        return
    if len(values) == len(current) + 1:
        at = next(n for n in range(len(values)) if n == len(current) or values[n] != current[n])
        if values[:at] + values[at + 1 :] == current:
            if at == 0 and current and "\n" not in array.as_string():
                # tomlkit puts no space after a comma it adds before a one-line array's
                # first item: the new item goes second, then takes the first one's place.
                array.insert(1, current[0])
                array[0] = values[0]
            else:
                array.insert(at, values[at])
            return
    if len(values) == len(current) - 1:
        at = next(n for n in range(len(current)) if n == len(values) or values[n] != current[n])
        if current[:at] + current[at + 1 :] == values:
            del array[at]
            return
    array.clear()
    array.extend(values)


def _append_key(table: Table, name: str, value: str | list[str]) -> None:
    """A new key after the table's last key, before any comments that follow it."""
    body = table.value.body
    keys = [key for key, item in body if key is not None and not isinstance(item, (Table, AoT))]
    if keys:
        table.value._insert_after(keys[-1], name, tomlkit.item(value))
    else:
        table[name] = value


def remove_record(text: str, index: int) -> str:
    """The file's text less one `[[record]]` table's own lines (comments around it stay)."""
    return remove_records(text, [index])


def remove_records(text: str, indexes: Sequence[int]) -> str:
    """The file's text less some `[[record]]` tables' own lines (comments around them stay)."""
    expected = tomllib.loads(text)
    rows = expected.get("record", [])
    for index in sorted(set(indexes), reverse=True):
        if not isinstance(rows, list) or index >= len(rows):
            raise ValueError("has no such record to remove: remove it in the file")
        text = _without_record(text, index)
        del rows[index]
    if not _same(text, expected):
        raise ValueError("cannot be removed without touching other text: remove it in the file")
    return text


def _without_record(text: str, index: int) -> str:
    """The text less the index-th `[[record]]` header and its lines (unchecked)."""
    lines = text.splitlines(keepends=True)
    headers = [n for n, line in enumerate(lines) if _RECORD_HEADER.fullmatch(line)]
    if index >= len(headers):
        raise ValueError("cannot be removed without touching other text: remove it in the file")
    start = headers[index]
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
    return "".join(lines[:start] + lines[end:])


def _is_next_table(line: str) -> bool:
    """A header that ends a record: the next record's, or any table but its own sub-tables."""
    header = _TABLE_HEADER.fullmatch(line)
    return header is not None and not header.group(1).startswith("record.")


def record_lines(fields: Mapping[str, Any]) -> list[str]:
    """A `[[record]]` block's lines: text, numbers, lists and inline tables, one key a line."""
    return ["[[record]]", *(f"{key} = {_inline(value)}" for key, value in fields.items())]


def _inline(value: Any) -> str:
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_inline(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML form here for {value!r}")


def append_record(text: str, fields: Mapping[str, Any], replacing: str = "") -> str:
    """The text with a new `[[record]]` of these fields: in place of the commented-out record
    whose id is `replacing` where there is one (its lines go), else after the last line."""
    expected = _loads(text)
    rows = expected.setdefault("record", [])
    if not isinstance(rows, list):
        raise ValueError("record is not a list of [[record]] tables: add it in the file")
    block = record_lines(fields)
    lines = text.splitlines(keepends=True)
    stub = _stub(lines, replacing) if replacing else None
    if stub is not None:
        start, end = stub
        before = sum(1 for line in lines[:start] if _RECORD_HEADER.fullmatch(line))
        newline = "\n" if end < len(lines) or lines[end - 1].endswith("\n") else ""
        result = "".join([*lines[:start], "\n".join(block) + newline, *lines[end:]])
        placed = [*rows[:before], dict(fields), *rows[before:]]
        if _same(result, {**expected, "record": placed}):
            return result
    ending = "" if not text or text.endswith("\n") else "\n"
    result = text + ending + ("\n" if text else "") + "\n".join(block) + "\n"
    if not _same(result, {**expected, "record": [*rows, dict(fields)]}):
        raise ValueError("cannot be added after the file's last line: add it in the file")
    return result


def _stub(lines: list[str], record_id: str) -> tuple[int, int] | None:
    """The lines [start, end) of the commented-out record with this id, if there is one."""
    for start, line in enumerate(lines):
        if not _STUB_HEADER.fullmatch(line):
            continue
        end, found = start + 1, False
        while end < len(lines) and (match := _STUB_LINE.fullmatch(lines[end])):
            found = found or (match.group(1) == "id" and _value(match.group(2)) == record_id)
            end += 1
        if found:
            return start, end
    return None


def _value(text: str) -> Any:
    """A TOML value written as text (None if it is not one)."""
    try:
        return tomllib.loads(f"v = {text}").get("v")
    except tomllib.TOMLDecodeError:
        return None


# Said above a `boilerplate` key a decision adds to a document.toml that had none.
BOILERPLATE_COMMENT = (
    "# Lines that are not the article, as [start, end] character offsets into its text."
)


def set_boilerplate(text: str, pairs: Sequence[tuple[int, int]]) -> str:
    """A document.toml's text with `boilerplate` holding these pairs (all else as it was)."""
    expected = _loads(text)
    expected["boilerplate"] = [list(pair) for pair in pairs]
    document = tomlkit.parse(text)
    current = document.get("boilerplate")
    if isinstance(current, Array):
        _reshape(current, [list(pair) for pair in pairs])
        result = document.as_string()
    else:
        ending = "" if not text or text.endswith("\n") else "\n"
        value = _inline([list(pair) for pair in pairs])
        result = f"{text}{ending}{BOILERPLATE_COMMENT}\nboilerplate = {value}\n"
    if not _same(result, expected):
        raise ValueError("boilerplate cannot be edited in place here: change it in the file")
    return result
