"""Review decisions that add to a document (oic_tui/corpus/review_new.py): a new entity, a
step made of an initiative draft, boilerplate marked and unmarked; each checked, undone."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import imported_fixtures, lines_changed, replace_once
from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.corpus.folder import compile_corpus
from oic_tui.corpus.review import Conflict, Refused, Review
from oic_tui.corpus.toml_edit import BOILERPLATE_COMMENT, set_boilerplate

# TEST DATA: a short fictional report, written for these tests only.
REPORT = (
    "TEST DATA. The Foreign Minister of Kazakhstan Test Person held talks with the OIC "
    "Secretary General on 3 March 2021 in Astana. Kazakhstan proposed to establish a Test "
    "Water Centre in Almaty. The IOFS opened a test office in Almaty in February 2021. "
    "Test Person said the sides discussed food security. The ministers talked about trade.\n"
    "Share this article\nNone\n"
)
DOC = "test-review-new"
INITIATIVE, PERSON = f"initiative.{DOC}.s5", "entity.test-person"
# The lines import marked as boilerplate: `Share this article` and `None`.
SHARE, NONE = (335, 353), (354, 358)


imported, corpus = imported_fixtures(REPORT, "additions", "--id", DOC, "--date", "2021-03-04")


def doc_file(corpus: Path, name: str) -> Path:
    return corpus / "documents" / DOC / name


def make_person(review: Review, **options: str) -> str:
    """Make entity.test-person as a reviewer would, with the role the report gives it."""
    roles = ["Foreign Minister"]
    aliases = ["Test Person"]
    return str(
        review.new_entity(
            DOC, PERSON, "Test Person", "person", aliases, "A test person.", roles, **options
        )
    )


# New entities ------------------------------------------------------------------------------


def test_a_new_entity_takes_the_place_of_its_commented_out_stub(corpus: Path) -> None:
    path = doc_file(corpus, "entities.toml")
    before = path.read_text(encoding="utf-8")
    assert '# id = "entity.test-person"' in before
    review = Review(corpus)
    assert make_person(review) == f"made {PERSON}"
    after = path.read_text(encoding="utf-8")
    assert lines_changed(before, after) == (
        [
            "# [[record]]",
            f'# id = "{PERSON}"',
            '# title = "Test Person"',
            '# type = ""',
            '# aliases = ["Test Person"]',
            f'# text = "Named in {DOC}."',
            '# quotes = [{ text = "Test Person", nth = 1 }]',
        ],
        [
            "[[record]]",
            f'id = "{PERSON}"',
            'title = "Test Person"',
            'type = "person"',
            f'aliases = ["Test Person", {{ name = "Foreign Minister", docs = ["{DOC}"] }}]',
            'text = "A test person."',
            # The report names it twice: quoted where it first occurs, as import does.
            'quotes = [{ text = "Test Person", nth = 1 }]',
        ],
    )
    assert after.startswith("# Entities `oic-tui import` found in the text")
    assert '# id = "entity.test-water-centre"' in after  # the other stubs stay
    review.undo()
    assert path.read_text(encoding="utf-8") == before


def test_a_new_entity_is_refused_in_one_line_naming_the_rule(corpus: Path) -> None:
    path = doc_file(corpus, "entities.toml")
    before = path.read_bytes()
    review = Review(corpus)
    with pytest.raises(Refused) as refused:
        make_person(review, quote="Test Persona")
    assert refused.value.problems == [
        f"documents/{DOC}/entities.toml: entity {PERSON} quote 1: "
        f"quote is not verbatim in document {DOC}: 'Test Persona'"
    ]
    with pytest.raises(Refused, match="type is required"):
        review.new_entity(DOC, PERSON, "Test Person", "", ["Test Person"], "A test person.")
    with pytest.raises(Refused, match=re.escape("entity.almaty: is the id of a record already")):
        review.new_entity(DOC, "entity.almaty", "Almaty", "city", ["Almaty"], "A city.")
    with pytest.raises(Refused, match="no such document"):
        review.new_entity("no-such-doc", PERSON, "Test Person", "person", ["Test Person"], "x")
    with pytest.raises(Refused, match=re.escape("starts with 'entity.'")):
        review.new_entity(DOC, "person.x", "Test Person", "person", ["Test Person"], "x")
    assert path.read_bytes() == before and not review.decisions


def test_a_new_entity_makes_the_entities_file_where_there_is_none(corpus: Path) -> None:
    # TEST DATA: a document without an entities.toml (its one draft entity unlinked).
    doc_file(corpus, "entities.toml").unlink()
    replace_once(doc_file(corpus, "events.toml"), '"entity.almaty", ', "")
    replace_once(doc_file(corpus, "initiatives.toml"), 'entities = ["entity.almaty"]\n', "")
    compile_corpus(corpus)
    review = Review(corpus)
    make_person(review, quote="Test Person said")
    text = doc_file(corpus, "entities.toml").read_text(encoding="utf-8")
    assert text.startswith("# Entities of this document, made in the review")
    assert 'kind = "entity"\n\n[[record]]\n' in text
    assert tomllib.loads(text)["record"][0]["quotes"] == ["Test Person said"]
    review.undo()
    assert not doc_file(corpus, "entities.toml").exists()


def test_a_new_entity_refused_by_a_conflict_lands_on_retry(corpus: Path) -> None:
    path = doc_file(corpus, "entities.toml")
    review = Review(corpus)
    path.write_text(path.read_text(encoding="utf-8") + "# TEST DATA: by hand\n", "utf-8")
    with pytest.raises(Conflict):
        make_person(review)
    assert str(review.retry()) == f"made {PERSON}"
    assert path.read_text(encoding="utf-8").endswith("# TEST DATA: by hand\n")


# Steps -------------------------------------------------------------------------------------


def test_an_initiative_draft_becomes_a_step_and_undo_restores_both_files(corpus: Path) -> None:
    initiatives, steps = doc_file(corpus, "initiatives.toml"), doc_file(corpus, "steps.toml")
    before = {p: p.read_text(encoding="utf-8") for p in (initiatives, steps)}
    review = Review(corpus)
    decision = review.to_step(INITIATIVE, "initiative.iofs", "proposed")
    assert str(decision) == f"made {INITIATIVE} a step of initiative.iofs"
    assert [w.path for w in decision.files] == [initiatives, steps]
    after = initiatives.read_text(encoding="utf-8")
    assert INITIATIVE not in after and after.startswith("# Drafts written by `oic-tui import`")
    assert "[[record]]" not in after
    added = steps.read_text(encoding="utf-8")
    assert added.startswith(before[steps])
    assert added[len(before[steps]) :] == (
        "\n[[record]]\n"
        'initiative = "initiative.iofs"\n'
        'status = "proposed"\n'
        'quote = "Kazakhstan proposed to establish a Test Water Centre in Almaty."\n'
    )
    assert str(review.undo()) == f"undid {INITIATIVE}"
    assert {p: p.read_text(encoding="utf-8") for p in before} == before


def test_a_step_into_a_new_steps_file_is_undone_by_removing_it(corpus: Path) -> None:
    steps = doc_file(corpus, "steps.toml")
    steps.unlink()  # the document's one step draft with it
    review = Review(corpus)
    review.to_step(INITIATIVE, "initiative.iofs", "proposed", precision="undated")
    text = steps.read_text(encoding="utf-8")
    assert text.startswith("# Steps of initiatives this document reports")
    assert tomllib.loads(text) == {
        "kind": "step",
        "record": [
            {
                "initiative": "initiative.iofs",
                "status": "proposed",
                "precision": "undated",
                "quote": "Kazakhstan proposed to establish a Test Water Centre in Almaty.",
            }
        ],
    }
    review.undo()
    assert not steps.exists()
    assert INITIATIVE in doc_file(corpus, "initiatives.toml").read_text(encoding="utf-8")


def test_a_step_is_refused_naming_the_rule_and_writes_nothing(corpus: Path) -> None:
    files = {p: p.read_bytes() for p in doc_file(corpus, "").glob("*.toml")}
    review = Review(corpus)
    with pytest.raises(Refused) as refused:
        review.to_step(INITIATIVE, "initiative.iofs", "proposed", "2019-05", "month")
    assert refused.value.problems == [
        f"documents/{DOC}/steps.toml: initiative.iofs step ({DOC}, proposed): "
        "precision 'month' needs 2019, May in a quote"
    ]
    with pytest.raises(Refused, match=re.escape("initiative.no-such: no initiative with this id")):
        review.to_step(INITIATIVE, "initiative.no-such", "proposed")
    with pytest.raises(Refused, match="is not an initiative draft"):
        review.to_step(f"topic.{DOC}.s7", "initiative.iofs", "proposed")
    with pytest.raises(Refused, match="is not an initiative draft"):
        review.to_step("initiative.iofs", "initiative.iofs", "proposed")
    assert {p: p.read_bytes() for p in files} == files and not review.decisions


def test_a_step_waits_for_a_steps_file_changed_on_disk_then_retries(corpus: Path) -> None:
    steps = doc_file(corpus, "steps.toml")
    review = Review(corpus)
    steps.write_text(steps.read_text(encoding="utf-8") + "# TEST DATA: by hand\n", "utf-8")
    with pytest.raises(Conflict, match=re.escape("steps.toml: changed on disk")):
        review.to_step(INITIATIVE, "initiative.iofs", "proposed")
    assert INITIATIVE in doc_file(corpus, "initiatives.toml").read_text(encoding="utf-8")
    assert str(review.retry()) == f"made {INITIATIVE} a step of initiative.iofs"
    assert steps.read_text(encoding="utf-8").endswith(
        'quote = "Kazakhstan proposed to establish a Test Water Centre in Almaty."\n'
    )
    # Undo too refuses while either file differs from what the decision wrote.
    steps.write_text(steps.read_text(encoding="utf-8") + "# TEST DATA: again\n", "utf-8")
    with pytest.raises(Refused, match=re.escape("steps.toml: changed on disk since made")):
        review.undo()
    assert INITIATIVE not in doc_file(corpus, "initiatives.toml").read_text(encoding="utf-8")


# Boilerplate -------------------------------------------------------------------------------


def test_a_line_is_unmarked_and_marked_again_byte_for_byte(corpus: Path) -> None:
    path = doc_file(corpus, "document.toml")
    before = path.read_text(encoding="utf-8")
    assert f"boilerplate = [[{SHARE[0]}, {SHARE[1]}], [{NONE[0]}, {NONE[1]}]]" in before
    review = Review(corpus)
    text = review.document_text(DOC)
    assert review.line_at(DOC, text.index("this article")) == SHARE
    assert text[slice(*review.line_at(DOC, text.index("None")))] == "None"
    decision = review.unmark_boilerplate(DOC, *SHARE)
    assert str(decision) == f"unmarked [{SHARE[0]}, {SHARE[1]}] of {DOC}"
    assert lines_changed(before, path.read_text(encoding="utf-8")) == (
        [f"boilerplate = [[{SHARE[0]}, {SHARE[1]}], [{NONE[0]}, {NONE[1]}]]"],
        [f"boilerplate = [[{NONE[0]}, {NONE[1]}]]"],
    )
    decision = review.mark_boilerplate(DOC, *SHARE)
    assert str(decision) == f"marked [{SHARE[0]}, {SHARE[1]}] of {DOC} as boilerplate"
    assert path.read_text(encoding="utf-8") == before
    review.undo()
    review.undo()
    assert path.read_text(encoding="utf-8") == before


def test_marking_a_quoted_line_is_refused_and_others_in_one_line(corpus: Path) -> None:
    path = doc_file(corpus, "document.toml")
    before = path.read_bytes()
    review = Review(corpus)
    start, end = review.line_at(DOC, 0)  # the article's one line: every record quotes it
    with pytest.raises(Refused) as refused:
        review.mark_boilerplate(DOC, start, end)
    (problem,) = refused.value.problems
    # The build refuses the reviewed records quoting it (drafts quoting it are warned).
    assert f"[{start}, {end}]: quoted by initiative.iofs: " in problem
    assert problem.endswith("no record quotes boilerplate")
    refusals: dict[str, Callable[[], object]] = {
        "is marked as boilerplate already": lambda: review.mark_boilerplate(DOC, *NONE),
        "overlaps [354, 358]": lambda: review.mark_boilerplate(DOC, 356, 359),
        "is past the end of": lambda: review.mark_boilerplate(DOC, 359, 400),
        "needs 0 <= start < end": lambda: review.mark_boilerplate(DOC, 9, 9),
        "[1, 2] is not marked as boilerplate": lambda: review.unmark_boilerplate(DOC, 1, 2),
        "no such document": lambda: review.mark_boilerplate("no-such-doc", 1, 2),
    }
    for reason, decide in refusals.items():
        with pytest.raises(Refused) as refused:
            decide()
        assert len(refused.value.problems) == 1 and reason in refused.value.problems[0]
    assert path.read_bytes() == before and not review.decisions
    for offset in (-1, 10_000):
        with pytest.raises(Refused, match="is not an offset of its text"):
            review.line_at(DOC, offset)


def test_a_document_without_boilerplate_gets_the_key_with_its_comment(corpus: Path) -> None:
    path = doc_file(corpus, "document.toml")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # TEST DATA: the document.toml as it would be with no line marked.
    path.write_text("".join(lines[:-3]), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    review = Review(corpus)
    review.mark_boilerplate(DOC, *NONE)
    assert path.read_text(encoding="utf-8") == (
        f"{before}{BOILERPLATE_COMMENT}\nboilerplate = [[{NONE[0]}, {NONE[1]}]]\n"
    )
    review.undo()
    assert path.read_text(encoding="utf-8") == before


def test_a_mark_refused_by_a_conflict_lands_on_retry(corpus: Path) -> None:
    path = doc_file(corpus, "document.toml")
    review = Review(corpus)
    review.line_at(DOC, 0)  # the session reads the document as the screen shows it
    review.unmark_boilerplate(DOC, *NONE)
    path.write_text(path.read_text(encoding="utf-8") + "# TEST DATA: by hand\n", "utf-8")
    with pytest.raises(Conflict, match=re.escape("document.toml: changed on disk")):
        review.mark_boilerplate(DOC, *NONE)
    assert str(review.retry()) == f"marked [{NONE[0]}, {NONE[1]}] of {DOC} as boilerplate"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("# TEST DATA: by hand\n") and tomllib.loads(text)["boilerplate"] == [
        list(SHARE),
        list(NONE),
    ]


# Round trips: document.toml texts (TEST DATA), their boilerplate set to what it holds.
_pairs = st.lists(st.integers(0, 50), max_size=6, unique=True).map(
    lambda ends: [(a, a + 1) for a in sorted(ends)]
)
_layout = st.sampled_from(["one line", "comment after", "one pair a line"])


def _document_toml(pairs: list[tuple[int, int]], layout: str) -> str:
    """A document.toml's text (TEST DATA) with its boilerplate in one of the layouts."""
    items = [f"[{a}, {b}]" for a, b in pairs]
    value = {
        "one line": f"boilerplate = [{', '.join(items)}]",
        "comment after": f"boilerplate=[{','.join(items)}]  # é",
        "one pair a line": "boilerplate = [" + "".join(f"\n  {i}," for i in items) + "\n]",
    }[layout]
    return f'# TEST DATA\nid = "x"\n# what it is\n{value}\ntitle = "y"\n'


@settings(max_examples=100, deadline=None)
@given(_pairs, _layout, st.integers(60, 70))
def test_boilerplate_set_to_itself_and_back_keeps_the_bytes(
    pairs: list[tuple[int, int]], layout: str, extra: int
) -> None:
    text = _document_toml(pairs, layout)
    assert set_boilerplate(text, pairs) == text
    marked = set_boilerplate(text, sorted([*pairs, (extra, extra + 1)]))
    assert tomllib.loads(marked)["boilerplate"][-1] == [extra, extra + 1]
    assert set_boilerplate(marked, pairs) == text
