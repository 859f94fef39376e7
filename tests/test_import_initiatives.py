"""Import drafts initiatives Kazakhstan's speakers put forward, and steps of the corpus's own."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from oic_tui.corpus.build import BuildError
from oic_tui.corpus.folder import Corpus, build_corpus, find_corpus, init_corpus
from oic_tui.ingest.drafts import draft_annotations
from oic_tui.ingest.importer import (
    AliasSource,
    Importer,
    ImportOptions,
    corpus_entities,
    corpus_initiatives,
)
from oic_tui.ingest.initiatives import (
    HUBS,
    InitiativeContext,
    initiative_context,
    known_initiatives,
)
from oic_tui.store.check import check_store
from oic_tui.store.reader import Store, data_dir

# TEST DATA: short fictional sentences and reports written for these tests.
MISSED = [
    # A pronoun after a sentence naming the President.
    (
        "The President of Kazakhstan addressed the forum. He proposed to create a water council.",
        "He proposed to create a water council.",
        "proposed",
    ),
    # An office and a name read as one capitalised run.
    (
        "President of Kazakhstan Nursultan Nazarbayev proposed a youth exchange programme.",
        "President of Kazakhstan Nursultan Nazarbayev proposed a youth exchange programme.",
        "proposed",
    ),
    (
        "Delegates welcomed Kazakhstan's initiative to create a centre for dialogue.",
        "Delegates welcomed Kazakhstan's initiative to create a centre for dialogue.",
        "proposed",
    ),
    (
        "Delegates praised the proposal of President Nazarbayev on a digital library.",
        "Delegates praised the proposal of President Nazarbayev on a digital library.",
        "proposed",
    ),
    (
        "A youth forum was convened at the initiative of Kazakhstan.",
        "A youth forum was convened at the initiative of Kazakhstan.",
        "proposed",
    ),
    (
        "Kazakhstan reiterates its call for closer trade ties.",
        "Kazakhstan reiterates its call for closer trade ties.",
        "called for",
    ),
    (
        "\u201cI would like to invite all member states to a conference,\u201d the Kazakh Foreign "
        "Minister said.",
        "\u201cI would like to invite all member states to a conference,\u201d the Kazakh Foreign "
        "Minister said.",
        "invited",
    ),
    (
        "The Kazakh Minister invited the delegations to a congress.",
        "The Kazakh Minister invited the delegations to a congress.",
        "invited",
    ),
]
NOT_KAZAKH = [
    "Egypt proposed to hold a conference on water.",
    "The President of Kazakhstan addressed the forum. Egypt proposed to hold a conference.",
    "Kazakhstan welcomed that the Kingdom of Saudi Arabia proposed a fund.",
]
STEPS = (
    "DHAKA, May 7, 2020 (Test Wire) - In 2011, Kazakhstan proposed to establish the Islamic "
    "Organization for Food Security. In 2019, the IOFS officially opened its headquarters in "
    "Nur-Sultan. Pakistan joined the IOFS in 2020.\n"
)
KAZAKH = (
    "ASTANA, June 6, 2011 (Test Wire) - The President of Kazakhstan addressed the forum on "
    "5 June 2011. He proposed to create a regional water council. Egypt proposed to hold a "
    "conference on water.\n"
)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """A corpus holding the shipped data."""
    return init_corpus(tmp_path_factory.mktemp("shipped") / "corpus", data_dir())


@pytest.fixture(scope="module")
def context(shipped: Corpus) -> tuple[AliasSource, InitiativeContext]:
    entities = corpus_entities(shipped)
    return AliasSource(entities), initiative_context(entities, corpus_initiatives(shipped))


def drafted(text: str, context: tuple[AliasSource, InitiativeContext]) -> dict[str, Any]:
    """The text's draft files, parsed."""
    source, known = context
    index = source.index("test-doc", "2020-05-07")
    files = draft_annotations("test-doc", text, "2020-05-07", index, context=known).files
    return {name: tomllib.loads(body) for name, body in files.items()}


@pytest.mark.parametrize(("text", "sentence", "status"), MISSED)
def test_a_kazakh_speaker_puts_forward_an_initiative(
    text: str, sentence: str, status: str, context: tuple[AliasSource, InitiativeContext]
) -> None:
    rows = drafted(text, context)["initiatives.toml"].get("record", [])
    assert [(row["quotes"], row["status"]) for row in rows] == [([sentence], status)]
    assert all(row["draft"] is True for row in rows)


@pytest.mark.parametrize("text", NOT_KAZAKH)
def test_another_subject_is_not_a_kazakhstan_initiative(
    text: str, context: tuple[AliasSource, InitiativeContext]
) -> None:
    assert drafted(text, context)["initiatives.toml"].get("record", []) == []


def test_steps_of_a_known_initiative_are_step_drafts_not_initiatives(
    context: tuple[AliasSource, InitiativeContext],
) -> None:
    files = drafted(STEPS, context)
    assert files["initiatives.toml"].get("record", []) == []
    assert files["steps.toml"]["kind"] == "step"
    steps = [
        (row["initiative"], row["status"], row["date"], row["precision"], row["draft"])
        for row in files["steps.toml"]["record"]
    ]
    assert steps == [
        ("initiative.iofs", "proposed", "2011", "year", True),
        ("initiative.iofs", "opened", "2019", "year", True),
        ("initiative.iofs", "joined", "2020", "year", True),
    ]


def test_without_the_corpus_initiatives_no_step_is_drafted(
    context: tuple[AliasSource, InitiativeContext],
) -> None:
    files = drafted(STEPS, (context[0], InitiativeContext()))
    assert "steps.toml" not in files
    statuses = [row["status"] for row in files["initiatives.toml"]["record"]]
    assert statuses == ["proposed"]


def import_texts(root: Path, texts: dict[str, str]) -> Corpus:
    corpus = find_corpus(root)
    paths = []
    for name, text in texts.items():
        path = root.parent / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    source = AliasSource(corpus_entities(corpus))
    results = Importer(corpus, source, ImportOptions()).run(paths)
    assert all(result.doc_id and not result.refused for result in results)
    return corpus


@pytest.fixture
def imported(tmp_path: Path) -> Corpus:
    root = init_corpus(tmp_path / "corpus", data_dir()).root
    return import_texts(root, {"steps.txt": STEPS, "kazakh.txt": KAZAKH})


def test_the_corpus_builds_and_check_is_clean_after_import(imported: Corpus) -> None:
    build_corpus(imported)
    store = Store.open(imported.store_path)
    assert check_store(store).problems == []
    iofs = store.get("initiative.iofs")
    assert iofs is not None
    # Draft steps are in the history, but the reviewed steps still say where it stands.
    assert [step.status for step in iofs.history] == [
        "proposed",
        "supported in the resolutions",
        "opened",
        "joined",
    ]
    assert iofs.status == "supported in the resolutions"
    assert [r.status for r in store.by_kind("initiative") if r.draft] == ["proposed"]


def test_an_accepted_step_builds_into_the_history(imported: Corpus) -> None:
    steps = next((imported.root / "documents").glob("*-2020-05-07")) / "steps.toml"
    steps.write_text(steps.read_text(encoding="utf-8").replace("draft = true\n", ""), "utf-8")
    build_corpus(imported)
    iofs = Store.open(imported.store_path).get("initiative.iofs")
    assert iofs is not None
    joined = iofs.history[-1]
    assert (joined.status, joined.date and joined.date.start) == ("joined", "2020")
    assert joined.source.quote == "Pakistan joined the IOFS in 2020."
    assert iofs.status == "joined"


def test_a_step_draft_flag_must_be_a_boolean(imported: Corpus) -> None:
    steps = next((imported.root / "documents").glob("*-2020-05-07")) / "steps.toml"
    steps.write_text(steps.read_text(encoding="utf-8").replace("draft = true", 'draft = "yes"'))
    with pytest.raises(BuildError) as error:
        build_corpus(imported)
    assert any("draft must be true or false" in p for p in error.value.problems)


# TEST DATA: fictional sentences. A step needs the initiative's own entity (no hub, no
# entity named in several titles) as the step verb's subject or object.
NOT_STEPS = [
    "The envoy noted that Kazakhstan joined the OIC in December 1995.",
    "In his speech the minister recalled that Kazakhstan joined the OIC in 1995.",
    "An OIC expert meeting on the IOFS was held in Astana from 22 to 23 March.",
    "The 39th session of the OIC Council of Foreign Ministers was held in Dushanbe.",
    "A report on the Islamic Organization for Food Security was adopted in Jeddah.",
]


@pytest.mark.parametrize("sentence", NOT_STEPS)
def test_a_step_verb_not_governing_a_specific_subject_is_no_step(
    sentence: str, context: tuple[AliasSource, InitiativeContext]
) -> None:
    assert "steps.toml" not in drafted(f"DHAKA, May 7, 2020 (Test Wire) - {sentence}\n", context)


def test_an_entity_in_several_titles_identifies_no_initiative(shipped: Corpus) -> None:
    entities, initiatives = corpus_entities(shipped), corpus_initiatives(shipped)
    iofs = next(r for r in initiatives if r.id == "initiative.iofs")
    twice = [*initiatives, replace(iofs, id="initiative.iofs-2")]
    assert "initiative.iofs" in {k.id for k in known_initiatives(initiatives, entities)}
    assert "initiative.iofs" not in {k.id for k in known_initiatives(twice, entities)}
    # Nor is a draft a step target, nor a hub a subject.
    drafts = [replace(r, draft=True) for r in initiatives]
    assert known_initiatives(drafts, entities) == ()
    assert not any(k.subjects & HUBS for k in known_initiatives(initiatives, entities))


def test_initiatives_drafted_earlier_in_a_run_are_no_step_targets(tmp_path: Path) -> None:
    root = init_corpus(tmp_path / "corpus", data_dir()).root
    first = (
        "ASTANA, May 5, 2018 (Test Wire) - Kazakhstan proposed to set up an OIC centre for "
        "the study of deserts.\n"
    )
    second = (
        "ASTANA, May 6, 2018 (Test Wire) - Kazakhstan proposed to create an OIC platform on "
        "river basins.\n"
    )
    # Two runs: the second reads the corpus holding the first one's drafts.
    import_texts(root, {"first.txt": first})
    corpus = import_texts(root, {"second.txt": second})
    folders = sorted((corpus.root / "documents").glob("*-2018-05-0*"))
    assert len(folders) == 2
    for folder in folders:
        assert not (folder / "steps.toml").exists()
        rows = tomllib.loads((folder / "initiatives.toml").read_text("utf-8"))["record"]
        assert [row["status"] for row in rows] == ["proposed"]


# TEST DATA: a fictional official introduced by office and name in a paragraph on Kazakhstan.
OFFICIAL = (
    "ASTANA, March 24, 2021 (Test Wire) - Kazakhstan urged fair access to medicines at a "
    "meeting of the OIC. Deputy Minister of Foreign Affairs Erzhan Testbayev took part in the "
    "meeting. He called on the OIC Member States to pool their laboratories. Testbayev invited "
    "the partners to visit a laboratory.\n"
)
NOT_OFFICIAL = [
    # Another body's office.
    "ASTANA, March 24, 2021 (Test Wire) - Kazakhstan hosted the meeting. OIC Secretary General "
    "Amir Testov opened it. Testov invited the partners to visit Jeddah.\n",
    # A paragraph not about Kazakhstan.
    "CAIRO, March 24, 2021 (Test Wire) - Deputy Minister of Foreign Affairs Amir Testov arrived. "
    "Testov invited the partners to visit Cairo.\n",
]


def test_an_office_and_name_in_a_paragraph_on_kazakhstan_make_a_speaker(
    context: tuple[AliasSource, InitiativeContext],
) -> None:
    rows = drafted(OFFICIAL, context)["initiatives.toml"]["record"]
    assert [(row["title"].split()[0], row["status"]) for row in rows] == [
        ("He", "called for"),
        ("Testbayev", "invited"),
    ]


@pytest.mark.parametrize("text", NOT_OFFICIAL)
def test_other_officials_are_no_speakers(
    text: str, context: tuple[AliasSource, InitiativeContext]
) -> None:
    assert drafted(text, context)["initiatives.toml"].get("record", []) == []
