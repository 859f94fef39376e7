"""Confinement (issue #23): a corpus reads and writes only regular files inside its folder."""

# A pilot test asserts what a screen is, awaits a key, then asserts another: the narrowing
# mypy keeps across the await does not hold.
# mypy: disable-error-code="comparison-overlap"

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import one_error_line, run_subprocess, typed, wait_until
from textual.pilot import Pilot
from textual.widgets import Input

from oic_tui.corpus.atomic import UnsafeTarget, check_target, write_text_atomic
from oic_tui.corpus.confine import Unreadable, read_regular, read_source
from oic_tui.tui.app import OicApp
from oic_tui.tui.screens.export import ExportScreen

DHAKA = "test-cfm45-dhaka-2018"
NO_FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def store_of(corpus: Path) -> Path:
    return corpus / "corpus.json"


def text_of(corpus: Path) -> Path:
    return corpus / "documents" / DHAKA / f"{DHAKA}.txt"


def make_stale(corpus: Path) -> None:
    source = corpus / "corpus.toml"
    source.write_text(source.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")


def moved_out(path: Path, outside: Path) -> Path:
    """Move a file or folder of the corpus out of it, leaving a link in its place."""
    outside.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(path, outside)
    path.symlink_to(outside, target_is_directory=outside.is_dir())
    return outside


def refused(cli: Any, corpus: Path, named: Path, *argv: str) -> str:
    """Run a read-only command on the corpus: exit 2, one line naming `named`, no output."""
    status, out, err = cli("--corpus", corpus, *(argv or ("docs",)))
    line = one_error_line(err)
    assert status == 2 and out == "", err
    assert str(named) in line
    return line


# --- the store ---------------------------------------------------------------------------------


@pytest.mark.parametrize("stale", [False, True], ids=["fresh", "stale"])
def test_a_store_linked_outside_is_neither_read_nor_rebuilt_through(
    cli: Any, test_corpus: Path, tmp_path: Path, stale: bool
) -> None:
    outside = moved_out(store_of(test_corpus), tmp_path / "elsewhere.json")
    outside.write_text("precious\n", encoding="utf-8")
    if stale:
        make_stale(test_corpus)
    line = refused(cli, test_corpus, store_of(test_corpus))
    assert "outside the corpus" in line and str(outside) in line
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert store_of(test_corpus).is_symlink()


def test_a_store_linked_inside_is_read_but_never_rebuilt_through(
    cli: Any, test_corpus: Path
) -> None:
    real = moved_out(store_of(test_corpus), test_corpus / "stores" / "real.json")
    before = real.read_bytes()
    status, out, _ = cli("--corpus", test_corpus, "docs")
    assert status == 0 and DHAKA in out
    make_stale(test_corpus)
    line = refused(cli, test_corpus, store_of(test_corpus))
    assert "symbolic link" in line
    assert real.read_bytes() == before and store_of(test_corpus).is_symlink()


def test_corpus_toml_linked_outside_is_refused(cli: Any, test_corpus: Path, tmp_path: Path) -> None:
    moved_out(test_corpus / "corpus.toml", tmp_path / "corpus.toml")
    assert "outside the corpus" in refused(cli, test_corpus, test_corpus / "corpus.toml")


@NO_FIFO
def test_corpus_toml_as_a_fifo_is_refused_without_waiting(cli: Any, test_corpus: Path) -> None:
    (test_corpus / "corpus.toml").unlink()
    os.mkfifo(test_corpus / "corpus.toml")
    assert "named pipe" in refused(cli, test_corpus, test_corpus / "corpus.toml")


# --- sources: text, annotations, folders -------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="no /proc here")
def test_a_text_linked_to_proc_is_refused_and_never_stored(
    cli: Any, test_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OIC_CONFINEMENT_SECRET", "hunter2-do-not-store")
    before = store_of(test_corpus).read_bytes()
    text_of(test_corpus).unlink()
    text_of(test_corpus).symlink_to("/proc/self/environ")
    for _ in range(2):  # every open says so again: no silent rebuild
        line = refused(cli, test_corpus, text_of(test_corpus))
        assert "outside the corpus" in line
    assert store_of(test_corpus).read_bytes() == before
    assert b"hunter2" not in store_of(test_corpus).read_bytes()


def test_read_regular_refuses_proc_files() -> None:
    proc = Path("/proc/self/status")
    if not proc.exists():
        pytest.skip("no /proc here")
    with pytest.raises(Unreadable, match="as in /proc"):
        read_regular(proc, 2**20)


@pytest.mark.parametrize(
    "source",
    [
        text_of,
        lambda c: c / "documents" / DHAKA / "facts.toml",
        lambda c: c / "documents" / DHAKA / "document.toml",
        lambda c: next((c / "annotations").glob("*.toml")),
        lambda c: c / "documents",
        lambda c: c / "documents" / DHAKA,
        lambda c: c / "annotations",
    ],
    ids=["text", "annotation", "document.toml", "shared annotation", "documents", "doc", "ann"],
)
def test_a_source_linked_outside_is_refused(
    cli: Any, test_corpus: Path, tmp_path: Path, source: Callable[[Path], Path]
) -> None:
    path = source(test_corpus)
    before = store_of(test_corpus).read_bytes()
    outside = moved_out(path, tmp_path / "outside" / path.name)
    line = refused(cli, test_corpus, path)
    assert "outside the corpus" in line and str(outside) in line
    assert store_of(test_corpus).read_bytes() == before
    # `build` says the same, and writes nothing either.
    status, _, err = cli("build", "--corpus", test_corpus)
    assert status == 2 and str(path) in one_error_line(err)
    assert store_of(test_corpus).read_bytes() == before


def test_a_text_linked_to_a_device_is_refused(cli: Any, test_corpus: Path) -> None:
    text_of(test_corpus).unlink()
    text_of(test_corpus).symlink_to(os.devnull)
    assert "/dev/null" in refused(cli, test_corpus, text_of(test_corpus))


def test_a_device_is_not_read_as_a_source(tmp_path: Path) -> None:
    with pytest.raises(Unreadable, match="character device"):
        read_regular(Path(os.devnull), 100)
    with pytest.raises(Unreadable, match="outside the corpus"):
        read_source(tmp_path, Path(os.devnull), 100)


@NO_FIFO
def test_a_fifo_as_the_text_is_refused_without_waiting(test_corpus: Path, tmp_path: Path) -> None:
    text_of(test_corpus).unlink()
    os.mkfifo(text_of(test_corpus))
    before = store_of(test_corpus).read_bytes()
    # A subprocess: were the pipe opened for reading, it would wait for a writer forever.
    code = "import sys; from oic_tui.cli.main import main; sys.exit(main(sys.argv[1:]))"
    result = run_subprocess(
        [sys.executable, "-c", code, "--corpus", str(test_corpus), "docs"], cwd=tmp_path
    )
    assert result.returncode == 2 and result.stdout == ""
    line = one_error_line(result.stderr)
    assert str(text_of(test_corpus)) in line and "named pipe" in line
    assert store_of(test_corpus).read_bytes() == before


@NO_FIFO
def test_reading_a_fifo_source_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(Unreadable, match="named pipe"):
        read_source(tmp_path, fifo, 100)


def test_symlinks_inside_the_corpus_still_work(cli: Any, test_corpus: Path) -> None:
    shared = test_corpus / "shared"
    moved_out(text_of(test_corpus), shared / "dhaka.txt")
    moved_out(test_corpus / "documents" / DHAKA / "facts.toml", shared / "facts.toml")
    make_stale(test_corpus)
    status, out, err = cli("--corpus", test_corpus, "docs")
    assert status == 0 and DHAKA in out, err
    assert "rebuilding" in err
    # Built from them, the store is fresh: the next open does not rebuild.
    status, out, err = cli("--corpus", test_corpus, "docs")
    assert status == 0 and DHAKA in out and err == ""


def test_a_corpus_reached_through_a_link_is_fine(
    cli: Any, test_corpus: Path, tmp_path: Path
) -> None:
    link = tmp_path / "via-link"
    link.symlink_to(test_corpus, target_is_directory=True)
    make_stale(test_corpus)
    status, out, err = cli("--corpus", link, "docs")
    assert status == 0 and DHAKA in out, err


# --- writes: the atomic writer itself ----------------------------------------------------------


@NO_FIFO
def test_a_write_never_replaces_a_fifo_or_follows_a_link(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(UnsafeTarget, match="named pipe"):
        write_text_atomic(fifo, "x", replace_link=True)
    link = tmp_path / "dev.json"
    link.symlink_to(os.devnull)
    with pytest.raises(UnsafeTarget, match="character device"):
        write_text_atomic(link, "x", replace_link=True)
    with pytest.raises(UnsafeTarget, match="no such folder"):
        write_text_atomic(tmp_path / "missing" / "x.json", "x")
    assert not (tmp_path / "missing").exists()
    assert check_target(tmp_path / "new.json") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dev.json", "pipe.json"]


# --- build --db --------------------------------------------------------------------------------


@NO_FIFO
def test_build_db_refuses_a_fifo(cli: Any, data_copy: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    status, out, err = cli("build", "--data", data_copy, "--db", fifo)
    assert status == 2 and out == ""
    line = one_error_line(err)
    assert str(fifo) in line and "named pipe" in line


def test_build_db_refuses_a_link_to_a_device(cli: Any, data_copy: Path, tmp_path: Path) -> None:
    link = tmp_path / "dev.json"
    link.symlink_to(os.devnull)
    status, out, err = cli("build", "--data", data_copy, "--db", link)
    assert status == 2 and out == ""
    line = one_error_line(err)
    assert str(link) in line and "character device" in line and os.devnull in line
    assert link.is_symlink()


def test_build_db_refuses_a_missing_folder(cli: Any, data_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "store.json"
    status, out, err = cli("build", "--data", data_copy, "--db", target)
    assert status == 2 and out == ""
    assert "no such folder" in one_error_line(err)
    assert not (tmp_path / "no").exists()


def test_build_db_replaces_a_link_itself_and_says_so(
    cli: Any, data_copy: Path, tmp_path: Path
) -> None:
    real = tmp_path / "real.json"
    real.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    status, out, err = cli("build", "--data", data_copy, "--db", link)
    assert status == 0, err
    line = one_error_line(err)
    assert str(link) in line and str(real) in line and "link itself was replaced" in line
    assert not link.is_symlink() and link.read_text(encoding="utf-8").startswith("{")
    assert real.read_text(encoding="utf-8") == "precious\n"
    assert f"built {link}" in out


# --- export --------------------------------------------------------------------------------------


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The explorer started from tmp_path: relative export paths land there."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def _export(pilot: Pilot[None], path: str) -> ExportScreen:
    await typed(pilot, "e")
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    screen.query_one("#export-path", Input).value = path
    await typed(pilot, "enter")
    return screen


def _errors(app: OicApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


@NO_FIFO
async def test_export_refuses_a_fifo(pilot: Pilot[None], app: OicApp, in_tmp: Path) -> None:
    os.mkfifo(in_tmp / "pipe.csv")
    screen = await _export(pilot, "pipe.csv")
    assert app.screen is screen and screen.replacing is None
    (error,) = _errors(app)
    assert error == f"{in_tmp / 'pipe.csv'}: is a named pipe, not a regular file; refused"
    assert not (in_tmp / "pipe.csv").is_file()


async def test_export_refuses_a_link_to_a_device(
    pilot: Pilot[None], app: OicApp, in_tmp: Path
) -> None:
    (in_tmp / "full.csv").symlink_to(os.devnull)
    screen = await _export(pilot, "full.csv")
    assert app.screen is screen and screen.replacing is None
    (error,) = _errors(app)
    assert str(in_tmp / "full.csv") in error and "character device" in error
    assert os.devnull in error
    assert (in_tmp / "full.csv").is_symlink()


async def test_export_replaces_a_link_itself_once_the_question_names_its_file(
    pilot: Pilot[None], app: OicApp, in_tmp: Path
) -> None:
    real = in_tmp / "kept" / "real.md"
    real.parent.mkdir()
    real.write_text("keep me\n", encoding="utf-8")
    link = in_tmp / "link.md"
    link.symlink_to(real)
    screen = await _export(pilot, "link.md")
    assert screen.replacing == link and screen.link_to == real
    question = str(screen.query_one("#export-question").render())
    assert f"is a symbolic link to {real}" in question and "Replace the link" in question
    await typed(pilot, "y")
    await wait_until(pilot, lambda: not isinstance(app.screen, ExportScreen), "the export")
    assert not link.is_symlink() and link.read_text(encoding="utf-8").startswith("# Timeline")
    assert real.read_text(encoding="utf-8") == "keep me\n"


def test_new_files_are_written_only_as_new_names(tmp_path: Path) -> None:
    from oic_tui.corpus.atomic import write_new_files

    folder = tmp_path / "staging"
    folder.mkdir()
    write_new_files(folder, {"a.txt": b"one", "b.txt": b"two"})
    assert (folder / "a.txt").read_bytes() == b"one"
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"kept")
    (folder / "link.txt").symlink_to(outside)
    for name in ("a.txt", "link.txt"):
        with pytest.raises(FileExistsError):
            write_new_files(folder, {name: b"over"})
    assert outside.read_bytes() == b"kept"
    assert (folder / "a.txt").read_bytes() == b"one"
