"""Lines of a scraped text that are page furniture, not the article: navigation, tags, credits.

Only whole lines are marked, and only lines no report would write as a sentence: a line
that ends like a sentence, or is long, is never boilerplate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Whole lines, matched case-insensitively after trimming.
_FURNITURE = re.compile(
    r"none|null|undefined|n/a"
    r"|go to the main site|main page|home(?: page)?|back(?: to top)?|menu|search"
    r"|share(?: (?:on|via) \w+| this(?: article| page)?)?|tweet|print(?: version)?|e-?mail"
    r"|subscribe(?: [\w ]{0,40})?|read (?:more|also|the full story)|related news|see also"
    r"|follow us(?: on [\w ,&]{1,60})?|comments?(?: \(\d+\))?|views?:? \d+|\d+ views?",
    re.IGNORECASE,
)
# Lines that start like a credit or a source: what follows names who, not what happened.
_CREDIT = re.compile(
    r"(?:photo(?:graph)?s?(?: credits?)?|credits?|image|video|source|фото|источник)\s*:"
    r"|photo by\b|©|\(c\)|copyright\b",
    re.IGNORECASE,
)
_RIGHTS = re.compile(r".{0,80}\ball rights reserved\b.{0,40}", re.IGNORECASE)
# A tag: one to three words, the first capitalised, nothing that ends a sentence.
_TAG = re.compile(r"[A-ZА-ЯЁ][\w'’&-]*(?: [\w'’&-]+){0,2}")
_SENTENCE_END = re.compile(r"[.!?…:;,][\"')\]»”’]*$")
_LINE = re.compile(r"[^\r\n]+")
BOM = "\ufeff"
# Longer than this, a line is written to be read: never furniture.
_MAX_LINE = 120


def is_furniture(line: str) -> bool:
    """True for a whole (trimmed) line that is navigation, a placeholder, a credit or rights."""
    line = line.strip()
    if not line or len(line) > _MAX_LINE:
        return False
    if _FURNITURE.fullmatch(line) or _RIGHTS.fullmatch(line):
        return True
    # `Source: Kazinform` is a credit; `Source: the ministry said. It ...` is not a line of one.
    return bool(_CREDIT.match(line)) and ". " not in line and not line.endswith((".", "!", "?"))


def is_tag(line: str) -> bool:
    """True for a short site tag such as `Foreign policy` or `Politics`."""
    line = line.strip()
    return len(line) <= 40 and bool(_TAG.fullmatch(line)) and not _SENTENCE_END.search(line)


def _lines(text: str, start: int) -> list[tuple[int, int]]:
    """The non-blank lines from `start`, each trimmed of surrounding space."""
    found = []
    for match in _LINE.finditer(text, start):
        line = match.group()
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            found.append((match.start() + lead, match.start() + lead + len(stripped)))
    return found


def boilerplate_ranges(text: str, head_end: int = 0) -> list[tuple[int, int]]:
    """Sorted, disjoint ranges of the lines after the head that are not the article.

    Furniture lines anywhere; tags only where the article has not begun yet or has ended
    (the lines before its first sentence-like line and after its last).
    """
    begin = max(head_end, 1 if text.startswith(BOM) else 0)
    # A line the head ends inside (the dateline running into the first sentence) is content.
    lines = [(a, b) for a, b in _lines(text, begin) if a >= head_end]
    marked = [is_furniture(text[a:b]) for a, b in lines]
    prose = [n for n, (a, b) in enumerate(lines) if not marked[n] and not is_tag(text[a:b])]
    first, last = (prose[0], prose[-1]) if prose else (len(lines), -1)
    for number, (a, b) in enumerate(lines):
        if not marked[number] and (number < first or number > last) and is_tag(text[a:b]):
            marked[number] = True
    return [line for line, bad in zip(lines, marked, strict=True) if bad]


def inside(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """True when `start`-`end` lies within one of `ranges` (sorted and disjoint)."""
    return any(a <= start and end <= b for a, b in ranges)
