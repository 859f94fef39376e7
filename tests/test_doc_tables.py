"""The docs: key and syntax tables from one source, shown alike by the help, `--help` and the
docs; a short README that leads to every doc; links that lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from doc_tables import (
    BLOCKS,
    KEYS_MD,
    README,
    ROOT,
    SEARCH_MD,
    code_spans,
    label,
    label_parts,
    rendered,
    table_rows,
)
from rich.console import Console

from oic_tui.present.syntax import ALL_SYNTAX, CORPUS_SYNTAX, DRAFT_SYNTAX
from oic_tui.tui.keys import every_key_row
from oic_tui.tui.screens.help import help_content

KEYS_REFERENCE = "<!-- keys reference:"
SYNTAX_REFERENCE = "<!-- syntax reference:"


def words(text: str) -> str:
    return " ".join(text.split())


def help_text(corpus: bool, drafts: bool) -> str:
    console = Console(width=200, record=True)
    console.print(help_content(corpus, drafts))
    return console.export_text()


@pytest.mark.parametrize("path", sorted(BLOCKS), ids=lambda p: p.name)
def test_generated_blocks_are_up_to_date(path: Any) -> None:
    # If not: `.venv/bin/python tests/doc_tables.py` rewrites them.
    assert path.read_text(encoding="utf-8") == rendered(path)


def test_the_readme_shows_ten_keys() -> None:
    rows = table_rows(README.read_text(encoding="utf-8"), "<!-- generated: keys")
    assert len(rows) == 10
    assert [code_spans(key) for key, _ in rows] == [
        [label(k) for k in row.keys] for row in every_key_row() if row.top
    ]


def test_every_label_is_its_keys_then_where() -> None:
    for row in every_key_row():
        keys, others = label_parts(row)
        assert keys == [label(k) for k in row.keys], row
        # Any other words say where the keys act, in lowercase, after them.
        assert all(t.islower() for t in others), row
        if others:
            assert row.label.split()[-len(others) :] == others, row


def test_docs_keys_lists_every_row_of_the_help_in_its_order() -> None:
    rows = table_rows(KEYS_MD.read_text(encoding="utf-8"), KEYS_REFERENCE)
    # Each key cell holds its keys as code, in order; any words after them say where.
    listed = [code_spans(key) for key, _ in rows]
    assert listed == [[label(k) for k in row.keys] for row in every_key_row()]


def test_the_help_lists_every_key_and_every_syntax_row() -> None:
    text = words(help_text(corpus=True, drafts=True))
    for row in every_key_row():
        assert words(f"{row.label} {row.does}") in text
    for example, meaning in ALL_SYNTAX:
        assert words(f"{example} {meaning}") in text


def test_the_help_shows_a_corpus_and_drafts_rows_only_where_they_apply() -> None:
    plain = help_text(corpus=False, drafts=False)
    for example, _ in (*CORPUS_SYNTAX, *DRAFT_SYNTAX):
        assert example not in plain
    assert CORPUS_SYNTAX[0][0] in help_text(corpus=True, drafts=False)
    assert DRAFT_SYNTAX[0][0] in help_text(corpus=False, drafts=True)


def test_search_help_gives_every_syntax_row(cli: Any, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli("search", "--help")
    out = capsys.readouterr().out
    syntax = out.split("query syntax")[1]
    assert "docs/search.md" in syntax
    lines = syntax.splitlines()[1:]
    assert max(len(line) for line in lines) <= 80
    flat = words(syntax)
    for example, meaning in ALL_SYNTAX:
        assert words(f"{example} {meaning}") in flat


def test_docs_search_reference_has_every_query_of_the_syntax() -> None:
    rows = table_rows(SEARCH_MD.read_text(encoding="utf-8"), SYNTAX_REFERENCE)
    queries = {span for query, _ in rows for span in code_spans(query)}
    missing = [e for example, _ in ALL_SYNTAX for e in example.split("  ") if e not in queries]
    assert missing == []


def test_table_rows_read_escaped_bars() -> None:
    text = "<!-- m -->\n| a | b |\n| --- | --- |\n| `x \\| y` | either |\n\nafter"
    assert table_rows(text, "<!-- m -->") == [["`x | y`", "either"]]
    assert code_spans("`x | y`, `z`") == ["x | y", "z"]


def test_generated_markers_are_where_the_docs_say() -> None:
    for path, blocks in BLOCKS.items():
        text = path.read_text(encoding="utf-8")
        for name in blocks:
            assert len(re.findall(rf"<!-- generated: {name} ", text)) == 1


# The README --------------------------------------------------------------------------------

_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _anchors(path: Path) -> set[str]:
    """GitHub's anchors of a Markdown file's headings."""
    headings = re.findall(r"^#+ (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_the_readme_is_short_and_leads_to_every_doc() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 200
    docs = sorted(p.name for p in (ROOT / "docs").glob("*.md"))
    assert [d for d in docs if f"(docs/{d})" not in text] == []


@pytest.mark.parametrize(
    "path", [README, *sorted((ROOT / "docs").glob("*.md"))], ids=lambda p: p.name
)
def test_every_link_between_the_docs_leads_somewhere(path: Path) -> None:
    broken = []
    for target in _LINK.findall(path.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://")):
            continue
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        if not linked.exists() or (anchor and anchor not in _anchors(linked)):
            broken.append(target)
    assert broken == []


def test_the_help_in_a_browser_says_what_e_and_o_do_there() -> None:
    console = Console(width=200, record=True)
    console.print(help_content(in_browser=True))
    served = words(console.export_text())
    assert "open the document's text in a new browser tab" in served
    assert "as a download" in served and "$PAGER" not in served
    assert "$PAGER" in words(help_text(False, False))  # in a terminal, as before
