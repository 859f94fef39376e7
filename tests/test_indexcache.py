"""The index cache: a second open of a large store loads its index; nothing can break it."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers import STORE_JSON

from oic_tui.search import indexcache
from oic_tui.search.indexcache import IndexCache
from oic_tui.search.postings import Postings
from oic_tui.search.service import engine_for, search
from oic_tui.store import reader
from oic_tui.store.reader import Store

QUERIES = ["kazakhstan", "semip", "terorism", '"food security"', "kind:fact oic", "year:2015"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's own folder in a private cache folder; every store large enough to cache."""
    monkeypatch.setenv(indexcache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(reader, "INDEX_CACHE_MIN_BYTES", 0)
    return tmp_path / "cache" / indexcache.APP_FOLDER


def temp_name(pid: int, key: str = "0" * 64) -> str:
    """A temp file name as the app writes one."""
    return f"{indexcache.FORMAT}-{key}-{'ab' * 8}.{pid}.tmp"


def opened(path: Path = STORE_JSON, cache: IndexCache | None = None) -> Store:
    """A store with its index built and any cache file written, as a new run would (its
    cache made from the environment)."""
    result = Store.open(path)
    cache = cache or IndexCache.from_environment()
    engine_for(result, cache)
    cache.wait()
    return result


def results(store: Store) -> list[list[tuple[str, float]]]:
    return [[(h.record.id, h.score) for h in search(store, q)] for q in QUERIES]


def cached_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.npz"))


def emptied(folder: Path) -> None:
    """The app's folder as the app makes it, with no index in it (the next open saves one)."""
    opened()
    for path in cached_files(folder):
        path.unlink()


def test_second_open_loads_the_same_index(cache: Path) -> None:
    first = opened()
    assert "python" in engine_for(first).build_seconds
    assert len(cached_files(cache)) == 1
    second = Store.open(STORE_JSON)
    assert "cached" in engine_for(second).build_seconds
    assert results(second) == results(first)
    assert engine_for(second).index.sorted_terms == engine_for(first).index.sorted_terms


def test_small_stores_are_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(indexcache.CACHE_ENV, str(tmp_path / "cache"))
    assert engine_for(Store.open(STORE_JSON)).build_seconds.keys() == {"python", "numpy"}
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("value", ["off", "0", "none", ""])
def test_caching_can_be_turned_off(
    cache: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(indexcache.CACHE_ENV, value)
    opened()
    assert IndexCache.from_environment().folder is None
    assert not cache.exists()


def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(indexcache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert IndexCache.from_environment().folder == tmp_path / "oic-tui"


def _damage(path: Path, how: str) -> None:
    if how == "truncated":
        path.write_bytes(path.read_bytes()[:200])
    elif how == "garbage":
        path.write_bytes(b"\x93NUMPY not really" * 50)
    else:
        with np.load(path) as saved:
            arrays = {name: saved[name] for name in saved.files}
        if how == "out of range":
            arrays["docs"] = arrays["docs"] + 10_000
        elif how == "wrong type":
            arrays["impacts"] = arrays["impacts"].astype(np.float64)
        elif how == "bad terms":
            arrays["terms"] = np.frombuffer(b"\xff\xfe", dtype=np.uint8)
        elif how == "offsets":
            arrays["offsets"] = arrays["offsets"][::-1].copy()
        np.savez(path, **arrays)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "how", ["truncated", "garbage", "out of range", "wrong type", "bad terms", "offsets"]
)
def test_a_damaged_cache_is_rebuilt(cache: Path, how: str) -> None:
    expected = results(opened())
    (saved,) = cached_files(cache)
    _damage(saved, how)
    reopened = opened()
    assert "python" in engine_for(reopened).build_seconds
    assert results(reopened) == expected


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv(indexcache.CACHE_ENV, str(blocker / "cache"))
    monkeypatch.setattr(reader, "INDEX_CACHE_MIN_BYTES", 0)
    assert search(opened(), "kazakhstan")
    assert blocker.read_text() == "a file where the cache folder should be"


def test_the_store_is_untouched_and_no_partial_files_remain(cache: Path) -> None:
    before = (STORE_JSON.read_bytes(), os.stat(STORE_JSON).st_mtime_ns)
    opened()
    opened()
    assert (STORE_JSON.read_bytes(), os.stat(STORE_JSON).st_mtime_ns) == before
    assert sorted(p.suffix for p in cache.iterdir()) == [".TAG", ".npz"]


def test_stale_temp_files_are_pruned(cache: Path) -> None:
    emptied(cache)
    stale, fresh = cache / temp_name(os.getppid()), cache / temp_name(os.getppid(), "1" * 64)
    for path in (stale, fresh):
        path.write_bytes(b"partial")
    os.utime(stale, (1, 1))
    opened()
    assert not stale.exists()
    assert fresh.exists()


def test_temp_files_of_exited_writers_are_pruned_at_once(cache: Path) -> None:
    import subprocess
    import sys

    exited = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    emptied(cache)
    killed = cache / temp_name(int(exited.stdout))  # its writer was killed mid-write
    writing = cache / temp_name(os.getppid())  # a live process may still be writing it
    for path in (killed, writing):
        path.write_bytes(b"partial")
    opened()
    assert not killed.exists()
    assert writing.exists()


def test_old_indexes_are_pruned(cache: Path) -> None:
    arrays = engine_for(opened()).index.arrays()
    saving = IndexCache.from_environment()
    for number in range(indexcache.KEEP_FILES + 3):
        saving.save(f"{number:064x}", arrays)
    assert len(cached_files(cache)) == indexcache.KEEP_FILES


# --- the cache object -------------------------------------------------------------------------


def test_a_cache_turned_off_reads_and_writes_nothing(
    cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(indexcache.CACHE_ENV, "off")
    off = IndexCache.from_environment(verbose=True)
    assert off.folder is None
    store = opened(cache=off)
    assert "python" in engine_for(store).build_seconds
    key = "0" * 64
    off.save(key, engine_for(store).index.arrays())
    off.save_later(key, engine_for(store).index)
    off.wait()
    assert off.load(key, Postings.limits(len(store.records), 1 << 30)) is None
    assert not cache.parent.exists()
    # Turned off by the user: nothing to report, even when verbose.
    assert off.notes() == [] and capsys.readouterr().err == ""


def test_the_same_store_keeps_the_engine_of_its_first_cache(cache: Path, tmp_path: Path) -> None:
    store = opened()
    elsewhere = IndexCache(tmp_path / "elsewhere")
    assert engine_for(store, elsewhere) is engine_for(store)
    elsewhere.wait()
    assert not (tmp_path / "elsewhere").exists()


def test_a_verbose_cache_says_why_it_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(reader, "INDEX_CACHE_MIN_BYTES", 0)
    monkeypatch.setenv(indexcache.CACHE_ENV, "relative-cache")
    monkeypatch.chdir(tmp_path)
    why = "index cache off: OIC_TUI_CACHE_DIR is not an absolute path ('relative-cache')"
    quiet, verbose = IndexCache.from_environment(), IndexCache.from_environment(verbose=True)
    assert capsys.readouterr().err == ""  # nothing is said until the cache is used
    opened(cache=quiet)
    assert capsys.readouterr().err == "" and quiet.notes() == [why]
    opened(cache=verbose)
    opened(cache=verbose)
    assert capsys.readouterr().err == f"oic-tui: {why}\n"  # once
    assert verbose.notes() == [why]
    assert list(tmp_path.iterdir()) == []


def test_no_variable_is_read_after_the_cache_is_made(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    made = IndexCache.from_environment()
    # Every variable that chose the folder, or said to be verbose, changes afterwards.
    monkeypatch.setenv(indexcache.CACHE_ENV, str(tmp_path / "other"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("OIC_TUI_VERBOSE", "1")
    assert made.folder == cache
    first = opened(cache=made)
    assert len(cached_files(cache)) == 1
    assert "cached" in engine_for(opened(cache=made)).build_seconds
    assert results(first)
    assert not (tmp_path / "other").exists() and not (tmp_path / "xdg").exists()
    monkeypatch.setenv(indexcache.CACHE_ENV, "off")
    assert "cached" in engine_for(opened(cache=made)).build_seconds
    assert capsys.readouterr().err == ""


def test_a_cache_in_use_reads_no_variable_at_all(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = IndexCache.from_environment()
    read: list[str] = []

    class Watched(dict[str, str]):
        def __getitem__(self, key: str) -> str:
            read.append(key)
            return super().__getitem__(key)

        def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
            read.append(key)
            return super().get(key, default)

    monkeypatch.setattr(os, "environ", Watched(os.environ))
    store = Store.open(STORE_JSON)
    index = Postings.build(store.records)
    made.save_later(store.fingerprint, index)
    made.wait()
    assert made.load(store.fingerprint, Postings.limits(len(store.records), 1 << 30)) is not None
    assert read == []


def test_verbose_says_a_small_store_is_indexed_in_memory(cli: Any) -> None:
    status, _, err = cli("-v", "search", "IOFS")
    assert status == 0
    assert re.fullmatch(
        r"oic-tui: search index of \d+ records built in memory: the store is too small to "
        r"cache\n",
        err,
    )


def test_verbose_says_an_index_was_saved_then_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(reader, "INDEX_CACHE_MIN_BYTES", 0)
    verbose = IndexCache(tmp_path / "cache", verbose=True)
    opened(cache=verbose)
    verbose.wait()
    opened(cache=IndexCache(tmp_path / "cache", verbose=True))
    said = capsys.readouterr().err.splitlines()
    assert said[0] == f"oic-tui: search index saved to the index cache ({tmp_path / 'cache'})"
    assert re.fullmatch(
        r"oic-tui: search index of \d+ records read from the index cache .*", said[1]
    )
