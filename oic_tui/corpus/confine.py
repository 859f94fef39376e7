"""Confinement: what a corpus reads and writes stays inside its folder, links resolved.

A symbolic link inside a corpus may point anywhere inside it; one that leads outside is
refused, naming it. Sources are read only from regular files (never a device, a pipe or
`/proc`), without waiting on anything, and never past a size limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from oic_tui.store.files import StoreError, shown

# Never wait on a pipe or device that slipped in after a check, nor adopt a terminal.
READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISLNK, "a symbolic link"),
)


class Unreadable(Exception):
    """A source cannot be read; the message is the reason alone, without the path."""


def kind_of(mode: int) -> str:
    """What a file of this mode is, in words ("a named pipe"; "a regular file")."""
    if stat.S_ISREG(mode):
        return "a regular file"
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def outside(root: Path, path: Path) -> Path | None:
    """Where `path` really leads if its links take it out of `root`, else None."""
    # realpath, not Path.resolve: a symlink loop is a path that leads nowhere, not an error.
    base = Path(os.path.realpath(root))
    real = Path(os.path.realpath(path))
    return None if real == base or base in real.parents else real


def confined(root: Path, path: Path) -> Path:
    """`path` itself when its links keep it inside `root`; StoreError in one line if not."""
    real = outside(root, path)
    if real is not None:
        raise StoreError(
            f"{shown(path)}: leads outside the corpus folder (to {shown(real)}) "
            "through a symbolic link; refused"
        )
    return path


def read_regular(path: Path, limit: int) -> bytes:
    """A regular file's bytes, at most `limit` of them; Unreadable with the reason if not."""
    try:
        fd = os.open(path, READ_FLAGS)
    except OSError as error:
        raise Unreadable(f"cannot be read ({error.strerror or error})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"is {kind_of(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise Unreadable(f"is larger than {_size(limit)}")
        chunks = []
        left = limit + 1
        # A file that grows while read still stops one byte past the limit.
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as error:
        raise Unreadable(f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise Unreadable(f"is larger than {_size(limit)}")
    if len(data) != info.st_size:
        # /proc and /sys files say 0 bytes and hold more; a file being written changes.
        raise Unreadable("changed size while being read, or is not a plain file (as in /proc)")
    return data


def read_source(root: Path, path: Path, limit: int) -> bytes:
    """A corpus source's bytes: inside `root`, a regular file, at most `limit` bytes."""
    real = outside(root, path)
    if real is not None:
        raise Unreadable(f"leads outside the corpus folder (to {shown(real)}); refused")
    return read_regular(path, limit)


def _size(limit: int) -> str:
    for unit, scale in (("MiB", 2**20), ("KiB", 2**10)):
        if limit >= scale and limit % scale == 0:
            return f"{limit // scale} {unit}"
    return f"{limit:,} bytes"
