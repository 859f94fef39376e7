"""Sentence and paragraph boundaries that survive `Mr. A. Musinov` and datelines."""

from __future__ import annotations

import re

# A news dateline such as `date 2015-05-29 ASTANA. KAZINFORM - ` is a sentence of its own.
_DATELINE = re.compile(r"\s*date \d{4}-\d{2}-\d{2} [A-Z][A-Z ]*\. [A-Z][A-Z ]* - ")
_TERMINAL = re.compile(r"[.!?][\"')\]]*(?=\s+|$)")
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e"})
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` ends an abbreviation or an initial."""
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("(\"'")
    if len(word) == 1 and word.isupper():
        return True
    if word.lower() == "no":
        # "No. 5" is an abbreviation; "He said no." ends a sentence.
        return text[dot + 1 : dot + 3].strip()[:1].isdigit()
    return word.lower() in _ABBREVIATIONS


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of each paragraph, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[position:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((position + lead, position + len(chunk.rstrip())))
        position = match.end() if match else len(text)
    return spans


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = start
    dateline = _DATELINE.match(text, position, end)
    if dateline:
        lead = len(dateline.group()) - len(dateline.group().lstrip())
        spans.append((position + lead, dateline.end() - 1))
        position = dateline.end()
    for match in _TERMINAL.finditer(text, position, end):
        dot = match.start()
        if text[dot] == "." and _is_abbreviation(text, dot):
            continue
        following = text[match.end() : match.end() + 3].lstrip()
        if following and not (
            following[0].isupper() or following[0].isdigit() or following[0] in "\"'("
        ):
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
