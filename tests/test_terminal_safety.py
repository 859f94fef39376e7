"""Nothing from a store, a path, a query or an argument reaches the terminal as control
characters; every echo is one bounded line; --json stays exact."""

from __future__ import annotations

import asyncio
import io
import json
import os
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from helpers import SIZE, default_records, document_row, make_store, record, store_data, strings_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oic_tui.search.indexcache import IndexCache
from oic_tui.store.fastload import decode_well_formed
from oic_tui.store.reader import Store
from oic_tui.store.sanitize import REPLACEMENT, clean_text, needs_cleaning, one_line, plain_ascii

# Sets the terminal title, colours the output and breaks the line, right to left after.
EVIL_NAME = "evil\x1b]0;PWNED\x07\x1b[31mRED\n\u202eFAKE.json"
# A complete OSC sequence (ST-terminated), then clear-screen.
EVIL_EXPLORER_NAME = "evil\x1b]0;PWNED\x1b\\\x1b[2J.json"


INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}
JOINERS = "\u200c\u200d"


def visible(char: str) -> bool:
    """Neither a space nor an invisible character: what a kept joiner stands between."""
    return not char.isspace() and unicodedata.category(char) not in INVISIBLE


def joins(text: str, at: int) -> bool:
    """The joiner at `at` stands inside a word: between two visible characters."""
    return 0 < at < len(text) - 1 and visible(text[at - 1]) and visible(text[at + 1])


def unsafe(text: str) -> list[str]:
    """Characters that act on a terminal or hide text (newline and tab included); a joiner
    inside a word (an emoji sequence, a Persian word) is not one."""
    return [
        c
        for at, c in enumerate(text)
        if unicodedata.category(c) in INVISIBLE and not (c in JOINERS and joins(text, at))
    ]


def assert_inert_lines(output: str, lines: int | None = None) -> list[str]:
    """Every line of `output` holds nothing unsafe; optionally, there are exactly `lines`."""
    split = output.splitlines()
    for line in split:
        assert unsafe(line) == [], f"unsafe characters in {line!r}"
    assert "Traceback" not in output
    if lines is not None:
        assert len(split) == lines, output
    return split


# --- one sanitiser for one line ---------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain", "plain"),
        ("a\nb", f"a{REPLACEMENT}b"),
        ("a\tb", "a b"),
        ("\x1b]0;x\x07", f"{REPLACEMENT}]0;x{REPLACEMENT}"),
        ("cr\rlf", "cr lf"),
        ("\u202eabc\ud800", f"{REPLACEMENT}abc{REPLACEMENT}"),
    ],
)
def test_one_line_is_inert(raw: str, shown: str) -> None:
    assert one_line(raw) == shown


def test_the_unsafe_class_is_every_invisible_code_point() -> None:
    """Cc, Cf, Cs, Zl and Zp, less newline and tab; a joiner only outside a word."""
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        category = unicodedata.category(char)
        if char in JOINERS:
            assert clean_text(f"a{char}b") == f"a{char}b"
            assert clean_text(char) == REPLACEMENT
            continue
        replaced = clean_text(char) != char
        assert replaced == (clean_text(f"a{char}b") != f"a{char}b"), f"U+{point:04X}"
        if category in INVISIBLE and char not in "\n\t":
            assert replaced, f"U+{point:04X}"
        else:  # or a format character of a newer Unicode than this Python's
            assert not replaced or category == "Cn", f"U+{point:04X}"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("👩\u200d💻", "👩\u200d💻"),  # woman technologist: one emoji
        ("❤\ufe0f\u200d🔥", "❤\ufe0f\u200d🔥"),  # after a variation selector too
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian "I want"
        ("بی\u200cنظیر", "بی\u200cنظیر"),  # Arabic script with a non-joiner
        ("\u200dstart", f"{REPLACEMENT}start"),
        ("end\u200c", f"end{REPLACEMENT}"),
        ("a \u200db", f"a {REPLACEMENT}b"),
        ("a\u200d\nb", f"a{REPLACEMENT}\nb"),
        ("\u200b\u200d\u200b", REPLACEMENT * 3),
        ("a\u200d\u200db", f"a{REPLACEMENT * 2}b"),
        ("a\u200d\u202eb", f"a{REPLACEMENT * 2}b"),
        ("x\u202ey\u202dz", f"x{REPLACEMENT}y{REPLACEMENT}z"),  # RLO, LRO
    ],
)
def test_joiners_stay_inside_words_only(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean and len(clean) == len(raw)
    assert clean_text(clean) == clean  # cleaning twice changes nothing
    assert unsafe(clean.replace("\n", "")) == []


@pytest.mark.parametrize(
    "text", ["a\u200db", "a\u200d", "\u200da", "a\n\u200db", "a\u200d\tb", "a\\\u200db"]
)
def test_the_fast_path_never_skips_a_joiner_to_clean(text: str) -> None:
    raw = json.dumps({"k": text}, ensure_ascii=False)
    assert needs_cleaning(raw) or clean_text(text) == text


def test_one_line_is_bounded() -> None:
    assert one_line("x" * 10, 10) == "x" * 10
    cut = one_line("x" * 100_000, 80)
    assert len(cut) == 80 and cut.endswith("…")


# --- paths ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["search", "x"], ["show", "x"], ["check"]])
def test_a_hostile_missing_path_is_echoed_inert(
    cli: Any, tmp_path: Path, command: list[str]
) -> None:
    status, out, err = cli("--db", tmp_path / EVIL_NAME, *command)
    assert status == 2 and out == ""
    (line,) = assert_inert_lines(err, 1)
    assert "PWNED" in line and "FAKE.json: no such file" in line


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"", "is empty"), (b"{not json", "is not valid JSON"), (b"{\xff}", "is not UTF-8")],
)
def test_a_hostile_path_of_a_broken_store_is_echoed_inert(
    cli: Any, tmp_path: Path, content: bytes, fragment: str
) -> None:
    path = tmp_path / EVIL_NAME
    path.write_bytes(content)
    status, _, err = cli("check", path)
    assert status == 2
    (line,) = assert_inert_lines(err, 1)
    assert fragment in line


def test_the_problems_warning_echoes_the_path_inert(cli: Any, tmp_path: Path) -> None:
    rows = [*default_records(), record("fact.bad", "rumour", ["Kuwait"])]
    path = make_store(tmp_path, rows, name=EVIL_NAME)
    status, _, err = cli("--db", path, "search", "Kuwait")
    assert status == 0
    (line,) = assert_inert_lines(err, 1)
    assert "1 problem, bad records skipped" in line


def test_shows_unknown_id_is_one_bounded_inert_line(cli: Any, tmp_path: Path) -> None:
    path = make_store(tmp_path, name=EVIL_NAME)
    wanted = "fact.\x1b[2J\nnowhere" + "x" * 100_000
    status, out, err = cli("--db", path, "show", wanted)
    assert status == 2 and out == ""
    (line,) = assert_inert_lines(err, 1)
    assert "no record with id 'fact.\ufffd[2J\ufffdnowhere" in line and len(line) < 1000


def test_the_built_line_echoes_the_target_inert(cli: Any, data_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / EVIL_NAME
    status, out, err = cli("build", "--data", data_copy, "--db", target)
    assert status == 0, err
    built = [line for line in assert_inert_lines(out) if line.startswith("built ")]
    assert len(built) == 1 and "FAKE.json: " in built[0]
    assert target.exists()


def test_build_errors_echo_the_folder_inert(cli: Any, tmp_path: Path) -> None:
    status, out, err = cli("build", "--data", tmp_path / EVIL_NAME, "--db", tmp_path / "s.json")
    assert status == 2 and out == ""
    lines = assert_inert_lines(err)
    assert lines and all(line.startswith("oic-tui") for line in lines)
    assert not (tmp_path / "s.json").exists()


# --- arguments --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "x", "--frob\x1b]0;PWNED\x07\nnicate"],
        ["show", "x", "-\x1b[2J"],
        ["check", "a", "b\x1b[2J\nc"],
        ["search", "x", "--kind", "\x1b[2J\n"],
        ["frob\x1b[2J\nnicate"],
    ],
)
def test_argument_errors_echo_arguments_inert(
    cli: Any, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        cli(*argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    error_lines = [line for line in assert_inert_lines(err) if ": error: " in line]
    assert len(error_lines) == 1, err


def test_an_id_argument_with_escapes_is_inert_in_check_lines(cli: Any, tmp_path: Path) -> None:
    # The store's own ids: problem lines of `check` stay one line each.
    rows = [
        *default_records(),
        record("evil\r\bproblem: all clear", text=""),
        record("evil\nproblem: all clear", text=""),
    ]
    path = make_store(tmp_path, rows, ensure_ascii=True)
    assert "\\r\\b" in path.read_text(encoding="utf-8")
    status, out, _ = cli("check", path)
    assert status == 1
    lines = assert_inert_lines(out)
    problems = [line for line in lines if line.startswith("problem: ")]
    assert len(problems) == 2 and "9 records, 2 problems" in lines
    assert all(p.startswith("problem: record evil") for p in problems)


# --- the fast path sanitises too --------------------------------------------------------


@pytest.mark.parametrize("ensure_ascii", [True, False], ids=["ascii", "utf8"])
def test_json_escapes_for_cr_backspace_and_form_feed_are_sanitised(
    tmp_path: Path, ensure_ascii: bool
) -> None:
    rows = [*default_records(), record("fact.evil\r\b", "fact", title="a\rb\bc\fd")]
    path = make_store(tmp_path, rows, ensure_ascii=ensure_ascii)
    assert '"a\\rb\\bc\\fd"' in path.read_text(encoding="utf-8")
    store = Store.open(path)
    evil = store.get(clean_text("fact.evil\r\b"))
    assert evil is not None
    assert evil.id == f"fact.evil {REPLACEMENT}" and evil.title == f"a b{REPLACEMENT}c d"


@pytest.mark.parametrize(
    ("json_text", "dirty"),
    [
        ('"a\\nb\\tc\\"d\\/e"', False),
        ('"a\\\\rb"', False),  # an escaped backslash, then the letter r
        ('"a\\rb"', True),
        ('"a\\bb"', True),
        ('"a\\fb"', True),
        ('"a\\u001bb"', True),
        ('"a\\\\\\rb"', True),  # an escaped backslash, then \r
        ('"a\\', True),  # cut off after a backslash
        ('"a\x7fb"', True),
    ],
)
def test_the_fast_path_takes_exactly_the_text_with_nothing_to_clean(
    json_text: str, dirty: bool
) -> None:
    assert needs_cleaning(json_text) is dirty
    assert plain_ascii(json_text.encode()) is not dirty


def test_check_never_prints_a_raw_carriage_return(cli: Any, tmp_path: Path) -> None:
    rows = [*default_records(), record("evil\r\bproblem: all clear", text="")]
    path = make_store(tmp_path, rows, ensure_ascii=True)
    _, out, _ = cli("check", path)
    assert "\r" not in out and "\b" not in out
    assert "problem: record evil \ufffdproblem: all clear: has no text" in out


HOSTILE = (
    '\r\b\f\x1b\x00\x07\x0b\x7f\x85\x9b\u202e\u2066\u200b\u200c\u200d\u2028\ufeff\ud800\n\t\\"aé– '
)
STRINGS = st.text(st.sampled_from(HOSTILE) | st.characters(codec="utf-8"), max_size=10)


@st.composite
def hostile_stores(draw: st.DrawFn) -> dict[str, Any]:
    """A small store whose text, ids, titles and lists hold hostile characters."""
    text = f"Kuwait {draw(STRINGS)} met. {draw(STRINGS)} spoke.\n\nThe end {draw(STRINGS)}."
    rows = []
    for number in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        quote = {"doc": "mini-doc", "start": start, "end": end, "quote": text[start:end]}
        rows.append(
            record(
                f"entity.{number}{draw(STRINGS)}",
                title=f"T{draw(STRINGS)}",
                text=draw(STRINGS),
                sources=[quote],
                aliases=draw(st.lists(STRINGS, max_size=2)),
                value=draw(STRINGS),
            )
        )
    data = store_data(rows, text=text)
    data["documents"]["1"] = document_row(text)
    data["documents"]["1"]["title"] = draw(STRINGS)
    return data


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=hostile_stores(), ensure_ascii=st.booleans())
def test_both_loading_paths_give_the_same_sanitised_records(
    tmp_path: Path, data: dict[str, Any], ensure_ascii: bool
) -> None:
    raw_text = json.dumps(data, ensure_ascii=ensure_ascii)
    if not ensure_ascii and any("\ud800" <= c <= "\udfff" for c in raw_text):
        raw_text = json.dumps(data)  # a lone surrogate can only be written as an escape
    path = tmp_path / "store.json"
    path.write_text(raw_text, encoding="utf-8")
    opened = Store.open(path)
    checked = Store.from_data(path, json.loads(raw_text), sanitise=True)
    assert opened.records == checked.records
    assert opened.documents == checked.documents
    assert opened.problems == checked.problems
    rows = decode_well_formed(path.read_bytes().decode("utf-8"))
    if rows is not None:  # the fast path, forced: only ever for text with nothing to clean
        fast = Store._from_rows(path, rows.meta, rows.documents, rows.records, [])
        assert fast.records == checked.records and fast.documents == checked.documents
    for value in strings_in([*opened.records, *opened.documents.values()]):
        assert [c for c in unsafe(value) if c not in "\n\t"] == [], repr(value)


# --- queries ----------------------------------------------------------------------------


def test_the_no_hits_message_echoes_at_most_80_characters(cli: Any) -> None:
    query = "zzq" + "\x1b[2J" + "y" * 100_000
    status, out, _ = cli("search", query)
    assert status == 1
    (line,) = assert_inert_lines(out, 1)
    assert line.startswith("No records match zzq\ufffd[2Jyyy") and line.endswith("….")
    assert len(line) == len("No records match .") + 80


def test_an_unknown_kind_is_echoed_bounded(cli: Any) -> None:
    status, out, _ = cli("search", "kind:" + "q" * 100_000)
    assert status == 1 and len(out) < 400
    assert "is not a kind" in out


def test_json_output_stays_exact(cli: Any, tmp_path: Path) -> None:
    long_title = "Kuwait " + "x" * 5_000 + "\nsecond line"
    rows = [*default_records(), record("entity.long\nid", title=long_title)]
    path = make_store(tmp_path, rows)
    status, out, _ = cli("--db", path, "search", "Kuwait", "--json")
    assert status == 0
    hit = next(h for h in json.loads(out) if h["id"] == "entity.long\nid")
    assert hit["title"] == long_title


# --- the explorer -----------------------------------------------------------------------


def test_the_explorer_error_screen_and_exit_line_are_inert(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from helpers import static_text, wait_until
    from textual.widgets import Static

    from oic_tui.cli.launch import launch
    from oic_tui.tui.app import OicApp
    from oic_tui.tui.screens.notice import StoreErrorScreen

    shown: list[str] = []

    def run_and_quit(app: OicApp) -> None:
        async def drive() -> None:
            async with app.run_test(size=SIZE) as pilot:
                await wait_until(pilot, lambda: app.store_error, "the store error")
                assert isinstance(app.screen, StoreErrorScreen)
                shown.append(static_text(app.screen.query_one("#store-error", Static)))
                await pilot.press("q")

        asyncio.run(drive())

    monkeypatch.setattr(OicApp, "run", run_and_quit)
    tty = type("Tty", (io.StringIO,), {"isatty": lambda _: True})
    monkeypatch.setattr(sys, "stdin", tty())
    monkeypatch.setattr(sys, "stdout", tty())
    status = launch(tmp_path / EVIL_EXPLORER_NAME)
    assert status == 2
    (line,) = assert_inert_lines(capsys.readouterr().err, 1)
    assert "PWNED" in line and "no such file" in line
    (message,) = shown
    assert "\x1b" not in message and "]0;PWNED" in message


def test_the_error_screen_makes_any_reason_inert() -> None:
    from oic_tui.tui.screens.notice import StoreErrorScreen

    screen = StoreErrorScreen(f"{EVIL_EXPLORER_NAME}: no such file\n" + "x" * 10_000)
    assert unsafe(screen.message) == [] and len(screen.message) <= 2000


# --- -v / --verbose ---------------------------------------------------------------------


def caches_made(monkeypatch: pytest.MonkeyPatch) -> list[IndexCache]:
    """Every index cache the CLI makes from now on (one a run), as it was made."""
    made: list[IndexCache] = []
    real = IndexCache.from_environment

    def spy(verbose: bool = False) -> IndexCache:
        made.append(real(verbose))
        return made[-1]

    monkeypatch.setattr(IndexCache, "from_environment", spy)
    return made


@pytest.mark.parametrize(
    "argv",
    [
        ["-v", "check"],
        ["--verbose", "check"],
        ["check", "-v"],
        ["check", "--verbose"],
        ["show", "entity.iofs", "-v"],
        ["search", "Aral", "-v", "--json"],
        ["search", "--verbose", "Aral", "--json"],
    ],
)
def test_verbose_is_global_and_set_for_every_layer(
    cli: Any, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setenv("OIC_TUI_VERBOSE", "0")  # restored after the test
    made = caches_made(monkeypatch)
    status, out, _ = cli(*argv)
    assert status in (0, 1) and out
    # Told to the layers below through the index cache it makes, not the environment.
    assert [cache.verbose for cache in made] == [True]
    assert os.environ["OIC_TUI_VERBOSE"] == "0"


def test_the_variable_does_what_verbose_does(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OIC_TUI_VERBOSE", "1")
    made = caches_made(monkeypatch)
    status, _, _ = cli("search", "Aral", "--json")
    assert status == 0 and [cache.verbose for cache in made] == [True]


def test_without_verbose_nothing_is_set(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OIC_TUI_VERBOSE", "0")
    made = caches_made(monkeypatch)
    cli("search", "Aral", "--json")
    assert os.environ["OIC_TUI_VERBOSE"] == "0"
    assert [cache.verbose for cache in made] == [False]


def test_a_word_starting_with_v_is_still_excluded(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OIC_TUI_VERBOSE", "0")
    made = caches_made(monkeypatch)
    _, everything, _ = cli("search", "Kazakhstan", "--json")
    status, out, _ = cli("search", "Kazakhstan", "-vienna", "--json")
    assert status == 0 and os.environ["OIC_TUI_VERBOSE"] == "0"
    assert not any(cache.verbose for cache in made)
    assert json.loads(out) == json.loads(everything)  # no record mentions Vienna


def test_help_documents_verbose(cli: Any, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli("--help")
    assert "-v, --verbose" in capsys.readouterr().out
