"""Entities an import drafts: the gazetteer's where the text names them; stubs of new names."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from oic_tui.corpus.build import BuildError
from oic_tui.corpus.folder import build_corpus, find_corpus, init_corpus
from oic_tui.ingest.drafts import draft_annotations
from oic_tui.store.check import check_store
from oic_tui.store.mentions import AliasIndex
from oic_tui.store.reader import Store, data_dir

# TEST DATA: a short fictional report, written for these tests.
TEXT = (
    "Recently Qatar hosted the talks. And I was there. Foreign Minister Kairat Abdrakhmanov "
    "met the delegates of Turkey in Dhaka on May 5, 2017. Mr. E. Idrissov spoke in Tashkent. "
    "Erlan Idrissov visited Nur-Sultan and spoke of Myanmar. ICESCO and IsDB signed a "
    "memorandum. Turkey agreed. Deputy Minister Askar Testov arrived from Tolkunabad.\n"
)
KAZAKHSTAN = AliasIndex([("entity.kazakhstan", ["Kazakhstan"])])


def drafted(text: str = TEXT, index: AliasIndex = KAZAKHSTAN) -> dict[str, Any]:
    files = draft_annotations("doc", text, "2017-05-06", index).files
    return {name: tomllib.loads(body) for name, body in files.items()}


def entities(files: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in files["entities.toml"].get("record", [])}


def test_known_names_are_drafted_once_each_quoting_their_first_mention() -> None:
    files = drafted()
    found = entities(files)
    wanted = {
        "entity.qatar": "Qatar",
        "entity.turkey": "Turkey",
        "entity.dhaka": "Dhaka",
        "entity.tashkent": "Tashkent",
        "entity.astana": "Nur-Sultan",
        "entity.myanmar": "Myanmar",
        "entity.islamic-development-bank": "IsDB",
    }
    for entity_id, name in wanted.items():
        assert found[entity_id]["draft"] is True
        assert found[entity_id]["type"]
        assert name in found[entity_id]["aliases"]
    assert found["entity.turkey"]["quotes"] == [{"text": "Turkey", "nth": 1}]
    assert any("ICESCO" in r["aliases"] for r in found.values())
    topics = files["topics.toml"]["record"] + files["events.toml"].get("record", [])
    linked = {e for r in topics for e in r.get("entities", [])}
    assert set(wanted) <= linked


def test_a_title_becomes_a_role_scoped_to_this_text_with_the_term_said() -> None:
    # Scoped to the text (the holder is named beside it), never to the term's years, which
    # overlap the predecessor's in the year the office changed hands.
    person = entities(drafted())["entity.kairat-abdrakhmanov"]
    assert person["aliases"] == [
        "Kairat Abdrakhmanov",
        {"name": "Foreign Minister", "docs": ["doc"]},
    ]
    body = draft_annotations("doc", TEXT, "2017-05-07", KAZAKHSTAN).files["entities.toml"]
    assert "# Foreign Minister: held from 2016 until 2018; widen the scope on review." in body


def test_short_forms_join_the_full_name_and_openers_are_no_names() -> None:
    files = draft_annotations("doc", TEXT, "2017-05-06", KAZAKHSTAN)
    found = entities({k: tomllib.loads(v) for k, v in files.files.items()})
    assert found["entity.erlan-idrissov"]["aliases"] == ["Erlan Idrissov", "E. Idrissov"]
    body = files.files["entities.toml"]
    assert "Recently" not in body and '"I"' not in body and "And I" not in body
    assert "E. Idrissov" not in files.candidates or "entity.e-idrissov" not in body


def test_new_names_are_stubs_with_titles_stripped_and_the_role_offered() -> None:
    body = draft_annotations("doc", TEXT, "2017-05-06", KAZAKHSTAN).files["entities.toml"]
    assert '# title = "Askar Testov"' in body
    assert '# aliases = ["Askar Testov", { name = "Deputy Minister", docs = ["doc"] }]' in body
    assert '# title = "Tolkunabad"' in body  # one word after "from": a place
    assert "Deputy Minister Askar" not in body


def test_a_prefix_before_a_person_is_stripped() -> None:
    # TEST DATA: fictional.
    text = (
        "The Minister of Foreign Affairs of Kazakhstan Nurlan Testbek met the State Aidar Testov.\n"
    )
    body = draft_annotations("doc", text, "2017-05-06", KAZAKHSTAN).files["entities.toml"]
    assert '# title = "Nurlan Testbek"' in body and '# title = "Aidar Testov"' in body


def test_the_corpus_entity_wins() -> None:
    found = entities(drafted("Kazakhstan and Turkey met in Dhaka.\n"))
    assert "entity.kazakhstan" not in found and "entity.turkey" in found
    note = draft_annotations(
        "doc",
        "The forum met in Nur-Sultan.\n",
        "2019-05-06",
        AliasIndex([("c.astana", ["Astana"])]),
    ).files["entities.toml"]
    assert "'Nur-Sultan': a name of c.astana" in note and "[[record]]\nid" not in note


def test_a_name_the_corpus_entity_lacks_is_added_for_this_document_and_linked() -> None:
    # TEST DATA: a fictional sentence naming the capital by its 2019-2022 name.
    files = draft_annotations(
        "doc",
        "The forum met in Nur-Sultan.\n",
        "2019-05-06",
        AliasIndex([("c.astana", ["Astana"])]),
    ).files
    rows = tomllib.loads(files["aliases.toml"])
    assert rows["kind"] == "alias"
    assert rows["record"] == [{"entity": "c.astana", "name": "Nur-Sultan", "docs": ["doc"]}]
    (topic,) = tomllib.loads(files["topics.toml"])["record"]
    assert topic["entities"] == ["c.astana"]


def test_an_imported_alias_row_builds_and_links_the_corpus_entity(tmp_path: Path) -> None:
    from oic_tui.ingest.importer import AliasSource, Importer, ImportOptions, corpus_entities

    root = init_corpus(tmp_path / "corpus", data_dir()).root
    text = tmp_path / "a.txt"
    # TEST DATA: a fictional report.
    text.write_text("date 2020-05-07 Kazakhstan hosted the Zarem talks in Nur-Sultan.\n", "utf-8")
    corpus = find_corpus(root)
    (result,) = Importer(corpus, AliasSource(corpus_entities(corpus)), ImportOptions()).run([text])
    build_corpus(find_corpus(root))
    store = Store.open(find_corpus(root).store_path)
    assert check_store(store).problems == []
    astana = store.get("entity.astana")
    assert astana is not None and "Nur-Sultan" in astana.aliases
    linked = [r for r in store.records if r.docs == (result.doc_id,) and r.kind == "topic"]
    assert linked and all("entity.astana" in r.entities for r in linked)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return init_corpus(tmp_path / "corpus", data_dir()).root


def test_import_then_check_is_clean(cli: Any, corpus: Path, tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text("date 2017-05-07 " + TEXT, encoding="utf-8")
    status, _, err = cli("import", source, "--corpus", corpus)
    assert status == 0, err
    assert check_store(Store.open(find_corpus(corpus).store_path)).problems == []


def test_an_uncommented_stub_without_a_type_is_refused(corpus: Path, tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text("date 2017-05-07 " + TEXT, encoding="utf-8")
    from oic_tui.cli.main import main

    assert main(["import", str(source), "--corpus", str(corpus)]) == 0
    (stubs,) = corpus.glob("documents/*/entities.toml")
    # The stub of Tolkunabad uncommented by a reviewer who gave it no type.
    stub = (
        '[[record]]\nid = "entity.tolkunabad"\ntitle = "Tolkunabad"\ntext = "T."\n'
        'quotes = ["Tolkunabad"]\n'
    )
    stubs.write_text(stubs.read_text(encoding="utf-8") + stub, encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_corpus(find_corpus(corpus))
    assert any("entity.tolkunabad: type is required" in p for p in caught.value.problems)


def stub_titles(text: str, index: AliasIndex = KAZAKHSTAN) -> list[str]:
    body = draft_annotations("doc", text, "2017-05-06", index).files["entities.toml"]
    return [line[len('# title = "') : -1] for line in body.splitlines() if "# title = " in line]


def test_meetings_and_offices_are_no_stubs() -> None:
    # TEST DATA: fictional sentences.
    text = (
        "The Zarem Summit closed. The Zarem Kazakh Minister spoke to the Council of Foreign "
        "Ministers. The Vella Ministerial Conference and the Vella General Assembly met."
    )
    assert stub_titles(text) == []


def test_a_known_name_and_an_office_before_a_person_are_stripped() -> None:
    # TEST DATA: a fictional officer of a known body.
    index = AliasIndex([("entity.kazakhstan", ["Kazakhstan"]), ("entity.zof", ["ZOF"])])
    text = "ZOF Director General Hamid Zarouk met Kazakhstan Foreign Minister Aidos Berik."
    body = draft_annotations("doc", text, "2017-05-06", index).files["entities.toml"]
    assert stub_titles(text, index) == ["Hamid Zarouk", "Aidos Berik"]
    assert '{ name = "Director General", docs = ["doc"] }' in body


def test_a_known_secretary_general_after_the_oic_and_his_office_is_drafted() -> None:
    # TEST DATA: a fictional sentence naming a real office holder (gazetteer).
    text = "The OIC Secretary General Yousef Al-Othaimeen arrived in Astana on May 5, 2017."
    found = entities(drafted(text))
    assert "entity.yousef-al-othaimeen" in found
    assert not any("secretary" in entity_id for entity_id in found)


def test_institution_names_run_across_for_of_on_and() -> None:
    # TEST DATA: fictional bodies.
    text = (
        "The Research Institute for Desert Crop Problems joined the Zarem Contact Group on "
        "Water. The Vella Centre for Science and Technology agreed."
    )
    assert stub_titles(text) == [
        "Research Institute for Desert Crop Problems",
        "Zarem Contact Group on Water",
        "Vella Centre for Science and Technology",
    ]


def test_a_short_form_of_a_known_name_is_no_stub() -> None:
    # TEST DATA: a fictional president known to the corpus by his full name.
    index = AliasIndex([("entity.ardak", ["Ardak Tolegen"])])
    assert stub_titles("President Tolegen spoke. A. Tolegen left.", index) == []


def test_a_name_the_gazetteer_knows_is_no_stub() -> None:
    # TEST DATA: a fictional sentence; the gazetteer knows Bishkek and Central Asia.
    found = entities(drafted("Talks in Bishkek on Central Asia ended on May 5, 2017."))
    assert {"entity.bishkek", "entity.central-asia"} <= set(found)
    assert stub_titles("Talks in Bishkek on Central Asia ended.") == []


def test_one_run_drafts_a_known_entity_once_and_links_it_later(tmp_path: Path) -> None:
    from oic_tui.ingest.importer import AliasSource, Importer, ImportOptions, corpus_entities

    root = init_corpus(tmp_path / "corpus", data_dir()).root
    # TEST DATA: two fictional reports naming Turkey.
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("date 2017-05-07 Turkey hosted the Zarem talks. They ended well.\n", "utf-8")
    b.write_text("date 2017-06-08 Turkey welcomed the Vella plan. It was adopted.\n", "utf-8")
    corpus = find_corpus(root)
    results = Importer(corpus, AliasSource(corpus_entities(corpus)), ImportOptions()).run([a, b])
    first, second = (root / "documents" / r.doc_id for r in results)
    drafted_in = [
        d for d in (first, second) if 'id = "entity.turkey"' in (d / "entities.toml").read_text()
    ]
    assert drafted_in == [first]
    assert "entity.turkey" in "".join(p.read_text() for p in second.glob("*.toml"))
    build_corpus(find_corpus(root))
    assert check_store(Store.open(find_corpus(root).store_path)).problems == []
