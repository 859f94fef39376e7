"""Draft records (`draft = true`, as `oic-tui import` writes them): they build at once, their
fidelity problems as warnings; the store, search, `check`, `show` and the explorer mark them."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import SIZE, ids, make_store, pane, record, settled
from rich.console import Console
from textual.pilot import Pilot

from oic_tui.corpus.build import BuildError, BuildResult
from oic_tui.corpus.folder import build_corpus, find_corpus
from oic_tui.present.attributes import DRAFT_NOTE, record_attributes
from oic_tui.search.query import parse
from oic_tui.store.check import check_store
from oic_tui.store.fastload import decode_well_formed
from oic_tui.store.files import read_json
from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.screens.help import help_content
from oic_tui.tui.widgets.styling import DRAFT_STYLE, DRAFT_TAG

IOFS = "test-iofs-2020"
EVENT = "event.iofs2020-covid-programmes"
INITIATIVE = "initiative.iofs2020-reserve-plan"
EVENT_TITLE = "Programmes for member states hit by the pandemic"
COVID = (
    "Participants discussed food security programmes for member states affected by the "
    "COVID-19 pandemic."
)
RESERVE = (
    "They agreed to prepare a first plan for the common food security reserve before the end "
    "of the year."
)


def event_toml(draft: str = "true", quote: str = COVID, extra: str = "") -> str:
    """An event dated to the day whose quote gives neither the year nor the day."""
    return f"""kind = "event"

[[record]]
id = "{EVENT}"
title = "{EVENT_TITLE}"
text = "The participants discussed programmes for member states hit by the pandemic."
date = "2020-09-09"
precision = "day"
phase = "session"
quotes = ["{quote}"]
draft = {draft}
{extra}"""


def initiative_toml(draft: str = "true") -> str:
    """An initiative whose status verb is in none of its quotes."""
    return f"""kind = "initiative"

[[record]]
id = "{INITIATIVE}"
title = "A first plan for the common food security reserve"
text = "{RESERVE}"
status = "adopted"
quotes = ["{RESERVE}"]
draft = {draft}
"""


def write_drafts(root: Path, event: str, initiative: str = "") -> None:
    folder = root / "documents" / IOFS
    (folder / "draft-events.toml").write_text(event, encoding="utf-8")
    if initiative:
        (folder / "draft-initiatives.toml").write_text(initiative, encoding="utf-8")


def build(root: Path) -> BuildResult:
    return build_corpus(find_corpus(root))


def refused(root: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        build(root)
    return caught.value.problems


@pytest.fixture
def draft_corpus(test_corpus: Path) -> Path:
    """The test corpus with a draft event and a draft initiative, each breaking a rule."""
    write_drafts(test_corpus, event_toml(), initiative_toml())
    build(test_corpus)
    return test_corpus


@pytest.fixture
def draft_store(draft_corpus: Path) -> Store:
    return Store.open(find_corpus(draft_corpus).store_path)


# Build ---------------------------------------------------------------------------------------


def test_drafts_build_with_warnings_naming_them(test_corpus: Path) -> None:
    write_drafts(test_corpus, event_toml(), initiative_toml())
    result = build(test_corpus)
    drafts = [w for w in result.warnings if ": draft " in w]
    assert drafts == [
        f"documents/{IOFS}/draft-events.toml: draft event {EVENT}: precision 'day' needs 2020, "
        "9 in a quote",
        f"documents/{IOFS}/draft-initiatives.toml: draft initiative {INITIATIVE}: "
        "status 'adopted' needs one of adopted in a quote",
    ]
    rows = {row["id"]: row for row in result.store["records"].values()}
    assert rows[EVENT]["draft"] is True
    assert rows[INITIATIVE]["draft"] is True
    # Reviewed rows carry no key at all: a store without drafts is what it always was.
    assert {r["id"] for r in rows.values() if "draft" in r} == {EVENT, INITIATIVE}


def test_the_cli_build_prints_them_as_warnings(
    test_corpus: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    write_drafts(test_corpus, event_toml(), initiative_toml())
    status, _, err = cli("build", "--corpus", test_corpus)
    assert status == 0, err
    assert f"draft-events.toml: draft event {EVENT}: precision 'day' needs 2020, 9 in a" in err
    assert f"warning: documents/{IOFS}/draft-initiatives.toml: draft initiative {INITIATIVE}" in err


@pytest.mark.parametrize("draft", ["false", "false # reviewed"])
def test_the_same_rules_refuse_a_reviewed_record(test_corpus: Path, draft: str) -> None:
    write_drafts(test_corpus, event_toml(draft), initiative_toml(draft))
    problems = refused(test_corpus)
    assert f"{IOFS}/draft-events.toml: event {EVENT}: precision 'day' needs 2020, 9 in a quote" in [
        p.partition("documents/")[2] for p in problems
    ]
    assert (
        f"{IOFS}/draft-initiatives.toml: initiative {INITIATIVE}: "
        "status 'adopted' needs one of adopted in a quote"
        in [p.partition("documents/")[2] for p in problems]
    )


def test_a_reviewed_record_is_refused_while_a_draft_only_warns(test_corpus: Path) -> None:
    write_drafts(test_corpus, event_toml("true"), initiative_toml("false"))
    problems = refused(test_corpus)
    assert problems == [
        f"documents/{IOFS}/draft-initiatives.toml: initiative {INITIATIVE}: status 'adopted' "
        "needs one of adopted in a quote"
    ]


@pytest.mark.parametrize(
    ("event", "wanted"),
    [
        (event_toml(quote="Participants discussed programmes"), "is not verbatim"),
        (event_toml(extra='related = ["event.nowhere"]'), "event.nowhere dangles"),
        (
            event_toml() + event_toml().partition("\n")[2],
            f"event {EVENT}: duplicate id (also in documents/",
        ),
        (event_toml('"yes"'), "draft must be true or false, not 'yes'"),
        (event_toml("1"), "draft must be true or false, not 1"),
    ],
)
def test_a_draft_keeps_the_hard_rules(test_corpus: Path, event: str, wanted: str) -> None:
    write_drafts(test_corpus, event)
    problems = refused(test_corpus)
    assert any(wanted in problem for problem in problems), problems


# Store ---------------------------------------------------------------------------------------


def test_the_store_reads_draft_flags_on_both_paths(draft_corpus: Path) -> None:
    path = find_corpus(draft_corpus).store_path
    assert decode_well_formed(path.read_bytes()) is not None
    fast = Store.open(path)
    checked = Store.from_data(path, read_json(path), sanitise=False)
    for store in (fast, checked):
        assert sorted(r.id for r in store.records if r.draft) == [EVENT, INITIATIVE]
        assert store.problems == []
    assert fast.records == checked.records


@pytest.mark.parametrize("value", ["yes", 1, None, [True]])
def test_a_store_row_whose_draft_is_not_a_boolean_is_skipped(tmp_path: Path, value: Any) -> None:
    rows = [
        record("entity.kuwait", aliases=["Kuwait"]),
        record("entity.other", draft=value),
        record("entity.drafted", draft=True),
    ]
    path = make_store(tmp_path, rows)
    assert decode_well_formed(path.read_bytes()) is None
    store = Store.open(path)
    assert [r.id for r in store.records] == ["entity.kuwait", "entity.drafted"]
    assert [r.draft for r in store.records] == [False, True]
    assert store.problems == ["record entity.other skipped: draft is not true or false"]


def test_a_well_formed_store_with_drafts_decodes_fast(tmp_path: Path) -> None:
    path = make_store(tmp_path, [record("entity.kuwait", draft=True), record("entity.b")])
    rows = decode_well_formed(path.read_bytes())
    assert rows is not None
    assert [r.draft for r in rows.records] == [True, False]


# Search --------------------------------------------------------------------------------------


def test_the_review_filters_parse() -> None:
    for text in ("draft:", "draft:yes", "DRAFT:true", "reviewed:no", "reviewed:false"):
        assert parse(text).drafts is True, text
        assert not parse(text).empty
    for text in ("reviewed:", "reviewed:yes", "draft:no", "draft:0"):
        assert parse(text).drafts is False, text
    assert parse("draft: reviewed:").drafts is False
    assert parse("draft").drafts is None
    assert parse("-draft:").drafts is None
    assert parse("aral").drafts is None


def test_draft_and_reviewed_filters(draft_store: Store) -> None:
    drafts = {EVENT, INITIATIVE}
    assert set(ids(draft_store, "draft:")) == drafts
    assert set(ids(draft_store, "draft:yes")) == drafts
    assert ids(draft_store, "draft: plan") == [INITIATIVE]
    assert ids(draft_store, "draft: kind:event") == [EVENT]
    assert ids(draft_store, f"draft: doc:{IOFS} pandemic") == [EVENT]
    assert ids(draft_store, "draft: doc:2018") == []
    reviewed = ids(draft_store, "reviewed:")
    assert len(reviewed) == len(draft_store.records) - 2
    assert not drafts & set(reviewed)
    assert INITIATIVE in ids(draft_store, "reserve")
    assert INITIATIVE not in ids(draft_store, "reserve reviewed:")
    assert ids(draft_store, "reviewed: draft:") == ids(draft_store, "draft:")


def test_a_store_without_drafts_has_no_draft_hits(corpus_store: Store) -> None:
    assert ids(corpus_store, "draft:") == []
    assert len(ids(corpus_store, "reviewed:")) == len(corpus_store.records)


# check, show, search --json ------------------------------------------------------------------


def test_check_counts_drafts_and_is_not_troubled(
    draft_store: Store, draft_corpus: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    report = check_store(draft_store)
    assert report.drafts == 2
    assert report.problems == []
    assert report.ok
    status, out, err = cli("--corpus", draft_corpus, "check")
    assert status == 0, err
    lines = out.splitlines()
    assert lines[-2:] == ["2 drafts to review", f"{len(draft_store.records):,} records, 0 problems"]
    assert "problem:" not in out


def test_check_of_a_store_without_drafts_says_nothing_of_them(
    test_corpus: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    status, out, _ = cli("--corpus", test_corpus, "check")
    assert status == 0
    assert "draft" not in out


def test_show_and_search_json_carry_the_flag(
    draft_corpus: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    status, out, _ = cli("--corpus", draft_corpus, "show", EVENT, "--json")
    assert status == 0
    assert json.loads(out)["draft"] is True
    status, out, _ = cli("--corpus", draft_corpus, "search", "reserve", "--json")
    assert status == 0
    flags = {hit["id"]: hit["draft"] for hit in json.loads(out)}
    assert flags[INITIATIVE] is True
    assert flags["initiative.cfm38-food-reserve"] is False
    status, out, _ = cli("--corpus", draft_corpus, "show", INITIATIVE)
    assert status == 0
    assert f"Review: {DRAFT_NOTE}" in out


def test_only_a_draft_has_the_review_attribute(draft_store: Store) -> None:
    draft, reviewed = draft_store.get(EVENT), draft_store.get("event.iofs2020-report")
    assert draft is not None and reviewed is not None
    assert record_attributes(draft, {})[0] == ("Review", DRAFT_NOTE)
    assert all(label != "Review" for label, _ in record_attributes(reviewed, {}))


# Explorer ------------------------------------------------------------------------------------


def help_text(corpus: bool, drafts: bool) -> str:
    console = Console(width=120, record=True)
    console.print(help_content(corpus, drafts))
    return console.export_text()


def test_help_lists_the_review_filters_only_for_a_store_with_drafts() -> None:
    assert "reviewed:" not in help_text(False, False)
    assert "reviewed:" not in help_text(True, False)
    for corpus in (False, True):
        text = help_text(corpus, True)
        assert "draft:  reviewed:" in text
        # Before the last row of the syntax, as the corpus's own rows.
        assert text.index("reviewed:") < text.index("n / N")


@pytest.fixture
async def draft_pilot(draft_store: Store) -> AsyncIterator[Pilot[None]]:
    app = create_app(store=draft_store)
    async with app.run_test(size=SIZE) as running:
        await settled(running)
        yield running


async def test_a_draft_row_shows_the_dim_tag(draft_pilot: Pilot[None]) -> None:
    app = draft_pilot.app
    assert isinstance(app, OicApp)
    timeline = pane(app, "event")
    texts = timeline.row_texts()
    row = next(i for i, text in enumerate(texts) if EVENT_TITLE in text)
    content = timeline.row_content(row)
    at = content.plain.index(f"{DRAFT_TAG} · {EVENT_TITLE}")
    assert any(
        span.start == at and span.end == at + len(DRAFT_TAG) and str(span.style) == DRAFT_STYLE
        for span in content.spans
    )
    # Reviewed rows carry no tag.
    reviewed = next(i for i, text in enumerate(texts) if "IOFS opens its permanent" in text)
    assert DRAFT_TAG not in timeline.row_content(reviewed).plain
    initiatives = pane(app, "initiative").row_texts()
    assert any(f"{DRAFT_TAG} · " in text and "first plan" in text for text in initiatives)


# Import ---------------------------------------------------------------------------------------


def test_an_imported_officer_of_the_iofs_links_the_iofs(
    cli: Callable[..., tuple[int, str, str]], test_corpus: Path, tmp_path: Path
) -> None:
    # TEST DATA: a short fictional report, written for this test.
    text = (
        "DHAKA, May 7, 2018 (Test Wire) - IOFS Director General Yerlan Baidaulet met the "
        "ministers in Dhaka on 5 May 2018.\n"
    )
    article = tmp_path / "iofs-officer.txt"
    article.write_text(text, encoding="utf-8")
    status, _, err = cli("import", article, "--corpus", test_corpus)
    assert status == 0, err
    store = Store.open(find_corpus(test_corpus).store_path)
    doc_id = next(d for d, doc in store.documents.items() if doc.text == text)
    officer = [
        r for r in store.records if r.draft and r.docs == (doc_id,) and "Baidaulet" in r.text
    ]
    assert officer and all("entity.iofs" in r.entities for r in officer)
