"""Lines of a scraped text that are page furniture, not the article: navigation, tags, credits.

Only whole lines are marked, and only lines no report would write as a sentence: a line
that ends like a sentence, or is long, is never boilerplate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Social networks and messengers a page offers to share on.
_NETWORK = (
    r"(?:facebook|twitter|x|telegram|whatsapp|vk|vkontakte|linkedin|odnoklassniki"
    r"|instagram|youtube|viber|reddit|pinterest|e-?mail|messenger)"
)
# Share prompts: `Share`, `Share this article on Facebook`, `Send by email`, `Facebook`.
_SHARE = (
    rf"(?:share|post|send)(?: (?:this|the) (?:article|page|story|news|post|link))?"
    rf"(?: (?:on|via|to|by|with) {_NETWORK}(?:(?:,| or| and) {_NETWORK}){{0,4}})?"
    rf"|{_NETWORK}|tweet(?: this)?|copy(?: the)? link|link copied"
)
# Whole lines, matched case-insensitively after trimming (and dropping a final colon).
_FURNITURE = re.compile(
    r"none|null|undefined|n/a"
    r"|go to the main site|main page|home(?: page)?|back(?: to top)?|menu|search"
    rf"|{_SHARE}|print(?: version)?"
    r"|subscribe(?: [\w ]{0,40})?|read (?:more|also|the full story)|related news|see also"
    r"|follow us(?: on [\w ,&]{1,60})?|comments?(?: \(\d+\))?|views?:? \d+|\d+ views?",
    re.IGNORECASE,
)
# Lines that start like a credit or a source: what follows names who, not what happened.
_CREDIT = re.compile(
    r"(?:photo(?:graph)?s?(?: credits?)?|credits?|image|video|source|tags?|keywords"
    r"|фото|источник|теги)\s*:"
    r"|photo by\b|©|\(c\)|copyright\b",
    re.IGNORECASE,
)
_RIGHTS = re.compile(r".{0,80}\ball rights reserved\b.{0,40}", re.IGNORECASE)
# A tag: one to three words, the first capitalised, nothing that ends a sentence.
_TAG = re.compile(r"[A-ZА-ЯЁ][\w'’&-]*(?: [\w'’&-]+){0,2}")
# A site's section names: a tag wherever it stands alone on a line.
_SECTION = re.compile(
    r"politics|foreign policy|society|econom(?:y|ics)|business|world(?: news)?|kazakhstan"
    r"|analytics|opinion|culture|sports?|regions?|tech(?:nology)?|science|health|education"
    r"|incidents|interview|official|(?:latest |top )?news",
    re.IGNORECASE,
)
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
    if _FURNITURE.fullmatch(line.rstrip(": ")) or _RIGHTS.fullmatch(line):
        return True
    # `Source: Kazinform` is a credit; `Source: the ministry said. It ...` is not a line of one.
    return bool(_CREDIT.match(line)) and ". " not in line and not line.endswith((".", "!", "?"))


def is_tag(line: str) -> bool:
    """True for a short site tag such as `Foreign policy` or `Politics`."""
    line = line.strip()
    return len(line) <= 40 and bool(_TAG.fullmatch(line)) and not _SENTENCE_END.search(line)


def is_section(line: str) -> bool:
    """True for a line that is only a site's section name, such as `Foreign policy`."""
    return bool(_SECTION.fullmatch(line.strip()))


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

    Furniture and section names anywhere; other tags where the article has not begun yet
    or has ended (before its first sentence-like line, after its last) or next to furniture.
    """
    begin = max(head_end, 1 if text.startswith(BOM) else 0)
    # A line the head ends inside (the dateline running into the first sentence) is content.
    lines = [(a, b) for a, b in _lines(text, begin) if a >= head_end]
    marked = [is_furniture(text[a:b]) or is_section(text[a:b]) for a, b in lines]
    tags = [is_tag(text[a:b]) for a, b in lines]
    prose = [n for n in range(len(lines)) if not marked[n] and not tags[n]]
    first, last = (prose[0], prose[-1]) if prose else (len(lines), -1)
    for number in range(len(lines)):
        if tags[number] and (number < first or number > last):
            marked[number] = True
    # A tag next to furniture (a run of page lines mid-body) is furniture too.
    changed = True
    while changed:
        changed = False
        for number in range(len(lines)):
            near = marked[max(number - 1, 0) : number + 2]
            if tags[number] and not marked[number] and any(near):
                marked[number] = changed = True
    return [line for line, bad in zip(lines, marked, strict=True) if bad]


def inside(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """True when `start`-`end` lies within one of `ranges` (sorted and disjoint)."""
    return any(a <= start and end <= b for a, b in ranges)
