"""What the store-loading worker reports to the app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from oic_tui.store.reader import Store


@dataclass
class StoreLoaded(Message):
    """The store opened; its records can be shown."""

    store: Store


@dataclass
class StoreFailed(Message):
    """The store cannot be opened; `reason` is one plain sentence naming the path."""

    reason: str


@dataclass
class ReviewWanted(Message):
    """Review a document's drafts ("": the first document with drafts)."""

    doc: str
