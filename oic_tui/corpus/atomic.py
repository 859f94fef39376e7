"""Atomic file writes: a temp file beside the target, fsync, rename; nothing half-written.

Temp files are named `.oic-tui-write-<pid>-<token>.tmp`, so that the next write can tell
the leftovers of a killed writer (its pid no longer runs) from anyone else's files, and
removes only those.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from pathlib import Path

TEMP_PREFIX = ".oic-tui-write-"
_TEMP_NAME = re.compile(rf"{re.escape(TEMP_PREFIX)}(\d+)-[0-9a-f]{{16}}\.tmp")


def write_text_atomic(target: Path, text: str) -> Path:
    """Write UTF-8 text to a file atomically and return where it went (as write_bytes_atomic)."""
    return write_bytes_atomic(target, text.encode("utf-8"))


def write_bytes_atomic(target: Path, data: bytes) -> Path:
    """Write bytes to a file atomically and return where it went.

    A symlink is followed: its target is replaced, never the link. An existing file keeps
    its permission bits; a new one gets the usual ones (0666 less the umask).
    """
    destination = target.resolve() if target.is_symlink() else target
    folder = destination.parent
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(folder)
    mode = _mode_for(destination)
    temp = folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(8)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(temp, destination)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return destination


def _mode_for(destination: Path) -> int:
    try:
        return stat.S_IMODE(destination.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


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
