"""The index cache: a second open of a large store loads its index; nothing can break it."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from helpers import STORE_JSON

from oic_tui.search import indexcache
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


def opened(path: Path = STORE_JSON) -> Store:
    """A store with its index built and any cache file written."""
    result = Store.open(path)
    if engine_for(result).index.saving is not None:
        engine_for(result).index.saving.join()
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
    assert indexcache.cache_dir() is None
    assert not cache.exists()


def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(indexcache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert indexcache.cache_dir() == tmp_path / "oic-tui"


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
    arrays = engine_for(opened()).index._arrays()
    for number in range(indexcache.KEEP_FILES + 3):
        indexcache.save(f"{number:064x}", arrays)
    assert len(cached_files(cache)) == indexcache.KEEP_FILES
