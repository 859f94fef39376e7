"""The palette's commands beside Textual's own: panes, documents, review, source, help."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from oic_tui.store.models import KIND_LABELS

from .screens.main import PANE_KINDS

if TYPE_CHECKING:
    from textual.screen import Screen

    from .app import OicApp


def system_commands(app: OicApp, screen: Screen[object]) -> Iterable[SystemCommand]:
    """The app's commands offered on `screen`, after Textual's."""
    for index, label in enumerate(KIND_LABELS[kind] for kind in PANE_KINDS):
        yield SystemCommand(
            f"Jump to {label}",
            f"Focus the {label} pane",
            lambda index=index: app.action_jump_pane(index),  # type: ignore[misc]
        )
    main = app.main_screen
    if screen is main:
        shown = "Show all four panes" if main.zoomed else "Zoom the pane"
        yield SystemCommand(shown, "One pane at the whole size, or the four (z)", main.action_zoom)
    if screen is main and main.documents_offered:
        yield SystemCommand("Documents", "Explore one document, or all", app.action_documents)
        yield SystemCommand(
            "Show all documents", "Every document's records (D)", app.action_all_documents
        )
    if screen is main and app.corpus is not None:
        yield SystemCommand("Review drafts", "Accept, reject, edit (R)", app.action_review)
    yield SystemCommand("Show source", "Open the source article", app.action_open_source)
    if screen.query("SourceExcerpt"):
        shown = "Hide" if app.source_offsets else "Show"
        yield SystemCommand(
            f"{shown} character offsets",
            "Where each quote of the record stands in its document",
            app.action_toggle_offsets,
        )
    yield SystemCommand("Help", "Show the keys", app.action_help)
