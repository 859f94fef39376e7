"""Sentence and paragraph boundaries that survive `Mr. A. Musinov`, `H.E.`, `1.5` and datelines."""

from __future__ import annotations

import re

# A dateline starting a paragraph is a sentence of its own: `date 2015-05-29 ASTANA. KAZINFORM - `,
# `ASTANA. May 29. KAZINFORM – `, `DHAKA, May 7, 2018 (Test Wire) - `, `ALMATY-ASTANA - `.
_UPPER = r"[A-Z][A-Z'’]+"
_PLACE = rf"{_UPPER}(?:[- ]{_UPPER})*"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_AGENCY = r"[A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){0,2}"
_WIRE = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}(?:, [A-Z][\w'’. ,-]{0,50}?)? \([^()\r\n]{1,60}\)"
_DATELINE = re.compile(
    rf"(?:date \d{{4}}-\d{{2}}-\d{{2}} )?"
    rf"(?:{_PLACE}\. (?:{_MONTH} \d{{1,2}}(?:, \d{{4}})?\. )?{_AGENCY}|{_PLACE}|{_WIRE}) [-–—]"
    # What follows a dateline starts a sentence: not in lower case.
    r"(?=\s*$|\s+[^\sa-z])"
)
# A caption or credit line is kept whole, apart from the text around it.
CAPTION = re.compile(
    r"(?:photo(?:graph)?s?(?: credits?)?|credits?|source|video|image|illustration)\s*:"
    r"|photo by\b",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"(?:[.!?…][\"')\]»”’]*)(?=\s|$)")
_LINE_BREAKS = re.compile(r"(?:\r\n|\r|\n)\s*")
_BREAK = re.compile(r"\r\n|\r|\n")
_OPENERS = "\"'([«“‘„"
# Never the end of a sentence: titles and Latin abbreviations.
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "vs", "e.g", "i.e", "h.e", "messrs", "mme", "mlle"}
    | {"gen", "lt", "col", "capt", "sgt", "gov", "sen", "rev", "hon", "amb", "cf", "approx"}
)
# Abbreviations only before a number: `No. 5`, `Art. 3`, `Dec. 5`; "He said no." ends a sentence.
_BEFORE_NUMBERS = frozenset(
    {"no", "nos", "vol", "art", "para", "p", "pp", "fig", "jan", "feb", "mar", "apr", "jun"}
    | {"jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
# Abbreviations that may also end a sentence: they do when a usual sentence opener follows.
_MAY_END = frozenset({"etc", "jr", "sr", "inc", "ltd", "co", "corp"})
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NEXT_WORD = re.compile(r"[\"')\]»”’]*\s+[\"'(\[«“‘„]*([A-Za-z]+)")
_OPENER_WORDS = frozenset(
    {"The", "A", "An", "He", "She", "It", "They", "We", "I", "This", "That", "These", "Those"}
    | {"In", "On", "At", "But", "And", "However", "Its", "His", "Her", "Their", "Our", "There"}
    | {"As", "After", "Before", "During", "According", "Meanwhile", "Also", "For", "If", "When"}
    | {"While", "Earlier", "Later", "Today", "Yesterday", "Then", "Now", "So", "Both", "All"}
)


def _opener_follows(text: str, position: int) -> bool:
    """True when the word after `position` is one that usually begins a sentence."""
    match = _NEXT_WORD.match(text, position)
    return bool(match and match.group(1) in _OPENER_WORDS)


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` ends an abbreviation or an initial."""
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip(_OPENERS)
    lower = word.lower()
    if len(word) == 1 and word.isupper():
        return True
    if lower in _ABBREVIATIONS:
        return True
    if lower in _BEFORE_NUMBERS:
        return text[dot + 1 : dot + 3].strip()[:1].isdigit()
    if lower in _MAY_END or _DOTTED.fullmatch(word):
        # `U.S. President` and `etc. and` go on; `in the U.S. The talks` ends.
        return not _opener_follows(text, dot + 1)
    return False


def _line_start(text: str, position: int) -> int:
    """The offset of the start of the line holding `position`."""
    return max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1


def _ends_paragraph(text: str, brk: re.Match[str]) -> bool:
    """True when a run of line breaks ends a paragraph."""
    if len(_BREAK.findall(brk.group())) > 1:
        return True
    # A single newline ends a paragraph too (texts pasted from the web), unless the next line
    # goes on in lower case (a wrapped line); a caption line always stands alone.
    following = text[brk.end() : brk.end() + 1]
    if not following.islower():
        return True
    line = text[_line_start(text, brk.start()) : brk.start()].lstrip()
    return CAPTION.match(line) is not None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of each paragraph, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    position = 0
    breaks = [b for b in _LINE_BREAKS.finditer(text) if _ends_paragraph(text, b)]
    for match in [*breaks, None]:
        end = match.start() if match else len(text)
        chunk = text[position:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((position + lead, position + len(chunk.rstrip())))
        position = match.end() if match else len(text)
    return spans


def _starts_sentence(text: str, position: int) -> bool:
    """True when the text after a terminal mark at `position` may begin a new sentence."""
    following = text[position : position + 3].lstrip()
    return (
        not following
        or following[0].isupper()
        or following[0].isdigit()
        or (following[0] in _OPENERS)
    )


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if CAPTION.match(text, start, end):
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    position = start
    dateline = _DATELINE.match(text, position, end)
    if dateline:
        spans.append((position, dateline.end()))
        position = dateline.end()
    for match in _TERMINAL.finditer(text, position, end):
        dot = match.start()
        if text[dot] == "." and _is_abbreviation(text, dot):
            continue
        if not _starts_sentence(text, match.end()):
            continue
        sentence_start = position + (len(text[position:dot]) - len(text[position:dot].lstrip()))
        spans.append((sentence_start, match.end()))
        position = match.end()
    rest = text[position:end]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        spans.append((position + lead, position + len(rest.rstrip())))
    return spans


def sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph index) for every sentence of a text."""
    result: list[tuple[int, int, int]] = []
    for number, (start, end) in enumerate(paragraphs(text)):
        result.extend((s, e, number) for s, e in _split_paragraph(text, start, end))
    return result
