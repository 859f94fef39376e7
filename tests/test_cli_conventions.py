"""CLI conventions users know from grep, ripgrep and gh: exit codes, usage, kinds, hints."""

from __future__ import annotations

import json
from typing import Any

import pytest

from oic_tui import __version__


def test_exit_status_is_0_with_hits_1_without_2_on_errors(cli: Any) -> None:
    assert cli("search", "Aral")[0] == 0
    assert cli("search", "Aral", "--json")[0] == 0
    assert cli("search", "zzzqqq")[0] == 1
    assert cli("search", "zzzqqq", "--json")[0] == 1
    assert cli("search", "Aral", "--limit", "0")[0] == 2
    assert cli("show", "no.such-id")[0] == 2


def test_version(cli: Any, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli("--version")
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"oic-tui {__version__}\n"


def test_search_without_a_query_prints_the_search_usage(
    cli: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli("search")
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: oic-tui search ")
    assert "oic-tui search: error: the following arguments are required: query" in err


@pytest.mark.parametrize("kind", ["initiative", "initiatives", "Initiatives"])
def test_kind_takes_plurals(cli: Any, kind: str) -> None:
    status, out, _ = cli("search", "nuclear", "--kind", kind, "--json")
    assert status == 0
    assert {hit["kind"] for hit in json.loads(out)} == {"initiative"}


def test_repeated_kind_means_either_and_the_heading_says_so(cli: Any) -> None:
    status, out, _ = cli("search", "nuclear", "--kind", "initiative", "--kind", "topics", "--json")
    hits = json.loads(out)
    assert status == 0 and {hit["kind"] for hit in hits} == {"initiative", "topic"}
    everything = json.loads(cli("search", "nuclear", "--json")[1])
    either = [h["id"] for h in everything if h["kind"] in ("initiative", "topic")]
    assert [hit["id"] for hit in hits] == either  # the ranking of all, filtered
    limited = json.loads(
        cli(
            "search", "nuclear", "--kind", "initiative", "--kind", "topic", "--limit", "2", "--json"
        )[1]
    )
    assert [hit["id"] for hit in limited] == either[:2]
    _, table, _ = cli("search", "nuclear", "--kind", "initiative", "--kind", "topic")
    assert "(kind: initiative or topic)" in table.splitlines()[0]


def test_an_unknown_kind_option_is_an_error_naming_the_kinds(
    cli: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli("search", "nuclear", "--kind", "foo")
    assert exited.value.code == 2
    assert "'foo' is not a kind: use event, topic, initiative, fact or entity" in (
        capsys.readouterr().err
    )


def test_an_unknown_id_gets_suggestions(cli: Any) -> None:
    status, _, err = cli("show", "aral-sea")
    assert status == 2
    assert err.rstrip().endswith(
        "no record with id 'aral-sea'; did you mean entity.aral-sea, topic.aral-sea, "
        "initiative.aral-sea?"
    )
    _, _, typo = cli("show", "initiative.aral-seaa")
    assert "did you mean initiative.aral-sea" in typo
    _, _, none = cli("show", "zzzzzz")
    assert "did you mean" not in none


def test_help_says_the_syntax_the_limit_and_what_build_writes(
    cli: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv, wanted in (
        (("search", "--help"), ["query syntax", '"food security"', "shows 50", "exit 0 with hits"]),
        (("build", "--help"), ["oic_cfm42.json", "atomically", "search index"]),
    ):
        with pytest.raises(SystemExit):
            cli(*argv)
        out = " ".join(capsys.readouterr().out.split())
        assert all(w in out for w in wanted), (argv, out)
