"""Metadata read from every shape of a report's first lines, and `--date` against the text's."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.corpus.folder import init_corpus
from oic_tui.ingest.datelines import NO_YEAR, read_text_meta
from oic_tui.store.reader import data_dir

# TEST DATA: short fictional reports written for these tests, one per shape of the first lines.
BODY = "The ministers met in Dhaka on 5-6 May 2018. Kazakhstan called for closer cooperation.\n"
NO_DASH = "ASTANA. KAZINFORM A Ministerial Conference opened on 5 May 2018. " + BODY
BRACKETS = "DHAKA, May 5, 2018 (Test Wire) A Kazakh delegation arrived. " + BODY
PAGE = (
    " date 2019-12-13 Go to the main site\n"
    "    Kazakhstan hosts a test forum on water\n"
    "None\n"
    "Foreign policy\n"
    "13 December 2019, 07:40\n"
    "ASTANA. KAZINFORM A test forum on water opened in Astana on 12 December 2019. "
    "Kazakhstan proposed a joint fund.\n"
    "Photo credit: test.example.kz\n"
    "Share\n"
)
BYLINE = "Kazakhstan hosts a test forum\nThe Test Times | 6 May 2024\n" + BODY
SOURCE_LINE = (
    "Kazakhstan hosts a test forum\nThe Test Times | 6 May 2024\n"
    "Astana: Kazakhstan stressed the need for water research. " + BODY
)
# A headline, then a source line naming a known place, no byline.
HEADLINE_SOURCE = (
    "date 2024-05-06\nKazakhstan calls for a test water fund\n"
    "Astana: Kazakhstan stressed the need for water research. " + BODY + "Share:\n"
)
SHAPES = [
    pytest.param(NO_DASH, "", "Astana", "Kazinform", "", id="agency-no-dash"),
    pytest.param(BRACKETS, "2018-05-05", "Dhaka", "Test Wire", "", id="agency-in-brackets"),
    pytest.param(
        PAGE,
        "2019-12-13",
        "Astana",
        "Kazinform",
        "Kazakhstan hosts a test forum on water",
        id="page-text-stamp-tags",
    ),
    pytest.param(
        BYLINE, "2024-05-06", "", "The Test Times", "Kazakhstan hosts a test forum", id="byline"
    ),
    pytest.param(
        SOURCE_LINE,
        "2024-05-06",
        "Astana",
        "The Test Times",
        "Kazakhstan hosts a test forum",
        id="byline-and-source-line",
    ),
    pytest.param(
        HEADLINE_SOURCE,
        "2024-05-06",
        "Astana",
        "",
        "Kazakhstan calls for a test water fund",
        id="headline-and-source-line",
    ),
]


@pytest.mark.parametrize(
    "text",
    [
        # TEST DATA: fictional first lines.
        "Kazakhstan: a test forum opens\nThe forum opened in Astana.",
        "The talks went well.\nAstana: Kazakhstan stressed the need for water research.",
        "A test headline\nTestville: Kazakhstan stressed the need for water research.",
    ],
)
def test_a_source_line_needs_a_headline_before_it_and_a_known_place(text: str) -> None:
    meta = read_text_meta(text)
    assert (meta.place, meta.title, meta.head_end) == ("", "", 0)


def test_the_source_line_starts_the_article_after_its_place() -> None:
    meta = read_text_meta(HEADLINE_SOURCE)
    assert HEADLINE_SOURCE[meta.head_end :].startswith("Kazakhstan stressed")
    assert (
        read_text_meta("Kazakhstan: a test forum\nDhaka: The ministers met.").title
        == "Kazakhstan: a test forum"
    )


@pytest.mark.parametrize(("text", "date", "place", "publisher", "title"), SHAPES)
def test_each_shape_gives_its_metadata(
    text: str, date: str, place: str, publisher: str, title: str
) -> None:
    meta = read_text_meta(text)
    assert (meta.date, meta.place, meta.publisher, meta.title) == (date, place, publisher, title)
    # The head ends before the article's first words: no agency sticks to them.
    assert "KAZINFORM" not in text[meta.head_end :].split(".")[0]


def test_a_dateline_with_month_and_day_but_no_year_says_so() -> None:
    meta = read_text_meta("DHAKA, May 5 (Test Wire) A Kazakh delegation arrived. " + BODY)
    assert (meta.date, meta.place, meta.problem) == ("", "Dhaka", NO_YEAR)
    assert "month and day but no year" in NO_YEAR


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("AST N.,|:()-\n 0123456789MayDecKZINFOR date-"), max_size=200)
)
def test_reading_any_text_never_crashes_and_stays_within_it(text: str) -> None:
    meta = read_text_meta(text)
    assert 0 <= meta.head_end <= len(text)
    assert meta.dateline_start <= meta.dateline_end <= len(text)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return init_corpus(tmp_path / "corpus", data_dir()).root


def _import(cli: Any, corpus: Path, tmp_path: Path, text: str, *args: str) -> Any:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return cli("import", path, *args, "--corpus", corpus)


def _drafts(folder: Path) -> list[dict[str, Any]]:
    rows = []
    for name in ("events.toml", "initiatives.toml", "topics.toml"):
        rows += tomllib.loads((folder / name).read_text("utf-8")).get("record", [])
    return rows


@pytest.mark.parametrize("text", [BRACKETS, PAGE, BYLINE, SOURCE_LINE, HEADLINE_SOURCE])
def test_no_draft_quotes_metadata_or_boilerplate_and_check_is_clean(
    cli: Any, corpus: Path, tmp_path: Path, text: str
) -> None:
    status, out, err = _import(cli, corpus, tmp_path, text)
    assert status == 0, err
    folder = next(p for p in (corpus / "documents").iterdir() if p.name != "kazinform-2015-05-29")
    meta = tomllib.loads((folder / "document.toml").read_text("utf-8"))
    assert meta.get("title") != "not stated"
    assert meta["publisher"] != "not stated" or text == HEADLINE_SOURCE  # no byline, no agency
    quoted = " ".join(q for row in _drafts(folder) for q in row.get("quotes", []))
    for furniture in ("Go to the main site", "None", "Foreign policy", "Photo credit", "Share"):
        assert furniture not in quoted
    assert "Astana:" not in quoted and "calls for a test water fund" not in quoted
    for stated in ("KAZINFORM", "Test Wire", "The Test Times", "13 December 2019, 07:40"):
        assert stated not in quoted
    status, out, err = cli("check", "--corpus", corpus)
    assert status == 0, out + err


def test_date_contradicting_the_text_is_refused_and_force_date_wins(
    cli: Any, corpus: Path, tmp_path: Path
) -> None:
    status, _, err = _import(cli, corpus, tmp_path, BRACKETS, "--date", "2018-05-07")
    assert status != 0
    assert "states 2018-05-05 but --date says 2018-05-07: give --force-date to use --date" in err
    assert not (corpus / "documents" / "test-wire-2018-05-07").exists()
    args = ("--date", "2018-05-07", "--force-date")
    status, out, err = _import(cli, corpus, tmp_path, BRACKETS, *args)
    assert status == 0, err
    assert "date 2018-05-07 (from --date, over the text's 2018-05-05)" in out


def test_date_applies_to_an_undated_text_and_agrees_with_a_dated_one(
    cli: Any, corpus: Path, tmp_path: Path
) -> None:
    status, out, err = _import(cli, corpus, tmp_path, NO_DASH, "--date", "2018-05-05")
    assert status == 0, err
    assert "date 2018-05-05 (from --date)" in out
    other = tmp_path / "other"
    other.mkdir()
    status, out, err = _import(cli, corpus, other, BRACKETS, "--date", "2018-05")
    assert status == 0, err
    assert "date 2018-05-05 (from the text)" in out


def test_force_date_needs_date(cli: Any, corpus: Path, tmp_path: Path) -> None:
    status, _, err = _import(cli, corpus, tmp_path, BRACKETS, "--force-date")
    assert status != 0 and "--force-date needs --date" in err
