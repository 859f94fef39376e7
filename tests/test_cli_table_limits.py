"""The CLI table is bounded (rows and cells) whatever the store holds; --json stays whole."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import default_records, make_store, record

from oic_tui.cli.main import TABLE_ROWS
from oic_tui.cli.output import ID_CELL

MANY = TABLE_ROWS + 25


@pytest.fixture
def many_hits(tmp_path: Path) -> Path:
    """A store where MANY records match `Kuwait`."""
    rows = [record(f"entity.k{n:03}", title=f"Kuwait {n}") for n in range(MANY)]
    return make_store(tmp_path, [*default_records(), *rows])


def table_rows(out: str) -> list[str]:
    """The rows of a wide table: each has its score in the last column."""
    return [line for line in out.splitlines() if re.search(r"\d\.\d\d │$", line)]


def test_the_table_shows_a_default_maximum_of_rows(cli: Any, many_hits: Path) -> None:
    status, out, err = cli("--db", many_hits, "search", "Kuwait")
    assert status == 0 and err == ""
    assert len(table_rows(out)) == TABLE_ROWS
    assert f"{MANY + 2} results for 'Kuwait'" in out
    assert out.splitlines()[-1].startswith(f"{MANY + 2 - TABLE_ROWS} more, use --limit")


def test_limit_chooses_how_many_rows(cli: Any, many_hits: Path) -> None:
    status, out, _ = cli("--db", many_hits, "search", "Kuwait", "--limit", str(MANY + 10))
    assert status == 0
    assert len(table_rows(out)) == MANY + 2 and "more, use --limit" not in out
    _, out, _ = cli("--db", many_hits, "search", "Kuwait", "--limit", "3")
    assert len(table_rows(out)) == 3 and "more, use --limit" not in out


def test_json_has_every_hit_without_a_limit(cli: Any, many_hits: Path) -> None:
    status, out, _ = cli("--db", many_hits, "search", "Kuwait", "--json")
    assert status == 0
    assert len(json.loads(out)) == MANY + 2


HUGE = "Kuwait " + "word " * 200_000  # a megabyte


@pytest.fixture(scope="module")
def huge_titles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with three records of a one-megabyte title, made once for the module."""
    rows = [record(f"entity.huge{n}", title=HUGE, text=HUGE) for n in range(3)]
    return make_store(tmp_path_factory.mktemp("huge"), [*default_records(), *rows])


@pytest.mark.parametrize("columns", ["80", "160"])
def test_huge_titles_are_cut_in_the_table(
    cli: Any, monkeypatch: pytest.MonkeyPatch, huge_titles: Path, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    status, out, _ = cli("--db", huge_titles, "search", "Kuwait")
    assert status == 0
    assert len(out) < 20_000  # a few screens, not megabytes
    assert "…" in out and all(f"entity.huge{n}" in out for n in range(3))


def test_huge_titles_are_whole_in_json(cli: Any, huge_titles: Path) -> None:
    _, out, _ = cli("--db", huge_titles, "search", "Kuwait", "--json")
    assert {hit["title"] for hit in json.loads(out) if hit["id"].startswith("entity.huge")} == {
        HUGE
    }


def test_an_id_with_a_newline_stays_on_its_row(cli: Any, tmp_path: Path) -> None:
    rows = [*default_records(), record("entity.split\nfake.row", title="Kuwait split")]
    path = make_store(tmp_path, rows)
    status, out, _ = cli("--db", path, "search", "split")
    assert status == 0
    lines = out.splitlines()
    assert any("entity.split\ufffdfake.row" in line for line in lines), out
    assert not any(line.strip().startswith("fake.row") for line in lines)


def test_a_title_with_a_newline_stays_on_its_row(cli: Any, tmp_path: Path) -> None:
    rows = [*default_records(), record("entity.nl", title="Zebra\nentity.fake")]
    path = make_store(tmp_path, rows)
    _, out, _ = cli("--db", path, "search", "Zebra")
    assert "Zebra\ufffdentity.fake" in out


def test_ids_are_whole_up_to_the_cell_limit_and_cut_past_it(cli: Any, tmp_path: Path) -> None:
    whole = "entity." + "x" * (ID_CELL - len("entity."))
    cut = "entity." + "z" * 10_000
    rows = [*default_records(), record(whole, title="Zebra"), record(cut, title="Zebra")]
    path = make_store(tmp_path, rows)
    status, out, _ = cli("--db", path, "search", "Zebra")
    assert status == 0
    # A long id may fold onto a second line; all of it is there, and no more.
    assert out.count("x") == ID_CELL - len("entity.")
    assert out.count("z") == ID_CELL - len("entity.") - 1 and out.count("…") == 1
