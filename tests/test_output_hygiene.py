"""Output hygiene: a closed stdout ends quietly, Markdown and CSV stay inert, counts read right."""

from __future__ import annotations

import csv
import html
import io
import os
import re
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from helpers import MINI_DOC_ID, VENV_BIN, document_row, make_store, store_data
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from oic_tui.corpus.folder import find_corpus, init_corpus, stale_because
from oic_tui.present.export import export_text, formula_like
from oic_tui.store.reader import Store, data_dir
from oic_tui.store.sanitize import clean_text
from oic_tui.store.words import counted

# --- a closed stdout ----------------------------------------------------------------------------

EXIT_PIPE = 141
ARTICLE = (
    "DHAKA, May 7, 2018 (Test Wire) - The ministers met in Dhaka on 5-6 May 2018. "
    "Kazakhstan called for closer cooperation among Muslim countries.\n"
)


def _environment() -> dict[str, str]:
    # Unbuffered, every print reaches the pipe at once: the import's first line breaks it.
    env = {**os.environ, "COLUMNS": "200", "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"}
    env.pop("PYTHONPATH", None)
    return env


def _into_closed_stdout(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `oic-tui` with a stdout whose reader is already gone: every write breaks."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [str(VENV_BIN / "oic-tui"), *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=_environment(),
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)


def _reader_stops_after_ten_bytes(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run `oic-tui` into a reader that takes 10 bytes and closes, as `head -c 10` does."""
    process = subprocess.Popen(
        [str(VENV_BIN / "oic-tui"), *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(),
    )
    assert process.stdout is not None and process.stderr is not None
    head = os.read(process.stdout.fileno(), 10)
    process.stdout.close()
    err = process.stderr.read().decode("utf-8", "replace")
    status = process.wait(timeout=120)
    assert head, err
    return status, err


@pytest.mark.parametrize(
    "args",
    [
        ["search", "-zzzz", "--format", "json"],
        ["search", "-zzzz", "--format", "md"],
        ["search", "-zzzz", "--format", "csv"],
        ["search", "-zzzz"],
        ["show", "entity.iofs"],
        ["docs"],
    ],
    ids=["json", "md", "csv", "table", "show", "docs"],
)
def test_a_closed_stdout_ends_quietly_with_sigpipe_status(tmp_path: Path, args: list[str]) -> None:
    result = _into_closed_stdout(args, tmp_path)
    assert (result.returncode, result.stderr) == (EXIT_PIPE, "")


def test_a_reader_that_stops_after_ten_bytes_leaves_no_traceback(tmp_path: Path) -> None:
    status, err = _reader_stops_after_ten_bytes(["search", "-zzzz", "--format", "json"], tmp_path)
    assert status in (0, EXIT_PIPE)
    assert err == ""


@pytest.fixture
def corpus_and_article(tmp_path: Path) -> tuple[Path, Path]:
    corpus = init_corpus(tmp_path / "corpus", data_dir()).root
    article = tmp_path / "wire.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    return corpus, article


def _imported_ids(corpus: Path) -> set[str]:
    """The imported article's id in the corpus's store, rebuilt if the run stopped before."""
    from oic_tui.cli.commands_corpus import corpus_store

    path = corpus_store(find_corpus(corpus).root, note=False)
    assert path is not None
    store = Store.open(path)
    return {doc.id for doc in store.documents.values() if "Dhaka" in doc.text}


def test_an_import_into_a_closed_stdout_writes_then_ends_quietly(
    corpus_and_article: tuple[Path, Path],
) -> None:
    corpus, article = corpus_and_article
    result = _into_closed_stdout(["import", str(article), "--corpus", str(corpus)], corpus.parent)
    assert (result.returncode, result.stderr) == (EXIT_PIPE, "")
    # Built before anything was printed: the store is already fresh and holds the document.
    assert stale_because(find_corpus(corpus)) == ""
    assert _imported_ids(corpus) == {"test-wire-2018-05-07"}


def test_an_import_piped_into_head_writes_the_document(
    corpus_and_article: tuple[Path, Path],
) -> None:
    corpus, article = corpus_and_article
    status, err = _reader_stops_after_ten_bytes(
        ["import", str(article), "--corpus", str(corpus)], corpus.parent
    )
    assert status in (0, EXIT_PIPE)
    assert err == ""
    assert _imported_ids(corpus) == {"test-wire-2018-05-07"}


# --- Markdown: no entity but `&amp;` ------------------------------------------------------------

# What CommonMark reads as an entity or a numeric character reference.
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]*);")
INVISIBLE = {"\u200b", "\u200d", "\u200e", "\u200f"}
FRAGMENTS = st.sampled_from(
    [
        "&",
        "&amp;",
        "&rlm;",
        "&lrm;",
        "&zwj;",
        "&ZeroWidthSpace;",
        "&#8203;",
        "&#x200F;",
        "&lt;b&gt;",
        "#",
        ";",
        "x",
        "\\",
        "*",
        "<",
        " ",
        "\u00a0",
        "\n",
    ]
)
MARKDOWN_TEXT = st.one_of(
    st.text(max_size=40), st.lists(st.one_of(FRAGMENTS, st.text(max_size=3))).map("".join)
)
COMMONMARK = MarkdownIt("commonmark")


def _heading(markdown: str) -> str:
    """The visible text of the rendered level-1 heading."""
    rendered = COMMONMARK.render(markdown)
    found = re.search(r"<h1>(.*?)</h1>", rendered, re.DOTALL)
    assert found is not None, rendered
    assert "<" not in found.group(1), rendered
    return html.unescape(found.group(1))


@given(text=MARKDOWN_TEXT)
def test_markdown_has_no_entity_but_its_own_amp(shipped_store: Store, text: str) -> None:
    record = replace(shipped_store.records[0], title=text or "x", category=text)
    markdown = export_text([record], shipped_store, "md", title=text or "x")
    assert {match.group() for match in ENTITY.finditer(markdown)} <= {"&amp;"}, markdown
    rendered = html.unescape(COMMONMARK.render(markdown))
    # Only those the sanitiser keeps (a joiner inside a word) may show; none from an entity.
    assert INVISIBLE & set(rendered) <= set(clean_text(text))


@given(text=MARKDOWN_TEXT)
def test_a_markdown_heading_shows_its_text_as_it_is(shipped_store: Store, text: str) -> None:
    title = text if text.strip() else "x"
    visible = clean_text(re.sub(r"\s+", " ", title).strip())
    assert _heading(export_text([], shipped_store, "md", title=title)) == visible


def test_escaped_html_and_invisible_entities_stay_literal(shipped_store: Store) -> None:
    title = "&lt;b&gt; &rlm;&lrm;&zwj;&ZeroWidthSpace; AT&T"
    markdown = export_text([], shipped_store, "md", title=title)
    assert markdown.startswith("# &amp;lt;b&amp;gt; &amp;rlm;")
    assert _heading(markdown) == title


# --- CSV: the formula guard ---------------------------------------------------------------------

TRIGGERS = ("=", "+", "-", "@")
LEADS = (" ", "  ", "\u00a0", "\n", "\t", "\r", "\x01", "\x1b", "\u200b", " \n\t\u00a0")


@pytest.mark.parametrize("trigger", TRIGGERS)
@pytest.mark.parametrize("lead", LEADS, ids=repr)
def test_a_trigger_after_blanks_or_controls_is_guarded(lead: str, trigger: str) -> None:
    assert formula_like(f"{lead}{trigger}HYPERLINK(1)")


@pytest.mark.parametrize("value", ["\tplain", "\rplain", "-5", "=1", "@cmd"])
def test_owasp_starts_are_guarded(value: str) -> None:
    assert formula_like(value)


@pytest.mark.parametrize("value", ["", "   ", "plain", "a=b", "5", "'=quoted", "\ufffd=x"])
def test_text_that_is_no_formula_is_left_alone(value: str) -> None:
    assert not formula_like(value)


# An oracle apart from the guard: a trigger after blanks, controls and zero-width characters.
RUNNABLE = re.compile(r"[\t\r]|[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff]*[=+\-@]")


def _runnable(cell: str) -> bool:
    """What a spreadsheet could run."""
    return RUNNABLE.match(cell) is not None


@given(
    lead=st.lists(st.sampled_from(LEADS), max_size=3).map("".join),
    trigger=st.sampled_from(("", *TRIGGERS)),
    body=st.text(max_size=20),
)
def test_exported_csv_cells_never_run(
    shipped_store: Store, lead: str, trigger: str, body: str
) -> None:
    value = lead + trigger + body
    record = replace(shipped_store.records[0], title=value or "x", category=value)
    for fmt in ("csv", "tsv"):
        text = export_text([record], shipped_store, fmt)
        rows = list(csv.reader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t"))
        cells = [cell for row in rows[1:] for cell in row]
        assert not [cell for cell in cells if _runnable(cell)], cells


# --- check names skipped documents; counts ------------------------------------------------------


def test_check_names_a_document_whose_text_is_empty(cli: Any, tmp_path: Path) -> None:
    data = store_data()
    data["documents"]["2"] = document_row("", "empty-report")
    path = make_store(tmp_path, data=data)
    status, out, err = cli("check", path)
    assert status == 1 and err == ""
    assert "problem: document empty-report skipped: text is missing" in out.splitlines()
    assert out.splitlines()[-1].endswith(", 1 problem")
    status, out, err = cli("--db", path, "show", "fact.members")
    assert status == 0
    assert ": 1 problem, bad records skipped;" in err


def test_a_document_without_an_id_is_named_by_its_place(tmp_path: Path) -> None:
    data = store_data()
    data["documents"]["2"] = {"text": "Some text."}
    store = Store.open(make_store(tmp_path, data=data))
    assert list(store.documents) == [MINI_DOC_ID]
    assert store.problems == ["document #2 skipped: id is missing"]


@pytest.mark.parametrize(
    ("count", "word", "plural", "said"),
    [
        (0, "problem", "", "0 problems"),
        (1, "problem", "", "1 problem"),
        (2, "problem", "", "2 problems"),
        (1204, "record", "", "1,204 records"),
        (1, "entity", "entities", "1 entity"),
        (3, "entity", "entities", "3 entities"),
    ],
)
def test_counted_says_one_thing_or_many(count: int, word: str, plural: str, said: str) -> None:
    assert counted(count, word, plural) == said
