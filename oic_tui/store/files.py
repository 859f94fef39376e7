"""Reading a store file's bytes and JSON without ever creating, locking or writing it."""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

from .sanitize import needs_cleaning, one_line

MAX_STORE_BYTES = 512 * 1024 * 1024


class StoreError(Exception):
    """A store cannot be opened; the message is one plain sentence naming the path."""


def shown(path: Path | str) -> str:
    """A path as store messages echo it: sanitised, on one line, bounded."""
    return one_line(str(path))


def read_json(path: Path) -> Any:
    """Read and parse a store file without ever creating, locking or writing it."""
    return load_json(path)[0]


def load_json(path: Path) -> tuple[Any, bool]:
    """Parsed store data, and whether any string in it may need sanitising."""
    text = read_text(path)
    return parse_json(path, text), needs_cleaning(text)


def read_text(path: Path) -> str:
    """A store file's text, without ever creating, locking or writing it."""
    return decoded(path, read_bytes(path))


_NOT_FILES = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
# Never wait on a pipe or device that slipped in after the check, nor adopt a terminal.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def _not_a_file(where: str, mode: int) -> StoreError | None:
    """StoreError for anything but a regular file (reading a pipe or device can hang)."""
    if stat.S_ISREG(mode):
        return None
    what = next((name for test, name in _NOT_FILES if test(mode)), "not a regular file")
    return StoreError(f"{where}: is {what}, not a store file")


def _unreadable(where: str, error: OSError) -> StoreError:
    if error.errno == errno.ELOOP:
        return StoreError(f"{where}: symlink loop")
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return StoreError(f"{where}: no such file")
    return StoreError(f"{where}: cannot be read ({one_line(error.strerror or str(error))})")


def read_bytes(path: Path) -> bytes:
    """A store file's bytes, without ever creating, locking or writing it."""
    where = shown(path)
    try:
        # Checked before opening: opening a FIFO or a device can block or act on it.
        info = os.stat(path)
        if problem := _not_a_file(where, info.st_mode):
            raise problem
        if info.st_size > MAX_STORE_BYTES:
            raise StoreError(f"{where}: is larger than {MAX_STORE_BYTES // 2**20} MiB")
        descriptor = os.open(path, _OPEN_FLAGS)
        with os.fdopen(descriptor, "rb") as handle:
            # The path may name something else by now: check what was actually opened.
            if problem := _not_a_file(where, os.fstat(handle.fileno()).st_mode):
                raise problem
            raw = handle.read(MAX_STORE_BYTES + 1)
    except OSError as error:
        raise _unreadable(where, error) from None
    except ValueError:  # a NUL byte in the path
        raise StoreError(f"{where}: no such file") from None
    if len(raw) > MAX_STORE_BYTES:
        raise StoreError(f"{where}: is larger than {MAX_STORE_BYTES // 2**20} MiB")
    if not raw.strip():
        raise StoreError(f"{where}: is empty")
    return raw


def decoded(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StoreError(f"{shown(path)}: is not UTF-8 text (byte {error.start})") from None


def parse_json(path: Path, text: str) -> Any:
    """Store text as JSON data, or StoreError saying where it breaks."""
    where = shown(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        cut = error.msg.startswith("Unterminated string") or error.pos >= len(text.rstrip())
        problem = "is truncated" if cut else "is not valid JSON"
        at = f"line {error.lineno}, column {error.colno}"
        raise StoreError(f"{where}: {problem} ({at})") from None
    except ValueError:  # `int` refuses a number of more than sys.get_int_max_str_digits()
        raise StoreError(
            f"{where}: holds a number longer than {sys.get_int_max_str_digits():,} digits; "
            "it is not an oic-tui store"
        ) from None
    except RecursionError:
        raise StoreError(f"{where}: is nested too deeply to be a store") from None
