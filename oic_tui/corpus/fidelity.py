"""Rules the build enforces so that no label says more than its quotes do."""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import chain, pairwise
from typing import TYPE_CHECKING, Any

from oic_tui.store.mentions import AliasIndex, ScopedAliases
from oic_tui.store.models import MONTH_NAMES, PHASES, AliasScope

if TYPE_CHECKING:
    # Only a type here: records.py reads the alias rules below when it compiles an alias.
    from .records import SourceDoc

# Each status word, and the verbs of a quote it may normalise (docs/corpus.md, "Rules the
# build enforces").
STATUS_VERBS: dict[str, tuple[str, ...]] = {
    "presented": ("presented", "informed", "conveyed"),
    # What the article calls a vision, a position or an activity: not an initiative of its own.
    "vision presented": ("presented",),
    "position conveyed": ("conveyed",),
    "activity reported": ("informed",),
    # "Its call for a ceasefire": the noun says it as well as the verb.
    "called for": ("called on", "calls on", "called for", "calls for", "call for", "call on"),
    "supported in the resolutions": ("supported",),
    # Steps of an initiative's history, reported over the years.
    "proposed": (
        "proposed",
        "proposes",
        "propose",
        "proposal",
        "initiated",
        "initiates",
        "put forward",
        "puts forward",
        "suggested",
        # "Kazakhstan's initiative to create…": whose proposal it is, said as a noun.
        "initiative",
    ),
    # Kazakhstan's invitations and offers, as imported drafts name them.
    # The base form too: "I would like to invite", "we offer" (quoted speech).
    "invited": ("invited", "invites", "invite"),
    "offered": ("offered", "offers", "offer"),
    "established": ("established", "founded", "set up"),
    "held": ("held",),
    "opened": ("opened", "inaugurated"),
    "adopted": ("adopted",),
    "signed": ("signed",),
    "ratified": ("ratified",),
    "joined": ("joined",),
}
# Words a title may not use unless a quote of the record has the verb behind them.
TITLE_WORDS: dict[str, tuple[str, ...]] = {
    "planned": ("plan", "planned", "will be"),
    "proposed": ("proposed", "proposal", "proposals"),
    "headquartered": ("headquartered",),
    "supported": ("supported", "support"),
}
# Items of a list in a quote: names joined by a comma, "and" or both.
_LIST_JOINERS = (", ", " and ", ", and ")


ROLES = ("proposed_by", "presented_by", "promoted_by")

# Words of an office (whole words, any case): an alias holding one names whoever holds the
# office, so it names this entity only where scoped (docs/corpus.md, "Rules the build
# enforces"). "Minister" covers Deputy, Foreign and Prime Minister; "Secretary" and
# "Director" cover Secretary General and Director General, spelt with a hyphen or not.
ROLE_WORDS = (
    "secretary",
    "minister",
    "president",
    "director",
    "chairman",
    "chairwoman",
    "chairperson",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "representative",
    "governor",
    "mayor",
    "commissioner",
    "head of",
)
_ROLE = re.compile(rf"(?<!\w)(?:{'|'.join(ROLE_WORDS)})(?!\w)", re.IGNORECASE)
# Words that open a common noun phrase ("the Organization", "this universal organization").
DETERMINERS = ("the", "this", "these", "that", "those")
# Capitalised common nouns of bodies, groups and places: an alias made only of these and
# lowercase words ("the Organization", "Member States") names whatever body the text is
# about, where a proper name ("the Republic of Kazakhstan") has a word of its own.
GENERIC_NOUNS = frozenset(
    [
        "organization",
        "organisation",
        "council",
        "conference",
        "committee",
        "commission",
        "assembly",
        "secretariat",
        "session",
        "summit",
        "union",
        "member",
        "members",
        "state",
        "states",
        "country",
        "countries",
        "nation",
        "nations",
        "delegation",
        "delegations",
        "government",
        "ministry",
        "city",
        "capital",
        "region",
        "site",
        "agency",
        "forum",
        "body",
        "fund",
        "bank",
        "centre",
        "center",
        "institute",
        "group",
        "party",
        "parties",
    ]
)
_ALIAS_WORD = re.compile(r"[\w'’]+")
ROLE_RULE = (
    "a role alias names its holder only where scoped "
    "(docs = [...], or from/until for the holder's term)"
)
GENERIC_RULE = (
    "a generic alias names its entity only in the documents where it was read that way "
    "(docs = [...])"
)


def placed(path: str, where: str) -> str:
    """A message's place: its file (when known), then the record or step."""
    return f"{path}: {where}" if path else where


def compiled_step_name(record: dict[str, Any], step: dict[str, Any]) -> str:
    """A compiled step as messages name it: its record, and its document and status."""
    return f"{record['id']} step ({step['source']['doc']}, {step['status']})"


def role_word(alias: str) -> str | None:
    """The office an alias names ("Minister", "head of"), or None."""
    match = _ROLE.search(alias)
    return match.group() if match else None


def is_generic(alias: str) -> bool:
    """True when every word of an alias, after a determiner, is lowercase or a common noun."""
    words = _ALIAS_WORD.findall(alias)
    if words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return bool(words) and all(w.islower() or w.lower() in GENERIC_NOUNS for w in words)


def unscoped_alias_problem(
    alias: str, scopes: list[dict[str, Any]], names: tuple[str, ...] = ()
) -> str | None:
    """Why an alias with these scopes breaks a scope rule, or None.

    `names` are the entity's other aliases: a role alias holding one of them
    ("President Nursultan Nazarbayev") names its person whoever holds the office.
    """
    scoped = [s for s in scopes if s["alias"] == alias and (s["start"] or s["end"] or s["docs"])]
    office = role_word(alias)
    own = [n for n in names if n != alias and not role_word(n) and not is_generic(n)]
    if office and not scoped and not any(_has_word(alias, n) for n in own):
        return f"alias {alias!r} names an office ({office!r}) and has no scope: {ROLE_RULE}"
    if not office and is_generic(alias) and not any(s["docs"] for s in scoped):
        return f"alias {alias!r} is a generic name and has no docs scope: {GENERIC_RULE}"
    return None


def scoped_aliases(records: list[dict[str, Any]], docs: dict[str, SourceDoc]) -> ScopedAliases:
    """The aliases of the compiled entities, each applying where its scope says."""
    return ScopedAliases(
        (
            (r["id"], r["aliases"], [_scope(s) for s in r.get("alias_scopes", [])])
            for r in records
            if r["kind"] == "entity"
        ),
        {doc.id: doc.date for doc in docs.values()},
    )


def _scope(raw: dict[str, Any]) -> AliasScope:
    return AliasScope(raw["alias"], raw["start"], raw["end"], tuple(raw["docs"]))


def alias_problems(
    records: list[dict[str, Any]], docs: dict[str, SourceDoc], places: dict[Any, str]
) -> list[str]:
    """Aliases that occur in no document where they apply, each in the file that gives it."""
    problems = []
    for record in records:
        if record["kind"] != "entity":
            continue
        scopes = [_scope(s) for s in record.get("alias_scopes", [])]
        # The entity's own documents first: an alias is nearly always in one of them, and
        # the others (a corpus may hold thousands) are read only when it is not.
        first = list(dict.fromkeys(s["doc"] for s in record["sources"]))
        for alias in record["aliases"]:
            own = [s for s in scopes if s.alias == alias]
            order = chain(
                map(docs.__getitem__, first), (v for k, v in docs.items() if k not in first)
            )
            if not any(
                alias in doc.text and (not own or any(s.applies(doc.id, doc.date) for s in own))
                for doc in order
            ):
                where = "a document where it applies" if own else "any document"
                file = places.get((record["id"], alias), places.get(id(record), ""))
                what = f"entity {record['id']}: alias {alias!r} does not occur in {where}"
                problems.append(placed(file, what))
    return problems


def named_by_record(records: list[dict[str, Any]], index: ScopedAliases) -> list[set[str]]:
    """The entities each record's quotes name, in the records' order (found once each)."""
    return [
        index.named_entities((s["doc"], s["quote"]) for s in record["sources"])
        for record in records
    ]


def fidelity_by_review(
    records: list[dict[str, Any]], named: list[set[str]], places: dict[Any, str] | None = None
) -> tuple[list[str], list[str]]:
    """The fidelity problems of reviewed records, and those of drafts (each named a draft).

    `named` is `named_by_record`'s answer. A draft (written by `oic-tui import`) builds at
    once: its problems are what its review is for, so the build warns of them instead of
    refusing it. Each names its file first (`places`: the file of each record and step).
    """
    reviewed: list[str] = []
    drafts: list[str] = []
    places = places or {}
    for record, names in zip(records, named, strict=True):
        file, draft = places.get(id(record), ""), "draft " if record.get("draft") else ""
        found = [placed(file, f"{draft}{p}") for p in _record_problems(record, names)]
        if draft and record["kind"] == "event" and not record.get("phase"):
            # Allowed in a draft (no session was reported to place it by), required after.
            phases = ", ".join(PHASES)
            found.append(placed(file, f"draft event {record['id']}: set its phase ({phases})"))
        for step in record.get("history", []):
            at = placed(places.get(id(step), file), draft + compiled_step_name(record, step))
            found.extend(f"{at}: {p}" for p in _step_problems(step))
        (drafts if draft else reviewed).extend(found)
    return reviewed, drafts


def _record_problems(record: dict[str, Any], named: set[str]) -> list[str]:
    """What in one record's labels, roles, dates or history goes beyond its quotes."""
    problems: list[str] = []
    where = f"{record['kind']} {record['id']}"
    quotes = " \n ".join(span["quote"] for span in record["sources"])
    problems.extend(
        f"{where}: {role} {entity_id} is named in none of its quotes"
        for role in ROLES
        for entity_id in record.get(role, [])
        if entity_id not in named
    )
    problems.extend(f"{where}: {p}" for p in _status_problems(record, quotes))
    problems.extend(f"{where}: {p}" for p in _title_problems(record, quotes))
    if record.get("date"):
        from_report = record.get("date_from") == "report"
        problems.extend(
            f"{where}: {p}" for p in _date_problems(record["date"], quotes, from_report)
        )
    return problems


def _step_problems(step: dict[str, Any]) -> list[str]:
    """A history step's status and date, each against the step's own quote."""
    quote = step["source"]["quote"]
    found = _status_problems(step, quote)
    if step["date"]:
        found += _date_problems(step["date"], quote)
    return found


def _has_word(text: str, form: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.IGNORECASE) is not None


def _status_problems(record: dict[str, Any], quotes: str) -> list[str]:
    status = record.get("status", "")
    if not status:
        return []
    verbs = STATUS_VERBS.get(status)
    if verbs is None:
        return [f"status {status!r} is not one of {', '.join(STATUS_VERBS)}"]
    if not any(_has_word(quotes, verb) for verb in verbs):
        return [f"status {status!r} needs one of {', '.join(verbs)} in a quote"]
    return []


def _title_problems(record: dict[str, Any], quotes: str) -> list[str]:
    return [
        f"title says {word!r}, but no quote has {', '.join(verbs)}"
        for word, verbs in TITLE_WORDS.items()
        if _has_word(record["title"], word) and not any(_has_word(quotes, v) for v in verbs)
    ]


def _date_problems(date: dict[str, str], quotes: str, from_report: bool = False) -> list[str]:
    """What of a date its quotes do not say; a year from the report's date need not be said."""
    precision, start, end = date["precision"], date["start"], date["end"]
    if precision in ("undated", "within"):
        # "within" claims no date of its own: only that it lies inside a dated range.
        return []
    # The build checked such a year against the report's date when it compiled the record.
    wanted = [] if from_report else [start[:4], end[:4]]
    if precision == "month":
        wanted.append(MONTH_NAMES[int(start[5:7]) - 1])
    if precision in ("day", "day-range"):
        iso = start in quotes and end in quotes
        days = [str(int(start[8:10])), str(int(end[8:10]))]
        if not iso:
            wanted.extend(days)
    missing = [w for w in dict.fromkeys(wanted) if not _has_number_or_word(quotes, w)]
    if missing:
        return [f"precision {precision!r} needs {', '.join(missing)} in a quote"]
    return []


def _has_number_or_word(text: str, value: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(value)}(?![\w])", text) is not None


def shared_list_quotes(
    records: list[dict[str, Any]], index: ScopedAliases, places: dict[Any, str]
) -> list[str]:
    """Warn where one quote naming a list of items is the source of several records."""
    by_span: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    quotes: dict[tuple[str, int, int], str] = {}
    files: dict[str, str] = {}
    for record in records:
        files.setdefault(record["id"], places.get(id(record), ""))
        for span in record["sources"]:
            key = (span["doc"], span["start"], span["end"])
            by_span[key].append(record["id"])
            quotes[key] = span["quote"]
    warnings = []
    for key, ids in by_span.items():
        users = list(dict.fromkeys(ids))
        if len(users) < 2:
            continue
        items = _listed_names(quotes[key], index.index_for(key[0]))
        if len(items) >= 2:
            where = ", ".join(dict.fromkeys(files[u] for u in users if files[u]))
            warnings.append(
                placed(
                    where,
                    f"quote {quotes[key]!r} lists {', '.join(items)} and is the source of "
                    f"{', '.join(users)}: quote each item on its own",
                )
            )
    return warnings


def _listed_names(quote: str, index: AliasIndex) -> list[str]:
    """Names in a quote that stand as items of one list (joined by commas or "and")."""
    named = sorted(index.named(quote), key=lambda m: (m.start, -m.end))
    # In this order every longer name covering a mention comes before it, so one sweep
    # keeping the furthest end of the spans before tells whether any covers it.
    outermost, reach, span = [], -1, (-1, -1)
    for mention in named:
        if (mention.start, mention.end) != span:
            covered = reach >= mention.end
            reach, span = max(reach, mention.end), (mention.start, mention.end)
        if not covered:
            outermost.append(mention)
    items: list[str] = []
    for before, after in pairwise(outermost):
        gap = quote[before.end : after.start].strip('"')
        # Two names of one entity side by side are an apposition, not a list.
        if gap in _LIST_JOINERS and before.entity_id != after.entity_id:
            for mention in (before, after):
                name = quote[mention.start : mention.end]
                if name not in items:
                    items.append(name)
    return items
