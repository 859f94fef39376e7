"""The `oic-tui` command line, in-process and as a real subprocess from another folder."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    MINI_TEXT,
    SHIPPED_DOC_ID,
    STORE_JSON,
    VENV_BIN,
    make_store,
    one_error_line,
    record,
    run_subprocess,
    span,
    store_data,
)

HIT_KEYS = {
    "history",
    "draft",
    "alias_scopes",
    "snippet",
    "partial_match",
    "missing_words",
    "id",
    "kind",
    "title",
    "text",
    "date",
    "date_from",
    "summary",
    "score",
    "matches",
    "entities",
    "related",
    "docs",
    "sources",
    "phase",
    "category",
    "status",
    "value",
    "proposed_by",
    "presented_by",
    "promoted_by",
    "venues",
    "type",
    "aliases",
}


# --- search --------------------------------------------------------------------------------------


def test_search_json_shape(cli: Any, shipped_text: str) -> None:
    status, out, err = cli("search", "Aral", "--json")
    assert status == 0 and err == ""
    hits = json.loads(out)
    assert isinstance(hits, list) and len(hits) == 3
    for hit in hits:
        assert set(hit) == HIT_KEYS
        assert isinstance(hit["score"], (int, float)) and hit["score"] > 0
        assert hit["kind"] in {"event", "topic", "initiative", "fact", "entity"}
        assert hit["sources"]
        for source in hit["sources"]:
            assert set(source) == {"doc", "start", "end", "quote"}
            assert source["doc"] == SHIPPED_DOC_ID
            assert shipped_text[source["start"] : source["end"]] == source["quote"]
    aral = next(h for h in hits if h["id"] == "initiative.aral-sea")
    assert aral["title"] == "Restoration of the Aral Sea region: Kazakhstan's proposal"
    assert aral["kind"] == "initiative"
    assert aral["summary"] == "supported in the resolutions"
    assert aral["date"] is None
    # Linked by the curator, then by the build to every entity its quotes name.
    assert aral["entities"] == ["entity.aral-sea", "entity.kazakhstan"]
    assert aral["related"] == ["topic.aral-sea"]
    assert aral["matches"]["title"] == ["aral"]
    assert "restoration of the Aral Sea region" in [s["quote"] for s in aral["sources"]]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_json_event_date(cli: Any) -> None:
    status, out, _ = cli("search", "Security", "term", "--kind", "event", "--json")
    assert status == 0
    hits = json.loads(out)
    assert [h["id"] for h in hits] == ["event.unsc-term"]
    assert hits[0]["date"] == {
        "start": "2017",
        "end": "2018",
        "precision": "year-range",
        "text": "2017–2018",
    }
    assert "2017–2018" in out  # not escaped as \\u2013


def test_search_kind_and_limit(cli: Any) -> None:
    status, out, _ = cli("search", "Aral", "--kind", "initiative", "--json")
    assert status == 0
    assert [h["id"] for h in json.loads(out)] == ["initiative.aral-sea"]
    status, out, _ = cli("search", "nuclear", "--kind", "initiative", "--limit", "2", "--json")
    assert status == 0
    hits = json.loads(out)
    assert len(hits) == 2 and {h["kind"] for h in hits} == {"initiative"}
    status, out, _ = cli("search", "Kazakhstan", "--limit", "5", "--json")
    assert len(json.loads(out)) == 5


def test_search_words_are_joined(cli: Any) -> None:
    _, joined, _ = cli("search", "Aral Sea", "--json")
    _, separate, _ = cli("search", "Aral", "Sea", "--json")
    assert json.loads(joined) == json.loads(separate)


def test_search_no_hits_json_is_empty_array(cli: Any) -> None:
    status, out, _ = cli("search", "zzzqqq", "--json")
    assert status == 1  # as grep: nothing found
    assert json.loads(out) == []


def test_search_table(cli: Any) -> None:
    status, out, err = cli("search", "Aral")
    assert status == 0 and err == ""
    assert "3 results for 'Aral'" in out
    assert "1 result for 'Palestine'" in cli("search", "Palestine")[1]
    assert "initiative.aral-sea" in out
    assert "Restoration of the Aral Sea region" in out
    assert "supported in the resolutions" in out


@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_search_table_never_cuts_an_id(
    cli: Any, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    status, out, _ = cli("search", "nuclear")
    assert status == 0
    assert "initiative.central-asia-nuclear-free-zone" in out
    # Snippets mark their own cuts with "…"; an id is never cut.
    assert re.search(r"\b(?:event|topic|initiative|fact|entity)\.[\w.-]*…", out) is None
    assert "supported in the resolutions" in out
    assert max(len(line) for line in out.splitlines()) <= int(columns)


def test_search_table_no_hits(cli: Any) -> None:
    status, out, _ = cli("search", "zzzqqq")
    assert status == 1
    assert "No records match zzzqqq." in out


def test_an_unknown_kind_gets_a_hint(cli: Any) -> None:
    status, out, _ = cli("search", "kind:foo")
    assert status == 1
    assert "kind:foo is not a kind: use event, topic, initiative, fact or entity" in " ".join(
        out.split()
    )


@pytest.mark.parametrize(
    ("argv", "excluded"),
    [
        (["-aral"], "aral"),
        (["--", "-aral"], "aral"),
        (["nuclear", "-semipalatinsk"], "semipalatinsk"),
        (["-semipalatinsk", "nuclear"], "semipalatinsk"),
    ],
)
def test_an_exclusion_needs_no_double_dash(cli: Any, argv: list[str], excluded: str) -> None:
    status, out, err = cli("search", "--json", *argv)
    assert status == 0 and err == ""
    ids = [hit["id"] for hit in json.loads(out)]
    assert ids and not any(excluded in i for i in ids)


def test_search_query_echo_is_inert(cli: Any) -> None:
    status, out, _ = cli("search", "\x1b[31mred\x9b2J\u202e")
    assert status == 1 and "No records match" in out
    assert not any(c in out for c in "\x1b\x9b\u202e")


@pytest.mark.parametrize(
    "argv",
    [
        ["search"],
        ["search", "x", "--kind", "opinion"],
        ["search", "x", "--limit", "many"],
        ["search", "x", "--frobnicate"],
        ["show", "x", "-y"],
        ["frobnicate"],
    ],
)
def test_bad_arguments_exit_2(cli: Any, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli(*argv)
    assert caught.value.code == 2


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_limit_must_be_positive(cli: Any, limit: str) -> None:
    status, out, err = cli("search", "Aral", "--limit", limit)
    assert status == 2 and out == ""
    assert "--limit" in one_error_line(err)


# --- show ----------------------------------------------------------------------------------------


def test_show_readable(cli: Any) -> None:
    status, out, err = cli("show", "initiative.aral-sea")
    assert status == 0 and err == ""
    for expected in [
        "Kazakhstan initiatives",
        "initiative.aral-sea",
        "Restoration of the Aral Sea region",
        "supported in the resolutions",
        "Proposed by: Kazakhstan (entity.kazakhstan)",
        "Entities: Aral Sea region (entity.aral-sea)",
        "Related: Restoration of the Aral Sea region (topic.aral-sea)",
        "“restoration of the Aral Sea region”",
        f"Source {SHIPPED_DOC_ID} [",
    ]:
        assert expected in out, expected


@pytest.mark.parametrize(
    ("record_id", "expected"),
    [
        ("topic.tolerance", ["Category: religion and dialogue", "Came up in: session theme"]),
        (
            "initiative.iofs",
            [
                "Proposed by: not stated in the article",
            ],
        ),
        ("event.session", ["Date: 27–28 May 2015 (day-range)", "When: The session"]),
        ("event.iofs-general-assembly", ["Date: undated"]),
    ],
)
def test_show_has_every_attribute_the_detail_screen_has(
    cli: Any, record_id: str, expected: list[str]
) -> None:
    status, out, _ = cli("show", record_id)
    assert status == 0
    for line in expected:
        assert line in out, line


def test_show_says_undated_once(cli: Any) -> None:
    status, out, _ = cli("show", "event.iofs-general-assembly")
    assert status == 0 and "Date: undated" in out and "(undated)" not in out


def test_show_entity_lists_backlinks(cli: Any) -> None:
    status, out, _ = cli("show", "entity.astana")
    assert status == 0
    assert "Named in the article as: Astana; ASTANA" in out
    assert "Mentioned by:" in out and "(initiative.iofs)" in out


def test_show_json_resolves_links(cli: Any, shipped_text: str) -> None:
    status, out, err = cli("show", "initiative.aral-sea", "--json")
    assert status == 0 and err == ""
    data = json.loads(out)
    assert data["id"] == "initiative.aral-sea"
    assert data["title"] == "Restoration of the Aral Sea region: Kazakhstan's proposal"
    assert [e["id"] for e in data["entities"]] == ["entity.aral-sea", "entity.kazakhstan"]
    assert data["entities"][0]["title"] == "Aral Sea region"
    assert data["entities"][0]["summary"] == "place"
    assert [r["id"] for r in data["related"]] == ["topic.aral-sea"]
    assert data["related"][0]["kind"] == "topic"
    assert data["mentioned_by"] == []
    for source in data["sources"]:
        assert shipped_text[source["start"] : source["end"]] == source["quote"]


@pytest.mark.parametrize(
    ("record_id", "expected"),
    [
        ("entity.astana", {"type": "city", "aliases": ["Astana", "ASTANA"]}),
        ("event.session", {"phase": "session"}),
        ("topic.tolerance", {"category": "religion and dialogue", "venues": ["session theme"]}),
        ("initiative.iofs", {"proposed_by": [], "presented_by": []}),
    ],
)
def test_show_json_has_every_attribute_the_detail_screen_has(
    cli: Any, record_id: str, expected: dict[str, Any]
) -> None:
    status, out, _ = cli("show", record_id, "--json")
    assert status == 0
    data = json.loads(out)
    for key, value in expected.items():
        assert data[key] == value, key


def test_links_the_quotes_do_not_name_say_from_context(cli: Any) -> None:
    status, out, _ = cli("show", "fact.population")
    assert status == 0 and "(entity.oic-member-states, from context)" in out
    status, out, _ = cli("show", "fact.population", "--json")
    assert [e["named_in_quotes"] for e in json.loads(out)["entities"]] == [False]
    status, out, _ = cli("show", "initiative.aral-sea", "--json")
    assert all(e["named_in_quotes"] for e in json.loads(out)["entities"])
    status, out, _ = cli("show", "initiative.aral-sea")
    assert "from context" not in out


def test_show_json_entity_backlinks(cli: Any) -> None:
    status, out, _ = cli("show", "entity.astana", "--json")
    assert status == 0
    data = json.loads(out)
    assert "initiative.iofs" in data["mentioned_by"]
    # Every record whose quotes name Astana (or ASTANA), linked by the build.
    assert len(data["mentioned_by"]) == 13
    assert "event.bilateral-meetings" in data["mentioned_by"]


def test_show_event_date(cli: Any) -> None:
    status, out, _ = cli("show", "event.session", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["date"] == {
        "start": "2015-05-27",
        "end": "2015-05-28",
        "precision": "day-range",
        "text": "27–28 May 2015",
    }
    assert data["summary"] == "27–28 May 2015"


@pytest.mark.parametrize(
    ("record_id", "start", "end", "precision", "text"),
    [
        ("event.oic-founded", "1969", "1969", "year", "1969"),
        ("event.kazakhstan-joins", "1995-12", "1995-12", "month", "Dec 1995"),
        ("event.report-published", "2015-05-29", "2015-05-29", "day", "29 May 2015"),
        ("event.debate", "2015-05-27", "2015-05-28", "within", "during 27–28 May 2015"),
    ],
)
def test_json_dates_are_iso_at_their_precision(
    cli: Any, record_id: str, start: str, end: str, precision: str, text: str
) -> None:
    for fmt in ("json", "jsonl"):
        status, out, _ = cli("show", record_id, "--format", fmt)
        assert status == 0
        date = json.loads(out)["date"]
        assert date == {"start": start, "end": end, "precision": precision, "text": text}


def test_a_record_without_a_date_has_null(cli: Any) -> None:
    for record_id in ("event.expo-2017", "fact.founded", "initiative.aral-sea"):
        status, out, _ = cli("show", record_id, "--json")
        assert status == 0 and json.loads(out)["date"] is None, record_id
    status, out, _ = cli("show", "initiative.iofs", "--json")
    (step,) = json.loads(out)["history"]
    assert step["date"]["start"] == "2015-05-27" and step["date"]["precision"] == "within"


def test_show_unknown_id(cli: Any) -> None:
    status, out, err = cli("show", "initiative.nowhere")
    assert status == 2 and out == ""
    line = one_error_line(err)
    assert "initiative.nowhere" in line and str(STORE_JSON) in line
    status, out, err = cli("show", "initiative.nowhere", "--json")
    assert status == 2 and out == ""
    one_error_line(err)


# --- check ---------------------------------------------------------------------------------------


def test_check_shipped_store(cli: Any) -> None:
    status, out, err = cli("check")
    assert status == 0 and err == ""
    assert f"{SHIPPED_DOC_ID}: sentence coverage 22/22 (100%)" in out
    assert "85 records, 0 problems" in out
    assert "problem:" not in out


@pytest.mark.parametrize("how", ["--db first", "--db after", "positional"])
def test_check_small_clean_store(cli: Any, mini_store_path: Path, how: str) -> None:
    args = {
        "--db first": ("--db", mini_store_path, "check"),
        "--db after": ("check", "--db", mini_store_path),
        "positional": ("check", mini_store_path),
    }[how]
    status, out, _ = cli(*args)
    assert status == 0
    assert "mini-doc: sentence coverage 5/5 (100%)" in out
    assert "7 records, 0 problems" in out


def test_check_store_with_bad_records(cli: Any, tmp_path: Path) -> None:
    bad = record("fact.mismatch", "fact", ["Kuwait"])
    bad["sources"][0]["quote"] = "Jeddah"
    rows = [
        *store_data()["records"].values(),
        bad,
        record("opinion.bad-kind", "opinion", ["Kuwait"]),
        record("fact.dangling", "fact", ["Kuwait"], entities=["entity.nowhere"]),
    ]
    status, out, err = cli("--db", make_store(tmp_path, rows), "check")
    assert status == 1 and err == ""
    problems = [line for line in out.splitlines() if line.startswith("problem: ")]
    assert len(problems) == 3
    assert any("fact.mismatch" in p for p in problems)
    assert any("opinion.bad-kind" in p for p in problems)
    assert any("entity.nowhere" in p for p in problems)
    assert "8 records, 3 problems" in out


def test_check_reports_uncovered_sentences(cli: Any, tmp_path: Path) -> None:
    rows = [r for r in store_data()["records"].values() if r["id"] != "fact.members"]
    status, out, _ = cli("--db", make_store(tmp_path, rows), "check")
    assert status == 1
    assert "mini-doc: sentence coverage 4/5 (80%)" in out
    assert "It has 56 member states." in out


# --- broken stores -------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["search", "x"], ["show", "x"], ["check"]])
def test_missing_store_is_one_line_exit_2(cli: Any, tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "missing.json"
    status, out, err = cli("--db", missing, *command)
    assert status == 2 and out == ""
    line = one_error_line(err)
    assert str(missing) in line and "no such file" in line
    assert not missing.exists()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"", "is empty"), (b"{not json", "is not valid JSON"), (b"[]", "not a JSON object")],
)
def test_broken_store_is_one_line_exit_2(
    cli: Any, tmp_path: Path, content: bytes, fragment: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    status, out, err = cli("--db", path, "search", "x")
    assert status == 2 and out == ""
    line = one_error_line(err)
    assert str(path) in line and fragment in line


def test_hostile_store_output_is_inert(cli: Any, tmp_path: Path) -> None:
    text = MINI_TEXT.replace("Kuwait", "Ku\x1b[2Jwait", 1)
    row = record(
        "fact.evil",
        "fact",
        [],
        title="Evil \x1b]0;pwned\x07 [bold]markup[/bold] \u202etitle",
        sources=[span("Ku\x1b[2Jwait", text=text)],
    )
    assert "\x1b" in row["sources"][0]["quote"]
    path = make_store(tmp_path, [row], text=text, ensure_ascii=True)
    for argv in (["search", "evil"], ["search", "evil", "--json"], ["show", "fact.evil"]):
        status, out, err = cli("--db", path, *argv)
        assert status == 0, err
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "[bold]markup[/bold]" in out  # shown literally, never as Rich markup


# --- the explorer needs a terminal ---------------------------------------------------------------


def test_no_command_without_a_terminal(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    status, out, err = cli()
    assert status == 2 and out == ""
    assert "oic-tui search" in one_error_line(err)


def test_explorer_on_a_broken_store_says_why_on_stderr_after_quitting(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import asyncio

    from oic_tui.cli.launch import launch
    from oic_tui.tui.app import OicApp

    def run_and_quit(app: OicApp) -> None:
        async def drive() -> None:
            async with app.run_test(size=(80, 24)) as pilot:
                await app.workers.wait_for_complete()
                await pilot.pause()
                await pilot.press("q")

        asyncio.run(drive())

    monkeypatch.setattr(OicApp, "run", run_and_quit)
    monkeypatch.setattr(sys, "stdin", type("Tty", (io.StringIO,), {"isatty": lambda _: True})())
    monkeypatch.setattr(sys, "stdout", type("Tty", (io.StringIO,), {"isatty": lambda _: True})())
    missing = tmp_path / "missing.json"
    status = launch(missing)
    line = one_error_line(capsys.readouterr().err)
    assert status == 2 and str(missing) in line and "no such file" in line
    assert not missing.exists()


# --- real subprocesses from another folder ------------------------------------------------------


def test_subprocess_search_json_from_another_cwd(tmp_path: Path) -> None:
    result = run_subprocess([str(VENV_BIN / "oic-tui"), "search", "Aral", "--json"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert "initiative.aral-sea" in [h["id"] for h in hits]
    assert list(tmp_path.iterdir()) == []


def test_subprocess_python_m_with_relative_db(tmp_path: Path) -> None:
    (tmp_path / "copy.json").write_bytes(STORE_JSON.read_bytes())
    result = run_subprocess(
        [str(VENV_BIN / "python"), "-m", "oic_tui", "--db", "copy.json", "show", "entity.iofs"],
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Islamic Organization for Food Security" in result.stdout


def test_subprocess_missing_db(tmp_path: Path) -> None:
    result = run_subprocess(
        [str(VENV_BIN / "oic-tui"), "--db", "missing.json", "search", "x"], cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stdout == ""
    line = one_error_line(result.stderr)
    assert "missing.json" in line
    assert not (tmp_path / "missing.json").exists()
    assert list(tmp_path.iterdir()) == []


def test_subprocess_no_command_without_a_terminal(tmp_path: Path) -> None:
    result = run_subprocess([str(VENV_BIN / "oic-tui")], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "oic-tui search" in one_error_line(result.stderr)


def test_empty_query_is_an_error(cli: Any) -> None:
    status, out, err = cli("search", "  ")
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "query is empty" in err
