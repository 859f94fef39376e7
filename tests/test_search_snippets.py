"""Snippets: why a hit matched, when its title does not show it, with the words marked."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from helpers import make_store, record

from oic_tui.search.engine import Hit
from oic_tui.search.service import search
from oic_tui.search.snippets import WIDTH, snippet
from oic_tui.store.reader import Store


def _hit(store: Store, query: str, record_id: str) -> Hit:
    return next(h for h in search(store, query) if h.record.id == record_id)


def test_astana_shows_why_kazinform_matched(shipped_store: Store) -> None:
    found = snippet(_hit(shipped_store, "astana", "entity.kazinform"))
    assert found is not None
    assert found.field == "text"
    assert [found.text[a:b].casefold() for a, b in found.spans] == ["astana"]


def test_no_snippet_when_the_title_shows_it(shipped_store: Store) -> None:
    assert snippet(_hit(shipped_store, "astana", "entity.astana")) is None


def test_snippet_for_a_synonym(shipped_store: Store) -> None:
    found = snippet(_hit(shipped_store, "founded", "topic.food-security"))
    assert found is not None
    assert "establishment" in [found.text[a:b] for a, b in found.spans]


def test_long_text_is_cut_around_the_match_on_one_line(tmp_path: Path) -> None:
    text = "Opening words.\n" + "filler " * 40 + "the zebra\tcrossing " + "more " * 40
    store = Store.open(make_store(tmp_path, [record("topic.t", "topic", title="T", text=text)]))
    found = snippet(search(store, "zebra")[0])
    assert found is not None
    assert found.text.startswith("…") and found.text.endswith("…")
    assert "\n" not in found.text and "\t" not in found.text
    assert len(found.text) <= WIDTH + 20
    assert [found.text[a:b] for a, b in found.spans] == ["zebra"]


def test_phrase_is_marked_whole(shipped_store: Store) -> None:
    found = snippet(_hit(shipped_store, '"food security"', "initiative.iofs"))
    assert found is not None
    assert [found.text[a:b] for a, b in found.spans] == ["Food Security"]


def test_cli_json_snippet(cli: Callable[..., tuple[int, str, str]]) -> None:
    _, out, _ = cli("search", "astana", "--json")
    hits = {hit["id"]: hit for hit in json.loads(out)}
    kazinform = hits["entity.kazinform"]["snippet"]
    a, b = kazinform["highlights"][0]
    assert kazinform["text"][a:b] == "ASTANA"
    assert hits["entity.astana"]["snippet"] is None


def test_cli_table_shows_the_snippet(cli: Callable[..., tuple[int, str, str]]) -> None:
    _, out, _ = cli("search", "astana")
    assert 'such as "ASTANA. KAZINFORM" on 29 May 2015' in out


def test_cli_snippet_is_data_not_markup(
    tmp_path: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    text = "See [bold]zebra[/bold] and [link=x]here[/link]."
    path = make_store(tmp_path, [record("topic.t", "topic", title="T", text=text)])
    _, out, _ = cli("--db", path, "search", "zebra")
    assert "[bold]zebra[/bold]" in out
