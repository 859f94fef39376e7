"""Atomic file writes: a temp file beside the target, fsync, rename; nothing half-written.

A write never goes through a symbolic link and never replaces anything but a regular file:
a link is refused, or, where the user named it and was told (`replace_link`), replaced
itself; the file it leads to is never written. The target's folder must exist.

Temp files are named `.oic-tui-write-<pid>-<token>.tmp`, so that the next write can tell
the leftovers of a killed writer (its pid no longer runs) from anyone else's files, and
removes only those.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from pathlib import Path

from oic_tui.store.files import shown

from .confine import kind_of

TEMP_PREFIX = ".oic-tui-write-"
_TEMP_NAME = re.compile(rf"{re.escape(TEMP_PREFIX)}(\d+)-[0-9a-f]{{16}}\.tmp")


class UnsafeTarget(OSError):
    """A write refused before anything is written; `strerror` says why, without the path."""


def write_text_atomic(target: Path, text: str, *, replace_link: bool = False) -> Path:
    """Write UTF-8 text to a file atomically and return where it went (as write_bytes_atomic)."""
    return write_bytes_atomic(target, text.encode("utf-8"), replace_link=replace_link)


def check_target(target: Path, replace_link: bool = False) -> Path | None:
    """The regular file a symlink `target` leads to, else None; UnsafeTarget if refused.

    A new name or a regular file may be written. A symlink is refused unless
    `replace_link`, and even then only when it leads to a regular file (the link is what
    gets replaced). A pipe, device, socket or folder is always refused, as is a missing
    parent folder (it is never created).
    """
    folder = target.parent
    if not folder.is_dir():
        raise UnsafeTarget(errno.ENOENT, f"no such folder {shown(folder)}", str(target))
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    if stat.S_ISREG(info.st_mode):
        return None
    if not stat.S_ISLNK(info.st_mode):
        raise UnsafeTarget(
            errno.EEXIST, f"is {kind_of(info.st_mode)}, not a regular file; refused", str(target)
        )
    real = Path(os.path.realpath(target))
    if not replace_link:
        why = f"is a symbolic link (to {shown(real)}); a write never follows one; refused"
        raise UnsafeTarget(errno.ELOOP, why, str(target))
    try:
        mode = os.stat(target).st_mode
    except OSError:
        raise UnsafeTarget(
            errno.ENOENT, f"is a symbolic link to nothing ({shown(real)}); refused", str(target)
        ) from None
    if not stat.S_ISREG(mode):
        why = f"is a symbolic link to {kind_of(mode)} ({shown(real)}); refused"
        raise UnsafeTarget(errno.EEXIST, why, str(target))
    return real


def write_bytes_atomic(target: Path, data: bytes, *, replace_link: bool = False) -> Path:
    """Write bytes to a file atomically and return where it went (`target` itself).

    See `check_target` for what is refused. An existing regular file keeps its permission
    bits; a new file, or one replacing a link, gets the usual ones (0666 less the umask).
    """
    check_target(target, replace_link)
    folder = target.parent
    remove_stale_temps(folder)
    mode = _mode_for(target)
    temp = folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(8)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        # A rename replaces the name itself: it never writes through a link or into a pipe.
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return target


def _mode_for(target: Path) -> int:
    with contextlib.suppress(FileNotFoundError):
        info = os.lstat(target)
        if stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
    # A new file, or one replacing a link: the mode of the file it led to is not copied.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_new_files(folder: Path, files: dict[str, bytes]) -> None:
    """Write new files into a folder this process just made, each fsynced, then the folder.

    For a folder that is renamed into place whole (an import's staging folder): no temp
    files are needed, since nothing is replaced and nobody reads the folder before the
    rename. A name that exists, or is a link, is refused by the kernel.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for name, data in files.items():
        fd = os.open(folder / name, flags, 0o666)  # less the umask, as any new file
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    """Make a folder's entries (a rename, a new file) durable, where the system allows."""
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk too.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Remove temp files this app left in a folder when killed mid-write; return them."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = _TEMP_NAME.fullmatch(entry.name)
            if match is None or process_running(int(match.group(1))):
                continue
            if entry.is_file(follow_symlinks=False) and entry.stat().st_uid == os.getuid():
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def process_running(pid: int) -> bool:
    """True while a process of this pid may still be running (ours counts)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
