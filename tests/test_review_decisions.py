"""Decisions on drafts (oic_tui/corpus/review.py): written at once, checked, never losing text."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import imported_fixtures
from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.corpus.annotations import toml_string
from oic_tui.corpus.lock import corpus_lock
from oic_tui.corpus.review import Conflict, Refused, Review
from oic_tui.corpus.toml_edit import edit_text

# TEST DATA: a short fictional report, written for these tests only.
REPORT = (
    "TEST DATA. The Foreign Minister of Kazakhstan Test Person held talks with the OIC "
    "Secretary General on 3 March 2021 in Astana. Kazakhstan proposed to establish a Test "
    "Water Centre in Almaty. The sides discussed food security.\n"
)
DOC = "test-review"
EVENT, TOPIC, OTHER_TOPIC = f"event.{DOC}.s2", f"topic.{DOC}.s4", f"topic.{DOC}.s1"


imported, corpus = imported_fixtures(REPORT, "review", "--id", DOC, "--date", "2021-03-04")


def doc_file(corpus: Path, name: str) -> Path:
    return corpus / "documents" / DOC / name


def test_the_imported_drafts_are_listed_by_document(corpus: Path) -> None:
    drafts = Review(corpus).drafts()
    addresses = [d.address for d in drafts]
    assert {EVENT, TOPIC, OTHER_TOPIC} <= set(addresses)
    assert {d.doc for d in drafts} == {DOC}
    event = next(d for d in drafts if d.address == EVENT)
    assert event.kind == "event" and event.path == doc_file(corpus, "events.toml")


def test_accept_removes_only_the_draft_line_and_keeps_comments(corpus: Path) -> None:
    path = doc_file(corpus, "topics.toml")
    before = path.read_text(encoding="utf-8")
    decision = Review(corpus).accept(TOPIC)
    after = path.read_text(encoding="utf-8")
    assert str(decision) == f"accepted {TOPIC}"
    assert after.count("draft = true") == before.count("draft = true") - 1
    # One line less: every other line, comments too, as it was.
    assert len(after.splitlines()) == len(before.splitlines()) - 1
    assert set(after.splitlines()) == set(before.splitlines())
    assert after.startswith("# Drafts written by `oic-tui import`")
    rows = {row["id"]: row for row in tomllib.loads(after)["record"]}
    assert "draft" not in rows[TOPIC] and rows[OTHER_TOPIC]["draft"] is True


def test_a_blocked_accept_writes_nothing_and_names_the_rule(corpus: Path) -> None:
    path = doc_file(corpus, "events.toml")
    before = path.read_bytes()
    with pytest.raises(Refused) as refused:
        Review(corpus).accept(EVENT)  # the report names no session: the phase is the review's
    assert path.read_bytes() == before
    assert len(refused.value.problems) == 1
    assert "phase must be one of" in refused.value.problems[0]
    assert EVENT in refused.value.problems[0] and "events.toml" in refused.value.problems[0]


def test_set_field_then_accept_and_undo_restores_the_bytes(corpus: Path) -> None:
    path = doc_file(corpus, "events.toml")
    note = "\n# TEST DATA: a reviewer's note below the record\n"
    path.write_text(path.read_text(encoding="utf-8") + note, encoding="utf-8")
    original = path.read_bytes()
    review = Review(corpus)
    review.set_field(EVENT, "phase", "session")
    review.accept(EVENT)
    text = path.read_text(encoding="utf-8")
    # The new key goes after the record's last key, not after the comment that follows it.
    assert text.endswith('phase = "session"\n' + note)
    row = next(r for r in tomllib.loads(text)["record"] if r["id"] == EVENT)
    assert row["phase"] == "session" and "draft" not in row
    assert text.startswith("# Drafts written by `oic-tui import`")
    assert str(review.undo()) == f"undid {EVENT}"
    assert str(review.undo()) == f"undid {EVENT}"
    assert path.read_bytes() == original
    assert review.undo() is None


def test_an_edit_that_breaks_a_rule_writes_nothing(corpus: Path) -> None:
    path = doc_file(corpus, "events.toml")
    before = path.read_bytes()
    with pytest.raises(Refused) as refused:
        Review(corpus).set_field(EVENT, "precision", "fortnight")
    assert path.read_bytes() == before
    assert "precision must be one of" in refused.value.problems[0]
    with pytest.raises(Refused, match="cannot be set here"):
        Review(corpus).set_field(EVENT, "quotes", "x")


def test_reject_removes_the_table_and_keeps_the_comments(corpus: Path) -> None:
    path = doc_file(corpus, "topics.toml")
    review = Review(corpus)
    original = path.read_bytes()
    review.reject(OTHER_TOPIC)
    text = path.read_text(encoding="utf-8")
    assert OTHER_TOPIC not in text and TOPIC in text
    assert text.startswith("# Drafts written by `oic-tui import`")
    assert "\n\n\n" not in text
    review.undo()
    assert path.read_bytes() == original


def test_reject_is_refused_while_a_record_links_to_it(corpus: Path) -> None:
    linked = next(d.address for d in Review(corpus).drafts() if d.kind == "entity")
    path = next(d.path for d in Review(corpus).drafts() if d.kind == "entity")
    before = path.read_bytes()
    with pytest.raises(Refused) as refused:
        Review(corpus).reject(linked)
    assert path.read_bytes() == before
    assert all(linked in problem for problem in refused.value.problems)
    assert any("dangles" in problem for problem in refused.value.problems)


def test_only_drafts_are_accepted_and_unknown_ids_are_said(corpus: Path) -> None:
    review = Review(corpus)
    review.accept(TOPIC)
    with pytest.raises(Refused, match="is not a draft"):
        review.accept(TOPIC)
    with pytest.raises(Refused, match="no record or step row"):
        review.reject("topic.no-such")


def test_a_file_changed_on_disk_is_a_conflict_then_the_retry_lands(corpus: Path) -> None:
    path = doc_file(corpus, "topics.toml")
    review = Review(corpus)
    edited = path.read_text(encoding="utf-8") + "# TEST DATA: a note added by hand\n"
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(Conflict) as conflict:
        review.accept(TOPIC)
    assert "changed on disk since it was read; reloaded: decide again" in str(conflict.value)
    assert path.read_text(encoding="utf-8") == edited
    assert str(review.retry()) == f"accepted {TOPIC}"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("# TEST DATA: a note added by hand\n")
    assert "draft" not in next(r for r in tomllib.loads(text)["record"] if r["id"] == TOPIC)


def test_undo_refuses_a_file_changed_since_then_undoes_the_one_before(corpus: Path) -> None:
    path = doc_file(corpus, "topics.toml")
    events = doc_file(corpus, "events.toml")
    original_events = events.read_bytes()
    review = Review(corpus)
    review.reject(EVENT)
    review.accept(TOPIC)
    path.write_text(path.read_text(encoding="utf-8") + "# TEST DATA\n", encoding="utf-8")
    with pytest.raises(Refused, match=r"changed on disk since accepted.*u now undoes the one"):
        review.undo()
    assert path.read_text(encoding="utf-8").endswith("# TEST DATA\n")
    # The accept can never be undone now: the reject before it can.
    assert str(review.undo()) == f"undid {EVENT}"
    assert events.read_bytes() == original_events
    assert path.read_text(encoding="utf-8").endswith("# TEST DATA\n")
    assert review.undo() is None


_SCRIPT = """
import sys
from oic_tui.corpus.review import Conflict, Review
review = Review(sys.argv[1])
print("loaded", flush=True)
sys.stdin.readline()
try:
    print(review.accept(sys.argv[2]))
except Conflict:
    print(review.retry())
"""


def test_two_processes_accepting_in_one_file_both_land(corpus: Path) -> None:
    path = doc_file(corpus, "topics.toml")
    processes = []
    with corpus_lock(corpus):  # both load, then queue on the lock
        for record_id in (TOPIC, OTHER_TOPIC):
            process = subprocess.Popen(
                [sys.executable, "-c", _SCRIPT, str(corpus), record_id],
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
    assert sorted(outputs) == sorted(f"accepted {i}\n" for i in (TOPIC, OTHER_TOPIC))
    rows = tomllib.loads(path.read_text(encoding="utf-8"))["record"]
    assert not any(row.get("draft") for row in rows if row["id"] in (TOPIC, OTHER_TOPIC))


# Round trips: generated annotation TOML (TEST DATA), loaded and written with no decision.
_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
_key = st.from_regex(r"[a-z][a-z_]{0,6}", fullmatch=True)
_comment = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=15
).map(lambda text: f"# {text}")
_value = st.one_of(
    _text.map(toml_string),
    st.lists(_text.map(toml_string), max_size=3).map(lambda v: "[" + ", ".join(v) + "]"),
    st.lists(_text.map(toml_string), max_size=3).map(lambda v: "[\n  " + ",\n  ".join(v) + "\n]"),
    _text.map(lambda t: "{name = " + toml_string(t) + ', docs = ["x"]}'),
    st.integers(-5, 5).map(str),
    st.booleans().map(lambda b: str(b).lower()),
)
_line = st.one_of(
    st.tuples(_key, st.sampled_from([" = ", "=", "  =  "]), _value, st.sampled_from(["", "  # é"])),
    _comment,
    st.just(""),
)


@st.composite
def _annotation_toml(draw: st.DrawFn) -> str:
    lines = [draw(_comment), 'kind = "topic"']
    for _ in range(draw(st.integers(1, 4))):
        lines += ["", "[[record]]"]
        used: set[str] = set()
        for line in draw(st.lists(_line, max_size=6)):
            if isinstance(line, tuple):
                if line[0] in used:
                    continue
                used.add(line[0])
                line = "".join(line)
            lines.append(line)
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=150, deadline=None)
@given(_annotation_toml(), st.data())
def test_no_decision_writes_the_same_bytes(text: str, data: st.DataObject) -> None:
    rows = tomllib.loads(text)["record"]
    index = data.draw(st.integers(0, len(rows) - 1))
    assert edit_text(text, index, {}) == text


def test_a_review_with_no_decision_leaves_every_file_as_it_was(corpus: Path) -> None:
    files = {p: p.read_bytes() for p in corpus.rglob("*.toml")}
    review = Review(corpus)
    review.drafts()
    assert {p: p.read_bytes() for p in corpus.rglob("*.toml")} == files
    for path in files:
        if path.name not in ("document.toml", "corpus.toml", "synonyms.toml"):
            assert review.text_of(path).encode("utf-8") == files[path]


_ids = st.lists(st.from_regex(r"entity\.[a-z]{1,6}", fullmatch=True), max_size=4, unique=True)
# How a list of ids is written: import's one line, tight with a comment, one id a line.
_list_layouts = st.sampled_from(
    [
        lambda ids: "[" + ", ".join(ids) + "]",
        lambda ids: "[" + ",".join(ids) + "]  # é",
        lambda ids: "[" + "".join(f"\n  {i}," for i in ids) + "\n]",
    ]
)


@settings(max_examples=150, deadline=None)
@given(_annotation_toml(), _ids, _list_layouts, st.data())
def test_an_id_linked_then_unlinked_gives_back_the_same_bytes(
    text: str, ids: list[str], layout: Callable[[list[str]], str], data: st.DataObject
) -> None:
    """A link's edit is undone by the unlink's: the list's layout and comments stay.

    Not quite every layout: a list of one id a line with no comma after the last gets one
    from a link at its end, and odd spaces (`[ "a" ]`) may not come back; the TOML holds the
    same either way, and undo writes back the bytes themselves."""
    text += f"\n[[record]]\nentities = {layout([toml_string(i) for i in ids])}\n# after\n"
    index = len(tomllib.loads(text)["record"]) - 1
    at = data.draw(st.integers(0, len(ids)))
    linked = edit_text(text, index, {"entities": [*ids[:at], "entity.test", *ids[at:]]})
    assert tomllib.loads(linked)["record"][index]["entities"][at] == "entity.test"
    assert edit_text(linked, index, {"entities": ids}) == text
