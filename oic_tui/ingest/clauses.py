"""The clause of a sentence that holds one of its dates, and what a draft says of its year."""

from __future__ import annotations

import re

from .dates import YEAR_RULES, FoundDate

# Where a clause ends: a semicolon, a comma, or a joining word between two clauses.
_BREAK = re.compile(r";\s*|,\s*|\s+(?:and|but|while|whereas)\s+")


def clauses(sentence: str, found: list[FoundDate]) -> list[tuple[int, int]]:
    """For each date of the sentence, the span of the clause holding it (the whole sentence
    when it has one date, or when no break falls between a date and its neighbours)."""
    whole = (0, len(sentence.rstrip()))
    if len(found) < 2:
        return [whole] * len(found)
    spans = []
    for number, date in enumerate(found):
        low = found[number - 1].end if number else 0
        high = found[number + 1].start if number + 1 < len(found) else len(sentence)
        before = [m.end() for m in _BREAK.finditer(sentence, low, date.start)]
        after = [m.start() for m in _BREAK.finditer(sentence, date.end, high)]
        # A clause needs a break on each side it has a neighbour on: else the whole sentence.
        if (number and not before) or (number + 1 < len(found) and not after):
            spans.append(whole)
            continue
        start = before[-1] if before else 0
        end = after[0] if after else len(sentence)
        spans.append((start, len(sentence[:end].rstrip().rstrip(".!?"))))
    return spans


def year_note(found: FoundDate, document_date: str) -> str:
    """The draft's comment on a date whose year is the report's: the rule that chose it."""
    why = YEAR_RULES.get(found.year_rule, "")
    return (
        f"# The year of {found.text!r} is from the report's date ({document_date}): {why}."
        ' Check it (date_from = "report" says so)'
    )
