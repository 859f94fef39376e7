"""TinyDB over already-parsed data, refusing every write: stores are never modified."""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage


class ReadOnlyStorage(Storage):  # type: ignore[misc]
    """Serves already-parsed data to TinyDB and refuses every write."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def read(self) -> dict[str, Any]:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        raise PermissionError("stores are opened read-only")


def read_only_db(data: dict[str, Any]) -> TinyDB:
    """A TinyDB whose tables are `data`'s; it never touches a file."""
    return TinyDB(storage=ReadOnlyStorage, data=data)
