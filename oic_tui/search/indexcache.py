"""Built search indexes kept between runs, in the user's cache folder, never beside a store.

A large store's index takes seconds to build and is the same every time the same bytes
are opened, so it is saved once, keyed by the store's SHA-256, and loaded (plain arrays,
never pickles) the next time. Anything wrong with a cache file means a rebuild, not an
error. `OIC_TUI_CACHE_DIR=off` turns caching off; set to a folder, it moves it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

CACHE_ENV = "OIC_TUI_CACHE_DIR"
KEEP_FILES = 8
# A temp file this old was left by a process that died while writing it.
STALE_SECONDS = 24 * 3600
# Bump when tokenising, weighting or the array layout changes: old files are then ignored.
FORMAT = "oic-index-1"
ARRAYS = {"terms": np.uint8, "docs": np.int32, "impacts": np.float32, "offsets": np.int64}


def cache_dir() -> Path | None:
    """Where indexes are cached, or None when caching is off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        off = chosen.strip().lower() in {"", "0", "off", "no", "none", "false"}
        return None if off else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "oic-tui"


def _file(key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{FORMAT}-{key}.npz"


def load(key: str, records: int) -> dict[str, NDArray[Any]] | None:
    """The cached arrays for a store, if present and consistent with `records` records."""
    path = _file(key)
    if path is None or not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as saved:
            arrays = {name: saved[name] for name in ARRAYS}
    except Exception:  # a truncated, foreign or unreadable file: rebuild instead
        return None
    return arrays if _consistent(arrays, records) else None


def _consistent(arrays: dict[str, NDArray[Any]], records: int) -> bool:
    if any(arrays[n].dtype != t or arrays[n].ndim != 1 for n, t in ARRAYS.items()):
        return False
    docs, impacts, offsets = arrays["docs"], arrays["impacts"], arrays["offsets"]
    return bool(
        len(offsets) >= 1
        and offsets[0] == 0
        and offsets[-1] == len(docs) == len(impacts)
        and np.all(np.diff(offsets) >= 0)
        and (not len(docs) or (docs.min() >= 0 and docs.max() < records))
        and np.all(np.isfinite(impacts))
    )


def save(key: str, arrays: dict[str, NDArray[Any]]) -> None:
    """Write a store's index atomically; a cache that cannot be written is skipped."""
    path = _file(key)
    if path is None:
        return
    partial: Path | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # The writer's pid in the name: a later prune can tell a file still being written
        # from one left by a process that was killed mid-write.
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f"{os.getpid()}-", suffix=".tmp", delete=False
        ) as handle:
            partial = Path(handle.name)
            np.savez(handle, **arrays)  # type: ignore[arg-type]  # NumPy's stub is too narrow
        partial.replace(path)
        _prune(path.parent)
    except OSError:
        pass  # a read-only or full disk: the index is simply built again next time
    finally:
        if partial is not None:
            partial.unlink(missing_ok=True)


def _abandoned(partial: Path) -> bool:
    """True for a temp file whose writer has exited, or that is over a day old."""
    try:
        if time.time() - partial.stat().st_mtime > STALE_SECONDS:
            return True
        pid = int(partial.name.split("-", 1)[0])
    except (OSError, ValueError):
        return False
    if pid == os.getpid() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:  # exists but is not ours, or the platform cannot tell: keep it
        return False
    return False


def _prune(folder: Path) -> None:
    """Keep only the most recently written indexes, and no temp file nobody is writing."""
    saved = sorted(folder.glob("oic-index-*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
    abandoned = [p for p in folder.glob("*.tmp") if _abandoned(p)]
    for old in [*saved[KEEP_FILES:], *abandoned]:
        with contextlib.suppress(OSError):
            old.unlink()
