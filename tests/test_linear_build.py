"""Import and build linear in the text: quotes located through an index, names by a sweep.

Each fast path is compared with the plain rule it replaced, kept here as the reference.
Every text below is test data written for these tests, not a real report.
"""

from __future__ import annotations

import hashlib
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.corpus.annotations import AnnotationFile, DocumentMeta
from oic_tui.corpus.build import DocumentSource, compile_sources
from oic_tui.corpus.fidelity import _listed_names
from oic_tui.corpus.records import TextIndex, occurrences
from oic_tui.ingest.drafts import _outermost, draft_annotations
from oic_tui.store.mentions import AliasIndex, Mention
from oic_tui.store.names import HEAD_NOUNS, HONORIFICS, TITLE_WORDS, capitalised_runs

# Test data: names that stand inside longer names, and one alias two entities share.
ENTITIES = [
    ("oic", ("OIC",)),
    ("cfm", ("OIC CFM", "CFM")),
    ("members", ("Member States", "OIC Member States")),
    ("iofs", ("IOFS",)),
    ("astana", ("Astana",)),
    ("astana-expo", ("Astana", "Astana EXPO")),
    ("secretariat", ("OIC General Secretariat", "Secretariat")),
]
# Head nouns among the words, so that "IOFS Member States" and "OIC General Secretariat"
# come up, and "General" alone, which is no head noun.
WORDS = [
    *("OIC", "CFM", "Member", "States", "IOFS", "Astana", "EXPO", "The", "the", "and"),
    *("General", "Secretariat", "Director", "Summit"),
]
GAPS = [" ", " ", " ", ", ", ". ", " and ", "\n", "-", "'s "]


def _heads_reference(text: str, mention: Mention, start: int, end: int) -> bool:
    """Whether a run is the mention's entity plus a head noun, by the run's list of words."""
    rest = text[mention.end : end]
    if mention.start != start or not rest.startswith(" "):
        return False
    words = rest[1:].split(" ")
    return any(words[: len(h.split(" "))] == h.split(" ") for h in HEAD_NOUNS)


def _titled_reference(text: str, mention: Mention, start: int, end: int) -> bool:
    """Whether a run is office words and honorifics, then the mention ending it."""
    before = text[start : mention.start]
    titles = TITLE_WORDS | HONORIFICS
    words = before.split(" ")[:-1]
    # Whole words, a space before the name: "General OIC-OIC" has no title before its 2nd OIC.
    return (
        mention.end == end
        and before.endswith(" ")
        and bool(words)
        and all(w in titles for w in words)
    )


def _named_reference(index: AliasIndex, text: str) -> list[Mention]:
    """The rule written plainly, before the sweep: every mention against every other."""
    mentions = index.mentions(text)
    runs = capitalised_runs(text)

    def inside(mention: Mention) -> bool:
        length = mention.end - mention.start
        if any(
            other.entity_id != mention.entity_id
            and other.start <= mention.start
            and mention.end <= other.end
            and other.end - other.start > length
            for other in mentions
        ):
            return True
        own = index.aliases.get(mention.entity_id, frozenset())
        return any(
            start <= mention.start
            and mention.end <= end
            and end - start > length
            and text[start:end] not in own
            and not _heads_reference(text, mention, start, end)
            and not _titled_reference(text, mention, start, end)
            for start, end in runs
        )

    return [m for m in mentions if not inside(m)]


texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=30).map(
    lambda parts: "".join(word + gap for word, gap in parts)
)


@settings(max_examples=300, deadline=None)
@given(texts, st.lists(st.sampled_from(ENTITIES), min_size=1, max_size=6, unique=True))
def test_named_is_the_rule_of_every_mention_against_every_other(
    text: str, entities: list[tuple[str, tuple[str, ...]]]
) -> None:
    index = AliasIndex(entities)
    assert index.named(text) == _named_reference(index, text)


def test_an_alias_dense_text_names_nothing_inside_its_one_long_run() -> None:
    text = "Report - " + "OIC " * 2000
    index = AliasIndex(ENTITIES)
    assert index.mentions(text)
    assert index.named(text) == []


def test_a_name_inside_a_longer_name_of_another_entity_is_not_named() -> None:
    text = "the IOFS Member States and the OIC Member States met; Member States"
    index = AliasIndex([*ENTITIES, ("iofs-members", ("IOFS Member States",))])
    named = [(text[m.start : m.end], m.entity_id) for m in index.named(text)]
    # "OIC" is inside the Member States' longer name; their shorter alias inside it counts.
    assert named == [
        ("IOFS Member States", "iofs-members"),
        ("OIC Member States", "members"),
        ("Member States", "members"),
        ("Member States", "members"),
    ]


def _occurrences_reference(text: str, quote: str) -> list[int]:
    return [at for at in range(len(text)) if text.startswith(quote, at)]


quote_texts = st.text(st.sampled_from("ab .\n"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(quote_texts, st.data())
def test_located_quotes_are_every_occurrence_found_by_str_find(
    text: str, data: st.DataObject
) -> None:
    index = TextIndex(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for quote in (text[start:end], data.draw(quote_texts)):
        if quote:
            expected = _occurrences_reference(text, quote)
            assert index.occurrences(quote) == expected == occurrences(text, quote)


def test_a_quote_repeated_many_times_is_located_by_each_nth() -> None:
    sentence = "The ministers met in Astana."
    text = " ".join([sentence] * 500) + " The ministers met."
    index = TextIndex(text)
    starts = index.occurrences(sentence)
    assert starts == occurrences(text, sentence)
    assert len(starts) == 500
    assert index.occurrences("ministers met") == occurrences(text, "ministers met")
    assert index.occurrences("Jeddah met") == []


def test_drafts_of_repeated_sentences_give_each_its_own_nth() -> None:
    text = "The OIC met. The OIC met. The OIC met."
    drafts = draft_annotations("doc", text, "2020-01-15", AliasIndex(ENTITIES))
    topics = drafts.files["topics.toml"]
    for nth in (1, 2, 3):
        assert f'{{ text = "The OIC met.", nth = {nth} }}' in topics


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.sampled_from("ab ."), min_size=1, max_size=6), unique=True))
def test_candidates_inside_longer_ones_are_dropped_as_before(names: list[str]) -> None:
    assert _outermost(names) == [n for n in names if not any(n != o and n in o for o in names)]


def _listed_reference(quote: str, index: AliasIndex) -> list[str]:
    """Names standing as items of one list, by comparing every mention with every other."""
    named = sorted(index.named(quote), key=lambda m: (m.start, -m.end))
    outermost = [
        m
        for m in named
        if not any(
            o is not m
            and o.start <= m.start
            and m.end <= o.end
            and (o.end - o.start) > (m.end - m.start)
            for o in named
        )
    ]
    items: list[str] = []
    for before, after in pairwise(outermost):
        gap = quote[before.end : after.start].strip('"')
        if gap in (", ", " and ", ", and ") and before.entity_id != after.entity_id:
            for mention in (before, after):
                name = quote[mention.start : mention.end]
                if name not in items:
                    items.append(name)
    return items


@settings(max_examples=300, deadline=None)
@given(texts)
def test_listed_names_are_the_outermost_names_as_before(text: str) -> None:
    index = AliasIndex([*ENTITIES, ("iofs-members", ("IOFS Member States",))])
    assert _listed_names(text, index) == _listed_reference(text, index)


def test_a_leading_byte_order_mark_is_no_character_of_the_text() -> None:
    text = "ASTANA, May 7, 2018 (Test Wire) - The OIC met in Astana. Talks followed."
    raw = b"\xef\xbb\xbf" + text.encode("utf-8")
    meta = DocumentMeta("doc", "doc.txt", "Test", "Test Wire", "2018-05-07", "Astana")
    rows = [
        {
            "id": "topic.met",
            "title": "The OIC met",
            "text": "The OIC met.",
            "quotes": ["The OIC met in Astana."],
        }
    ]
    result = compile_sources(
        "Test",
        [DocumentSource(meta, raw, "doc.txt")],
        [(AnnotationFile("topic", rows, "doc"), None)],
    )
    document = result.store["documents"]["1"]
    assert document["text"] == text
    # The dateline is the first sentence, from the first character on.
    assert document["sentences"][0][:2] == [0, len("ASTANA, May 7, 2018 (Test Wire) -")]
    source = result.store["records"]["1"]["sources"][0]
    assert text[source["start"] : source["end"]] == "The OIC met in Astana."
    # The store's sha256 is that of its text, which is how readers check it.
    assert document["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
