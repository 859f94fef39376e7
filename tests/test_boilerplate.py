"""Page furniture is not the article: detected, stored, left out of coverage, shown dim."""

from __future__ import annotations

import json
import tomllib
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from helpers import make_store, store_data
from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.corpus.folder import compile_corpus, find_corpus, init_corpus
from oic_tui.ingest.boilerplate import boilerplate_ranges, is_furniture, is_section, is_tag
from oic_tui.store.check import check_store
from oic_tui.store.reader import Store, data_dir
from oic_tui.tui.widgets.sentence_list import BOILERPLATE_NOTE, SentenceList

# TEST DATA: a short fictional scraped report written for these tests.
PAGE = (
    "date 2019-12-13\n"
    "Kazakhstan hosts a test forum on water\n"
    "13 December 2019, 07:40\n"
    "ASTANA (Test Wire) - A test forum on water opened in Astana on 12 December 2019.\n"
    "None\n"
    "Kazakhstan proposed a joint fund for water research.\n"
    "Photo credit: test.example.kz\n"
    "Share on Facebook\n"
    "Foreign policy\n"
)
FURNITURE = ["None", "Photo credit: test.example.kz", "Share on Facebook", "Foreign policy"]
DOC_ID = "test-wire-2019-12-13"


@pytest.mark.parametrize(
    "line",
    [
        "None",
        "null",
        "Go to the main site",
        "Main page",
        "Share",
        "Share:",
        "Share this article",
        "Share this article on Facebook",
        "Share on Telegram or WhatsApp",
        "Send by email",
        "Tweet",
        "Facebook",
        "Copy link",
        "Tags: Test forum, water",
        "Print",
        "Subscribe",
        "Read more",
        "Follow us on Telegram",
        "Photo: Test Press Service",
        "Фото: тест",
        "Source: Test Wire",
        "© 2024 Test Wire",
        "All rights reserved",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Kazakhstan proposed a joint fund.",
        "Share of trade grew by 5 percent in 2019.",
        "Source: the ministry said the talks went well. They will go on.",
        "Printing money",
        "Share this article with your colleagues, the minister said.",
        "Facebook said it would open an office in Astana.",
    ],
)
def test_sentences_are_never_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_tags_only_before_or_after_the_article() -> None:
    text = "Water talks\nThe forum opened.\nTest projects\nIt closed.\nWater news\n"
    marked = [text[a:b] for a, b in boilerplate_ranges(text)]
    assert marked == ["Water talks", "Water news"]
    assert is_tag("Test projects") and not is_tag("It closed.")


def test_a_section_name_is_boilerplate_anywhere() -> None:
    text = "The forum opened.\nForeign policy\nIt closed.\nPolitics\n"
    marked = [text[a:b] for a, b in boilerplate_ranges(text)]
    assert marked == ["Foreign policy", "Politics"]
    assert is_section(" Foreign Policy ") and not is_section("Foreign policy talks")


def test_a_tag_next_to_furniture_mid_body_is_boilerplate() -> None:
    # TEST DATA: fictional lines.
    text = (
        "The forum opened.\nShare on Facebook\nTest projects\nWater plans\n"
        "It closed.\nNew water plans\nIt resumed.\n"
    )
    marked = [text[a:b] for a, b in boilerplate_ranges(text)]
    assert marked == ["Share on Facebook", "Test projects", "Water plans"]


def test_share_prompts_and_tags_mid_body_and_at_the_end() -> None:
    # TEST DATA: a short fictional report.
    text = (
        "ASTANA. KAZINFORM - A test forum opened.\nNone\nShare this article on Twitter\n"
        "Economy\nThe forum closed on Friday.\nShare:\nSend by email\n"
    )
    marked = [text[a:b] for a, b in boilerplate_ranges(text, text.index("A test"))]
    assert marked == ["None", "Share this article on Twitter", "Economy", "Share:", "Send by email"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.integers(min_value=0, max_value=320))
def test_ranges_never_crash_and_stay_sorted_within_the_text(text: str, head: int) -> None:
    ranges = boilerplate_ranges(text, min(head, len(text)))
    assert all(0 <= a < b <= len(text) for a, b in ranges)
    assert all(b1 <= a2 for (_, b1), (a2, _) in pairwise(ranges))


@pytest.fixture
def imported(cli: Any, tmp_path: Path) -> Path:
    corpus = init_corpus(tmp_path / "corpus", data_dir()).root
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    status, _, err = cli("import", path, "--corpus", corpus)
    assert status == 0, err
    return corpus


def _toml(corpus: Path) -> Path:
    return corpus / "documents" / DOC_ID / "document.toml"


def test_boilerplate_is_written_stored_and_left_out_of_coverage(cli: Any, imported: Path) -> None:
    meta = tomllib.loads(_toml(imported).read_text("utf-8"))
    assert [PAGE[a:b] for a, b in meta["boilerplate"]] == FURNITURE
    data = json.loads(find_corpus(imported).store_path.read_text("utf-8"))
    row = next(r for r in data["documents"].values() if r["id"] == DOC_ID)
    assert row["boilerplate"] == meta["boilerplate"]
    result = compile_corpus(imported)
    assert result.uncovered == []
    store = Store.open(find_corpus(imported).store_path)
    doc = store.documents[DOC_ID]
    assert [doc.sentence_text(s) for s in doc.sentences if doc.is_boilerplate(s)] == FURNITURE
    report = check_store(store)
    assert report.ok, report.problems
    assert cli("check", "--corpus", imported)[0] == 0


def test_unmarking_a_line_makes_it_content(cli: Any, imported: Path) -> None:
    path = _toml(imported)
    text = path.read_text("utf-8")
    meta = tomllib.loads(text)
    kept = meta["boilerplate"][1:]
    line = next(x for x in text.splitlines() if x.startswith("boilerplate = "))
    path.write_text(text.replace(line, f"boilerplate = {kept}"), encoding="utf-8")
    result = compile_corpus(imported)
    assert result.uncovered == ["None"]


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("[[5, 3]]", "boilerplate must be a list of [start, end]"),
        ("[[0, 4], [2, 6]]", "boilerplate must be a list of [start, end]"),
        ('[["a", 4]]', "boilerplate must be a list of [start, end]"),
        ("[[1, 2, 3]]", "boilerplate must be a list of [start, end]"),
        ("3", "boilerplate must be a list of [start, end]"),
        ("[[0, 100000]]", "past the end of"),
    ],
)
def test_a_bad_boilerplate_is_refused_in_one_line(
    cli: Any, imported: Path, value: str, says: str
) -> None:
    path = _toml(imported)
    lines = path.read_text("utf-8").splitlines()
    lines = [f"boilerplate = {value}" if x.startswith("boilerplate = ") else x for x in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, _, err = cli("build", "--corpus", imported)
    assert status == 2
    problem = [line for line in err.splitlines() if "boilerplate" in line]
    assert len(problem) == 1 and "document.toml" in problem[0] and says in problem[0]


@pytest.mark.parametrize("bad", [[[3, 1]], [[0, 10**6]], "x", [[0, 2], [1, 3]], [[True, 2]]])
def test_a_bad_boilerplate_in_a_store_is_a_problem_not_a_crash(tmp_path: Path, bad: Any) -> None:
    data = store_data()
    data["documents"]["1"]["boilerplate"] = bad
    store = Store.open(make_store(tmp_path, data=data))
    assert any("boilerplate" in p for p in check_store(store).problems)
    assert next(iter(store.documents.values())).boilerplate == ()


def test_boilerplate_sentences_show_dim_with_a_note(imported: Path) -> None:
    doc = Store.open(find_corpus(imported).store_path).documents[DOC_ID]
    shown = SentenceList()
    shown.show_document(doc, {})
    prompts = [str(shown.get_option_at_index(n).prompt) for n in range(shown.option_count)]
    assert "None" + BOILERPLATE_NOTE in prompts
    assert not any(p.startswith("Kazakhstan proposed") and BOILERPLATE_NOTE in p for p in prompts)
