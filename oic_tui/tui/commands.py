"""Command palette entries: open any record (of the document explored), found by the search
engine."""

from __future__ import annotations

import asyncio
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from oic_tui.search.service import engine_ready, search
from oic_tui.search.textnorm import tokens

from .widgets.styling import highlight_terms, truncate

if TYPE_CHECKING:
    from oic_tui.search.engine import Hit as SearchHit
    from oic_tui.store.models import Record
    from oic_tui.store.reader import Store

    from .app import OicApp

# The palette shows a screenful; the search engine ranks every record to pick them.
PALETTE_HITS = 30
DISCOVERY_HITS = 20
# A title is shown (and fuzzy-scored) up to this long: a store's title may be a megabyte.
TITLE_WIDTH = 100
# Records the engine found without the typed letters in their title (by an alias, the
# text, a quote) rank below every title match, in the engine's order.
UNTITLED_SCORE = 0.05


def answer(store: Store, query: str, doc: str | None = None) -> list[SearchHit]:
    """The engine's hits for the input (in one document, or all); while the next word is
    only its first letter (the engine takes prefixes from two letters on), the hits for the
    words before it whose title has a word starting with that letter."""
    hits = search(store, query, limit=PALETTE_HITS, doc=doc)
    head, _, last = query.rpartition(" ")
    letter = tokens(last)
    if hits or len(last) != 1 or len(letter) != 1 or not head.strip():
        return hits
    wider = search(store, head, limit=PALETTE_HITS * 8, doc=doc)
    return [
        hit
        for hit in wider
        if any(
            word.startswith(letter[0]) for word in tokens(truncate(hit.record.title, TITLE_WIDTH))
        )
    ][:PALETTE_HITS]


class RecordCommands(Provider):
    """`Open <record title>` for the records the search engine finds for the input."""

    @property
    def oic(self) -> OicApp:
        """The app, typed."""
        from .app import OicApp

        assert isinstance(self.app, OicApp)
        return self.app

    def _hit(self, record: Record) -> tuple[str, object, str]:
        return (
            truncate(record.title, TITLE_WIDTH),
            partial(self.oic.open_record, record),
            f"Open {record.kind}",
        )

    @property
    def scope(self) -> str | None:
        """The document explored (the main screen's scope), None for all."""
        return self.oic.main_screen.scope

    async def discover(self) -> Hits:
        store, scope = self.oic.store, self.scope
        if store is None:
            return
        records = (r for r in store.records if scope is None or scope in r.docs)
        for record in islice(records, DISCOVERY_HITS):
            title, command, help_text = self._hit(record)
            yield DiscoveryHit(Content(title), command, text=title, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        store, scope = self.oic.store, self.scope
        if store is None:
            return
        if engine_ready(store):
            # At once (a few milliseconds at 100k records): the palette stops waiting for
            # providers only when one yields, so a thread answering nothing would leave it
            # polling for another 0.1 s.
            hits = answer(store, query, scope)
        else:
            # Never on the event loop while the index is still being built.
            hits = await asyncio.to_thread(answer, store, query, scope)
        matcher = self.matcher(query)
        for rank, hit in enumerate(hits):
            title, command, help_text = self._hit(hit.record)
            display = highlight_terms(Content(title), hit.terms, hit.phrases)
            score = matcher.match(title) or UNTITLED_SCORE * (1 - rank / len(hits))
            yield Hit(score, display, command, text=title, help=help_text)  # type: ignore[arg-type]
