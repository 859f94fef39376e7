"""A text's metadata head: imported as `head`, its end stored, left out of coverage and check."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from helpers import DATA, STORE_JSON, copy_data, make_store, store_data

from oic_tui.corpus.annotations import DocumentMeta
from oic_tui.corpus.build import BuildError, DocumentSource, compile_sources
from oic_tui.corpus.folder import compile_corpus, find_corpus, init_corpus
from oic_tui.store.check import check_store
from oic_tui.store.reader import Store, data_dir

# TEST DATA: short fictional reports written for these tests, one per metadata shape.
FULL_HEAD = (
    "date 2019-12-13\n"
    "Kazakhstan hosts a test forum on water\n"
    "13 December 2019, 07:40\n"
    "ASTANA, December 13, 2019 (Test Wire) -"
)
FULL = (
    FULL_HEAD + " The forum was held in Astana on 10-11 December 2019. Kazakhstan proposed a "
    "joint fund for water research. The delegates discussed trade.\n"
)
DATELINE_HEAD = "DHAKA, May 7, 2018 (Test Wire) -"
DATELINE = (
    DATELINE_HEAD + " The ministers met in Dhaka on 5-6 May 2018. Kazakhstan called for closer "
    "cooperation. Today the delegates went home.\n"
)
NO_HEAD = (
    "The ministers met in Bishkek on 3 March 2021. Kazakhstan offered to host the next "
    "meeting. The delegates discussed trade.\n"
)
SHAPES = [
    pytest.param(FULL, FULL_HEAD, (), "test-wire-2019-12-13", id="date-headline-stamp-dateline"),
    pytest.param(DATELINE, DATELINE_HEAD, (), "test-wire-2018-05-07", id="dateline-only"),
    pytest.param(NO_HEAD, None, ("--date", "2021-03-05"), "report-2021-03-05", id="none"),
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return init_corpus(tmp_path / "corpus", data_dir()).root


def import_text(cli: Any, corpus: Path, tmp_path: Path, text: str, *args: str) -> None:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    status, _, err = cli("import", path, *args, "--corpus", corpus)
    assert status == 0, err


def store_row(corpus: Path, doc_id: str) -> dict[str, Any]:
    data = json.loads(find_corpus(corpus).store_path.read_text(encoding="utf-8"))
    return next(row for row in data["documents"].values() if row["id"] == doc_id)


@pytest.mark.parametrize(("text", "head", "args", "doc_id"), SHAPES)
def test_the_head_is_written_stored_and_left_out_of_coverage(
    cli: Any,
    corpus: Path,
    tmp_path: Path,
    text: str,
    head: str | None,
    args: tuple[str, ...],
    doc_id: str,
) -> None:
    import_text(cli, corpus, tmp_path, text, *args)
    meta = tomllib.loads((corpus / "documents" / doc_id / "document.toml").read_text("utf-8"))
    assert meta.get("head") == head
    row = store_row(corpus, doc_id)
    assert row.get("head") == (len(head) if head else None)
    # The build finds no sentence uncovered, and `check` is clean with no filter.
    result = compile_corpus(corpus)
    assert result.uncovered == []
    assert result.covered == result.sentence_count
    store = Store.open(find_corpus(corpus).store_path)
    doc = store.documents[doc_id]
    assert doc.head_end == (len(head) if head else 0)
    report = check_store(store)
    assert report.ok, report.problems
    content = [s for s in doc.sentences if s.end > doc.head_end]
    assert report.coverage[doc_id] == (len(content), len(content))
    assert len(content) < len(doc.sentences) if head else len(content) == len(doc.sentences)
    status, out, err = cli("check", "--corpus", corpus)
    assert status == 0, out + err


def test_a_head_with_quotes_and_a_bom_round_trips(cli: Any, corpus: Path, tmp_path: Path) -> None:
    headline = 'Kazakhstan: "a test forum" \\ on water'
    text = FULL.replace("Kazakhstan hosts a test forum on water", headline)
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    status, _, err = cli("import", path, "--corpus", corpus)
    assert status == 0, err
    folder = corpus / "documents" / "test-wire-2019-12-13"
    meta = tomllib.loads((folder / "document.toml").read_text("utf-8"))
    # The head is the text less its BOM, as the build reads it.
    assert text.startswith(meta["head"]) and headline in meta["head"]
    assert cli("check", "--corpus", corpus)[0] == 0


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ('"ASTANA, December 13"', "head must be the first characters of"),
        ('"date 2019-12-13\\nAnother headline"', "head must be the first characters of"),
        ('""', "head must be non-empty text"),
        ('" \\n "', "head must be non-empty text"),
        ("12", "head must be non-empty text"),
    ],
)
def test_a_head_the_text_does_not_start_with_is_refused_in_one_line(
    cli: Any, corpus: Path, tmp_path: Path, value: str, says: str
) -> None:
    import_text(cli, corpus, tmp_path, FULL)
    path = corpus / "documents" / "test-wire-2019-12-13" / "document.toml"
    lines = path.read_text("utf-8").splitlines()
    lines = [f"head = {value}" if line.startswith("head = ") else line for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, _, err = cli("build", "--corpus", corpus)
    assert status == 2
    problem = [line for line in err.splitlines() if "head" in line]
    assert len(problem) == 1 and "document.toml" in problem[0] and says in problem[0]


def test_compiling_a_document_whose_head_is_not_its_start_is_refused() -> None:
    meta = DocumentMeta("x", "x.txt", "T", "P", "2020-01-01", "A", head="NOT HERE")
    source = DocumentSource(meta, b"ASTANA (Wire) - A sentence.\n", "documents/x/x.txt")
    with pytest.raises(BuildError) as raised:
        compile_sources("t", [source], [])
    assert raised.value.problems == [
        "documents/x/document.toml: head must be the first characters of 'x.txt', as written there"
    ]


@pytest.mark.parametrize("bad", [-1, 10**6, "12", True, 3.5, [1]])
@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_a_bad_head_in_a_store_is_a_problem_not_a_crash(
    cli: Any, tmp_path: Path, bad: Any, ensure_ascii: bool
) -> None:
    data = store_data()
    clean = check_store(Store.open(make_store(tmp_path, data=data, name="clean.json")))
    data["documents"]["1"]["head"] = bad
    path = make_store(tmp_path, data=data, ensure_ascii=ensure_ascii)
    for store in (Store.open(path), Store.from_data(path, data)):
        doc = next(iter(store.documents.values()))
        assert doc.head_end == 0
        report = check_store(store)
        added = [p for p in report.problems if p not in clean.problems]
        assert added == [f"document {doc.id}: head is not an offset within its text (ignored)"]
        assert report.coverage == clean.coverage
    status, out, _ = cli("check", path)
    assert status == 1 and "head is not an offset" in out


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_a_stored_head_leaves_its_sentences_out_of_check(
    tmp_path: Path, ensure_ascii: bool
) -> None:
    data = store_data()
    clean = check_store(Store.open(make_store(tmp_path, data=data, name="clean.json")))
    first = data["documents"]["1"]["sentences"][0]
    data["documents"]["1"]["head"] = first[1]
    store = Store.open(make_store(tmp_path, data=data, ensure_ascii=ensure_ascii))
    doc = next(iter(store.documents.values()))
    assert doc.head_end == first[1]
    report = check_store(store)
    assert report.problems == [p for p in clean.problems if "sentence 1 " not in p]
    assert report.coverage[doc.id][1] == clean.coverage[doc.id][1] - 1


def test_the_shipped_document_has_no_head_and_its_store_row_none(tmp_path: Path) -> None:
    # So the shipped store stays as it was (test_build compares it with a fresh build).
    shipped = DATA / "documents" / "kazinform-2015-05-29" / "document.toml"
    assert "head" not in tomllib.loads(shipped.read_text("utf-8"))
    assert '"head"' not in STORE_JSON.read_text(encoding="utf-8")
    copy = copy_data(tmp_path)
    result = compile_corpus(copy)
    assert all("head" not in row for row in result.store["documents"].values())


def test_a_record_quoting_boilerplate_is_refused_and_a_draft_warned(tmp_path: Path) -> None:
    from helpers import imported_corpus

    # TEST DATA: a fictional report; its topic's sentence is then marked as boilerplate.
    sentence = "Delegations of the OIC Member States discussed the situation in Syria."
    text = f"date 2016-10-20 ASTANA. KAZINFORM - The council met in Tashkent. {sentence}\n"
    root = imported_corpus(tmp_path, text)
    folder = root / "documents" / "kazinform-2016-10-20"
    start = text.index(sentence)
    meta = folder / "document.toml"
    meta.write_text(
        meta.read_text("utf-8") + f"boilerplate = [[{start}, {start + len(sentence)}]]\n", "utf-8"
    )
    warnings = compile_corpus(root).warnings
    assert any("quotes [" in w and "marked as boilerplate" in w for w in warnings)
    topics = folder / "topics.toml"
    topics.write_text(topics.read_text("utf-8").replace("draft = true\n", ""), "utf-8")
    with pytest.raises(BuildError) as refused:
        compile_corpus(root)
    assert any(
        p.startswith("documents/kazinform-2016-10-20/topics.toml: topic ")
        and p.endswith(
            f"quotes [{start}, {start + len(sentence)}] of kazinform-2016-10-20, "
            "marked as boilerplate"
        )
        for p in refused.value.problems
    )
