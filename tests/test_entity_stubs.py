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
    "memorandum. Turkey agreed. Deputy Minister Askar Testov arrived from Bishkek.\n"
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


def test_a_title_becomes_a_role_scoped_to_the_term() -> None:
    person = entities(drafted())["entity.kairat-abdrakhmanov"]
    assert person["aliases"] == [
        "Kairat Abdrakhmanov",
        {"name": "Foreign Minister", "from": "2016", "until": "2018"},
    ]


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
    assert '# title = "Bishkek"' in body  # one word after "from": a place
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
    # The stub of Bishkek uncommented by a reviewer who gave it no type.
    stub = (
        '[[record]]\nid = "entity.bishkek"\ntitle = "Bishkek"\ntext = "T."\nquotes = ["Bishkek"]\n'
    )
    stubs.write_text(stubs.read_text(encoding="utf-8") + stub, encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_corpus(find_corpus(corpus))
    assert any("entity.bishkek: type is required" in p for p in caught.value.problems)
