"""An entity: its name, type, every alias, and every record that mentions it."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message

from oic_tui.store.mentions import ScopedAliases, quotes_name, store_alias_index
from oic_tui.store.models import KINDS, Record
from oic_tui.store.reader import Store, timeline_key

from ..widgets.record_list import RecordList
from ..widgets.styling import SHORT_LABELS
from .detail import CONTEXT_NOTE, DetailScreen

Groups = list[tuple[str, list[Record]]]


def entity_query(entity: Record) -> str:
    """The search for an entity and what mentions it: `entity:` and its id's name."""
    return f"entity:{entity.id.partition('.')[2] or entity.id}"


def search_note(
    query: str, entity: Record, mentions: Collection[str], found: Collection[str]
) -> str:
    """How the search for an entity relates to the records that mention it: it finds them,
    the entity itself, and any record found through another entity its words name."""
    mentioned, hits = set(mentions), set(found)
    if not mentioned <= hits:
        return f"{query} finds {len(hits):,}"
    others = len(hits - mentioned - {entity.id})
    itself = "the entity itself" if entity.id in hits else ""
    if not others:
        return f"{query} finds these {len(mentioned):,}" + (f" and {itself}" if itself else "")
    parts = [f"these {len(mentioned):,}", itself, f"{others:,} via other entities so named"]
    return f"{query} finds {len(hits):,}: " + ", ".join(part for part in parts if part)


@dataclass
class SearchCounted(Message):
    """What the search for an entity found (ids), to say how it relates to the backlinks."""

    query: str
    found: tuple[str, ...]


def by_kind(mentions: Sequence[Record]) -> Groups:
    """Records grouped by kind, in the panes' order; events in timeline order."""
    groups = {kind: [r for r in mentions if r.kind == kind] for kind in KINDS}
    # Events in timeline order, as in the Timeline pane, whatever order the store has.
    groups["event"].sort(key=timeline_key)
    return [
        (f"{SHORT_LABELS[kind]} ({len(members):,})", members)
        for kind, members in groups.items()
        if members
    ]


def mention_document(
    record: Record, entity: Record, order: Mapping[str, int], index: ScopedAliases
) -> str:
    """The earliest document (by `order`) in which a record's quotes name the entity.

    A link the quotes support only through context names it in none: then the record's
    earliest document.
    """
    docs = sorted((d for d in record.docs if d in order), key=order.__getitem__)
    for doc_id in docs:
        quotes = [(span.doc, span.quote) for span in record.sources if span.doc == doc_id]
        if entity.id in index.named_entities(quotes):
            return doc_id
    return docs[0] if docs else ""


def by_document(mentions: Sequence[Record], entity: Record, store: Store) -> Groups:
    """Records grouped by the document that mentions the entity, by date: `2011 · label (3)`."""
    index = store_alias_index(store)
    order = {doc_id: number for number, doc_id in enumerate(store.documents)}
    held: dict[str, list[Record]] = {}
    for record in mentions:
        held.setdefault(mention_document(record, entity, order, index), []).append(record)
    groups: Groups = []
    for doc_id, document in store.documents.items():
        members = held.get(doc_id)
        if not members:
            continue
        # Within a document, in the panes' order of kinds (events in timeline order).
        members = [record for _, group in by_kind(members) for record in group]
        year = document.when.years
        prefix = f"{year[0]} · " if year else ""
        groups.append((f"{prefix}{document.short} ({len(members):,})", members))
    # Every backlink stays listed, even one whose document the store does not hold.
    if stray := held.get(""):
        groups.append((f"Other ({len(stray):,})", stray))
    return groups


class EntityScreen(DetailScreen):
    """A record's detail whose links are its backlinks: by kind, or by document and year."""

    def compose_links(self) -> ComposeResult:
        """One list: every record that mentions the entity."""
        yield RecordList(label="Mentioned in", id="backlinks", classes="links")

    def fill_links(self) -> None:
        """Backlinks grouped by kind, or by document when the store has several."""
        store, entity = self.store, self.record
        mentions = store.mentioning(entity.id)
        several = store.multi_document
        groups = by_document(mentions, entity, store) if several else by_kind(mentions)
        index = store_alias_index(store)
        notes = {r.id: CONTEXT_NOTE for r in mentions if not quotes_name(r, entity, index)}
        self.query_one("#backlinks", RecordList).show_records(
            mentions, groups=groups, notes=notes, show_kind=several
        )
        self._count_search(entity_query(entity))

    @work(thread=True, exclusive=True, group="entity-search")
    def _count_search(self, query: str) -> None:
        """Search as `/` would for the entity (the first search may build the index)."""
        from oic_tui.search.service import search

        hits = search(self.store, query)
        self.post_message(SearchCounted(query, tuple(hit.record.id for hit in hits)))

    @on(SearchCounted)
    def _explain_count(self, message: SearchCounted) -> None:
        """Under the backlinks: what the entity's search finds besides them, if anything."""
        backlinks = self.query_one("#backlinks", RecordList)
        mentions = [record.id for record in backlinks.records]
        note = search_note(message.query, self.record, mentions, message.found)
        backlinks.border_subtitle = Content(note)
