"""Shared entities stay true: role and generic aliases name their entity only where scoped."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SEED_ID, append_record, build_problems

from oic_tui.corpus.fidelity import GENERIC_RULE, ROLE_RULE, is_generic, role_word
from oic_tui.corpus.folder import compile_corpus
from oic_tui.corpus.records import Context, SourceDoc, compile_record
from oic_tui.store.mentions import AliasIndex, ScopedAliases
from oic_tui.store.reader import Store

DHAKA = "test-cfm45-dhaka-2018"
# TEST DATA: a fictional sentence of the test corpus's 2018 document.
DEPUTY = "Deputy Minister of Foreign Affairs of Kazakhstan"


# --- Which aliases are role names, which generic --------------------------------------------


@pytest.mark.parametrize(
    ("alias", "office"),
    [
        ("the head of the Kazakhstan delegation", "head of"),
        ("Deputy Minister of Foreign Affairs of Kazakhstan", "Minister"),
        ("Secretary General of the OIC", "Secretary"),
        ("Secretary-General of the United Nations", "Secretary"),
        ("President of Kazakhstan", "President"),
        ("Director-General of the IOFS", "Director"),
        ("Foreign Minister", "Minister"),
        ("the OIC Spokesman", "Spokesman"),
        ("Council of Foreign Ministers", None),
        ("OIC General Secretariat", None),
        ("Nur-Sultan", None),
        ("Askar Musinov", None),
    ],
)
def test_a_role_alias_is_one_naming_an_office(alias: str, office: str | None) -> None:
    assert role_word(alias) == office


@pytest.mark.parametrize(
    ("alias", "generic"),
    [
        ("the Organization", True),
        ("this universal organization", True),
        ("Member States", True),
        ("member states", True),
        ("the Council", True),
        ("the Republic of Kazakhstan", False),
        ("The Islamic Organization for Food Security", False),
        ("The Kingdom of Saudi Arabia", False),
        ("the Kazakhstan delegation", False),
        ("OIC Member States", False),
        ("Muslim countries", False),
        ("European Union", False),
        ("EXPO-2017", False),
    ],
)
def test_a_generic_alias_has_no_word_of_a_proper_name(alias: str, generic: bool) -> None:
    assert is_generic(alias) is generic


# --- The 2018 test document links none of the 2015 entities by those names ------------------


def _sentence_of(store: Store, record_id: str) -> str:
    record = store.get(record_id)
    assert record is not None, record_id
    assert record.sources[0].doc == DHAKA
    return record.sources[0].quote


@pytest.mark.parametrize(
    ("record_id", "alias", "shipped", "holder"),
    [
        (
            "topic.cfm45-afghanistan",
            "the head of the Kazakhstan delegation",
            "entity.musinov",
            "entity.abdrakhmanov",
        ),
        ("topic.cfm45-osce-early-warning", DEPUTY, "entity.musinov", "entity.ashikbayev"),
        ("topic.cfm45-osce-early-warning", "the Organization", "entity.oic", "entity.osce"),
        ("topic.cfm45-eu-trade", "Member States", "entity.oic-member-states", None),
        ("topic.cfm45-nuclear-tests", "Semipalatinsk", "entity.semipalatinsk", "entity.semey"),
    ],
)
def test_the_2018_text_does_not_link_the_2015_entities(
    corpus_store: Store, record_id: str, alias: str, shipped: str, holder: str | None
) -> None:
    sentence = _sentence_of(corpus_store, record_id)
    # Unscoped, the name would link its 2015 entity here: the sentence does put it to the test.
    assert AliasIndex([(shipped, [alias])]).named_entities(sentence) == {shipped}
    record = corpus_store.get(record_id)
    assert record is not None
    assert shipped not in record.entities
    if holder:
        assert holder in record.entities


def test_no_quote_of_the_2018_text_names_musinov_or_the_test_site(corpus_store: Store) -> None:
    index = ScopedAliases.of_store(corpus_store).index_for(DHAKA)
    named = index.named_entities(corpus_store.documents[DHAKA].text)
    assert {"entity.abdrakhmanov", "entity.ashikbayev", "entity.osce", "entity.semey"} <= named
    assert not named & {"entity.musinov", "entity.semipalatinsk", "entity.un"}


def test_the_shipped_article_still_links_its_role_and_generic_names(shipped_store: Store) -> None:
    """Scoped to the 2015 article, each name still links there."""
    backlinks = {
        entity: {r.id for r in shipped_store.mentioning(entity)}
        for entity in ("entity.musinov", "entity.oic", "entity.oic-member-states", "entity.un")
    }
    assert "event.secretary-general-meeting" in backlinks["entity.musinov"]
    assert all(backlinks.values())


def test_shared_entity_texts_are_dated_where_they_report(shipped_store: Store) -> None:
    for entity_id in ("entity.oic", "entity.madani", "entity.musinov", "entity.oic-member-states"):
        record = shipped_store.get(entity_id)
        assert record is not None and "as reported in 2015" in record.text, entity_id
    delegation = shipped_store.get("entity.kazakhstan-delegation")
    assert delegation is not None and "in 2015" in delegation.text
    assert "entity.musinov" not in delegation.entities
    for entity_id in ("entity.kazinform", "entity.astana"):
        record = shipped_store.get(entity_id)
        assert record is not None and "The report's dateline" not in record.text
        assert not record.text.startswith("Named in the report's")
    site = shipped_store.get("entity.semipalatinsk")
    assert site is not None and site.title.startswith("Former ")
    assert "Semipalatinsk" not in site.aliases


# --- The build refuses an unscoped role or generic alias --------------------------------------

_ENTITY = """[[record]]
id = "entity.test-role"
title = "TEST DATA"
type = "person"
aliases = [{aliases}]
text = "Test data."
quotes = ["Askar Musinov"]
"""


def _problems_with(data: Path, aliases: str) -> list[str]:
    append_record(data, "entities", _ENTITY.format(aliases=aliases))
    return [p for p in build_problems(data) if "entity.test-role" in p]


def test_an_unscoped_role_alias_is_refused(data_copy: Path) -> None:
    (problem,) = _problems_with(data_copy, f'"{DEPUTY}"')
    assert "\n" not in problem
    assert "annotations/entities.toml: entity entity.test-role: " in problem
    assert f"alias {DEPUTY!r} names an office ('Minister')" in problem
    assert problem.endswith(ROLE_RULE)


def test_an_unscoped_generic_alias_is_refused(data_copy: Path) -> None:
    (problem,) = _problems_with(data_copy, '"the Organization"')
    assert "\n" not in problem
    assert "entity entity.test-role: alias 'the Organization' is a generic name" in problem
    assert problem.endswith(GENERIC_RULE)


def test_a_generic_alias_needs_documents_not_dates(data_copy: Path) -> None:
    (problem,) = _problems_with(data_copy, '{ name = "Member States", from = "2015" }')
    assert problem.endswith(GENERIC_RULE)


@pytest.mark.parametrize(
    "alias",
    [
        f'{{ name = "{DEPUTY}", docs = ["{SEED_ID}"] }}',
        f'{{ name = "{DEPUTY}", from = "2015-01", until = "2015-12" }}',
        '"the Organization", { name = "the Organization", docs = ["kazinform-2015-05-29"] }',
    ],
)
def test_a_scoped_alias_builds(data_copy: Path, alias: str) -> None:
    append_record(data_copy, "entities", _ENTITY.format(aliases=alias))
    compile_corpus(data_copy)


def test_a_role_alias_holding_the_persons_own_name_needs_no_scope() -> None:
    ctx = _context()
    compile_record(
        _row(["Askar Musinov", "Mr. Askar Musinov", "Deputy Minister Askar Musinov"]), "entity", ctx
    )
    assert ctx.problems == []


def test_an_alias_row_of_a_document_folder_names_its_file(data_copy: Path) -> None:
    folder = data_copy / "documents" / SEED_ID
    (folder / "aliases.toml").write_text(
        '# TEST DATA\nkind = "alias"\n\n[[record]]\nentity = "entity.madani"\n'
        'name = "Secretary General of the OIC"\n',
        encoding="utf-8",
    )
    (problem,) = [p for p in build_problems(data_copy) if "aliases.toml" in p]
    assert problem.startswith(f"documents/{SEED_ID}/aliases.toml: alias 1 (entity.madani): ")
    assert problem.endswith(ROLE_RULE)


def test_the_problem_names_the_annotation_file_when_known() -> None:
    ctx = _context(path="annotations/entities.toml")
    compile_record(_row(["Askar Musinov", "the Organization"]), "entity", ctx)
    assert ctx.problems == [
        "annotations/entities.toml: entity entity.test-role: alias 'the Organization' is a "
        f"generic name and has no docs scope: {GENERIC_RULE}"
    ]


def test_other_kinds_aliases_are_not_entity_names() -> None:
    ctx = _context()
    compile_record(_row(["the Organization"]), "topic", ctx)
    assert ctx.problems == []


def _context(path: str = "") -> Context:
    # TEST DATA: a one-sentence fictional document.
    doc = SourceDoc("test-2016", "2016-01-01", "Askar Musinov met the Organization in 2016.")
    return Context({doc.id: doc}, doc.id, [], path)


def _row(aliases: list[str]) -> dict[str, object]:
    return {
        "id": "entity.test-role",
        "title": "TEST DATA",
        "type": "person",
        "text": "Test data.",
        "quotes": ["Askar Musinov"],
        "aliases": aliases,
    }
