"""Rows that extend records defined elsewhere: an entity's alias, an initiative's step."""

from __future__ import annotations

from typing import Any

from .annotations import AnnotationFile
from .records import Context, add_step, alias_scope, compile_step


def apply_extensions(
    records: list[dict[str, Any]], extensions: list[tuple[AnnotationFile, Context]]
) -> None:
    """Add each alias and step row to its record; a record with a history takes its status."""
    by_id = {record["id"]: record for record in records}
    drafts: set[int] = set()
    for annotation, ctx in extensions:
        for number, row in enumerate(annotation.rows, 1):
            where = f"{annotation.path}: {annotation.kind} {number}"
            if annotation.kind == "alias":
                _add_alias(row, by_id, where, ctx)
            else:
                _add_history_step(row, by_id, where, ctx, drafts)
    for record in records:
        # A draft step (`draft = true`, as import writes them) is shown in the history but
        # does not set the status: the reviewed steps say where an initiative stands.
        reviewed = [step for step in record.get("history", []) if id(step) not in drafts]
        if reviewed:
            record["status"] = reviewed[-1]["status"]


def _target(
    row: dict[str, Any], key: str, kind: str, by_id: dict[str, Any], where: str, ctx: Context
) -> dict[str, Any] | None:
    name = row.get(key)
    target: dict[str, Any] | None = by_id.get(name) if isinstance(name, str) else None
    if target is None or target["kind"] != kind:
        ctx.problems.append(
            f"{where}: {key} must name an {kind} of the corpus, not {row.get(key)!r}"
        )
        return None
    return target


def _add_alias(row: dict[str, Any], by_id: dict[str, Any], where: str, ctx: Context) -> None:
    entity = _target(row, "entity", "entity", by_id, where, ctx)
    scope = alias_scope(row, where, ctx)
    if entity is None or scope is None:
        return
    if scope["alias"] not in entity["aliases"]:
        entity["aliases"].append(scope["alias"])
    if scope["start"] or scope["end"] or scope["docs"]:
        entity.setdefault("alias_scopes", []).append(scope)


def _add_history_step(
    row: dict[str, Any], by_id: dict[str, Any], where: str, ctx: Context, drafts: set[int]
) -> None:
    initiative = _target(row, "initiative", "initiative", by_id, where, ctx)
    draft = row.get("draft", False)
    if not isinstance(draft, bool):
        ctx.problems.append(f"{where}: draft must be true or false, not {draft!r}")
    step = compile_step(row, ctx.default_doc, where, ctx)
    if initiative is not None and step is not None:
        add_step(initiative, step)
        if draft is True:
            drafts.add(id(step))
