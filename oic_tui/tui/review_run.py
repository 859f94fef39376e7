"""A review decision as the screen asks for it, run on a review session (in a worker)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .review_model import Drafted, drafted

if TYPE_CHECKING:
    from oic_tui.corpus.review import Decision, Review
    from oic_tui.store.reader import Store

# What each action's refusal says was not done.
NOT_DONE = {
    "accept": "accepted",
    "reject": "rejected",
    "edit": "edited",
    "undo": "undone",
    "link": "linked",
    "unlink": "unlinked",
    "entity": "made",
    "step": "made a step",
    "mark": "marked",
    "unmark": "unmarked",
    "accept_all": "accepted",
}


@dataclass(frozen=True)
class Request:
    """One decision asked for: its action, the draft (or document) and what it sets."""

    action: str
    address: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)
    accept: bool = False


def run(review: Review, doc: str, request: Request) -> Decision | None:
    """Make the decision on the review session (None: nothing to undo)."""
    action, address, values = request.action, request.address, request.values
    if action == "accept":
        return review.accept(address)
    if action == "reject":
        return review.reject(address)
    if action == "edit":
        return review.edit(address, dict(values), accept=request.accept)
    if action == "link":
        return review.link(address, values["entity"])
    if action == "unlink":
        return review.unlink(address, values["entity"])
    if action == "entity":
        return review.new_entity(
            doc,
            values["id"],
            values["title"],
            values["type"],
            [values["name"]],
            values["text"],
            role_aliases=[values["role"]] if values.get("role") else [],
            quote=values["name"],
        )
    if action == "step":
        return review.to_step(
            address,
            values["initiative"],
            values["status"],
            values.get("date") or None,
            values.get("precision") or None,
        )
    if action == "mark":
        return review.mark_boilerplate(doc, values["start"], values["end"])
    if action == "unmark":
        return review.unmark_boilerplate(doc, values["start"], values["end"])
    if action == "accept_all":
        return review.accept_all(doc, "topic")
    return review.undo()


def rebuilt(root: Path, doc: str, review: Review) -> tuple[Store, Drafted] | None:
    """The corpus's store rebuilt and opened, with the document's drafts (None if it failed)."""
    from oic_tui.corpus.build import BuildError
    from oic_tui.corpus.folder import build_corpus_store, find_corpus
    from oic_tui.store.reader import StoreError

    try:
        corpus = find_corpus(root)
        # Opened from the bytes just written: not read back, only new records decoded.
        built, store = build_corpus_store(corpus)
        if doc not in store.documents:
            return None
        # The notes from this build's warnings: the corpus is not compiled a third time.
        return store, drafted(store, doc, review, built.warnings)
    except (BuildError, StoreError, OSError):
        return None
