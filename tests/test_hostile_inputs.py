"""Hostile store files: no input gives a traceback or a hang, each failure is one line."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    SIZE,
    STORE_JSON,
    VENV_BIN,
    default_records,
    make_store,
    one_error_line,
    store_data,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oic_tui.store.fastload import decode_well_formed
from oic_tui.store.reader import Store, StoreError

# A child that blocks is killed after this long: the test then fails instead of hanging.
HANG_SECONDS = 20
TOO_MANY_DIGITS = "1" * (sys.get_int_max_str_digits() + 700)


def run_cli(*argv: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`oic-tui ARGV` as a child process that may not take longer than HANG_SECONDS."""
    env = {**os.environ, "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(VENV_BIN / "oic-tui"), *map(str, argv)],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=HANG_SECONDS,
        check=False,
    )


def release(fifo: Path) -> None:
    """Unblock any reader stuck opening a FIFO (opening it for writing lets it through)."""
    with contextlib.suppress(OSError):  # nobody is waiting on it: nothing to release
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    yield path
    release(path)


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "socket.json"
    with socket.socket(socket.AF_UNIX) as bound:
        bound.bind(str(path))
        yield path


# --- not a regular file -----------------------------------------------------------------


def test_a_fifo_is_refused_before_it_is_opened(fifo: Path, tmp_path: Path) -> None:
    result = run_cli("check", fifo, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    line = one_error_line(result.stderr)
    assert str(fifo) in line and "is a named pipe, not a store file" in line


def test_a_socket_is_refused(unix_socket: Path, cli: Any) -> None:
    status, out, err = cli("--db", unix_socket, "search", "x")
    assert status == 2 and out == ""
    assert "is a socket, not a store file" in one_error_line(err)


def test_a_character_device_is_refused(cli: Any) -> None:
    # /dev/null reads as empty: refused for what it is, not for being empty.
    status, out, err = cli("check", os.devnull)
    assert status == 2 and out == ""
    assert "/dev/null: is a character device, not a store file" in one_error_line(err)


def test_a_symlink_to_a_fifo_is_refused_too(fifo: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(fifo)
    result = run_cli("--db", link, "search", "x", cwd=tmp_path)
    assert result.returncode == 2
    assert "is a named pipe" in one_error_line(result.stderr)


async def test_the_explorer_refuses_a_fifo_and_quits(fifo: Path) -> None:
    from helpers import static_text, wait_until
    from textual.widgets import Static

    from oic_tui.tui.app import create_app
    from oic_tui.tui.screens.notice import StoreErrorScreen

    app = create_app(fifo)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(
                pilot,
                lambda: isinstance(app.screen, StoreErrorScreen),
                "the error screen",
                timeout=HANG_SECONDS,
            )
            assert isinstance(app.screen, StoreErrorScreen)
            shown = static_text(app.screen.query_one("#store-error", Static))
            assert "is a named pipe, not a store file" in shown
            await pilot.press("q")
        assert app.return_code == 2
    finally:
        release(fifo)  # before the fix: let the stuck loading thread go


def test_a_symlink_loop_says_so(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    status, out, err = cli("check", tmp_path / "a.json")
    assert status == 2 and out == ""
    line = one_error_line(err)
    assert line.endswith("a.json: symlink loop") and "no such file" not in line


def test_a_path_through_a_file_is_no_such_file(cli: Any, mini_store_path: Path) -> None:
    status, _, err = cli("check", mini_store_path / "inside.json")
    assert status == 2 and "no such file" in one_error_line(err)


# --- truncated and oversized numbers ----------------------------------------------------


@pytest.mark.parametrize("keep", [0.25, 0.5, 0.75, 0.999])
def test_a_store_cut_off_mid_string_says_it_is_truncated(
    cli: Any, tmp_path: Path, keep: float
) -> None:
    text = STORE_JSON.read_text(encoding="utf-8")
    end = int(len(text) * keep)
    while text[end - 1] in '"\\' or text.count('"', 0, end) % 2 == 0:
        end += 1  # stop inside a string (after an odd number of quotes)
    cut = tmp_path / "cut.json"
    cut.write_text(text[:end], encoding="utf-8")
    status, out, err = cli("check", cut)
    assert status == 2 and out == ""
    assert "cut.json: is truncated" in one_error_line(err)


def test_a_store_cut_off_inside_an_escape_is_truncated(cli: Any, tmp_path: Path) -> None:
    cut = tmp_path / "cut.json"
    cut.write_text('{"meta": {"1": {"title": "a\\', encoding="utf-8")
    status, _, err = cli("check", cut)
    assert status == 2 and "is truncated" in one_error_line(err)


def test_invalid_json_is_still_not_called_truncated(cli: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"meta": {"1": {"title": "a\x01b"}}}', encoding="utf-8")
    status, _, err = cli("check", bad)
    assert status == 2 and "is not valid JSON" in one_error_line(err)


def _with_number(where: str, ascii_only: bool) -> dict[str, Any]:
    data = store_data()
    number: Any = {"__number__": True}
    if where == "meta":
        data["meta"]["1"]["extra"] = number
    elif where == "record":
        data["records"]["1"]["sources"][0]["start"] = number
    else:
        data["unknown table"] = {"1": [number]}
    if not ascii_only:
        data["meta"]["1"]["title"] = "Test store – non-ASCII"
    return data


@pytest.mark.parametrize("where", ["meta", "record", "another table"])
@pytest.mark.parametrize("ascii_only", [True, False], ids=["ascii", "utf8"])
def test_a_number_with_too_many_digits_is_one_line(
    cli: Any, tmp_path: Path, where: str, ascii_only: bool
) -> None:
    text = json.dumps(_with_number(where, ascii_only), ensure_ascii=False)
    path = tmp_path / "digits.json"
    path.write_text(text.replace('{"__number__": true}', TOO_MANY_DIGITS), encoding="utf-8")
    for argv in (["check", path], ["--db", path, "search", "x"], ["--db", path, "show", "x"]):
        status, out, err = cli(*argv)
        assert status == 2 and out == ""
        line = one_error_line(err)
        assert "digits.json: holds a number longer than" in line and "digits" in line


def test_the_explorer_shows_a_number_with_too_many_digits_as_an_error(tmp_path: Path) -> None:
    import asyncio

    from helpers import wait_until

    from oic_tui.tui.app import create_app
    from oic_tui.tui.screens.notice import StoreErrorScreen

    text = json.dumps(_with_number("meta", True)).replace('{"__number__": true}', TOO_MANY_DIGITS)
    path = tmp_path / "digits.json"
    path.write_text(text, encoding="utf-8")

    async def run() -> None:
        app = create_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.store_error, "the store error")
            assert isinstance(app.screen, StoreErrorScreen)
            assert "holds a number longer than" in app.store_error

    asyncio.run(run())


# --- row keys -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    ["²", "٣", "1" * 5000, "1 ", "+1"],
    ids=["superscript", "arabic", "long", "space", "plus"],
)
def test_a_row_key_int_does_not_read_is_a_skipped_row(cli: Any, tmp_path: Path, key: str) -> None:
    data = store_data()
    data["records"][key] = data["records"].pop("7")  # fact.members
    path = make_store(tmp_path, data=data)
    assert decode_well_formed(path.read_bytes().decode()) is None
    status, out, err = cli("check", path)
    assert status == 1 and err == ""
    problems = [line for line in out.splitlines() if line.startswith("problem: ")]
    assert any("skipped: its id is not a number" in p for p in problems), out
    status, out, err = cli("--db", path, "search", "Kuwait")
    assert status == 0 and "1 problem, bad records skipped" in one_error_line(err)


def test_a_meta_row_key_int_does_not_read_leaves_no_schema(cli: Any, tmp_path: Path) -> None:
    data = store_data()
    data["meta"] = {"²": data["meta"]["1"]}
    path = make_store(tmp_path, data=data)
    status, out, err = cli("check", path)
    assert status == 2 and out == ""
    assert "unknown schema version None" in one_error_line(err)


# --- anything at all ----------------------------------------------------------------------

JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.sampled_from(["", "entity", "fact", "mini-doc", "day", "2015-05-29", "1"]),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=10,
)
ROW_KEYS = st.sampled_from(["1", "2", "²", "x", "01", "", "1" * 30])
FIELDS = st.sampled_from(
    [
        "id",
        "kind",
        "title",
        "text",
        "sources",
        "date",
        "entities",
        "related",
        "proposed_by",
        "aliases",
        "phase",
        "sentences",
        "schema_version",
        "start",
        "end",
        "precision",
    ]
)


@st.composite
def broken_stores(draw: st.DrawFn) -> Any:
    """A valid small store with some values, rows or tables replaced by anything."""
    data: dict[str, Any] = store_data(default_records()[:3])
    for _ in range(draw(st.integers(1, 4))):
        table = draw(st.sampled_from(["meta", "documents", "records"]))
        how = draw(st.sampled_from(["field", "row", "table", "deep"]))
        rows = data.get(table)
        if how == "table" or not isinstance(rows, dict) or not rows:
            data[table] = draw(JSON_VALUES)
            continue
        key = draw(st.sampled_from(sorted(rows)))
        if how == "row":
            rows[draw(ROW_KEYS)] = draw(JSON_VALUES)
        elif isinstance(rows[key], dict):
            row = rows[key]
            field = draw(FIELDS)
            sources = row.get("sources")
            if (
                how == "deep"
                and isinstance(sources, list)
                and sources
                and isinstance(sources[0], dict)
            ):
                sources[0][draw(FIELDS)] = draw(JSON_VALUES)
            else:
                row[field] = draw(JSON_VALUES)
    return draw(st.sampled_from([data, [data], data.get("records")]))


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=broken_stores(), ensure_ascii=st.booleans())
def test_any_store_opens_or_fails_with_one_store_error(
    tmp_path: Path, data: Any, ensure_ascii: bool
) -> None:
    path = tmp_path / "any.json"
    path.write_text(json.dumps(data, ensure_ascii=ensure_ascii), encoding="utf-8", errors="replace")
    try:
        store = Store.open(path)
    except StoreError as error:
        assert "\n" not in str(error) and str(path) in str(error)
        return
    assert all("\n" not in problem for problem in store.problems)
