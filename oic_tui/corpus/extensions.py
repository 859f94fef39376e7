"""Rows that extend records defined elsewhere: an entity's alias, an initiative's step."""

from __future__ import annotations

from typing import Any

from .annotations import AnnotationFile
from .fidelity import compiled_step_name, placed
from .records import Context, add_step, alias_scope, compile_step, step_name

STATUS_RULE = (
    "a record with dated steps takes its status from the latest: "
    "leave out its own status, or make it that step's"
)


def apply_extensions(
    records: list[dict[str, Any]],
    extensions: list[tuple[AnnotationFile, Context]],
    places: dict[Any, str],
    problems: list[str],
) -> list[str]:
    """Add each alias and step row to its record, then set each status by its history.

    Returns the warnings of draft records (their status conflicts); problems go to `problems`.
    """
    by_id = {record["id"]: record for record in records}
    drafts: set[int] = set()
    for annotation, ctx in extensions:
        for number, row in enumerate(annotation.rows, 1):
            if annotation.kind == "alias":
                _add_alias(row, by_id, number, ctx)
            else:
                _add_history_step(row, by_id, ctx, drafts)
    return _statuses(records, drafts, places, problems)


def _statuses(
    records: list[dict[str, Any]], drafts: set[int], places: dict[Any, str], problems: list[str]
) -> list[str]:
    """Give each record with a dated reviewed step that step's status (the latest's).

    A draft step (`draft = true`, as import writes them) is shown in the history but does
    not set the status: the reviewed steps say where an initiative stands. Nor does an
    undated step: it cannot say that it is the latest. A record without a dated reviewed
    step keeps its own status. A record's own status that the latest step contradicts is
    a problem of that step (a warning for a draft record).
    """
    warnings: list[str] = []
    for record in records:
        dated = [
            step
            for step in record.get("history", [])
            if id(step) not in drafts and step["date"] and step["date"]["precision"] != "undated"
        ]
        if not dated:
            continue
        # The history is sorted by date: the last dated step is the latest.
        latest, own = dated[-1], record["status"]
        if own and own != latest["status"]:
            draft = "draft " if record.get("draft") else ""
            where = placed(places.get(id(latest), ""), draft + compiled_step_name(record, latest))
            file = places.get(id(record), "")
            (warnings if draft else problems).append(
                f"{where}: status {latest['status']!r} is the latest dated step of "
                f"{record['id']}, whose own status is {own!r}{f' ({file})' if file else ''}: "
                f"{STATUS_RULE}"
            )
        record["status"] = latest["status"]
    return warnings


def _target(
    row: dict[str, Any], key: str, kind: str, by_id: dict[str, Any], where: str, ctx: Context
) -> dict[str, Any] | None:
    name = row.get(key)
    target: dict[str, Any] | None = by_id.get(name) if isinstance(name, str) else None
    if target is None or target["kind"] != kind:
        ctx.problem(where, f"{key} must name an {kind} of the corpus, not {row.get(key)!r}")
        return None
    return target


def _add_alias(row: dict[str, Any], by_id: dict[str, Any], number: int, ctx: Context) -> None:
    name = row.get("entity")
    where = f"alias {number} ({name if isinstance(name, str) else '?'})"
    entity = _target(row, "entity", "entity", by_id, where, ctx)
    scope = alias_scope(row, where, ctx)
    if entity is None or scope is None:
        return
    if scope["alias"] not in entity["aliases"]:
        entity["aliases"].append(scope["alias"])
        # An alias this row adds is this file's to answer for.
        ctx.places[(entity["id"], scope["alias"])] = ctx.path
    if scope["start"] or scope["end"] or scope["docs"]:
        entity.setdefault("alias_scopes", []).append(scope)


def _add_history_step(
    row: dict[str, Any], by_id: dict[str, Any], ctx: Context, drafts: set[int]
) -> None:
    name = row.get("initiative")
    where = step_name(name if isinstance(name, str) else "?", row, ctx.default_doc)
    initiative = _target(row, "initiative", "initiative", by_id, where, ctx)
    draft = row.get("draft", False)
    if not isinstance(draft, bool):
        ctx.problem(where, f"draft must be true or false, not {draft!r}")
    step = compile_step(row, ctx.default_doc, where, ctx)
    if initiative is not None and step is not None:
        if draft is True:
            # Stored so, as a draft record is: the explorer and the counts say it.
            step = {**step, "draft": True}
        add_step(initiative, step)
        ctx.places[id(step)] = ctx.path
        if draft is True:
            drafts.add(id(step))
