"""Things built once per opened store, on first use, shared by every caller, gone with it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from .reader import Store

Built = TypeVar("Built")


class PerStore(Generic[Built]):
    """`per_store(store)` builds once (under a lock: callers may be threads) and keeps it."""

    def __init__(self, build: Callable[[Store], Built]) -> None:
        self._build = build
        self._built: WeakKeyDictionary[Store, Built] = WeakKeyDictionary()
        self._lock = threading.Lock()

    def __call__(self, store: Store, build: Callable[[Store], Built] | None = None) -> Built:
        """What was built for `store`, built now if not yet: by `build` when given (the
        first caller's arguments, say), else as the `PerStore` says."""
        with self._lock:
            built = self._built.get(store)
            if built is None:
                built = self._built[store] = (build or self._build)(store)
            return built

    def ready(self, store: Store) -> bool:
        """True once built for this store."""
        return store in self._built
