"""The one lock every writer of a corpus holds: import, build, the rebuild on open, init.

A writer holds it from reading the corpus's sources to renaming its store into place, so a
store is never built from an older listing and renamed over a newer one. It is an `flock`
on a hidden file in the corpus folder (other processes wait), re-entrant within a process:
a command that holds it may call a function that takes it again.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

from oic_tui.store.files import StoreError, shown

from .confine import kind_of

LOCK_FILE = ".oic-tui.lock"
# Never through a link; never waiting on a pipe or adopting a terminal put in its place.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
# A folder nobody may write to has no writers to wait for: no lock file can be made there.
_NOT_WRITABLE = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})

_guard = threading.Lock()
# Per corpus folder: the thread lock that orders this process's threads, and how deep the
# holding thread is (the flock is taken on the way in and released on the way out).
_threads: dict[Path, threading.RLock] = {}
_depth: dict[Path, int] = {}


def _key(root: Path) -> Path:
    return Path(os.path.realpath(root))


def _open_lock_file(path: Path) -> int | None:
    """A descriptor of the lock file, created if need be; None where nobody can write."""
    fd = _open(path)
    if fd is not None and not stat.S_ISREG(mode := os.fstat(fd).st_mode):
        os.close(fd)
        raise StoreError(f"{shown(path)}: is {kind_of(mode)}, not the corpus's lock file")
    return fd


def _open(path: Path) -> int | None:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise StoreError(f"{shown(path)}: is a symlink, not the corpus's lock file") from None
        if error.errno not in _NOT_WRITABLE:
            raise StoreError(
                f"{shown(path)}: cannot take the corpus lock ({error.strerror or error})"
            ) from None
    try:  # someone else's lock file, readable: flock works on a read-only descriptor
        return os.open(path, os.O_RDONLY | _NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None


@contextlib.contextmanager
def corpus_lock(root: Path | str) -> Iterator[None]:
    """Hold the corpus's write lock; other writers, in this process or another, wait."""
    key = _key(Path(root))
    with _guard:
        thread_lock = _threads.setdefault(key, threading.RLock())
    with thread_lock:
        fd = None
        if _depth.get(key, 0) == 0:
            fd = _open_lock_file(key / LOCK_FILE)
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
        _depth[key] = _depth.get(key, 0) + 1
        try:
            yield
        finally:
            _depth[key] -= 1
            if fd is not None:
                os.close(fd)  # closing the only descriptor releases the flock


def corpus_locked(root: Path | str) -> bool:
    """True while this process holds the corpus's lock (for assertions and tests)."""
    return _depth.get(_key(Path(root)), 0) > 0
