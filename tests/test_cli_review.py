"""`oic-tui drafts`, `accept` and `reject` on a corpus made by `init` and `import`."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path
from typing import Any

from helpers import imported_fixtures

from oic_tui.corpus.folder import corpus_stale, find_corpus

# TEST DATA: a short fictional report, written for these tests only.
REPORT = (
    "TEST DATA. The Foreign Minister of Kazakhstan Test Person held talks with the OIC "
    "Secretary General on 3 March 2021 in Astana. The sides discussed food security.\n"
)
DOC = "test-cli-review"
EVENT, TOPIC, MARK = f"event.{DOC}.s2", f"topic.{DOC}.s3", f"topic.{DOC}.s1"


imported, corpus = imported_fixtures(REPORT, "cli-review", "--id", DOC, "--date", "2021-03-04")


def test_drafts_lists_them_by_document_in_every_format(cli: Any, corpus: Path) -> None:
    status, out, _ = cli("drafts", "--corpus", corpus)
    assert status == 0
    assert out.splitlines()[0] == f"{DOC}:"
    assert f"  {EVENT}  event  " in out
    _, ids, _ = cli("drafts", "--corpus", corpus, "--format", "ids")
    assert {EVENT, TOPIC, MARK} <= set(ids.split())
    _, text, _ = cli("drafts", "--corpus", corpus, "--json")
    rows = json.loads(text)
    event = next(row for row in rows if row["id"] == EVENT)
    assert event["file"] == f"documents/{DOC}/events.toml" and event["doc"] == DOC
    assert set(event) == {"id", "kind", "title", "doc", "file", "notes"}
    _, table, _ = cli("drafts", "--corpus", corpus, "--format", "csv")
    assert next(csv.reader(io.StringIO(table))) == ["id", "kind", "title", "doc", "file", "notes"]
    _, md, _ = cli("drafts", "--corpus", corpus, "--format", "md")
    assert md.startswith(f"## {DOC}\n")


def test_accept_says_each_id_and_rebuilds_once(cli: Any, corpus: Path) -> None:
    status, out, err = cli("accept", TOPIC, EVENT, "--corpus", corpus)
    assert status == 2  # the event's phase is for the review to set
    assert out.splitlines()[0] == f"accepted {TOPIC}"
    assert out.splitlines()[-1].startswith("built ")
    refusal, *notes = err.splitlines()
    assert refusal.startswith(f"oic-tui accept: {EVENT}: not accepted: ")
    # The rebuild sums up the notes on drafts left, in one line, instead of listing them.
    assert notes == [
        "oic-tui build: 1 note on drafts still to review (`oic-tui drafts --corpus DIR` lists them)"
    ]
    assert "phase must be one of" in err
    assert not corpus_stale(find_corpus(corpus))
    rows = tomllib.loads((corpus / "documents" / DOC / "topics.toml").read_text("utf-8"))
    assert "draft" not in next(r for r in rows["record"] if r["id"] == TOPIC)
    _, ids, _ = cli("drafts", "--corpus", corpus, "--format", "ids")
    assert TOPIC not in ids.split() and EVENT in ids.split()


def test_reject_removes_drafts_and_refuses_linked_ones(cli: Any, corpus: Path) -> None:
    status, out, _ = cli("reject", MARK, "--corpus", corpus)
    assert (status, out.splitlines()[0]) == (0, f"rejected {MARK}")
    assert MARK not in (corpus / "documents" / DOC / "topics.toml").read_text("utf-8")
    status, out, err = cli("reject", "topic.no-such", "--corpus", corpus)
    assert status == 2 and out == ""
    assert err.startswith("oic-tui reject: topic.no-such: not rejected: ")


def test_the_commands_need_a_corpus(cli: Any) -> None:
    for argv in (["drafts"], ["accept", "x"], ["reject", "x"]):
        status, _, err = cli(*argv)
        assert status == 2 and "--corpus DIR" in err


def test_drafts_markdown_writes_store_text_as_data(cli: Any, corpus: Path) -> None:
    from oic_tui.corpus.review import Review

    Review(corpus).set_field(TOPIC, "title", "Test *bold* &lrm; [x](y)")
    status, out, _ = cli("drafts", "--corpus", corpus, "--format", "md")
    assert status == 0
    line = next(line for line in out.splitlines() if TOPIC in line)
    assert line.endswith(r"Test \*bold\* &amp;lrm; \[x\](y)")
