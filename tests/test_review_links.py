"""Review decisions on a draft's fields and links, on step rows, and on a document's drafts
at once (oic_tui/corpus/review.py): the text each writes, what is refused, undo, conflicts."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import imported_fixtures, lines_changed

from oic_tui.corpus.lock import corpus_lock
from oic_tui.corpus.review import Conflict, Decision, Refused, Review
from oic_tui.corpus.toml_edit import Value

# TEST DATA: a short fictional report, written for these tests only.
REPORT = (
    "TEST DATA. The Foreign Minister of Kazakhstan Test Person held talks with the OIC "
    "Secretary General on 3 March 2021 in Astana. Kazakhstan proposed to establish a Test "
    "Water Centre in Almaty. The IOFS opened a test office in Almaty in February 2021. "
    "Test Person said the sides discussed food security. The ministers talked about trade.\n"
    "Share this article\nNone\n"
)
DOC = "test-review-links"
TOPIC, TRADE, DATA = f"topic.{DOC}.s7", f"topic.{DOC}.s8", f"topic.{DOC}.s3"
TALKS, OFFICE = f"event.{DOC}.s4", f"event.{DOC}.s6"
STEP = f"step:initiative.iofs:{DOC}:1"


imported, corpus = imported_fixtures(REPORT, "links", "--id", DOC, "--date", "2021-03-04")


def doc_file(corpus: Path, name: str) -> Path:
    return corpus / "documents" / DOC / name


def row(path: Path, record_id: str) -> dict[str, object]:
    rows = tomllib.loads(path.read_text(encoding="utf-8"))["record"]
    found: dict[str, object] = next(r for r in rows if r.get("id") == record_id)
    return found


def test_edit_sets_a_link_list_and_accepts_in_one_decision(corpus: Path) -> None:
    path = doc_file(corpus, "topics.toml")
    before = path.read_text(encoding="utf-8")
    review = Review(corpus)
    fields: dict[str, Value] = {"entities": ["entity.kazakhstan"], "title": "Trade talks"}
    decision = review.edit(TRADE, fields, accept=True)
    assert str(decision) == f"accepted {TRADE}" and decision.action == "accept"
    after = path.read_text(encoding="utf-8")
    assert lines_changed(before, after) == (
        ['title = "The ministers talked about trade"', "draft = true"],
        ['title = "Trade talks"', 'entities = ["entity.kazakhstan"]'],
    )
    assert after.startswith("# Drafts written by `oic-tui import`")
    assert len(review.decisions) == 1
    assert str(review.undo()) == f"undid {TRADE}"
    assert path.read_text(encoding="utf-8") == before


def test_edit_refuses_a_value_of_the_wrong_form_and_what_the_build_refuses(
    corpus: Path,
) -> None:
    review = Review(corpus)
    with pytest.raises(Refused, match="entities must be a list of ids"):
        review.edit(TRADE, {"entities": "entity.kazakhstan"})
    with pytest.raises(Refused, match="title must be text"):
        review.edit(TRADE, {"title": ["x"]})
    before = doc_file(corpus, "topics.toml").read_bytes()
    with pytest.raises(Refused) as refused:
        review.edit(TRADE, {"entities": ["entity.no-such"]})
    assert refused.value.problems == [
        f"documents/{DOC}/topics.toml: topic {TRADE}: entities -> entity.no-such dangles"
    ]
    # Accepting where the draft still breaks a rule of a reviewed record: nothing written.
    with pytest.raises(Refused, match="phase must be one of"):
        review.edit(TALKS, {"title": "Talks"}, accept=True)
    with pytest.raises(Refused, match="is not a draft"):
        review.edit("entity.kazakhstan", {"title": "x"}, accept=True)
    assert doc_file(corpus, "topics.toml").read_bytes() == before
    assert not review.decisions


def test_link_appends_and_unlink_removes_keeping_the_rest(corpus: Path) -> None:
    path = doc_file(corpus, "events.toml")
    before = path.read_text(encoding="utf-8")
    review = Review(corpus)
    assert str(review.link(OFFICE, "entity.kazakhstan")) == f"linked entity.kazakhstan to {OFFICE}"
    linked = path.read_text(encoding="utf-8")
    assert lines_changed(before, linked) == (
        ['entities = ["entity.almaty", "entity.iofs"]'],
        ['entities = ["entity.almaty", "entity.iofs", "entity.kazakhstan"]'],
    )
    decision = review.unlink(OFFICE, "entity.almaty")
    assert str(decision) == f"unlinked entity.almaty from {OFFICE}"
    assert row(path, OFFICE)["entities"] == ["entity.iofs", "entity.kazakhstan"]
    assert path.read_text(encoding="utf-8").startswith("# Drafts written by `oic-tui import`")
    review.undo()
    assert path.read_text(encoding="utf-8") == linked
    review.undo()
    assert path.read_text(encoding="utf-8") == before


def test_link_and_unlink_refuse_in_one_line(corpus: Path) -> None:
    review = Review(corpus)
    refusals: dict[str, Callable[[], object]] = {
        "is not an entity of": lambda: review.link(OFFICE, "entity.no-such"),
        "is not an entity": lambda: review.link(OFFICE, TALKS),
        "links entity.iofs already": lambda: review.link(OFFICE, "entity.iofs"),
        "does not link entity.kazakhstan": lambda: review.unlink(OFFICE, "entity.kazakhstan"),
        "has no list of entities": lambda: review.link(STEP, "entity.iofs"),
        "no record or step row": lambda: review.link("topic.no-such", "entity.iofs"),
    }
    for reason, decide in refusals.items():
        with pytest.raises(Refused) as refused:
            decide()
        assert len(refused.value.problems) == 1 and reason in refused.value.problems[0]
    assert not review.decisions


def test_a_link_refused_by_a_conflict_lands_on_retry(corpus: Path) -> None:
    path = doc_file(corpus, "events.toml")
    review = Review(corpus)
    edited = path.read_text(encoding="utf-8") + "# TEST DATA: a note added by hand\n"
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(Conflict, match="changed on disk since it was read"):
        review.link(OFFICE, "entity.kazakhstan")
    assert path.read_text(encoding="utf-8") == edited
    assert str(review.retry()) == f"linked entity.kazakhstan to {OFFICE}"
    assert path.read_text(encoding="utf-8").endswith("# TEST DATA: a note added by hand\n")
    assert row(path, OFFICE)["entities"] == ["entity.almaty", "entity.iofs", "entity.kazakhstan"]


def test_step_rows_are_accepted_edited_and_rejected(corpus: Path) -> None:
    path = doc_file(corpus, "steps.toml")
    before = path.read_text(encoding="utf-8")
    review = Review(corpus)
    step = next(d for d in review.drafts(notes=False) if d.address == STEP)
    assert step.kind == "step" and step.quote.startswith("The IOFS opened a test office")
    text = review.document_text(DOC)
    assert step.start is not None and text[step.start :].startswith(step.quote)
    with pytest.raises(Refused, match="precision 'day' needs 1 in a quote"):
        review.edit(STEP, {"date": "2021-02-01", "precision": "day"})
    with pytest.raises(Refused, match="status 'held' needs one of held in a quote"):
        review.set_field(STEP, "status", "held")
    with pytest.raises(Refused, match="title cannot be set here: one of status, date"):
        review.set_field(STEP, "title", "A step")
    review.edit(STEP, {"date": "2021", "precision": "year"})
    edited = path.read_text(encoding="utf-8")
    assert lines_changed(before, edited) == (
        ['date = "2021-02"', 'precision = "month"'],
        ['date = "2021"', 'precision = "year"'],
    )
    review.undo()
    assert str(review.accept(STEP)) == f"accepted {STEP}"
    assert lines_changed(before, path.read_text(encoding="utf-8")) == (["draft = true"], [])
    review.undo()
    review.reject(STEP)
    assert "[[record]]" not in path.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8").startswith("# Drafts written by `oic-tui import`")
    review.undo()
    assert path.read_text(encoding="utf-8") == before


def test_accept_all_accepts_the_drafts_that_pass_as_one_decision(corpus: Path) -> None:
    events = doc_file(corpus, "events.toml")
    review = Review(corpus)
    with pytest.raises(Refused) as refused:
        review.accept_all(DOC, "event")  # neither event has its phase yet
    assert refused.value.problems[0].startswith(f"no event draft of {DOC} passes: ")
    assert "phase must be one of" in refused.value.problems[0]
    review.set_field(OFFICE, "phase", "context")
    before = events.read_text(encoding="utf-8")
    decision = review.accept_all(DOC, "event")
    assert str(decision) == f"accepted 1 event of {DOC}" and decision.count == 1
    assert lines_changed(before, events.read_text(encoding="utf-8")) == (["draft = true"], [])
    assert row(events, TALKS)["draft"] is True and "draft" not in row(events, OFFICE)
    review.undo()
    assert events.read_text(encoding="utf-8") == before


def test_accept_all_topics_and_undo_them_together(corpus: Path) -> None:
    path = doc_file(corpus, "topics.toml")
    before = path.read_text(encoding="utf-8")
    review = Review(corpus)
    decision = review.accept_all(DOC)
    assert str(decision) == f"accepted 3 topics of {DOC}" and decision.count == 3
    after = path.read_text(encoding="utf-8")
    assert lines_changed(before, after) == (["draft = true"] * 3, [])
    assert after.startswith("# Drafts written by `oic-tui import`")
    assert not [d for d in review.drafts(notes=False) if d.kind == "topic"]
    review.undo()
    assert path.read_text(encoding="utf-8") == before
    with pytest.raises(Refused, match="has no fact draft"):
        review.accept_all(DOC, "fact")


# Each decision on a file changed by hand since it was read: refused, then retried.
DECISIONS: dict[str, tuple[str, Callable[[Review], Decision], str]] = {
    "edit and accept": (
        "topics.toml",
        lambda review: review.edit(TRADE, {"title": "Trade"}, accept=True),
        f"accepted {TRADE}",
    ),
    "unlink": (
        "events.toml",
        lambda review: review.unlink(OFFICE, "entity.iofs"),
        f"unlinked entity.iofs from {OFFICE}",
    ),
    "accept all": (
        "topics.toml",
        lambda review: review.accept_all(DOC),
        f"accepted 3 topics of {DOC}",
    ),
    "unmark": (
        "document.toml",
        lambda review: review.unmark_boilerplate(DOC, 354, 358),
        f"unmarked [354, 358] of {DOC}",
    ),
    "step row": ("steps.toml", lambda review: review.accept(STEP), f"accepted {STEP}"),
}


@pytest.mark.parametrize("name", DECISIONS)
def test_each_decision_on_a_file_changed_by_hand_is_retried_then_undone(
    corpus: Path, name: str
) -> None:
    file, decide, said = DECISIONS[name]
    path = doc_file(corpus, file)
    review = Review(corpus)
    review.line_at(DOC, 0)  # the session has read the document as the screen shows it
    edited = path.read_text(encoding="utf-8") + "# TEST DATA: a note added by hand\n"
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(Conflict, match="changed on disk since it was read"):
        decide(review)
    assert path.read_text(encoding="utf-8") == edited
    assert str(review.retry()) == said
    assert path.read_text(encoding="utf-8").endswith("# TEST DATA: a note added by hand\n")
    assert path.read_text(encoding="utf-8") != edited
    assert str(review.undo()).startswith("undid ")
    assert path.read_text(encoding="utf-8") == edited


_SCRIPT = """
import sys
from oic_tui.corpus.review import Conflict, Review
review = Review(sys.argv[1])
print("loaded", flush=True)
sys.stdin.readline()
try:
    if sys.argv[2] == "link":
        print(review.link(sys.argv[3], "entity.kazakhstan"))
    else:
        print(review.accept(sys.argv[3]))
except Conflict as conflict:
    print("conflict:", conflict)
"""


def test_two_processes_deciding_in_one_file_at_once(corpus: Path) -> None:
    """Both load, then queue on the lock: the second finds the file changed and is refused
    cleanly (a Conflict, no retry here), or both land; the file parses either way."""
    path = doc_file(corpus, "topics.toml")
    before = path.read_bytes()
    processes = []
    with corpus_lock(corpus):
        for action, address in (("link", TOPIC), ("accept", TRADE)):
            process = subprocess.Popen(
                [sys.executable, "-c", _SCRIPT, str(corpus), action, address],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert process.stdout is not None and process.stdin is not None
            assert process.stdout.readline() == "loaded\n"
            processes.append(process)
        for process in processes:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
    outputs = [process.communicate(timeout=60)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0]
    done = [line for line in outputs if not line.startswith("conflict:")]
    assert len(done) >= 1
    assert all("changed on disk since it was read" in o for o in outputs if o not in done)
    rows = {r["id"]: r for r in tomllib.loads(path.read_text(encoding="utf-8"))["record"]}
    linked = f"linked entity.kazakhstan to {TOPIC}\n" in done
    accepted = f"accepted {TRADE}\n" in done
    assert linked == ("entity.kazakhstan" in rows[TOPIC].get("entities", []))
    assert accepted == ("draft" not in rows[TRADE])
    assert path.read_bytes() != before
