"""The review's decisions that take more than a key (issue #26): fields, links, new
entities, steps, boilerplate and every passing topic at once, each asserted in the TOML."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from helpers import imported_corpus, settled, typed, wait_until
from review_pilot import app_on, count, decided, notice, on_draft, opened, review_of
from textual.pilot import Pilot

from oic_tui.tui.app import OicApp
from oic_tui.tui.review_model import new_names_in
from oic_tui.tui.screens.choice import ChoiceScreen
from oic_tui.tui.screens.review import ReviewScreen
from oic_tui.tui.widgets.draft_form import DraftForm, FieldInput
from oic_tui.tui.widgets.draft_list import DraftList

# TEST DATA: a short fictional article written for these tests, in a news report's shape:
# a proposal (an initiative draft and a dated event draft), a new name, a topic, and a
# line of page furniture that import marks as boilerplate.
ARTICLE = (
    "date 2020-06-10 NUR-SULTAN. KAZINFORM - Kazakhstan proposed to hold a forum on food "
    "security in Nur-Sultan in 2021. IOFS Director General Yerlan Baidaulet said the "
    "organization now has 35 member states. Delegations of the OIC Member States discussed "
    "the situation in Syria.\nForeign policy\n"
)
DOC = "kazinform-2020-06-10"
EVENT = f"event.{DOC}.s3"
INITIATIVE = f"initiative.{DOC}.s3"
NAMED = f"topic.{DOC}.s4"
SYRIA = f"topic.{DOC}.s5"
SIZE = (120, 36)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of the shipped document and the article above, imported (its drafts)."""
    return imported_corpus(tmp_path_factory.mktemp("forms"), ARTICLE)


@pytest.fixture
def root(built: Path, tmp_path: Path) -> Path:
    """A copy of the corpus this test may change."""
    return Path(shutil.copytree(built, tmp_path / "corpus"))


def toml_of(root: Path, name: str) -> dict[str, Any]:
    with open(root / "documents" / DOC / f"{name}.toml", "rb") as file:
        return tomllib.load(file)


def row_of(root: Path, name: str, record_id: str) -> dict[str, Any]:
    rows = [r for r in toml_of(root, name).get("record", []) if r.get("id") == record_id]
    assert len(rows) == 1, f"{record_id} is not once in {name}.toml"
    row: dict[str, Any] = rows[0]
    return row


def form(app: Any) -> DraftForm:
    return review_of(app).query_one(DraftForm)


def focused_field(app: Any) -> str:
    focused = app.focused
    assert isinstance(focused, FieldInput), f"focus is on {focused!r}, not a field"
    return focused.spec.name


async def choose(pilot: Pilot[None], *filter_keys: str) -> None:
    """In the choice list just opened, type a filter and press Enter."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen), "the list")
    await typed(pilot, *filter_keys, "enter")
    await settled(pilot)


async def test_e_edits_fields_in_one_decision_and_keeps_the_comments(root: Path) -> None:
    path = root / "documents" / DOC / "events.toml"
    comments = [line for line in path.read_text("utf-8").splitlines() if line.startswith("#")]
    async with app_on(root).run_test(size=SIZE) as pilot:
        await opened(pilot)
        await on_draft(pilot, EVENT)
        await typed(pilot, "e")
        assert review_of(pilot.app).editing and focused_field(pilot.app) == "title"
        await typed(pilot, *"Forum proposed", "tab", *"Kazakhstan proposed a forum.")
        await decided(pilot, "enter")
        assert notice(pilot.app) == f"edited {EVENT}"
    row = row_of(root, "events", EVENT)
    assert (row["title"], row["text"], row.get("draft")) == (
        "Forum proposed",
        "Kazakhstan proposed a forum.",
        True,
    )
    assert [line for line in path.read_text("utf-8").splitlines() if line.startswith("#")] == (
        comments
    )


async def test_a_field_is_checked_as_it_is_typed(root: Path) -> None:
    path = root / "documents" / DOC / "events.toml"
    original = path.read_bytes()
    async with app_on(root).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await on_draft(pilot, EVENT)
        await typed(pilot, "e", "tab", "tab", *"2021-13")
        assert focused_field(pilot.app) == "date"
        problem = str(form(pilot.app).query_one("#form-problem").render())
        assert "Date: a date is YYYY, YYYY-MM or YYYY-MM-DD" in problem
        await typed(pilot, "enter")  # refused in the form: nothing is written
        assert screen.editing and not screen.saving
        await typed(pilot, "escape")
        assert not screen.editing and pilot.app.screen is screen
    assert path.read_bytes() == original


async def test_a_refused_accept_opens_the_field_and_saving_it_accepts(root: Path) -> None:
    async with app_on(root).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await on_draft(pilot, EVENT)
        await decided(pilot, "a")
        assert notice(pilot.app).startswith(f"{EVENT}: not accepted: ")
        await wait_until(pilot, lambda: screen.editing, "the blocking field")
        assert focused_field(pilot.app) == "phase"
        hint = str(form(pilot.app).query_one("#form-problem").render())
        assert "Phase: context · session · after" in hint
        await typed(pilot, "a")  # a choice's first letter is enough
        await decided(pilot, "enter")
        assert notice(pilot.app) == f"accepted {EVENT}"
    row = row_of(root, "events", EVENT)
    assert row["phase"] == "after" and "draft" not in row


async def test_l_unlinks_and_links_an_entity_the_sentence_names(root: Path) -> None:
    linked = row_of(root, "topics", SYRIA)["entities"]
    assert "entity.syria" in linked
    async with app_on(root).run_test(size=SIZE) as pilot:
        await opened(pilot)
        await on_draft(pilot, SYRIA)
        await typed(pilot, "l")
        await choose(pilot, *"syria")
        await wait_until(pilot, lambda: not review_of(pilot.app).saving, "the decision")
        assert notice(pilot.app).startswith("unlinked entity.syria")
        assert "entity.syria" not in row_of(root, "topics", SYRIA)["entities"]
        await typed(pilot, "l")
        await choose(pilot, *"syria")
        await wait_until(pilot, lambda: not review_of(pilot.app).saving, "the decision")
        assert notice(pilot.app) == f"linked entity.syria to {SYRIA}"
    assert "entity.syria" in row_of(root, "topics", SYRIA)["entities"]


async def test_shift_e_makes_a_new_name_an_entity(root: Path) -> None:
    async with app_on(root).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await on_draft(pilot, NAMED)
        await typed(pilot, "E")
        await choose(pilot, *"yerlan")
        await wait_until(pilot, lambda: screen.editing, "the entity's form")
        fields = {f.spec.name: f.value for f in form(pilot.app).query(FieldInput)}
        # The name as import reads it: the office before it is its role in this report.
        assert (fields["name"], fields["role"]) == ("Yerlan Baidaulet", "Director General")
        assert (fields["id"], fields["type"]) == ("entity.yerlan-baidaulet", "person")
        assert focused_field(pilot.app) == "text"
        await typed(pilot, *"The IOFS's Director General.")
        await decided(pilot, "enter")
        assert notice(pilot.app) == "made entity.yerlan-baidaulet"
    made = row_of(root, "entities", "entity.yerlan-baidaulet")
    assert made["type"] == "person" and "draft" not in made
    assert made["aliases"] == ["Yerlan Baidaulet", {"name": "Director General", "docs": [DOC]}]


async def test_s_makes_an_initiative_draft_a_step(root: Path) -> None:
    async with app_on(root).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await on_draft(pilot, INITIATIVE)
        await typed(pilot, "s")
        await choose(pilot, *"initiative.iofs")
        await wait_until(pilot, lambda: screen.editing, "the step's form")
        assert focused_field(pilot.app) == "status"
        fields = {f.spec.name: f.value for f in form(pilot.app).query(FieldInput)}
        # Status and date from the sentence: the draft's verb, and the event drafted beside it.
        assert fields["status"] == "proposed" and fields["date"] == "2021"
        await decided(pilot, "enter")
        assert notice(pilot.app) == f"made {INITIATIVE} a step of initiative.iofs"
    assert all(r.get("id") != INITIATIVE for r in toml_of(root, "initiatives").get("record", []))
    steps = toml_of(root, "steps")["record"]
    assert [(s["initiative"], s["status"]) for s in steps if "draft" not in s] == [
        ("initiative.iofs", "proposed")
    ]


async def test_b_unmarks_and_marks_the_line_as_boilerplate(root: Path) -> None:
    before = toml_of(root, "document")["boilerplate"]
    async with app_on(root).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        last = len(screen.document.sentences) - 1
        await typed(pilot, *["n"] * last)
        assert "· boilerplate" in count(pilot.app)
        await decided(pilot, "b")
        assert toml_of(root, "document").get("boilerplate", []) == []
        assert "· boilerplate" not in count(pilot.app)
        await decided(pilot, "b")
        assert "· boilerplate" in count(pilot.app)
    assert toml_of(root, "document")["boilerplate"] == before


async def test_shift_a_accepts_every_passing_topic_and_undo_restores(root: Path) -> None:
    path = root / "documents" / DOC / "topics.toml"
    original = path.read_bytes()
    async with app_on(root).run_test(size=SIZE) as pilot:
        await opened(pilot)
        await decided(pilot, "A")
        assert notice(pilot.app) == f"accepted 2 topics of {DOC}"
        assert all("draft" not in row for row in toml_of(root, "topics")["record"])
        await decided(pilot, "u")
    assert path.read_bytes() == original


async def test_step_drafts_show_on_their_sentence(tmp_path: Path) -> None:
    # TEST DATA: a fictional sentence that import drafts as a step of the IOFS's history.
    text = "date 2021-03-01 NUR-SULTAN. KAZINFORM - Pakistan joined the IOFS in 2018.\n"
    root = imported_corpus(tmp_path, text)
    async with app_on(root).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        drafts = screen.query_one(DraftList)
        assert screen.drafted is not None and screen.drafted.steps
        await on_step(pilot)
        option = drafts.current_option
        assert option is not None and option.kind == "step"
        await decided(pilot, "a")
        assert notice(pilot.app) == f"accepted {option.address}"
    steps = tomllib.loads((root / "documents").glob("*/steps.toml").__next__().read_text())
    assert all("draft" not in s for s in steps["record"])


async def on_step(pilot: Pilot[None]) -> None:
    screen = review_of(pilot.app)
    drafts = screen.query_one(DraftList)
    for _ in range(10):
        option = drafts.current_option
        if option is not None and option.kind == "step":
            return
        await typed(pilot, "j")
        if drafts.current_option is option:
            await typed(pilot, "N")
    raise AssertionError("no step draft reached")


async def test_a_refused_save_opens_the_form_again_as_typed(root: Path) -> None:
    path = root / "documents" / DOC / "events.toml"
    original = path.read_bytes()
    async with app_on(root).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await on_draft(pilot, EVENT)
        # Fields: title, summary, date, until, precision. A range that ends before it starts
        # is well typed, and refused by the build.
        await typed(pilot, "e", *"Food forum", "tab", "tab", "tab", *"2020")
        assert focused_field(pilot.app) == "date_end"
        await decided(pilot, "enter")
        assert notice(pilot.app).startswith(f"{EVENT}: not edited: ")
        assert "ends before it starts" in notice(pilot.app)
        await wait_until(pilot, lambda: screen.editing, "the form again")
        fields = {f.spec.name: f.value for f in form(pilot.app).query(FieldInput)}
        assert (fields["title"], fields["date_end"]) == ("Food forum", "2020")
        assert focused_field(pilot.app) == "date"
        assert path.read_bytes() == original
        # Corrected, saved: what was typed before the refusal is saved with it.
        await typed(pilot, "tab", *"2022", "tab", *"year-range")
        await decided(pilot, "enter")
        assert notice(pilot.app) == f"edited {EVENT}"
    row = row_of(root, "events", EVENT)
    assert (row["title"], row["date_end"], row["precision"]) == ("Food forum", "2022", "year-range")


async def test_esc_typed_while_saving_leaves_once_the_decision_is_shown(root: Path) -> None:
    async with app_on(root).run_test(size=SIZE) as pilot:
        await opened(pilot)
        await on_draft(pilot, SYRIA)
        await pilot.press("a", "escape")  # a fast typist: Esc while the accept is saved
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ReviewScreen), "back")
        app = pilot.app
        assert isinstance(app, OicApp) and app.store is not None
        record = app.store.get(SYRIA)
        assert record is not None and not record.draft  # the rebuilt store, not the old one
    assert "draft" not in row_of(root, "topics", SYRIA)


def test_new_names_leave_out_months_and_put_people_first() -> None:
    # TEST DATA: a fictional sentence.
    text = "In November, Kazakh diplomats met Director General Yerlan Baidaulet."
    names = [new.name for new in new_names_in(text, frozenset())]
    assert "November" not in names
    assert names[0] == "Yerlan Baidaulet"
