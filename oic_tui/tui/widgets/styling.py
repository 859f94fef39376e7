"""Build displayed Content from store text: plain text in, styled spans on top."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from textual.content import Content

from oic_tui.search.textnorm import token_spans
from oic_tui.store.models import KINDS, MONTHS, DateValue, Record, format_date
from oic_tui.store.sanitize import flat

# Each kind's colour is a theme variable (`$kind-event`, ...), defined by the app.
KIND_STYLES: dict[str, str] = {kind: f"$kind-{kind}" for kind in KINDS}
SHORT_LABELS: dict[str, str] = {
    "event": "Timeline",
    "topic": "Topics",
    "initiative": "Initiatives",
    "fact": "Facts",
    "entity": "Entities",
}
MATCH_STYLE = "reverse"
# A record not yet reviewed (written by `oic-tui import`): a quiet mark before its title.
DRAFT_TAG = "draft"
DRAFT_STYLE = "dim italic"
# The most of a store text a row or label lays out: more than any terminal line shows, so
# that a megabyte title costs no more than a short one to draw.
ROW_LIMIT = 1_000
# The widest date column: every date within one year fits (`30 Sep–2 Oct 2015`).
DATE_WIDTH = 17
# Before a date at some time within its range, in the date column: one cell, not the word
# `in `, and never an exact date (`~27–28 May`; the page says `during 27–28 May 2015`).
WITHIN_MARK = "~"


def row_text(text: str, limit: int = ROW_LIMIT) -> str:
    """Store text for one line: at most `limit` characters, every newline and tab a space."""
    return flat(text[:limit])


def flat_content(content: Content) -> Content:
    """The content with every newline and tab a space, its styles kept (one for one)."""
    plain = content.plain
    flattened = flat(plain)
    return content if flattened == plain else Content(flattened, list(content.spans))


def truncate(text: str, width: int) -> str:
    """Shorten to `width` characters with an ellipsis."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def match_spans(
    text: str, terms: Iterable[str], phrases: Iterable[Sequence[str]] = ()
) -> list[tuple[int, int]]:
    """Offsets of each word that is a search term and each run of words of a phrase."""
    wanted = {term for term in terms if term}
    runs = [tuple(phrase) for phrase in phrases if phrase]
    if not wanted and not runs:
        return []
    spans = token_spans(text)
    words = [token for _, _, token in spans]
    found: list[tuple[int, int]] = []
    for index, (start, end, token) in enumerate(spans):
        if token in wanted:
            found.append((start, end))
        for run in runs:
            if tuple(words[index : index + len(run)]) == run:
                found.append((start, spans[index + len(run) - 1][1]))
    return sorted(set(found))


def highlight_terms(
    content: Content,
    terms: Iterable[str],
    phrases: Iterable[Sequence[str]] = (),
    style: str = MATCH_STYLE,
) -> Content:
    """Style each word whose folded form is a search term, and each run of words of a phrase."""
    return mark_spans(content, match_spans(content.plain, terms, phrases), style)


def mark_spans(content: Content, spans: Iterable[tuple[int, int]], style: str) -> Content:
    """Style each (start, end) span of the content's text."""
    for start, end in spans:
        content = content.stylize(style, start, end)
    return content


STATUS_TAGS: dict[str, str] = {
    "presented": "presented",
    "called for": "called for",
    "supported in the resolutions": "supported",
    "planned": "planned",
    "vision presented": "vision",
    "position conveyed": "position",
    "activity reported": "activity",
}


def fit_pair(first: str, second: str, room: int) -> tuple[str, str]:
    """Two texts cut to share `room` cells: each keeps at least half unless the other needs
    less, so neither loses its end to the other."""
    long_first, long_second = Content(first).cell_length, Content(second).cell_length
    if room <= 0 or long_first + long_second <= room:
        return first, second
    half = room // 2
    if long_first <= half:
        share = long_first
    elif long_second <= room - half:
        share = room - long_second
    else:
        share = half
    return cut(first, share), cut(second, room - share)


def cut(text: str, width: int) -> str:
    """Shorten to `width` cells with an ellipsis."""
    return Content(flat(text)).truncate(max(width, 0), ellipsis=True).plain


# Between a fact's label and its value.
FACT_GAP = "  "
# The width of an initiative's status column, and of the kind column of mixed lists.
TAG_WIDTH = 11
# A row's mark at its right edge (its document) is cut before its title gets fewer cells
# than this after the row's fixed column; a mark cut to fewer than MIN_MARK is left out.
MIN_TITLE_ROOM = 16
MIN_MARK = 8
# Between a row and its mark; after a row's draft tag and its lead.
MARK_GAP = "  "
LEAD_GAP = " · "


def kept_width(record: Record, show_kind: bool, date_width: int, lead: str) -> int:
    """The cells a row keeps before its mark: its fixed column (date, status or kind), its
    draft tag and its lead, which a narrow list keeps, and the least room of its title (a
    fact's twice that: its label and its value share it)."""
    if show_kind:
        column = TAG_WIDTH
    elif record.kind == "event":
        column = date_width + 1
    else:
        column = TAG_WIDTH if record.kind == "initiative" else 0
    tag = len(DRAFT_TAG) + len(LEAD_GAP) if record.draft else 0
    title = MIN_TITLE_ROOM * (2 if record.kind == "fact" and not show_kind else 1)
    led = Content(row_text(lead)).cell_length + len(LEAD_GAP) if lead else 0
    return column + tag + led + title


def mark_room(width: int, kept: int, mark: int) -> int:
    """How many cells of a `mark` cells long right-edge mark a row of `width` shows: all of
    it while the row keeps its `kept` cells, else what leaves it those, and none when that
    is under MIN_MARK (or the mark's own length)."""
    shown = min(mark, width - kept - len(MARK_GAP))
    return shown if shown >= min(MIN_MARK, mark) else 0


def record_line(
    record: Record,
    terms: Sequence[str] = (),
    show_kind: bool = False,
    phrases: Sequence[Sequence[str]] = (),
    date_width: int = DATE_WIDTH,
    note: str = "",
    lead: str = "",
    width: int = 0,
    date: str | None = None,
) -> Content:
    """One line for a record: a fixed column (date, status or kind), the title, then detail.

    A `note` stands right after the title, before the detail a narrow list cuts first; a
    `lead` stands before the title, so that a narrow list cuts the title instead of it.
    A fact reads as its label then its value; given the `width` of the row, each is cut to
    its share of it, so that neither disappears. An event's `date` is its column's text
    (by default its `column_date`).
    """
    parts: list[Content | tuple[str, str]] = []
    if show_kind:
        parts.append((f"{record.kind:<{TAG_WIDTH}}", KIND_STYLES[record.kind]))
    elif record.kind == "event":
        shown = truncate(column_date(record.date) if date is None else date, date_width)
        parts.append((f"{shown:<{date_width}} ", "dim"))
    elif record.kind == "initiative":
        tag = row_text(STATUS_TAGS.get(record.status, record.status))
        parts.append(Content.styled(f"{tag:<{TAG_WIDTH}}", KIND_STYLES["initiative"]))
    tag_at = -1
    if record.draft:
        # Not yet reviewed: marked before the title, which a narrow list cuts instead.
        tag_at = len(Content.assemble(*parts).plain)
        parts += [Content.styled(DRAFT_TAG, DRAFT_STYLE), (LEAD_GAP, "dim")]
    if lead:
        parts.append(Content.styled(f"{row_text(lead)}{LEAD_GAP}", "dim italic"))
    title, remark = row_text(record.title), f" ({row_text(note)})" if note else ""
    value = row_text(record.value) if record.kind == "fact" and not show_kind else ""
    if value:
        room = width - Content.assemble(*parts).cell_length - len(FACT_GAP) if width else 0
        label, value = fit_pair(title + remark, value, room)
        title, remark = label[: len(title)], label[len(title) :]
    parts.append(Content(title))
    if remark:
        parts.append(Content.styled(remark, "dim"))
    if value:
        parts += [(FACT_GAP, ""), Content.styled(value, "bold")]
    detail = row_text(record.summary)
    if show_kind and record.kind == "initiative":
        detail = row_text(STATUS_TAGS.get(record.status, record.status))
    if record.draft and detail.strip().casefold() == DRAFT_TAG:
        # A draft's category "draft" (older imports wrote it): the row says draft once.
        detail = ""
    if detail and (show_kind or record.kind in ("topic", "entity")):
        parts += [("  ", ""), Content.styled(detail, "dim italic")]
    content = Content.assemble(*parts)
    # The tag is the app's word, not the record's: a search for "draft" does not light it.
    spans = [
        (start, end)
        for start, end in match_spans(content.plain, terms, phrases)
        if not 0 <= tag_at <= start < tag_at + len(DRAFT_TAG)
    ]
    return mark_spans(content, spans, MATCH_STYLE)


def heading(text: str) -> Content:
    """A group heading inside a list."""
    return Content.styled(f"── {row_text(text)} ", "bold $text-accent")


def column_date(date: DateValue | None, year: bool = True) -> str:
    """An event's date as its column shows it: compact, `~` before one at some time within
    its range, and without its `year` where a heading above says it (`~27–28 May`)."""
    if date is None:
        return ""
    return format_date(date, MONTHS, year=year, within=WITHIN_MARK)


def group_dates(events: Iterable[Record]) -> tuple[str, dict[str, str]]:
    """The one year a group's events all lie in, and their column dates by id without it,
    for the group's heading to say it; ("", {}) when they do not (or none has a day or a
    month: a year alone stays)."""
    dated = [(r.id, r.date) for r in events if r.kind == "event" and r.date and r.date.years]
    spans = {date.years for _, date in dated}
    if len(spans) != 1 or all(len(date.start) == 4 for _, date in dated):
        return "", {}
    first, last = spans.pop() or (0, 0)
    if first != last:
        return "", {}
    return str(first), {key: column_date(date, year=False) for key, date in dated}


def group_heading(title: str, year: str) -> str:
    """A group's heading, with the `year` its rows leave out unless it already says it."""
    return title if not year or year in title.split() else f"{title} · {year}"


def date_width(records: Iterable[Record], dates: Mapping[str, str] | None = None) -> int:
    """The date column a list of records needs: its longest date (as `dates` gives it, by
    id, else its `column_date`), at most DATE_WIDTH."""
    known = dates or {}
    shown = (
        known[r.id] if r.id in known else column_date(r.date)
        for r in records
        if r.kind == "event" and r.date is not None
    )
    return min(max(map(len, shown), default=0), DATE_WIDTH)
