"""A corpus of several documents: build, provenance, scoped aliases, histories, staleness."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import ARTICLE_SHA256, SEED_ID, build_problems, replace_once

from oic_tui.corpus.folder import (
    compile_corpus,
    corpus_stale,
    find_corpus,
    init_corpus,
)
from oic_tui.search.service import search
from oic_tui.store.check import check_store
from oic_tui.store.files import StoreError
from oic_tui.store.mentions import quotes_name, store_alias_index
from oic_tui.store.models import AliasScope
from oic_tui.store.reader import Store, data_dir

TEST_DOCS = ("test-cfm38-astana-2011", "test-cfm45-dhaka-2018", "test-iofs-2020")


def doc_folder(corpus: Path, doc_id: str) -> Path:
    return corpus / "documents" / doc_id


# --- build and provenance ------------------------------------------------------------------


def test_the_test_corpus_checks_clean_with_every_sentence_covered(corpus_store: Store) -> None:
    report = check_store(corpus_store)
    assert report.problems == []
    assert set(report.coverage) == {SEED_ID, *TEST_DOCS}
    assert all(covered == total > 0 for covered, total in report.coverage.values())


def test_documents_are_in_date_order_with_their_metadata(corpus_store: Store) -> None:
    docs = list(corpus_store.documents.values())
    assert [d.id for d in docs] == [TEST_DOCS[0], SEED_ID, TEST_DOCS[1], TEST_DOCS[2]]
    dhaka = corpus_store.documents["test-cfm45-dhaka-2018"]
    assert (dhaka.date, dhaka.precision, dhaka.place) == ("2018-05-07", "day", "Dhaka")
    assert dhaka.title.startswith("TEST DATA: ")
    assert dhaka.short == dhaka.label != ""
    assert corpus_store.multi_document


def test_the_seed_is_still_byte_identical_in_the_corpus(test_corpus: Path) -> None:
    text = (doc_folder(test_corpus, SEED_ID) / "000_b86817e225f96be7.txt").read_bytes()
    assert hashlib.sha256(text).hexdigest() == ARTICLE_SHA256


def test_every_span_of_every_record_and_step_is_verbatim_in_its_document(
    corpus_store: Store,
) -> None:
    spans = 0
    for record in corpus_store.records:
        for span in (*record.sources, *(step.source for step in record.history)):
            text = corpus_store.documents[span.doc].text
            assert text[span.start : span.end] == span.quote, record.id
            spans += 1
    assert spans > 150


def test_a_record_may_draw_sources_from_several_documents(corpus_store: Store) -> None:
    reserve = corpus_store.get("initiative.cfm38-food-reserve")
    assert reserve is not None
    assert reserve.docs == ("test-cfm38-astana-2011", "test-cfm45-dhaka-2018")
    iofs = corpus_store.get("initiative.iofs")
    assert iofs is not None
    assert set(iofs.docs) == {SEED_ID, *TEST_DOCS}


def test_records_of_one_document_and_their_counts(corpus_store: Store) -> None:
    events = corpus_store.by_kind("event", doc="test-iofs-2020")
    assert events and all("test-iofs-2020" in e.docs for e in events)
    counts = {d: corpus_store.doc_record_count(d) for d in corpus_store.documents}
    assert counts[SEED_ID] == 85
    assert sum(counts.values()) >= len(corpus_store.records)


def test_the_timeline_across_documents_runs_by_date(corpus_store: Store) -> None:
    dated = [e.date.sort_key for e in corpus_store.by_kind("event") if e.date and e.date.start]
    assert dated == sorted(dated)
    assert dated[0].startswith("1969")


def test_checked_and_fast_paths_read_a_corpus_store_alike(
    test_corpus: Path, corpus_store: Store
) -> None:
    path = find_corpus(test_corpus).store_path
    checked = Store.from_data(path, json.loads(path.read_text(encoding="utf-8")))
    assert checked.problems == []
    assert checked.records == corpus_store.records
    assert checked.documents == corpus_store.documents


# --- scoped aliases ------------------------------------------------------------------------


def test_a_role_name_links_to_its_holder_in_each_document(corpus_store: Store) -> None:
    madani = {r.id: r.docs for r in corpus_store.mentioning("entity.madani")}
    othaimeen = {r.id: r.docs for r in corpus_store.mentioning("entity.othaimeen")}
    assert madani and all(SEED_ID in docs for docs in madani.values())
    assert othaimeen and all("test-cfm45-dhaka-2018" in docs for docs in othaimeen.values())


def test_a_renamed_city_links_only_while_it_bore_the_name(corpus_store: Store) -> None:
    index = store_alias_index(corpus_store)
    quote = "the headquarters in Nur-Sultan"
    assert "entity.astana" in index.index_for("test-iofs-2020").named_entities(quote)
    assert "entity.astana" not in index.index_for(SEED_ID).named_entities(quote)


def test_quotes_name_respects_the_scope_of_the_quote_document(corpus_store: Store) -> None:
    index = store_alias_index(corpus_store)
    madani, othaimeen = corpus_store.get("entity.madani"), corpus_store.get("entity.othaimeen")
    assert madani is not None and othaimeen is not None
    for record in corpus_store.mentioning("entity.othaimeen"):
        assert not quotes_name(record, madani, index) or SEED_ID in record.docs


@pytest.mark.parametrize(
    ("scope", "doc_date", "applies"),
    [
        (AliasScope("X", "2019-03", "2022-09"), "2019-03-01", True),
        (AliasScope("X", "2019-03", "2022-09"), "2022-09-30", True),
        (AliasScope("X", "2019-03", "2022-09"), "2019-02-28", False),
        (AliasScope("X", "2019-03", "2022-09"), "2022-10-01", False),
        (AliasScope("X", "2019", ""), "2018-12-31", False),
        (AliasScope("X", "", "2016"), "2016-12-31", True),
        (AliasScope("X", docs=("a",)), "2015-01-01", True),
    ],
)
def test_alias_scope_bounds_are_inclusive_prefixes(
    scope: AliasScope, doc_date: str, applies: bool
) -> None:
    assert scope.applies("a", doc_date) is applies


def test_an_alias_outside_every_document_of_its_scope_is_refused(test_corpus: Path) -> None:
    path = doc_folder(test_corpus, "test-iofs-2020") / "aliases.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('until = "2022-09"', 'until = "2019-12"'), encoding="utf-8")
    assert any(
        "alias 'Nur-Sultan' does not occur in a document where it applies" in p
        for p in build_problems(test_corpus)
    )


# --- histories -----------------------------------------------------------------------------


def test_an_initiative_history_runs_oldest_first_each_step_in_its_document(
    corpus_store: Store,
) -> None:
    iofs = corpus_store.get("initiative.iofs")
    assert iofs is not None
    steps = [(s.status, s.source.doc) for s in iofs.history]
    assert steps == [
        ("proposed", "test-cfm38-astana-2011"),
        ("supported in the resolutions", SEED_ID),
        ("supported in the resolutions", "test-cfm45-dhaka-2018"),
        ("opened", "test-iofs-2020"),
    ]
    assert iofs.latest is iofs.history[-1]
    assert iofs.status == "opened"
    assert all(s.source in iofs.sources for s in iofs.history)


def test_the_shipped_initiative_keeps_its_status_with_its_one_step(shipped_store: Store) -> None:
    iofs = shipped_store.get("initiative.iofs")
    assert iofs is not None
    assert iofs.status == "supported in the resolutions"
    assert [s.source.doc for s in iofs.history] == [SEED_ID]


def test_a_step_without_its_status_verb_is_refused(test_corpus: Path) -> None:
    replace_once(
        doc_folder(test_corpus, "test-iofs-2020") / "steps.toml",
        'status = "opened"',
        'status = "proposed"',
    )
    assert any(
        "step" in p and "status 'proposed' needs one of" in p for p in build_problems(test_corpus)
    )


def test_a_step_for_something_that_is_not_an_initiative_is_refused(test_corpus: Path) -> None:
    replace_once(
        doc_folder(test_corpus, "test-iofs-2020") / "steps.toml",
        'initiative = "initiative.iofs"',
        'initiative = "entity.iofs"',
    )
    assert any(
        "initiative must name an initiative of the corpus" in p for p in build_problems(test_corpus)
    )


def test_an_alias_row_for_an_unknown_entity_is_refused(test_corpus: Path) -> None:
    replace_once(
        doc_folder(test_corpus, "test-cfm45-dhaka-2018") / "aliases.toml",
        'entity = "entity.othaimeen"',
        'entity = "entity.nobody"',
    )
    assert any("entity must name an entity" in p for p in build_problems(test_corpus))


# --- which document a quote is in ----------------------------------------------------------


def test_a_shared_annotation_must_say_which_document_it_quotes(test_corpus: Path) -> None:
    path = test_corpus / "annotations" / "entities.toml"
    replace_once(path, 'doc = "kazinform-2015-05-29"\n', "")
    assert any("say which document it quotes" in p for p in build_problems(test_corpus))


def test_a_quote_naming_an_unknown_document_is_refused(test_corpus: Path) -> None:
    replace_once(
        doc_folder(test_corpus, "test-cfm38-astana-2011") / "initiatives.toml",
        'doc = "test-cfm45-dhaka-2018"',
        'doc = "no-such-doc"',
    )
    assert any("'no-such-doc' is not a document" in p for p in build_problems(test_corpus))


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ('id = "test-iofs-2020"', 'id = "other-id"', "must be the folder's name"),
        ('date = "2020-09-10"', 'date = "2020-13"', "not a real date"),
        ('date = "2020-09-10"', 'date = "10 Sep 2020"', "date must be YYYY-MM-DD"),
        ('label = "', 'url = "javascript:x"\nlabel = "', "url must start with https://"),
    ],
)
def test_document_metadata_is_checked(test_corpus: Path, old: str, new: str, fragment: str) -> None:
    replace_once(doc_folder(test_corpus, "test-iofs-2020") / "document.toml", old, new)
    assert any(fragment in p for p in build_problems(test_corpus))


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "docs"),
    [
        ("test-cfm45-dhaka-2018", {"test-cfm45-dhaka-2018"}),
        ("2018", {"test-cfm45-dhaka-2018"}),
        ("dhaka", {"test-cfm45-dhaka-2018"}),
        ("2011", {"test-cfm38-astana-2011"}),
    ],
)
def test_doc_filter_keeps_records_of_the_documents_it_names(
    corpus_store: Store, value: str, docs: set[str]
) -> None:
    hits = search(corpus_store, f"doc:{value} kind:event")
    assert hits
    assert all(docs & set(hit.record.docs) for hit in hits)


def test_an_unknown_doc_filter_finds_nothing(corpus_store: Store) -> None:
    assert search(corpus_store, "doc:nowhere iofs") == []


def test_a_scoped_search_keeps_to_its_document(corpus_store: Store) -> None:
    everywhere = search(corpus_store, "iofs")
    scoped = search(corpus_store, "iofs", doc="test-iofs-2020")
    assert 0 < len(scoped) < len(everywhere)
    assert all("test-iofs-2020" in hit.record.docs for hit in scoped)


# --- corpus folders --------------------------------------------------------------------------


def test_a_new_corpus_holds_the_shipped_document_and_builds(tmp_path: Path) -> None:
    corpus = init_corpus(tmp_path / "mine", data_dir())
    assert corpus.store_path == tmp_path / "mine" / "corpus.json"
    store = Store.open(corpus.store_path)
    assert list(store.documents) == [SEED_ID]
    assert len(store.records) == 85
    assert not corpus_stale(corpus)


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="already exists and is not an empty folder"):
        init_corpus(tmp_path / "mine", data_dir())
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]


def test_a_folder_without_corpus_toml_is_not_a_corpus(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is not a corpus folder"):
        find_corpus(tmp_path)


def test_the_shipped_data_folder_is_a_corpus_naming_the_shipped_store() -> None:
    corpus = find_corpus(data_dir())
    assert corpus.store_path.name == "oic_cfm42.json"
    assert compile_corpus(data_dir()).coverage_by_doc == {SEED_ID: (22, 22)}


def test_a_corpus_searches_with_its_own_synonyms(test_corpus: Path) -> None:
    corpus = find_corpus(test_corpus)
    assert search(Store.open(corpus.store_path), "stockpile") == []
    (test_corpus / "annotations" / "synonyms.toml").write_text(
        '[[synonyms]]\nwords = ["reserve", "stockpile"]\n', encoding="utf-8"
    )
    hits = search(Store.open(corpus.store_path), "stockpile")
    assert "initiative.cfm38-food-reserve" in {hit.record.id for hit in hits}


def test_init_creates_no_folder_outside_the_one_asked_for(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such folder"):
        init_corpus(tmp_path / "missing" / "mine", data_dir())
    assert list(tmp_path.iterdir()) == []


def test_show_json_gives_a_history_and_alias_scopes(cli: Any, test_corpus: Path) -> None:
    status, out, _ = cli("--corpus", test_corpus, "show", "initiative.iofs", "--json")
    assert status == 0
    history = json.loads(out)["history"]
    assert [step["status"] for step in history][-1] == "opened"
    assert history[0]["source"]["doc"] == "test-cfm38-astana-2011"
    _, out, _ = cli("--corpus", test_corpus, "show", "entity.astana", "--json")
    scopes = json.loads(out)["alias_scopes"]
    assert {"alias": "Nur-Sultan", "from": "2019-03", "until": "2022-09", "docs": []} in scopes


def test_a_proposal_in_the_history_answers_who_proposed(corpus_store: Store) -> None:
    from oic_tui.present.attributes import basis_parts, record_attributes

    iofs = corpus_store.get("initiative.iofs")
    assert iofs is not None
    assert dict(record_attributes(iofs, {}))["Proposed by"] == (
        "see its history (proposed in 28–30 Jun 2011)"
    )
    assert basis_parts(iofs, {})[0] == "proposed 2011"


def test_scoped_aliases_are_listed_with_where_they_apply(corpus_store: Store) -> None:
    from oic_tui.present.attributes import record_attributes

    astana = corpus_store.get("entity.astana")
    assert astana is not None
    attributes = dict(record_attributes(astana, {}))
    assert attributes["Named as"] == "Astana; ASTANA"
    assert "Nur-Sultan (from 2019-03 until 2022-09)" in attributes["Named only"]


def test_show_lists_a_history_oldest_first(cli: Any, test_corpus: Path) -> None:
    status, out, _ = cli("--corpus", test_corpus, "show", "initiative.iofs")
    assert status == 0
    lines = [line for line in out.splitlines() if "History:" in line]
    assert len(lines) == 4
    assert "proposed" in lines[0] and "opened" in lines[-1]
