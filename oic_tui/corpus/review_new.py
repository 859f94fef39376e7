"""Decisions that add to a document: a new entity, a step made of an initiative draft,
a line marked as boilerplate (or unmarked). Each is checked and written as `review` says."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from oic_tui.store.files import shown

from .build import BuildResult
from .records import occurrences
from .review_check import quoted_within
from .review_session import Decision, Refused, Session, toml_table
from .toml_edit import append_record, remove_record, set_boilerplate

# The first lines of an annotation file a decision makes, by its kind.
_HEADERS = {
    "entity": "# Entities of this document, made in the review (`oic-tui review`).\n"
    'kind = "entity"\n',
    "step": '# Steps of initiatives this document reports, made in the review.\nkind = "step"\n',
}
_FILES = {"entity": "entities.toml", "step": "steps.toml"}


# The build's refusal of a record quoting a marked line: its id.
_QUOTES_MARKED = re.compile(
    r" (?:draft )?\w+ (\S+): quotes \[\d+, \d+\] of .*, marked as boilerplate$"
)


class Additions(Session):
    """The decisions that add a record, a step row or a boilerplate range to a document."""

    def new_entity(
        self,
        doc: str,
        entity_id: str,
        title: str,
        type: str,  # the file's name for the field
        aliases: Sequence[str],
        text: str,
        role_aliases: Sequence[str] = (),
        quote: str | None = None,
    ) -> Decision:
        """A reviewed entity added to the document's entities.toml (made if missing).

        Role aliases ("Director General") name it in this document only. Its quote is
        `quote` or its first alias. It replaces the commented-out draft of it import wrote.
        """
        path = self._kind_file(doc, "entity")
        if not entity_id.startswith("entity."):
            raise Refused([f"{entity_id}: an entity's id starts with 'entity.'"])
        if entity_id in self._rows:
            used = shown(self._rows[entity_id].path)
            raise Refused([f"{entity_id}: is the id of a record already ({used})"])
        said = quote or next(iter(aliases), "")
        if not said:
            raise Refused([f"{entity_id}: give it an alias or a quote (a text it is named by)"])
        # Quoted where it first occurs when it occurs more than once (as import writes it).
        many = len(occurrences(self.document_text(doc), said)) > 1
        fields: dict[str, Any] = {
            "id": entity_id,
            "title": title,
            "type": type,
            "aliases": [*aliases, *({"name": role, "docs": [doc]} for role in role_aliases)],
            "text": text,
            "quotes": [{"text": said, "nth": 1} if many else said],
        }
        return self._decide(
            Decision("new", entity_id, said=f"made {entity_id}"),
            [path],
            lambda: {path: self._appended(path, "entity", fields, entity_id)},
            lambda: self.new_entity(
                doc, entity_id, title, type, aliases, text, role_aliases, quote
            ),
            [entity_id],
        )

    def to_step(
        self,
        address: str,
        initiative_id: str,
        status: str,
        date: str | None = None,
        precision: str | None = None,
    ) -> Decision:
        """Make an initiative draft a step of an existing initiative, in one decision.

        The draft's record goes; a reviewed step row (its first quote, the status and date
        given) is added to its document's steps.toml, made if missing.
        """
        row = self._find(address)
        if row.kind != "initiative" or row.row.get("draft") is not True:
            raise Refused(
                [f"{shown(row.path)}: {address}: is not an initiative draft: only one is a step"]
            )
        target = self._rows.get(initiative_id)
        if target is None or target.kind != "initiative" or initiative_id == address:
            raise Refused([f"{initiative_id}: no initiative with this id in {shown(self.root)}"])
        quotes = row.row.get("quotes")
        if not isinstance(quotes, list) or not quotes or row.doc == "shared":
            raise Refused(
                [f"{shown(row.path)}: {address}: no quote in a document's folder for the step"]
            )
        fields: dict[str, Any] = {"initiative": initiative_id, "status": status}
        fields.update({"date": date} if date else {})
        fields.update({"precision": precision} if precision else {})
        fields.update({"doc": row.row["doc"]} if isinstance(row.row.get("doc"), str) else {})
        fields["quote"] = quotes[0]
        steps = self._kind_file(row.doc, "step")

        def change() -> dict[Path, str]:
            return {
                row.path: remove_record(self._text(row.path), row.index),
                steps: self._appended(steps, "step", fields),
            }

        return self._decide(
            Decision("step", address, said=f"made {address} a step of {initiative_id}"),
            [row.path, steps],
            change,
            lambda: self.to_step(address, initiative_id, status, date, precision),
            [address, initiative_id],
        )

    def mark_boilerplate(self, doc: str, start: int, end: int) -> Decision:
        """Add [start, end] to the document's boilerplate; refused if a record quotes it."""
        path = self._document_toml(doc)
        pairs = self._boilerplate(path)
        where = f"{shown(path)}: [{start}, {end}]"
        if (start, end) in pairs:
            raise Refused([f"{where} is marked as boilerplate already"])
        if not 0 <= start < end:
            raise Refused([f"{where}: a boilerplate range needs 0 <= start < end"])
        over = [f"[{a}, {b}]" for a, b in pairs if a < end and start < b]
        if over:
            raise Refused([f"{where} overlaps {over[0]}, marked already: unmark that first"])

        def confirm(result: BuildResult) -> None:
            quoting = quoted_within(result, doc, start, end)
            if quoting:
                raise Refused(
                    [f"{where}: quoted by {', '.join(quoting)}: no record quotes boilerplate"]
                )

        try:
            return self._decide(
                Decision("mark", doc, said=f"marked [{start}, {end}] of {doc} as boilerplate"),
                [path],
                lambda: {path: set_boilerplate(self._text(path), sorted({*pairs, (start, end)}))},
                lambda: self.mark_boilerplate(doc, start, end),
                [],
                confirm,
            )
        except Refused as refused:
            # The build refuses each reviewed record quoting the line: said in one line.
            quoting = [m[1] for p in refused.problems if (m := _QUOTES_MARKED.search(p))]
            if not quoting or len(quoting) != len(refused.problems):
                raise
            said = f"{where}: quoted by {', '.join(quoting)}: no record quotes boilerplate"
            raise Refused([said]) from None

    def unmark_boilerplate(self, doc: str, start: int, end: int) -> Decision:
        """Remove [start, end] from the document's boilerplate (its text is article again)."""
        path = self._document_toml(doc)
        pairs = self._boilerplate(path)
        if (start, end) not in pairs:
            raise Refused([f"{shown(path)}: [{start}, {end}] is not marked as boilerplate"])
        return self._decide(
            Decision("unmark", doc, said=f"unmarked [{start}, {end}] of {doc}"),
            [path],
            lambda: {
                path: set_boilerplate(self._text(path), [p for p in pairs if p != (start, end)])
            },
            lambda: self.unmark_boilerplate(doc, start, end),
            [],
        )

    def line_at(self, doc: str, offset: int) -> tuple[int, int]:
        """The [start, end) of the line of the document's text at `offset`, less the space
        around it (as import marks a line), for marking that line as boilerplate."""
        text = self.document_text(doc)
        if not 0 <= offset < len(text):
            raise Refused([f"{doc}: {offset} is not an offset of its text (0 to {len(text) - 1})"])
        start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
        ends = [at for at in (text.find("\n", offset), text.find("\r", offset)) if at >= 0]
        end = min(ends, default=len(text))
        line = text[start:end]
        if not line.strip():
            raise Refused([f"{doc}: the line at {offset} is blank"])
        start += len(line) - len(line.lstrip())
        return start, start + len(line.strip())

    def _boilerplate(self, path: Path) -> list[tuple[int, int]]:
        """A document.toml's boilerplate pairs as read; refused if they are not pairs."""
        value = (toml_table(self._raw[path]) or {}).get("boilerplate", [])
        if not isinstance(value, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(type(n) is int for n in p) for p in value
        ):
            raise Refused([f"{shown(path)}: boilerplate is not a list of [start, end] pairs"])
        return [(p[0], p[1]) for p in value]

    def _kind_file(self, doc: str, kind: str) -> Path:
        """The document's file of this kind of row (entities.toml, steps.toml)."""
        path = self._folder(doc) / _FILES[kind]
        raw = self._raw.get(path)
        found = (toml_table(raw) or {}).get("kind") if raw is not None else kind
        if found != kind:
            raise Refused([f"{shown(path)}: holds kind {found!r}, not {kind!r}: add it by hand"])
        return path

    def _appended(
        self, path: Path, kind: str, fields: Mapping[str, Any], replacing: str = ""
    ) -> str:
        """The file's text with a record added (a new file's header first)."""
        return append_record(self._text(path) or _HEADERS[kind], fields, replacing)
