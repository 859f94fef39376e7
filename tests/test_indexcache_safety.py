"""The index cache folder is used safely: only the app's own files in its own private
folder, no file read before its sizes are known to fit the store, no cache without a
valid place for it."""

from __future__ import annotations

import io
import os
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers import STORE_JSON

from oic_tui.search import indexcache
from oic_tui.search.indexcache import IndexCache
from oic_tui.search.service import engine_for, search
from oic_tui.store import reader
from oic_tui.store.reader import Store

QUERIES = ["kazakhstan", "semip", '"food security"', "kind:fact oic"]
# Files a user keeps in a folder shared with the cache (names the old prune matched).
USER_FILES = {
    "notes.tmp": b"my notes",
    "4000000-upload.tmp": b"an upload in progress",
    "oic-index-mine.npz": b"not an index",
    "12345-abc.tmp": b"another tool's temp file",
}


@pytest.fixture(autouse=True)
def large_stores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every store large enough to cache (each test's caches start with nothing said)."""
    monkeypatch.setattr(reader, "INDEX_CACHE_MIN_BYTES", 0)


@pytest.fixture
def common(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder the user shares with the cache (`OIC_TUI_CACHE_DIR=$PWD/common`)."""
    folder = tmp_path / "common"
    folder.mkdir()
    monkeypatch.setenv(indexcache.CACHE_ENV, str(folder))
    return folder


def opened(path: Path = STORE_JSON, cache: IndexCache | None = None) -> Store:
    """A store with its index built (or loaded) and any cache file written, as a new run
    would (its cache made from the environment)."""
    store = Store.open(path)
    cache = cache or IndexCache.from_environment()
    engine_for(store, cache)
    cache.wait()
    return store


def indexed_with_peak() -> tuple[Store, int]:
    """A store opened, then its index built or loaded: the peak memory of the latter."""
    store = Store.open(STORE_JSON)
    cache = IndexCache.from_environment()
    tracemalloc.start()
    try:
        engine_for(store, cache)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    cache.wait()
    return store, peak


def results(store: Store) -> list[list[tuple[str, float]]]:
    return [[(h.record.id, h.score) for h in search(store, q)] for q in QUERIES]


def built_fresh(store: Store) -> bool:
    return "python" in engine_for(store).build_seconds


def plant(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in USER_FILES.items():
        (folder / name).write_bytes(data)
        os.utime(folder / name, (1, 1))  # older than a day, and than any index


def untouched(folder: Path) -> bool:
    return all((folder / name).read_bytes() == data for name, data in USER_FILES.items())


def index_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.npz"))


def test_files_of_the_user_in_a_shared_folder_are_never_deleted(common: Path) -> None:
    plant(common)
    arrays = engine_for(opened()).index.arrays()
    cache = IndexCache.from_environment()
    for number in range(indexcache.KEEP_FILES + 3):
        cache.save(f"{number:064x}", arrays)
    assert untouched(common)
    own = common / indexcache.APP_FOLDER
    assert len(list(own.glob("*.npz"))) == indexcache.KEEP_FILES
    assert (own / indexcache.MARKER).read_text() == indexcache.MARKER_TEXT


def test_a_folder_the_app_did_not_make_is_neither_read_nor_written(
    common: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The user's own files where the app's folder would be: not the app's to manage.
    own = common / indexcache.APP_FOLDER
    plant(own)
    verbose = IndexCache.from_environment(verbose=True)
    first, second = opened(cache=verbose), opened(cache=verbose)
    assert built_fresh(first) and built_fresh(second)
    assert untouched(own)
    assert sorted(p.name for p in own.iterdir()) == sorted(USER_FILES)
    said = capsys.readouterr().err.splitlines()
    assert said == [f"oic-tui: index cache off: {own} was not made by oic-tui (no marker)"]


def test_the_cli_verbose_flag_reaches_the_cache(
    common: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OIC_TUI_VERBOSE", "0")  # -v alone makes the CLI's cache verbose
    plant(common / indexcache.APP_FOLDER)
    status, _, err = cli("-v", "search", "kazakhstan")
    assert status == 0
    assert err.splitlines() == [
        f"oic-tui: index cache off: {common / indexcache.APP_FOLDER} was not made by oic-tui "
        "(no marker)"
    ]


def test_nothing_is_said_without_verbose(common: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plant(common / indexcache.APP_FOLDER)
    quiet = IndexCache.from_environment()
    opened(cache=quiet)
    assert capsys.readouterr().err == ""
    assert len(quiet.notes()) == 1


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_a_folder_others_can_write_is_not_trusted(common: Path, mode: int) -> None:
    expected = results(opened())
    own = common / indexcache.APP_FOLDER
    (saved,) = index_files(own)
    os.chmod(own, mode)
    try:
        cache = IndexCache.from_environment()
        again = opened(cache=cache)
        assert built_fresh(again)
        assert results(again) == expected
        assert index_files(own) == [saved]  # nothing written either
        assert "not yours alone" in cache.notes()[0]
    finally:
        os.chmod(own, 0o700)


def test_a_folder_of_another_user_is_not_trusted(
    common: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened()
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(common).st_uid + 1)
    cache = IndexCache.from_environment()
    assert built_fresh(opened(cache=cache))
    assert "not yours alone" in cache.notes()[0]


def test_an_index_file_others_can_write_is_not_read(common: Path) -> None:
    expected = results(opened())
    (saved,) = index_files(common)
    os.chmod(saved, 0o666)
    again = opened()
    assert built_fresh(again)
    assert results(again) == expected


def test_a_symlinked_index_is_not_followed(common: Path, tmp_path: Path) -> None:
    expected = results(opened())
    (saved,) = index_files(common)
    elsewhere = tmp_path / "elsewhere.npz"
    saved.rename(elsewhere)
    saved.symlink_to(elsewhere)
    again = opened()
    assert built_fresh(again)
    assert results(again) == expected


def _bomb(saved: Path, inflated: int) -> None:
    """Rewrite an index file: its `docs` member inflates to `inflated` bytes of zeros."""
    with np.load(saved) as arrays:
        members = {name: arrays[name] for name in arrays.files}
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<i4", "fortran_order": False, "shape": (inflated // 4,)}
    )
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, array in members.items():
            if name == "docs":
                with archive.open("docs.npy", "w", force_zip64=True) as member:
                    member.write(header.getvalue())
                    for _ in range(inflated // len(chunk)):
                        member.write(chunk)
            else:
                buffer = io.BytesIO()
                np.save(buffer, array)
                archive.writestr(f"{name}.npy", buffer.getvalue())


def test_a_cache_file_that_inflates_far_beyond_the_store_is_refused_unread(
    common: Path,
) -> None:
    expected = results(opened())
    (saved,) = index_files(common)
    inflated = 64 << 20
    _bomb(saved, inflated)
    assert saved.stat().st_size < inflated // 100
    again, peak = indexed_with_peak()
    assert built_fresh(again)
    assert results(again) == expected
    assert peak < inflated // 4


def test_a_header_promising_more_than_the_store_can_hold_is_refused(common: Path) -> None:
    expected = results(opened())
    (saved,) = index_files(common)
    with np.load(saved) as arrays:
        members = {name: arrays[name] for name in arrays.files}
    with zipfile.ZipFile(saved, "w") as archive:
        for name, array in members.items():
            buffer = io.BytesIO()
            # The header claims 2**40 elements; the data is what it was.
            shape = (1 << 40,) if name == "impacts" else array.shape
            np.lib.format.write_array_header_1_0(
                buffer, {"descr": array.dtype.str, "fortran_order": False, "shape": shape}
            )
            archive.writestr(f"{name}.npy", buffer.getvalue() + array.tobytes())
    again, peak = indexed_with_peak()
    assert built_fresh(again)
    assert results(again) == expected
    assert peak < 64 << 20


def test_no_home_directory_means_no_cache_and_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv(indexcache.CACHE_ENV)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    monkeypatch.chdir(tmp_path)
    cache = IndexCache.from_environment()
    store = opened(cache=cache)
    assert search(store, "kazakhstan")
    assert cache.folder is None
    assert list(tmp_path.iterdir()) == []
    assert cache.notes() == ["index cache off: there is no home directory"]


@pytest.mark.parametrize("variable", ["XDG_CACHE_HOME", indexcache.CACHE_ENV])
def test_a_relative_cache_folder_means_no_cache_and_nothing_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.delenv(indexcache.CACHE_ENV)
    monkeypatch.setenv(variable, "relative-cache")
    monkeypatch.setattr(Path, "home", staticmethod(lambda: tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    cache = IndexCache.from_environment()
    assert search(opened(cache=cache), "kazakhstan")
    assert cache.folder is None
    assert list(tmp_path.iterdir()) == []
    assert "is not an absolute path ('relative-cache')" in cache.notes()[0]


def test_a_home_that_is_a_relative_path_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(indexcache.CACHE_ENV)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(lambda: Path("")))
    monkeypatch.chdir(tmp_path)
    assert search(opened(), "kazakhstan")
    assert list(tmp_path.iterdir()) == []


def test_the_default_folder_is_made_private_and_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(indexcache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert built_fresh(opened())
    assert not built_fresh(opened())
    own = tmp_path / "xdg" / indexcache.APP_FOLDER
    assert own.stat().st_mode & 0o077 == 0
    assert (own / indexcache.MARKER).read_text().startswith("Signature: 8a477f597d28d172")
    (saved,) = index_files(own)
    assert saved.stat().st_mode & 0o077 == 0


def test_keys_other_than_a_store_hash_are_never_used(common: Path) -> None:
    arrays = engine_for(opened()).index.arrays()
    before = index_files(common)
    cache = IndexCache.from_environment()
    for key in ["../escape", "*", "a" * 63, "A" * 64, ""]:
        cache.save(key, arrays)
        cache.save_later(key, engine_for(opened()).index)
    cache.wait()
    assert index_files(common) == before
    assert not (common.parent / "escape").exists()


def test_a_sound_cache_file_passes_every_check(common: Path) -> None:
    # Guard against checks that could never pass: the app's own file is loaded.
    store = opened()
    (saved,) = index_files(common)
    reopened = opened()
    assert not built_fresh(reopened)
    assert results(reopened) == results(store)
    assert saved.read_bytes()[:4] == b"PK\x03\x04"  # a zip file, members stored
