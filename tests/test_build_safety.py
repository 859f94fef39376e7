"""`build` on hostile input: one line and exit 2, nothing written; careful, atomic writes."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import SEED_ID, STORE_JSON, VENV_BIN, annotation_path, run_subprocess

from oic_tui.corpus import atomic
from oic_tui.corpus.atomic import TEMP_PREFIX, remove_stale_temps, write_text_atomic
from oic_tui.corpus.build import BuildError
from oic_tui.corpus.folder import compile_corpus

EVENTS_HEAD = 'kind = "event"\n'
RECORD = '[[record]]\nid = "event.x"\ntitle = "T"\ntext = "T"\nphase = "session"\n'


def events(data: Path, text: str) -> None:
    (annotation_path(data, "events")).write_text(text, encoding="utf-8")


def document(data: Path, text: str) -> None:
    (annotation_path(data, "document")).write_text(text, encoding="utf-8")


DOC_FIELDS = 'title = "T"\npublisher = "P"\ndate = "2015-05-29"\nplace = "A"\n'
DEEP_ARRAY = "x = " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_TABLE = "x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n"

HOSTILE: dict[str, tuple[Callable[[Path], object], str]] = {
    "record = 5": (lambda d: events(d, EVENTS_HEAD + "record = 5\n"), "record must be a list"),
    'record = ["str"]': (
        lambda d: events(d, EVENTS_HEAD + 'record = ["str"]\n'),
        "record 1 is not a table",
    ),
    "quotes = 5": (
        lambda d: events(d, EVENTS_HEAD + RECORD + "quotes = 5\n"),
        "quotes must be a list",
    ),
    "id = [1]": (
        lambda d: events(d, EVENTS_HEAD + RECORD.replace('"event.x"', "[1]") + 'quotes = ["K"]\n'),
        "id is required",
    ),
    "file = 5": (
        lambda d: document(d, 'id = "x"\nfile = 5\n' + DOC_FIELDS),
        "file must be non-empty text",
    ),
    "id = 5 in document.toml": (
        lambda d: document(d, 'id = 5\nfile = "000_b86817e225f96be7.txt"\n' + DOC_FIELDS),
        "id must be non-empty text",
    ),
    "file outside the folder": (
        lambda d: document(d, f'id = "{SEED_ID}"\nfile = "../secret.txt"\n' + DOC_FIELDS),
        "file must name a file in",
    ),
    "deep array": (lambda d: events(d, EVENTS_HEAD + DEEP_ARRAY), "nested too deeply"),
    "deep inline table": (lambda d: events(d, EVENTS_HEAD + DEEP_TABLE), "nested too deeply"),
    "not TOML": (lambda d: events(d, "kind = \n"), "is not valid TOML"),
    "not UTF-8": (
        lambda d: (annotation_path(d, "events")).write_bytes(b'kind = "\xff"\n'),
        "is not UTF-8",
    ),
    "wrong value types": (
        lambda d: events(
            d,
            EVENTS_HEAD
            + RECORD
            + 'quotes = [{ text = 5 }]\ndate = [1]\nprecision = { a = 1 }\nvenues = "x"\n',
        ),
        "a quote must be a non-empty string",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_annotations_fail_in_lines_without_writing(data_copy: Path, case: str) -> None:
    mutate, expected = HOSTILE[case]
    mutate(data_copy)
    before = sorted(p.name for p in data_copy.iterdir())
    with pytest.raises(BuildError) as caught:
        compile_corpus(data_copy)
    assert any(expected in problem for problem in caught.value.problems), caught.value.problems
    assert all("\n" not in problem for problem in caught.value.problems)
    assert sorted(p.name for p in data_copy.iterdir()) == before


@pytest.mark.parametrize("case", ["record = 5", "deep array", "id = 5 in document.toml"])
def test_cli_build_of_hostile_annotations_is_exit_2_without_traceback(
    data_copy: Path, tmp_path: Path, case: str
) -> None:
    HOSTILE[case][0](data_copy)
    out = tmp_path / "out.json"
    result = run_subprocess(
        [str(VENV_BIN / "oic-tui"), "build", "--data", str(data_copy), "--db", str(out)],
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("oic-tui build: ")
    assert not out.exists()


# --- writes ---------------------------------------------------------------------------------------


def test_a_rewrite_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "store.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    write_text_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o640)
    write_text_atomic(target, "newer")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "newer"


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "fresh.json", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "fresh.json").stat().st_mode) == 0o644


def test_a_symlinked_store_is_refused_not_written_through(tmp_path: Path) -> None:
    # Deliberately changed (issue #23): a write never follows a final symlink.
    real = tmp_path / "real" / "store.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with pytest.raises(atomic.UnsafeTarget, match="symbolic link"):
        write_text_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "old"
    # Where the user named it and was told, the link itself is replaced, never its file.
    assert write_text_atomic(link, "new", replace_link=True) == link
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "new"
    assert real.read_text(encoding="utf-8") == "old"


def test_a_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "store.json"
    target.write_text("old", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)  # type: ignore[attr-defined]
    with pytest.raises(OSError):
        write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.json"]


def dead_pid() -> int:
    """A pid that no process has (found by asking the kernel)."""
    for pid in range(4_194_000, 4_100_000, -1):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            continue
    raise AssertionError("no free pid found")


def test_temp_files_of_killed_builds_are_removed_and_only_those(tmp_path: Path) -> None:
    stale = tmp_path / f"{TEMP_PREFIX}{dead_pid()}-0123456789abcdef.tmp"
    live = tmp_path / f"{TEMP_PREFIX}{os.getpid()}-0123456789abcdef.tmp"
    others = [
        tmp_path / ".build-123-upload.json",
        tmp_path / f"{TEMP_PREFIX}{dead_pid()}-mine.tmp",
        tmp_path / "notes.tmp",
    ]
    for path in (stale, live, *others):
        path.write_text("x", encoding="utf-8")
    assert remove_stale_temps(tmp_path) == [stale]
    assert not stale.exists()
    assert live.exists() and all(p.exists() for p in others)


def test_a_build_killed_mid_write_leaves_the_old_store(tmp_path: Path) -> None:
    target = tmp_path / "store.json"
    target.write_bytes(STORE_JSON.read_bytes())
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from oic_tui.corpus import atomic\n"
        "def die(fd): os._exit(9)\n"
        "atomic.os.fsync = die\n"
        f"atomic.write_text_atomic(Path({str(target)!r}), 'half')\n"
    )
    result = run_subprocess([sys.executable, "-c", code], cwd=tmp_path)
    assert result.returncode == 9
    assert target.read_bytes() == STORE_JSON.read_bytes()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert len(leftovers) == 1  # what kill -9 leaves behind ...
    write_text_atomic(target, STORE_JSON.read_text(encoding="utf-8"))
    # ... the next write removes.
    assert [p.name for p in tmp_path.iterdir()] == ["store.json"]


def test_written_files_hold_exactly_the_text(tmp_path: Path) -> None:
    text: Any = "ünïcödé\n" * 1000
    write_text_atomic(tmp_path / "x.json", text)
    assert (tmp_path / "x.json").read_text(encoding="utf-8") == text


# --- what `oic-tui build` does after writing ------------------------------------------------------


def test_build_caches_the_index_of_a_large_store(
    cli: Any, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oic_tui.search import indexcache
    from oic_tui.store import reader

    cache = tmp_path / "cache"
    monkeypatch.setenv(indexcache.CACHE_ENV, str(cache))
    monkeypatch.setattr(reader, "INDEX_CACHE_MIN_BYTES", 0)  # the shipped store counts as large
    status, _, stderr = cli("build", "--data", data_copy, "--db", tmp_path / "out.json")
    assert status == 0, stderr
    cached = list((cache / indexcache.APP_FOLDER).glob("*.npz"))
    assert len(cached) == 1
    from oic_tui.search.service import engine_for
    from oic_tui.store.reader import Store

    assert "cached" in engine_for(Store.open(tmp_path / "out.json")).build_seconds


def test_build_prints_its_warnings_on_stderr(cli: Any, data_copy: Path, tmp_path: Path) -> None:
    path = annotation_path(data_copy, "topics")
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[record]]\nid = "topic.pair"\ntitle = "Pair"\ncategory = "x"\ntext = "Test."\n'
        "quotes = ['support of the CICA and \"EXPO-2017\"']\n"
        '\n[[record]]\nid = "topic.pair-2"\ntitle = "Pair 2"\ncategory = "x"\ntext = "Test."\n'
        "quotes = ['support of the CICA and \"EXPO-2017\"']\n",
        encoding="utf-8",
    )
    status, stdout, stderr = cli("build", "--data", data_copy, "--db", tmp_path / "out.json")
    assert status == 0
    assert stdout.startswith("built ")
    (line,) = stderr.splitlines()
    # The warning names its file first (issue #26: every error and warning names its place).
    assert line.startswith(
        "oic-tui build: warning: documents/kazinform-2015-05-29/topics.toml: quote "
    )
    assert "topic.pair, topic.pair-2" in line


def test_the_explorer_says_its_cache_notes_after_quitting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc

    from oic_tui.cli import launch
    from oic_tui.search.indexcache import IndexCache
    from oic_tui.tui.app import OicApp

    cache = IndexCache(None, off_because="index cache off: test reason")
    assert cache.load("0" * 64, {}) is None  # used: the reason is noted, not said
    assert cache.notes() == ["index cache off: test reason"]
    # The explorer as `oic-tui` runs it, quitting at once.
    monkeypatch.setattr(launch, "refused", lambda: False)
    monkeypatch.setattr(launch, "open_early", lambda db: None)
    monkeypatch.setattr(gc, "disable", lambda: None)
    monkeypatch.setattr(OicApp, "run", lambda self: None)
    assert launch.launch(None, cache, verbose=False) == 0
    assert capsys.readouterr().err == ""
    assert launch.launch(None, cache, verbose=True) == 0
    assert capsys.readouterr().err == "oic-tui: index cache off: test reason\n"
