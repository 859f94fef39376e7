"""Which quotes a citation gives: those that name the record's subject, inside their sentences.

A record's key words are its title's words less stop words. Each quote scores the key words it
holds (a word matches a key word whole, as a prefix of it or it of the word, or by their first
five letters: `establishment` matches `established`). The citation quotes the best one and,
when another holds key words the best lacks (as they are), that one too (two at most). When no
quote holds a key word but a quote's sentence does, the whole sentence is what is cited. Each
cited quote is shown inside its whole sentence, so a reader sees what the fragment is part of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from oic_tui.store.models import Document, Record, Sentence, SourceSpan

if TYPE_CHECKING:
    from oic_tui.store.reader import Store

_WORD = re.compile(r"[^\W_]+")
# Words that name nothing by themselves: function words, and the project's own subject and
# genre (every record is about Kazakhstan's proposals), which a quote would match by chance.
STOP_WORDS = frozenset(
    (
        *("a", "an", "and", "as", "at", "between", "by", "for", "from", "in", "into", "is"),
        *("it", "its", "of", "on", "or", "s", "the", "to", "with"),
        *("kazakhstan", "proposal", "proposals", "initiative", "initiatives"),
    )
)
# Words of at least this many letters that share them at the start are taken as one word.
_STEM = 5
# Trailing characters a quote may leave out and still be its whole sentence.
_SENTENCE_END = " \t\n.!?;:\"'”’)"


@dataclass(frozen=True, slots=True)
class Passage:
    """Cited words inside their whole sentence(s): `text` is the sentences, `marks` the quotes'
    offsets into it (none when the whole text is what is cited)."""

    doc: str
    text: str
    marks: tuple[tuple[int, int], ...]
    where: str

    @property
    def quotes(self) -> tuple[str, ...]:
        """The cited words: each marked quote, or the whole text."""
        return tuple(self.text[a:b] for a, b in self.marks) or (self.text,)


def words(text: str) -> list[str]:
    """The words of a text, case-folded (`Kazakhstan's` is `kazakhstan`, `s`)."""
    return _WORD.findall(text.casefold())


def key_words(title: str) -> tuple[str, ...]:
    """The words of a title that name its subject; all of them if every one is a stop word."""
    every = list(dict.fromkeys(words(title)))
    keys = [w for w in every if w not in STOP_WORDS]
    return tuple(keys or every)


def _same(word: str, key: str) -> bool:
    """True when a word is a form of a key word (whole, prefix, or five shared first letters)."""
    if word == key:
        return True
    short = min(len(word), len(key))
    if short < 4:
        return False
    common = next((i for i, (a, b) in enumerate(zip(word, key, strict=False)) if a != b), short)
    return common == short or common >= _STEM


def keys_in(text: str, keys: tuple[str, ...], exact: bool = False) -> frozenset[str]:
    """The key words a text holds (with `exact`, only as they are, no other form)."""
    held = set(words(text))
    if exact:
        return frozenset(k for k in keys if k in held)
    return frozenset(k for k in keys if any(_same(w, k) for w in held))


def _sentences(doc: Document, span: SourceSpan) -> tuple[Sentence, Sentence] | None:
    """The first and last sentence a quote lies in, None if it lies outside them."""
    first = doc.sentence_at(span.start)
    last = doc.sentence_at(max(span.start, span.end - 1))
    if first is None or last is None or doc.text[span.start : span.end] != span.quote:
        return None
    return first, last


def _sentence_text(span: SourceSpan, store: Store) -> str:
    doc = store.documents.get(span.doc)
    found = _sentences(doc, span) if doc else None
    if doc is None or found is None:
        return span.quote
    return doc.text[found[0].start : found[1].end]


def naming_sources(record: Record, store: Store) -> tuple[tuple[SourceSpan, ...], bool]:
    """The quotes that name a record's subject, in the record's order, and whether their whole
    sentence is what names it (no quote holds a key word, its sentence does)."""
    sources = record.sources
    if not sources:
        return (), False
    keys = key_words(record.title)
    held = [keys_in(span.quote, keys) for span in sources]
    best = max(range(len(sources)), key=lambda i: (len(held[i]), -i))
    if not held[best]:
        in_sentence = [len(keys_in(_sentence_text(s, store), keys)) for s in sources]
        best = max(range(len(sources)), key=lambda i: (in_sentence[i], -i))
        return (sources[best],), in_sentence[best] > 0
    chosen = [best]
    # A second quote must hold a missing key word as it is: `supported` in a list's preamble
    # does not make it name `Support of the CICA`.
    whole = [keys_in(span.quote, keys, exact=True) for span in sources]
    missing = [len(whole[i] - held[best]) for i in range(len(sources))]
    second = max(range(len(sources)), key=lambda i: (missing[i], -i))
    if missing[second]:
        chosen.append(second)
    return tuple(sources[i] for i in sorted(chosen)), False


def where(doc: Document | None, doc_id: str, first: Sentence | None, last: Sentence | None) -> str:
    """`Title (Publisher, 29 May 2015), sentence 3.`: where a quote or its sentences stand."""
    if doc is None:
        return f"{doc_id}."
    details = ", ".join(part for part in (doc.publisher, doc.when.display()) if part)
    title = f"{doc.title} ({details})" if details else doc.title
    if first is None:
        return f"{title}."
    if last is None or last.index == first.index:
        return f"{title}, sentence {first.index + 1}."
    return f"{title}, sentences {first.index + 1}–{last.index + 1}."


def _whole(text: str, mark: tuple[int, int]) -> bool:
    """True when a mark covers all of a text but closing punctuation and blanks."""
    return text[: mark[0]].strip() == "" and text[mark[1] :].strip(_SENTENCE_END) == ""


def _passage(span: SourceSpan, store: Store, whole: bool) -> Passage:
    doc = store.documents.get(span.doc)
    found = _sentences(doc, span) if doc else None
    if doc is None or found is None:
        return Passage(span.doc, span.quote, (), where(doc, span.doc, None, None))
    first, last = found
    text = doc.text[first.start : last.end]
    mark = (span.start - first.start, span.end - first.start)
    marks = () if whole or _whole(text, mark) else (mark,)
    return Passage(span.doc, text, marks, where(doc, span.doc, first, last))


def passages(record: Record, store: Store) -> list[Passage]:
    """What a record's citation quotes: its naming quotes, each inside its whole sentence(s);
    quotes in one sentence share it."""
    spans, whole = naming_sources(record, store)
    out: list[Passage] = []
    for span in spans:
        passage = _passage(span, store, whole)
        if out and (out[-1].doc, out[-1].text, out[-1].where) == (
            passage.doc,
            passage.text,
            passage.where,
        ):
            # A passage citing its whole sentence cites the other's quote with it.
            whole_text = not (out[-1].marks and passage.marks)
            marks = () if whole_text else tuple(sorted(set(out[-1].marks + passage.marks)))
            out[-1] = Passage(passage.doc, passage.text, marks, passage.where)
        else:
            out.append(passage)
    return out


def plain(passage: Passage) -> str:
    """A passage as text: `“quote”, in “sentence” — where`, or `“sentence” — where` when the
    sentence is what is cited."""
    if not passage.marks:
        return f"“{passage.text}” — {passage.where}"
    quotes = " … ".join(f"“{q}”" for q in passage.quotes)
    return f"{quotes}, in “{passage.text}” — {passage.where}"
