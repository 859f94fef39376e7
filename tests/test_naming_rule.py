"""The naming rule: an entity plus a head noun names the entity, and "(from context)" only
where no alias of the entity occurs in the quotes at all.

The quotes below are test data written for these tests, not real reports, except where a
test reads the shipped store.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.corpus.annotations import AnnotationFile, DocumentMeta
from oic_tui.corpus.build import DocumentSource, compile_sources
from oic_tui.ingest.drafts import draft_annotations
from oic_tui.store.mentions import (
    AliasIndex,
    Mention,
    quotes_name,
    store_alias_index,
)
from oic_tui.store.models import Record, SourceSpan
from oic_tui.store.names import HEAD_NOUNS, HONORIFICS, TITLE_WORDS, capitalised_runs
from oic_tui.store.reader import Store, data_dir

SEED = "kazinform-2015-05-29"
# Test data: the shipped entities' names that stand inside one another.
ENTITIES = [
    ("iofs", ("Islamic Organization for Food Security", "IOFS")),
    ("oic", ("Organization of Islamic Cooperation", "OIC")),
    ("cfm", ("Council of Foreign Ministers", "OIC CFM", "CFM")),
    ("members", ("OIC Member States", "Member States")),
    ("secretariat", ("OIC General Secretariat", "General Secretariat")),
    ("kazakhstan", ("Kazakhstan", "Republic of Kazakhstan")),
    ("astana", ("Astana",)),
]


def named(text: str, entities: list[tuple[str, tuple[str, ...]]] = ENTITIES) -> set[str]:
    return AliasIndex(entities).named_entities(text)


@pytest.fixture(scope="module")
def shipped() -> Store:
    return Store.open(data_dir() / "oic_cfm42.json")


def quoting(store: Store, quote: str) -> Record:
    """A record of the shipped document whose one quote is `quote`."""
    base = store.by_kind("topic")[0]
    return replace(base, id="topic.test", sources=(SourceSpan(SEED, 0, len(quote), quote),))


# --- The entity plus a head noun ------------------------------------------------------------


def test_iofs_member_states_name_the_iofs_and_no_oic_member_states() -> None:
    assert named("increasing the number of IOFS Member States") == {"iofs"}


def test_an_officer_of_the_entity_names_it_whatever_name_follows() -> None:
    assert named("IOFS Director General Yerlan Baidaulet spoke") == {"iofs"}
    assert named("The IOFS Secretariat met") == {"iofs"}


def test_another_entitys_alias_covering_the_match_still_wins() -> None:
    assert named("In the OIC CFM resolutions") == {"cfm"}
    assert named("The OIC General Secretariat is in Jeddah") == {"secretariat"}


def test_a_word_that_is_no_head_noun_keeps_the_longer_name_apart() -> None:
    # "Expo" and "Institute" start other proper names: the run is no head noun phrase.
    assert named("the Astana Expo opened") == set()
    assert named("the Kazakhstan Institute for Strategic Studies") == set()
    # A head noun must be whole words: "Councillors" is not "Council".
    assert named("OIC Councillors met") == set()


def test_the_alias_must_start_the_run() -> None:
    # "Member States" is inside the run "IOFS Member States", not at its start.
    assert "members" not in named("IOFS Member States")
    assert named("Former IOFS Director General spoke") == set()


def test_a_head_noun_run_that_is_another_entitys_alias_names_that_one() -> None:
    entities = [*ENTITIES, ("iofs-members", ("IOFS Member States",))]
    assert named("the IOFS Member States", entities) == {"iofs-members"}


# --- The build links by it ------------------------------------------------------------------


def test_a_build_links_a_quote_naming_the_entity_plus_a_head_noun() -> None:
    text = "DHAKA, May 7, 2018 (Test Wire) - The IOFS Member States met in Dhaka."
    meta = DocumentMeta("doc", "doc.txt", "Test", "Test Wire", "2018-05-07", "Dhaka")
    entities = [
        {
            "id": f"entity.{name}",
            "title": name,
            "type": "organisation",
            # A generic alias is scoped to the documents where it was read that way.
            "aliases": [{"name": alias, "docs": ["doc"]}],
            "text": name,
            "quotes": [quote],
        }
        for name, alias, quote in [
            ("iofs", "IOFS", "The IOFS Member States"),
            ("members", "Member States", "Member States met"),
        ]
    ]
    topic = {
        "id": "topic.met",
        "title": "A meeting",
        "text": "The member states of the IOFS met.",
        "quotes": ["The IOFS Member States met in Dhaka."],
    }
    result = compile_sources(
        "Test",
        [DocumentSource(meta, text.encode("utf-8"), "doc.txt")],
        [
            (AnnotationFile("entity", entities, "doc"), None),
            (AnnotationFile("topic", [topic], "doc"), None),
        ],
    )
    records = {r["id"]: r for r in result.store["records"].values()}
    assert records["topic.met"]["entities"] == ["entity.iofs"]


# --- "(from context)": no alias of the entity in the quotes ---------------------------------


@pytest.mark.parametrize(
    ("quote", "entity_id"),
    [
        ("which was attended by the Kazakhstan delegation", "entity.kazakhstan"),
        ("Mr. Iyad bin Amin Madani, Secretary General of the OIC", "entity.oic"),
        ("The OIC General Secretariat is located in Jeddah", "entity.oic"),
        ("Deputy Minister of Foreign Affairs of the Republic of Kazakhstan", "entity.kazakhstan"),
    ],
)
def test_an_alias_inside_another_name_is_no_context_note(
    shipped: Store, quote: str, entity_id: str
) -> None:
    index = store_alias_index(shipped)
    entity = shipped.get(entity_id)
    assert entity is not None
    record = quoting(shipped, quote)
    assert quotes_name(record, entity, index)
    assert quotes_name(record, entity)
    # What the build links is unchanged: inside another entity's alias, it is not named.
    assert entity_id not in index.named_entities([(SEED, quote)])


def test_a_quote_naming_no_alias_keeps_the_context_note(shipped: Store) -> None:
    index = store_alias_index(shipped)
    entity = shipped.get("entity.oic")
    assert entity is not None
    record = quoting(shipped, "They also exchanged views on its prospects of development.")
    assert not quotes_name(record, entity, index)
    assert not quotes_name(record, entity)


def test_an_alias_joined_to_another_word_is_no_mention(shipped: Store) -> None:
    entity = shipped.get("entity.oic")
    assert entity is not None
    assert not quotes_name(quoting(shipped, "the OICs of old"), entity, store_alias_index(shipped))


# --- Against the rule written plainly -------------------------------------------------------


def _named_reference(index: AliasIndex, text: str) -> list[Mention]:
    """The rule word by word: each mention against every mention and every run."""
    mentions = index.mentions(text)
    runs = capitalised_runs(text)
    heads = [noun.split(" ") for noun in HEAD_NOUNS]

    def entity_plus_head(mention: Mention, start: int, end: int) -> bool:
        rest = text[mention.end : end]
        if mention.start != start or not rest.startswith(" "):
            return False
        words = rest[1:].split(" ")
        return any(words[: len(head)] == head for head in heads)

    def titles_then_name(mention: Mention, start: int, end: int) -> bool:
        before = text[start : mention.start]
        words = before.split(" ")[:-1]
        titles = TITLE_WORDS | HONORIFICS
        return mention.end == end and before.endswith(" ") and all(w in titles for w in words)

    def inside(mention: Mention) -> bool:
        length = mention.end - mention.start
        if any(
            o.entity_id != mention.entity_id
            and o.start <= mention.start
            and mention.end <= o.end
            and o.end - o.start > length
            for o in mentions
        ):
            return True
        return any(
            start <= mention.start
            and mention.end <= end
            and end - start > length
            and text[start:end] not in index.aliases[mention.entity_id]
            and not entity_plus_head(mention, start, end)
            and not titles_then_name(mention, start, end)
            for start, end in runs
        )

    return [m for m in mentions if not inside(m)]


WORDS = [
    *("IOFS", "OIC", "CFM", "Member", "States", "Director", "General", "Secretariat"),
    *("Council", "Councils", "Yerlan", "Kazakhstan", "delegation", "The", "the", "of"),
]
GAPS = [" ", " ", " ", ", ", ". ", "-", "'s ", "\n"]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=25).map(
    lambda parts: "".join(word + gap for word, gap in parts)
)


@settings(max_examples=400, deadline=None)
@given(texts, st.lists(st.sampled_from(ENTITIES), min_size=1, max_size=7, unique=True))
def test_named_is_the_rule_written_plainly(
    text: str, entities: list[tuple[str, tuple[str, ...]]]
) -> None:
    index = AliasIndex(entities)
    assert index.named(text) == _named_reference(index, text)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_every_named_mention_is_a_mention(text: str) -> None:
    index = AliasIndex(ENTITIES)
    mentioned = {m.entity_id for m in index.mentions(text)}
    assert index.named_entities(text) <= mentioned == index.mentioned_entities(text)


def test_a_draft_of_an_officer_of_the_iofs_links_the_iofs() -> None:
    # TEST DATA: a short fictional report, written for this test.
    text = (
        "DHAKA, May 7, 2018 (Test Wire) - IOFS Director General Yerlan Baidaulet met the "
        "ministers in Dhaka on 5 May 2018.\n"
    )
    head_end = text.index(" IOFS")
    drafts = draft_annotations("doc", text, "2018-05-07", AliasIndex(ENTITIES), head_end=head_end)
    assert 'entities = ["entity.dhaka", "iofs"]' in drafts.files["events.toml"]
    assert "iofs" in drafts.entities
