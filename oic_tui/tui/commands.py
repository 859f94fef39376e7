"""Command palette entries: open any record by title."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from .app import OicApp


class RecordCommands(Provider):
    """`Open <record title>` for every record in the store."""

    @property
    def oic(self) -> OicApp:
        """The app, typed."""
        from .app import OicApp

        assert isinstance(self.app, OicApp)
        return self.app

    def _candidates(self) -> list[tuple[str, Content, str, object]]:
        store = self.oic.store
        if store is None:
            return []
        return [
            (
                record.title,
                Content(record.title),
                f"Open {record.kind}",
                partial(self.oic.open_record, record),
            )
            for record in store.records
        ]

    async def discover(self) -> Hits:
        for title, display, help_text, command in self._candidates()[:20]:
            yield DiscoveryHit(display, command, text=title, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, display, help_text, command in self._candidates():
            score = matcher.match(title)
            if score > 0:
                _, offsets = matcher.fuzzy_search.match(query, title)
                for offset in offsets:
                    display = display.stylize("reverse", offset, offset + 1)
                yield Hit(score, display, command, text=title, help=help_text)  # type: ignore[arg-type]
