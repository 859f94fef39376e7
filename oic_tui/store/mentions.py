"""Whether a quote names an entity: the one rule the build links by, shared with the views.

An alias counts where it stands as a whole name, exactly as the article writes it, and not
inside a longer name: "Member States" inside "IOFS Member States" names no OIC Member
States, and "OIC" inside "OIC CFM" names the Council, not the Organization. A longer name
is another entity's alias covering the match, or a run of capitalised words covering it
that is not an alias of this entity.

A run of office words and honorifics before an alias that ends the run names the alias's
entity: "President Nazarbayev", "Foreign Minister Kairat Abdrakhmanov", "Mr. A. Musinov".

One longer run still names the entity it starts with: the entity plus a head noun. An
alias at the start of a capitalised run, followed in the run by one of `HEAD_NOUNS` (a
whole word run: "IOFS Member States", "IOFS Director General Yerlan Baidaulet", "IOFS
Secretariat"), names its entity, whatever follows the head noun. The head nouns
are generic words for an organisation's members, organs, officers, meetings and seat,
never a word that starts another proper name ("Astana EXPO", "OIC CFM", "Kazakhstan
Institute"). Another entity's alias covering the match still wins: "OIC" inside the
alias "OIC General Secretariat" names the Secretariat, not the Organization.

The views say "(from context)" by a looser test, `quotes_name`: whether any alias of the
entity occurs in the quotes as a whole word run, inside another name or not.

Matching is linear in the text: aliases are looked up by the word they start with, never
one regular expression per entity, and a mention's head noun is compared in place.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from .models import AliasScope, Record
from .names import capitalised_runs, head_follows, only_titles
from .per_store import PerStore

if TYPE_CHECKING:
    from .reader import Store

_WORD = re.compile(r"\w+")
# Answers kept per index: a quote (never a whole text) is read once per index, however many
# builds ask (the build keeps its index while the aliases stay the same). Then forgotten.
ANSWERS_KEPT = 50_000
QUOTE_LIMIT = 2_000
# Joins quotes so that no alias can match across two of them.
QUOTE_JOINER = " \n "


@dataclass(frozen=True, slots=True)
class Mention:
    """An alias of an entity found at [start, end) of a text."""

    start: int
    end: int
    entity_id: str


def joined_quotes(quotes: Iterable[str]) -> str:
    """Quotes joined so that no alias can match across two of them."""
    return QUOTE_JOINER.join(quotes)


class AliasIndex:
    """Every alias of a set of entities, found in a text in one pass over its words."""

    def __init__(self, entities: Iterable[tuple[str, Sequence[str]]]) -> None:
        # (number of words, text from the first word's start to the last word's end) ->
        # the aliases of that shape, with their entity: looked up by slicing, never scanned.
        self._by_words: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        self.aliases: dict[str, frozenset[str]] = {}
        for entity_id, aliases in entities:
            names = frozenset(a for a in aliases if a and _WORD.match(a))
            self.aliases[entity_id] = names
            for alias in names:
                words = list(_WORD.finditer(alias))
                core = alias[: words[-1].end()]
                self._by_words[(len(words), core)].append((alias, entity_id))
        # Each alias's first word -> the numbers of words of the aliases it starts: a word
        # that starts none (most words of a text) costs one lookup.
        counts: dict[str, set[int]] = defaultdict(set)
        for count, core in self._by_words:
            counts[next(_WORD.finditer(core)).group()].add(count)
        self._first_words = {word: sorted(n) for word, n in counts.items()}
        self._named: dict[str, list[Mention]] = {}

    def without(self, dropped: frozenset[tuple[str, str]]) -> AliasIndex:
        """This index less some (entity, alias) pairs: copied, not built again per entity."""
        index = copy.copy(self)
        index._by_words = self._by_words.copy()
        index.aliases = self.aliases.copy()
        index._named = {}
        # `_first_words` is shared: a first word left without aliases only costs a lookup.
        for entity_id, alias in dropped:
            index.aliases[entity_id] = index.aliases[entity_id] - {alias}
            words = list(_WORD.finditer(alias))
            if words:
                key = (len(words), alias[: words[-1].end()])
                index._by_words[key] = [p for p in index._by_words[key] if p != (alias, entity_id)]
        return index

    @classmethod
    def of_records(cls, records: Iterable[Record]) -> AliasIndex:
        """The index of every entity among some records."""
        return cls((r.id, r.aliases) for r in records if r.kind == "entity")

    def mentions(self, text: str) -> list[Mention]:
        """Every alias occurrence as a whole word run, overlapping ones included."""
        found: list[Mention] = []
        words = list(_WORD.finditer(text))
        first_words = self._first_words
        for index, word in enumerate(words):
            counts = first_words.get(word.group())
            if counts is None:
                continue
            start = word.start()
            for count in counts:
                if index + count > len(words):
                    break
                core = text[start : words[index + count - 1].end()]
                for alias, entity_id in self._by_words.get((count, core), ()):
                    end = start + len(alias)
                    if text.startswith(alias, start) and not _continues_word(text, end):
                        found.append(Mention(start, end, entity_id))
        return found

    def named(self, text: str) -> list[Mention]:
        """The mentions that count: each alias not inside a longer name (see module doc)."""
        if len(text) > QUOTE_LIMIT:
            return self.named_among(text, self.mentions(text))
        found = self._named.get(text)
        if found is None:
            found = self.named_among(text, self.mentions(text))
            if len(self._named) >= ANSWERS_KEPT:
                self._named.clear()
            self._named[text] = found
        return list(found)

    def named_among(
        self, text: str, mentions: list[Mention], runs: list[tuple[int, int]] | None = None
    ) -> list[Mention]:
        """Those of a text's mentions that count, given its capitalised runs if known."""
        inside = _inside_other_entity(mentions)
        if all(inside):
            return []
        if runs is None:
            runs = capitalised_runs(text)
        run_starts = [start for start, _ in runs]
        # A run's text is sliced once, however many mentions it covers.
        run_texts: dict[int, str] = {}
        named = []
        for mention, covered in zip(mentions, inside, strict=True):
            if covered:
                continue
            # Runs are disjoint and in order: only the last one starting at or before the
            # mention can cover it.
            at = bisect_right(run_starts, mention.start) - 1
            if at >= 0:
                start, end = runs[at]
                if mention.end <= end and end - start > mention.end - mention.start:
                    if mention.start == start and head_follows(text, mention.end, end):
                        named.append(mention)
                        continue
                    if mention.end == end and only_titles(text, start, mention.start):
                        named.append(mention)  # "President Nazarbayev": the office, the name
                        continue
                    if at not in run_texts:
                        run_texts[at] = text[start:end]
                    if run_texts[at] not in self.aliases.get(mention.entity_id, frozenset()):
                        continue
            named.append(mention)
        return named

    def named_entities(self, text: str) -> set[str]:
        """The ids of the entities a text names."""
        return {m.entity_id for m in self.named(text)}

    def mentioned_entities(self, text: str) -> set[str]:
        """The ids of the entities with an alias in a text, inside a longer name or not."""
        return {m.entity_id for m in self.mentions(text)}


def _inside_other_entity(mentions: list[Mention]) -> list[bool]:
    """For each mention: whether a longer mention of another entity covers it.

    One sweep in order of start: of the mentions starting before, only the furthest end of
    any entity but the mention's own matters, so the furthest two ends of different
    entities are kept; mentions starting at the same place are compared among themselves.
    """
    order = sorted(range(len(mentions)), key=lambda n: mentions[n].start)
    inside = [False] * len(mentions)
    before = _FurthestTwo()
    for _, numbers in groupby(order, key=lambda n: mentions[n].start):
        group = [(number, mentions[number]) for number in numbers]
        same = _FurthestTwo()
        for _, mention in group:
            same.add(mention)
        for number, mention in group:
            # Starting before: covering when ending at or after it. At the same start: only
            # when ending after it (the same span is not a longer name).
            inside[number] = before.end_besides(mention.entity_id) >= mention.end or (
                same.end_besides(mention.entity_id) > mention.end
            )
        for _, mention in group:
            before.add(mention)
    return inside


class _FurthestTwo:
    """The furthest end of the mentions seen, and the furthest of another entity's."""

    __slots__ = ("first", "first_entity", "second")

    def __init__(self) -> None:
        self.first, self.second = -1, -1
        self.first_entity: str | None = None

    def add(self, mention: Mention) -> None:
        """Take a mention into account."""
        if mention.entity_id == self.first_entity:
            self.first = max(self.first, mention.end)
        elif mention.end > self.first:
            self.second, self.first = self.first, mention.end
            self.first_entity = mention.entity_id
        else:
            self.second = max(self.second, mention.end)

    def end_besides(self, entity_id: str) -> int:
        """The furthest end of a mention of any entity but this one (-1 if none)."""
        return self.second if entity_id == self.first_entity else self.first


def _continues_word(text: str, end: int) -> bool:
    return end < len(text) and (text[end].isalnum() or text[end] == "_")


class ScopedAliases:
    """The alias index that applies in each document: scoped aliases only where in scope.

    A role name ("Secretary General of the OIC") names a different person in 2015 and in
    2018; a city is Nur-Sultan only from 2019 to 2022. Documents whose in-scope aliases are
    the same share one index.
    """

    def __init__(
        self,
        entities: Iterable[tuple[str, Sequence[str], Sequence[AliasScope]]],
        documents: Mapping[str, str],
    ) -> None:
        self._entities = [(e, tuple(a), tuple(s)) for e, a, s in entities]
        self._dates = dict(documents)
        self._by_doc: dict[str, AliasIndex] = {}
        self._by_signature: dict[frozenset[tuple[str, str]], AliasIndex] = {}
        self.entity_ids = frozenset(entity_id for entity_id, _, _ in self._entities)
        # Each scoped alias with its scopes: a document's index is worked out from these
        # few, not from every entity (a corpus of 1,000 documents has hundreds).
        self._scoped = [
            (entity_id, alias, tuple(s for s in scopes if s.alias == alias))
            for entity_id, _, scopes in self._entities
            for alias in dict.fromkeys(scope.alias for scope in scopes)
        ]
        self._unscoped: AliasIndex | None = None
        # The answer for each record's quotes: a build asks again for every unchanged record.
        self._named: dict[tuple[tuple[str, str], ...], frozenset[str]] = {}

    @classmethod
    def of_store(cls, store: Store) -> ScopedAliases:
        """The scoped aliases of an opened store's entities and documents."""
        return cls(
            ((r.id, r.aliases, r.alias_scopes) for r in store.by_kind("entity")),
            {doc.id: doc.date for doc in store.documents.values()},
        )

    def index_for(self, doc_id: str) -> AliasIndex:
        """The alias index of one document."""
        index = self._by_doc.get(doc_id)
        if index is not None:
            return index
        date = self._dates.get(doc_id, "")
        dropped = frozenset(
            (entity_id, alias)
            for entity_id, alias, scopes in self._scoped
            if not any(s.applies(doc_id, date) for s in scopes)
        )
        index = self._by_signature.get(dropped)
        if index is None:
            if self._unscoped is None:
                self._unscoped = AliasIndex((e, a) for e, a, _ in self._entities)
            index = self._unscoped.without(dropped)
            self._by_signature[dropped] = index
        self._by_doc[doc_id] = index
        return index

    def index_at(self, doc_id: str, date: str) -> AliasIndex:
        """The alias index of a document not (yet) in the store, by its id and date."""
        self._dates[doc_id] = date
        self._by_doc.pop(doc_id, None)
        self._named.clear()  # answered by the document's index as it was
        return self.index_for(doc_id)

    def named_entities(self, spans: Iterable[tuple[str, str]]) -> set[str]:
        """The entities some (document, quote) pairs name, each by its document's aliases."""
        key = tuple(spans)
        found = self._named.get(key)
        if found is None:
            named: set[str] = set()
            for doc_id, quotes in _by_document(key).items():
                named |= self.index_for(doc_id).named_entities(joined_quotes(quotes))
            if len(self._named) >= ANSWERS_KEPT:
                self._named.clear()
            found = self._named[key] = frozenset(named)
        return set(found)

    def mentioned_entities(self, spans: Iterable[tuple[str, str]]) -> set[str]:
        """The entities with an alias in some (document, quote) pairs, inside a name or not."""
        found: set[str] = set()
        for doc_id, quotes in _by_document(spans).items():
            found |= self.index_for(doc_id).mentioned_entities(joined_quotes(quotes))
        return found


def _by_document(spans: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Quotes grouped by their document, so that each is read with that document's aliases."""
    by_doc: dict[str, list[str]] = defaultdict(list)
    for doc_id, quote in spans:
        by_doc[doc_id].append(quote)
    return by_doc


def quotes_name(record: Record, entity: Record, index: ScopedAliases | None = None) -> bool:
    """True when an alias of the entity occurs in the record's quotes (else "from context").

    Looser than the rule the build links by: an alias inside a longer name counts too, for
    "Secretary General of the OIC" does name the OIC to a reader. Each quote is read with
    the aliases that apply in its document; `index` is the store's (`store_alias_index`),
    and without it (or without the entity in it) only the entity's own aliases are used.
    """
    if index is None or entity.id not in index.entity_ids:
        index = ScopedAliases([(entity.id, entity.aliases, entity.alias_scopes)], {})
    spans = ((span.doc, span.quote) for span in record.sources)
    return entity.id in index.mentioned_entities(spans)


# The scoped alias index of an opened store's entities, built once.
store_alias_index: PerStore[ScopedAliases] = PerStore(ScopedAliases.of_store)
