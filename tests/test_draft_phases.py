"""Imported drafts: phases from the session the text reports; its metadata is no event."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from oic_tui.corpus.folder import find_corpus, init_corpus
from oic_tui.ingest.datelines import read_text_meta
from oic_tui.ingest.drafts import draft_annotations
from oic_tui.store.check import check_store
from oic_tui.store.mentions import AliasIndex
from oic_tui.store.reader import Store, data_dir

# TEST DATA: short fictional reports written for these tests, in the shapes of real ones.
DHAKA = (
    "DHAKA, May 7, 2018 (Test Wire) - The 45th session of the OIC CFM was held on May 5-6, "
    "2018 in Dhaka. In April 2018 the senior officials prepared the agenda. The next session "
    "will be held in 2019.\n"
)
LATE = (
    "ASTANA. July 3, 2011. KAZINFORM - The 38th session of the OIC CFM took place on 28-30 "
    "June 2011 in Astana. On July 1 the delegations left the city.\n"
)
STAMPED = (
    "date 2019-12-13\n"
    "A test headline about food security\n"
    "13 December 2019, 07:40\n"
    "NUR-SULTAN. KAZINFORM - The experts discussed grain reserves. On December 10 the "
    "working group met its partners.\n"
)
NO_SESSION = (
    "ALMATY. KAZINFORM - The institute published a study in March 2020. Its authors "
    "presented it on 4 April 2020.\n"
)


def drafted(text: str, date_hint: str = "") -> dict[str, Any]:
    """The draft files of a text, read as TOML, with the events.toml text itself."""
    meta = read_text_meta(text, date_hint)
    dateline = (meta.dateline_start, meta.dateline_end) if meta.dateline_start >= 0 else None
    drafts = draft_annotations("doc", text, meta.date, AliasIndex([]), dateline, meta.head_end)
    files: dict[str, Any] = {n: tomllib.loads(b) for n, b in drafts.files.items()}
    files["events.toml text"] = drafts.files["events.toml"]
    return files


def events(files: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["text"]: r for r in files["events.toml"].get("record", [])}


def quoted(files: dict[str, Any]) -> list[str]:
    """Every quote of every active draft."""
    records = [
        r
        for name in ("events.toml", "topics.toml", "initiatives.toml")
        for r in files[name].get("record", [])
    ]
    return [q if isinstance(q, str) else q["text"] for r in records for q in r["quotes"]]


def test_an_event_before_the_session_is_context() -> None:
    found = events(drafted(DHAKA))
    session = found["The 45th session of the OIC CFM was held on May 5-6, 2018 in Dhaka."]
    assert session["phase"] == "session"
    assert found["In April 2018 the senior officials prepared the agenda."]["phase"] == "context"
    assert found["The next session will be held in 2019."]["phase"] == "after"


def test_the_dateline_after_the_session_is_no_event_and_a_later_day_is_after() -> None:
    files = drafted(LATE)
    found = events(files)
    assert found["On July 1 the delegations left the city."]["phase"] == "after"
    assert found["On July 1 the delegations left the city."]["date"] == "2011-07-01"
    # The year is the dateline's: the event quotes it too, though it is no event itself.
    assert "ASTANA. July 3, 2011. KAZINFORM -" in quoted(files)
    assert all(r["date"] != "2011-07-03" for r in found.values())
    assert not any(t.startswith("ASTANA.") for t in found)


def test_the_date_line_and_the_time_stamp_are_neither_events_nor_topics() -> None:
    files = drafted(STAMPED)
    texts = [r["text"] for n in ("events.toml", "topics.toml") for r in files[n].get("record", [])]
    assert texts == [
        "On December 10 the working group met its partners.",
        "The experts discussed grain reserves.",
    ]
    assert not any("07:40" in q or "date 2019" in q for q in quoted(files))


def test_a_text_reporting_no_session_gives_its_drafts_no_phase() -> None:
    found = events(drafted(NO_SESSION, "2020-04-10"))
    assert len(found) == 2
    assert all("phase" not in r for r in found.values())


def test_the_publication_is_a_commented_out_event_quoting_the_metadata() -> None:
    files = drafted(STAMPED)
    assert all(not r["id"].endswith(".published") for r in files["events.toml"]["record"])
    text = files["events.toml text"]
    assert '# id = "event.doc.published"' in text
    assert '# phase = "after"' in text
    assert "# quotes = [" in text and "13 December 2019, 07:40" in text
    # Uncommented, it is a record that reads.
    stub = [line[2:] for line in text.splitlines() if re.match(r"# [a-z_]+ = ", line)]
    record = tomllib.loads("\n".join(stub))
    assert record["date"] == "2019-12-13" and record["draft"] is True


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return init_corpus(tmp_path / "corpus", data_dir()).root


def test_the_reports_import_build_and_check(cli: Any, corpus: Path, tmp_path: Path) -> None:
    paths = []
    for number, text in enumerate((DHAKA, LATE, STAMPED, NO_SESSION)):
        paths.append(tmp_path / f"report{number}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    status, _, err = cli("import", *paths[:3], "--corpus", corpus)
    assert status == 0, err
    # No date in its dateline: given on the command line.
    status, _, err = cli("import", paths[3], "--date", "2020-04-10", "--corpus", corpus)
    assert status == 0, err
    # A draft event without a phase builds, and its notes say what its review must set.
    status, out, _ = cli("drafts", "--corpus", corpus, "--format", "json")
    unplaced = [d for d in json.loads(out) if d["kind"] == "event" and d["doc"] != "shared"]
    assert any("set its phase (context, session, after)" in " ".join(d["notes"]) for d in unplaced)
    store = Store.open(find_corpus(corpus).store_path)
    assert len(store.documents) == 5
    assert check_store(store).problems == []
    phases = {r.text: r.phase for r in store.by_kind("event") if r.draft}
    assert phases["In April 2018 the senior officials prepared the agenda."] == "context"
    assert phases["Its authors presented it on 4 April 2020."] == ""
