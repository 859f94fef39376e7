"""An entity: its name, type, every alias, and every record that mentions it."""

from __future__ import annotations

from textual.app import ComposeResult

from oic_tui.store.mentions import quotes_name, store_alias_index
from oic_tui.store.models import KINDS
from oic_tui.store.reader import timeline_key

from ..widgets.record_list import RecordList
from ..widgets.styling import SHORT_LABELS
from .detail import CONTEXT_NOTE, DetailScreen


class EntityScreen(DetailScreen):
    """A record's detail whose links are its backlinks, grouped by kind."""

    def compose_links(self) -> ComposeResult:
        """One list: every record that mentions the entity."""
        yield RecordList(label="Mentioned in", id="backlinks", classes="links")

    def fill_links(self) -> None:
        """Backlinks grouped by kind, in the panes' order."""
        mentions = self.store.mentioning(self.record.id)
        by_kind = {kind: [r for r in mentions if r.kind == kind] for kind in KINDS}
        # Events in timeline order, as in the Timeline pane, whatever order the store has.
        by_kind["event"].sort(key=timeline_key)
        groups = [
            (f"{SHORT_LABELS[kind]} ({len(members):,})", members)
            for kind, members in by_kind.items()
            if members
        ]
        index = store_alias_index(self.store)
        notes = {r.id: CONTEXT_NOTE for r in mentions if not quotes_name(r, self.record, index)}
        self.query_one("#backlinks", RecordList).show_records(mentions, groups=groups, notes=notes)
