"""Built search indexes kept between runs, in a cache folder of the app's own, never beside
a store.

A large store's index takes seconds to build and is the same every time the same bytes
are opened, so it is saved once, keyed by the store's SHA-256, and loaded (plain arrays,
never pickles) the next time. Anything wrong with a cache file means a rebuild, not an
error. The folder is `oic-tui` inside `$OIC_TUI_CACHE_DIR`, `$XDG_CACHE_HOME` or
`~/.cache`, read once, when an `IndexCache` is made from the environment; the app only
uses it when it made it (its CACHEDIR.TAG marker) and it is the user's own and private,
and it only ever deletes files of its own exact names. `OIC_TUI_CACHE_DIR=off` turns
caching off.

Imported before the explorer's first paint: NumPy is imported only to read or write a file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oic_tui.store.sanitize import one_line, quoted

if TYPE_CHECKING:
    from typing import Protocol

    from numpy.typing import NDArray

    from .npzread import Expected

    class Saveable(Protocol):
        """What the cache saves: an index as plain named arrays."""

        def arrays(self) -> Mapping[str, NDArray[Any]]:
            """The arrays to write, by name."""
            ...


CACHE_ENV = "OIC_TUI_CACHE_DIR"
OFF_VALUES = frozenset({"", "0", "off", "no", "none", "false"})
APP_FOLDER = "oic-tui"
MARKER = "CACHEDIR.TAG"
# The Cache Directory Tagging signature (backup tools skip the folder), then our own line:
# a folder whose marker is not exactly this was not made by this app.
MARKER_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# Search indexes cached by oic-tui; safe to delete.\n"
)
KEEP_FILES = 8
# A temp file this old was left by a process that died while writing it.
STALE_SECONDS = 24 * 3600
# Bump when tokenising, weighting or the array layout changes: old files are then ignored.
FORMAT = "oic-index-2"
# Patterns, compiled on first use (re caches them): the explorer imports this before its
# first paint.
_KEY = r"[0-9a-f]{64}"
# Every file the app writes: the full store hash, then a random token of its own.
_INDEX = rf"{FORMAT}-(?P<key>[0-9a-f]{{64}})-[0-9a-f]{{16}}\.npz"
_TEMP = rf"{FORMAT}-[0-9a-f]{{64}}-[0-9a-f]{{16}}\.(?P<pid>[1-9][0-9]{{0,9}})\.tmp"
_MARKER_TEMP = rf"{MARKER}\.[0-9a-f]{{16}}\.tmp"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _token() -> str:
    """A random file-name token: 16 hex digits."""
    return os.urandom(8).hex()


def _chosen_folder() -> tuple[Path | None, str]:
    """The app's folder in the one the environment chooses; else None, and why (nothing
    when the user turned caching off)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        if chosen.strip().lower() in OFF_VALUES:
            return None, ""
        base, source = Path(chosen), CACHE_ENV
    elif xdg := os.environ.get("XDG_CACHE_HOME"):
        base, source = Path(xdg), "XDG_CACHE_HOME"
    else:
        try:
            base, source = Path.home() / ".cache", "the home directory"
        except (RuntimeError, KeyError, OSError):
            return None, "index cache off: there is no home directory"
    if not base.is_absolute():
        # A relative folder would land wherever the app happens to be started.
        return None, f"index cache off: {source} is not an absolute path ({quoted(str(base))})"
    return base / APP_FOLDER, ""


class IndexCache:
    """Where built indexes are kept (no folder: nowhere), what was noted about it, and the
    threads still saving: all the cache's file access and threads are its."""

    def __init__(self, folder: Path | None, verbose: bool = False, off_because: str = "") -> None:
        self.folder = folder
        # Verbose (the CLI's -v): each note is also said on stderr, once, when it is made.
        self.verbose = verbose
        # Why there is no folder, noted when the cache is first used.
        self._off_because = off_because
        self._said: list[str] = []
        self._saving: list[threading.Thread] = []
        self._lock = threading.Lock()

    @classmethod
    def from_environment(cls, verbose: bool = False) -> IndexCache:
        """The cache in the folder the environment chooses, read now and never again."""
        folder, off_because = _chosen_folder()
        return cls(folder, verbose, off_because)

    def notes(self) -> list[str]:
        """Why the cache was not used, each reason once (for a caller to show later)."""
        with self._lock:
            return list(self._said)

    def note(self, message: str) -> None:
        """Say what was decided (on stderr at once with -v; kept for `notes` either way)."""
        self._note(message)

    def _note(self, message: str) -> None:
        with self._lock:
            if message in self._said:
                return
            self._said.append(message)
        if self.verbose:
            print(f"oic-tui: {message}", file=sys.stderr)

    @contextlib.contextmanager
    def _opened(self, create: bool) -> Iterator[int | None]:
        """The cache folder, opened (a descriptor), if it is the app's own and private."""
        folder = self.folder
        if folder is None:
            if self._off_because:
                self._note(self._off_because)
            yield None
            return
        if not _supported():
            yield None
            return
        if create:
            with contextlib.suppress(OSError):  # unwritable: opening it fails below
                folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                folder.mkdir(mode=0o700)
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            yield None
            return
        try:
            yield fd if self._trusted(fd, folder, create) else None
        finally:
            os.close(fd)

    def _trusted(self, fd: int, folder: Path, create: bool) -> bool:
        """Check the folder before reading or writing it; mark it when the app just made it."""
        info = os.fstat(fd)
        if not stat.S_ISDIR(info.st_mode) or not _private(info):
            self._note(
                f"index cache off: {one_line(str(folder))} is not yours alone (owner or mode)"
            )
            return False
        if _read_small(fd, MARKER) == MARKER_TEXT:
            return True
        # Unmarked: the app's only if it holds nothing but files of the app's own names (it
        # is new, or another oic-tui is marking it right now).
        if not all(_ours(name) for name in os.listdir(fd)):
            self._note(
                f"index cache off: {one_line(str(folder))} was not made by oic-tui (no marker)"
            )
            return False
        if not create:
            return False
        try:
            _write_marker(fd)
        except OSError:
            return False
        return True

    def load(self, key: str, expected: Expected) -> dict[str, NDArray[Any]] | None:
        """The cached arrays for a store, if a file of its key holds exactly `expected`: each
        name with one of its dtypes and at most that many elements (limits from the store)."""
        if not re.fullmatch(_KEY, key):
            return None
        with self._opened(create=False) as fd:
            if fd is None:
                return None
            for _, name in _indexes(fd).get(key, [])[:2]:
                arrays = _read(fd, name, expected)
                if arrays is not None:
                    return arrays
        return None

    def save(self, key: str, arrays: Mapping[str, NDArray[Any]]) -> None:
        """Write a store's index atomically; a cache that cannot be written is skipped."""
        if not re.fullmatch(_KEY, key):
            return
        with self._opened(create=True) as fd:
            if fd is not None and _write_index(fd, key, arrays):
                self._note(f"search index saved to the index cache ({self.folder})")

    def save_later(self, key: str, index: Saveable) -> None:
        """`save` an index on a thread of the cache's: searching need not wait for the disk."""
        if self.folder is None or not re.fullmatch(_KEY, key):
            return
        # Not a daemon, so a quick quit still finishes the file (a write cut short leaves
        # only a temp file).
        thread = threading.Thread(target=lambda: self.save(key, index.arrays()), name="index-cache")
        with self._lock:
            self._saving = [*(t for t in self._saving if t.is_alive()), thread]
        thread.start()

    def wait(self) -> None:
        """Return once every save started has finished (before a command exits, say)."""
        with self._lock:
            saving = list(self._saving)
        for thread in saving:
            thread.join()


def _supported() -> bool:
    return os.open in os.supports_dir_fd and os.listdir in os.supports_fd and _NOFOLLOW != 0


def _private(info: os.stat_result) -> bool:
    """Owned by the user running the app, and nobody else may write to it."""
    geteuid = getattr(os, "geteuid", None)
    owned = geteuid is None or info.st_uid == geteuid()
    return owned and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _ours(name: str) -> bool:
    return any(re.fullmatch(pattern, name) for pattern in (_MARKER_TEMP, _INDEX, _TEMP))


def _read_small(fd: int, name: str) -> str | None:
    try:
        handle = os.open(name, os.O_RDONLY | _NOFOLLOW, dir_fd=fd)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as marker:
        if not stat.S_ISREG(os.fstat(marker.fileno()).st_mode):
            return None
        return marker.read(len(MARKER_TEXT) + 1).decode("utf-8", "replace")


def _write_marker(fd: int) -> None:
    temp = f"{MARKER}.{_token()}.tmp"
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=fd)
    try:
        with os.fdopen(handle, "wb") as marker:
            marker.write(MARKER_TEXT.encode())
            marker.flush()
            os.fsync(marker.fileno())
        os.replace(temp, MARKER, src_dir_fd=fd, dst_dir_fd=fd)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=fd)


def _read(fd: int, name: str, expected: Expected) -> dict[str, NDArray[Any]] | None:
    from .npzread import read_arrays

    try:
        handle = os.open(name, os.O_RDONLY | _NOFOLLOW, dir_fd=fd)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as saved:
        info = os.fstat(saved.fileno())
        most = sum(max(t.itemsize for t in dtypes) * count for dtypes, count in expected.values())
        if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > most + 2**20:
            return None
        return read_arrays(saved, expected)


def _indexes(fd: int) -> dict[str, list[tuple[float, str]]]:
    """The app's index files (modified time, name) by store key, newest first."""
    found: dict[str, list[tuple[float, str]]] = {}
    for name in os.listdir(fd):
        match = re.fullmatch(_INDEX, name)
        if match is None:
            continue
        try:
            info = os.stat(name, dir_fd=fd, follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            found.setdefault(match["key"], []).append((info.st_mtime, name))
    return {key: sorted(files, reverse=True) for key, files in found.items()}


def _write_index(fd: int, key: str, arrays: Mapping[str, NDArray[Any]]) -> bool:
    """Write an index file into the folder atomically, then prune the folder (False: the
    disk refused it)."""
    import numpy as np

    # The writer's pid in the temp name: a later prune can tell a file still being
    # written from one left by a process that was killed mid-write.
    stem = f"{FORMAT}-{key}-{_token()}"
    temp = f"{stem}.{os.getpid()}.tmp"
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
        handle = os.open(temp, flags, 0o600, dir_fd=fd)
        with os.fdopen(handle, "wb") as out:
            np.savez(out, **arrays)  # type: ignore[arg-type]  # NumPy's stub is too narrow
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, f"{stem}.npz", src_dir_fd=fd, dst_dir_fd=fd)
        os.fsync(fd)
        _prune(fd)
    except OSError:
        return False  # a read-only or full disk: the index is simply built again next time
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=fd)
    return True


def _abandoned(fd: int, name: str, pid: int) -> bool:
    """True for a temp file whose writer has exited, or that is over a day old."""
    try:
        if time.time() - os.stat(name, dir_fd=fd, follow_symlinks=False).st_mtime > STALE_SECONDS:
            return True
    except OSError:
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):  # not ours, or the platform cannot tell: keep it
        return False
    return False


def _prune(fd: int) -> None:
    """Keep the newest index of the most recently written stores, and no temp file nobody
    is writing; only files of the app's own names are ever touched."""
    indexes = _indexes(fd)
    newest = sorted(indexes, key=lambda key: indexes[key][0], reverse=True)
    doomed = [name for key in newest for _, name in indexes[key][1:]]
    doomed += [name for key in newest[KEEP_FILES:] for _, name in indexes[key][:1]]
    for name in os.listdir(fd):
        match = re.fullmatch(_TEMP, name)
        if match is not None and _abandoned(fd, name, int(match["pid"])):
            doomed.append(name)
    for name in doomed:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=fd)
