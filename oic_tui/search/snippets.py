"""Why a hit matched: a short stretch of its text or a quote, matched words marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .engine import Hit
from .sentences import SentenceHit
from .textnorm import token_spans

WIDTH = 100
# Characters shown before the first match, so it is read in context.
LEAD = 30


@dataclass(frozen=True, slots=True)
class Snippet:
    """Plain one-line text (data, never markup) and the [start, end) spans to highlight."""

    field: str
    text: str
    spans: tuple[tuple[int, int], ...]


def _matches(text: str, hit: Hit | SentenceHit) -> list[tuple[int, int]]:
    """Spans of the hit's matched terms and phrases in a piece of text."""
    return match_spans(text, hit.terms, hit.phrases)


def match_spans(
    text: str, terms: Sequence[str], phrases: Sequence[Sequence[str]]
) -> list[tuple[int, int]]:
    """Spans of matched terms (of two letters or more) and phrases in a piece of text."""
    found = token_spans(text)
    words = [token for _, _, token in found]
    wanted = {t for t in terms if len(t) > 1}
    spans = [(start, end) for start, end, token in found if token in wanted]
    for phrase in phrases:
        size = len(phrase)
        for at in range(len(words) - size + 1):
            if tuple(words[at : at + size]) == tuple(phrase):
                spans.append((found[at][0], found[at + size - 1][1]))
    return sorted(set(spans))


def _pieces(hit: Hit) -> list[tuple[str, str]]:
    record = hit.record
    return [
        ("text", record.text),
        *[("alias", alias) for alias in record.aliases],
        *[("quote", span.quote) for span in record.sources],
        *[("text", piece) for piece in (record.category, record.status, record.value)],
        *[("venue", venue) for venue in record.venues],
    ]


def _distinct(text: str, spans: list[tuple[int, int]]) -> set[str]:
    return {" ".join(t for _, _, t in token_spans(text[a:b])) for a, b in spans}


def snippet(hit: Hit, width: int = WIDTH) -> Snippet | None:
    """The stretch around the first match in the piece showing most matched words; None
    when the title already shows why the record matched, or nothing does."""
    title_words = _distinct(hit.record.title, _matches(hit.record.title, hit))
    best: tuple[int, str, str, list[tuple[int, int]]] | None = None
    for field, piece in _pieces(hit):
        spans = _matches(piece, hit) if piece else []
        # Only what the title does not already show counts.
        new = len(_distinct(piece, spans) - title_words)
        if new and (best is None or new > best[0]):
            best = (new, field, piece, spans)
    if best is None:
        return None
    _, field, piece, spans = best
    # Around the first word the title does not show.
    focus = next(s for s in spans if _distinct(piece, [s]) - title_words)
    return _cut(field, piece, spans, focus, width)


def sentence_snippet(hit: SentenceHit, width: int = WIDTH) -> Snippet:
    """A sentence found in the text, from a little before its first match: one line."""
    spans = _matches(hit.text, hit)
    focus = spans[0] if spans else (0, 0)
    return _cut("sentence", hit.text, spans, focus, width)


def _cut(
    field: str, piece: str, spans: list[tuple[int, int]], focus: tuple[int, int], width: int
) -> Snippet:
    """A window of about `width` characters around the focus span, cut at spaces."""
    first = focus[0]
    start = first - LEAD if first > LEAD + LEAD // 2 else 0
    if start:
        # Start at a word: the first space between here and the match.
        space = piece.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(len(piece), max(start + width, focus[1]))
    if end < len(piece):
        # End at a word, or at the end when it is a few characters away.
        space = piece.find(" ", end)
        space = len(piece) if space < 0 else space
        end = space if space < end + 15 else end
    prefix = "…" if start else ""
    suffix = "…" if end < len(piece) else ""
    # One line: every whitespace character becomes a space, one for one (offsets hold).
    body = "".join(" " if c.isspace() else c for c in piece[start:end])
    shift = len(prefix) - start
    kept = tuple(
        (max(a, start) + shift, min(b, end) + shift) for a, b in spans if a < end and b > start
    )
    return Snippet(field, prefix + body + suffix, kept)
