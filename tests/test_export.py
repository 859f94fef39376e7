"""Citations and export formats (oic_tui.present.export), and the CLI's --format."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import SHIPPED_DOC_ID, make_store, record, span, store_data

from oic_tui.present.citing import passages
from oic_tui.present.export import (
    COLUMNS,
    EXPORT_FORMATS,
    citation,
    export_text,
    format_for,
    record_json,
    sentence_citation,
)
from oic_tui.store.reader import Store

Cli = Callable[..., tuple[int, str, str]]


# --- citations ------------------------------------------------------------------------------


def test_a_citation_quotes_verbatim_and_says_where(shipped_store: Store) -> None:
    record = shipped_store.get("event.kazakhstan-joins")
    assert record is not None
    doc = shipped_store.documents[record.sources[0].doc]
    sentence = doc.sentence_at(record.sources[0].start)
    assert sentence is not None
    text = citation(record, shipped_store)
    assert text.startswith(f"{record.title}: ")
    assert record.sources[0].quote in text
    for part in (doc.title, doc.publisher, doc.when.display(), f"sentence {sentence.index + 1}"):
        assert part in text
    # The quote is all of its sentence but the full stop: the sentence is what is cited.
    assert text == (
        f"{record.title}: “Kazakhstan became OIC member in December 1995.” — "
        "Kazinform report, datelined Astana, 2015-05-29 (Kazinform, 29 May 2015), sentence 22."
    )


def test_a_citation_shows_a_fragment_inside_its_whole_sentence(shipped_store: Store) -> None:
    record = shipped_store.get("initiative.aral-sea")
    assert record is not None
    doc = shipped_store.document
    text = citation(record, shipped_store)
    naming = [s for s in record.sources if "Aral" in s.quote]
    assert naming
    sentence = doc.sentence_at(naming[0].start)
    assert sentence is not None
    assert text.startswith(f"{record.title}: “{naming[0].quote}”, in “")
    assert f"“{doc.sentence_text(sentence)}” — {doc.title}" in text
    assert text.endswith(f", sentence {sentence.index + 1}.")


def test_the_citation_of_a_corpus_record_names_its_own_document(corpus_store: Store) -> None:
    record = corpus_store.get("event.iofs2020-proposal-recalled")
    assert record is not None
    doc = corpus_store.documents[record.sources[0].doc]
    text = citation(record, corpus_store)
    assert doc.id != SHIPPED_DOC_ID
    assert f"— {doc.title} ({doc.publisher}, {doc.when.display()}), sentence " in text


def test_a_sentence_citation_is_the_sentence_verbatim(shipped_store: Store) -> None:
    doc = shipped_store.document
    sentence = doc.sentences[2]
    text = sentence_citation(doc, sentence)
    assert text == (
        f"“{doc.sentence_text(sentence)}” — {doc.title} ({doc.publisher}, "
        f"{doc.when.display()}), sentence 3."
    )


def test_a_record_without_sources_is_cited_by_its_title(tmp_path: Path) -> None:
    store = Store.open(make_store(tmp_path))
    bare = store.records[0].__class__(
        id="topic.x", kind="topic", title="A title", text="", sources=()
    )
    assert citation(bare, store) == "A title."


# --- export formats -------------------------------------------------------------------------


def _rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def test_csv_and_tsv_parse_back(shipped_store: Store) -> None:
    records = shipped_store.by_kind("event")
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        rows = _rows(export_text(records, shipped_store, fmt), delimiter)
        assert [row["id"] for row in rows] == [r.id for r in records]
        assert list(rows[0]) == list(COLUMNS)
        first = records[0]
        assert rows[0]["title"] == first.title
        cited = passages(first, shipped_store)
        assert rows[0]["quote"] == " … ".join(q for p in cited for q in p.quotes)
        assert rows[0]["sentence"] == " … ".join(p.text for p in cited)
        assert rows[0]["source"] == " ".join(p.where for p in cited)
        assert rows[0]["date"] == (first.date.display() if first.date else "")
        by_id = {row["id"]: row for row in rows}
        session = by_id["event.session"]
        assert (session["date"], session["date_start"], session["date_end"]) == (
            "27–28 May 2015",
            "2015-05-27",
            "2015-05-28",
        )
        assert by_id["event.oic-founded"]["date_start"] == "1969"
        undated = by_id["event.expo-2017"]
        assert (undated["date"], undated["date_start"], undated["date_end"]) == ("undated", "", "")
        assert rows[0]["documents"] == " ".join(first.docs)


def test_csv_cells_are_never_formulas(tmp_path: Path) -> None:
    text = "=HYPERLINK(1) +SUM -2 @cmd and the rest."

    def quoted(quote: str) -> list[dict[str, object]]:
        return [span(quote, text=text)]

    rows = [
        record("topic.a", "topic", (), sources=quoted("=HYPERLINK(1)"), category="@cmd"),
        record("topic.b", "topic", (), sources=quoted("+SUM"), title="-2 sum", category="ok"),
    ]
    store = Store.open(make_store(tmp_path, data=store_data(rows, text=text)))
    assert len(store.records) == 2, store.problems
    parsed = _rows(export_text(store.records, store, "csv"))
    cells = [cell for row in parsed for cell in row.values()]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert {"'=HYPERLINK(1)", "'+SUM", "'-2 sum", "'@cmd"} <= set(cells)


def test_markdown_has_the_quotes(shipped_store: Store) -> None:
    records = shipped_store.by_kind("initiative")
    text = export_text(records, shipped_store, "md", title="Initiatives")
    assert text.startswith("# Initiatives\n\n")
    assert f"{len(records)} records." in text
    for record_ in records:
        # The shipped quotes and titles hold no Markdown markup characters: each cited quote
        # is in bold inside its sentence (or the sentence is cited whole).
        for passage in passages(record_, shipped_store):
            for quote in passage.quotes:
                assert f"**{quote.strip()}**" in text or f"> “{quote.strip()}” — " in text
        for source in record_.sources:
            assert f"“{source.quote}” — " in text or f"**{source.quote.strip()}**" in text
        assert f"- **{record_.title}** · initiative · " in text


def test_markdown_escapes_markup_in_store_text() -> None:
    from oic_tui.present.export import markdown_text

    assert markdown_text("a *b* <script> [x](y) `c` | d_e\nf") == (
        "a \\*b\\* \\<script\\> \\[x\\](y) \\`c\\` \\| d\\_e f"
    )


def test_json_is_the_record_objects_and_jsonl_one_a_line(shipped_store: Store) -> None:
    records = shipped_store.by_kind("fact")
    assert json.loads(export_text(records, shipped_store, "json")) == [
        record_json(r) for r in records
    ]
    lines = export_text(records, shipped_store, "jsonl").splitlines()
    assert len(lines) == len(records)
    assert [json.loads(line) for line in lines] == [record_json(r) for r in records]
    assert export_text(records, shipped_store, "ids").splitlines() == [r.id for r in records]
    assert set(EXPORT_FORMATS) == {"md", "csv", "tsv", "json", "jsonl", "ids"}


def test_a_file_format_by_extension() -> None:
    assert format_for(Path("a/b.MD")) == "md"
    assert format_for(Path("x.csv")) == "csv"
    assert format_for(Path("x.json")) == "json"
    assert format_for(Path("x.jsonl")) == "jsonl"
    assert format_for(Path("x.txt")) is None
    assert format_for(Path("x")) is None


# --- the CLI --------------------------------------------------------------------------------


def test_search_formats(cli: Cli) -> None:
    status, table, _ = cli("search", "aral")
    assert status == 0 and "results for 'aral'" in table
    status, out, _ = cli("search", "aral", "--format", "json")
    assert status == 0
    hits = json.loads(out)
    ids = [hit["id"] for hit in hits]
    assert len(ids) >= 2 and "score" in hits[0]
    assert cli("search", "aral", "--json")[1] == out  # --json is --format json

    status, out, _ = cli("search", "aral", "--format", "jsonl")
    lines = out.splitlines()
    assert status == 0 and [json.loads(line) for line in lines] == hits

    status, out, _ = cli("search", "aral", "--format", "ids")
    assert status == 0 and out.splitlines() == ids

    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        status, out, _ = cli("search", "aral", f"--format={fmt}")
        assert status == 0
        assert [row["id"] for row in _rows(out, delimiter)] == ids

    status, out, _ = cli("search", "aral", "--format", "md")
    assert status == 0 and out.startswith("# Search “aral”\n")
    assert hits[0]["sources"][0]["quote"] in out


def test_search_formats_list_every_hit_unless_limited(cli: Cli) -> None:
    status, out, _ = cli("search", "-zzzz", "--format", "ids")
    assert status == 0 and len(out.splitlines()) > 50
    assert len(cli("search", "-zzzz", "--format", "ids", "--limit", "3")[1].splitlines()) == 3


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "tsv", "md", "ids"])
def test_a_search_without_hits_exits_1_in_every_format(cli: Cli, fmt: str) -> None:
    status, out, err = cli("search", "qqqzzzxx", "--format", fmt)
    assert status == 1 and err == ""
    if fmt == "csv":
        assert out == ",".join(COLUMNS) + "\n"
    if fmt in ("jsonl", "ids"):
        assert out == ""
    if fmt == "json":
        assert json.loads(out) == []


def test_an_unknown_format_is_one_error_line(cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli("search", "aral", "--format", "xml")
    assert exited.value.code == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("usage: ") and len(lines) == 2
    assert "invalid choice: 'xml'" in lines[1]


def test_show_formats(cli: Cli, shipped_store: Store) -> None:
    status, out, _ = cli("show", "initiative.aral-sea", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["id"] == "initiative.aral-sea" and "mentioned_by" in data
    status, out, _ = cli("show", "initiative.aral-sea", "--format", "jsonl")
    assert status == 0 and len(out.splitlines()) == 1 and json.loads(out) == data
    assert cli("show", "initiative.aral-sea", "--format", "ids")[1] == "initiative.aral-sea\n"
    rows = _rows(cli("show", "initiative.aral-sea", "--format", "csv")[1])
    assert [row["id"] for row in rows] == ["initiative.aral-sea"]
    rows = _rows(cli("show", "initiative.aral-sea", "--format", "tsv")[1], "\t")
    assert rows[0]["kind"] == "initiative"
    record = shipped_store.get("initiative.aral-sea")
    assert record is not None
    out = cli("show", "initiative.aral-sea", "--format", "md")[1]
    assert out.startswith(f"# {record.title}\n") and f"“{record.sources[0].quote}”" in out
    status, out, _ = cli("show", "initiative.aral-sea", "--format", "table")
    assert status == 0 and "Restoration of the Aral Sea region" in out


def test_show_document_formats(cli: Cli, shipped_store: Store) -> None:
    status, out, _ = cli("show", SHIPPED_DOC_ID, "--format", "json")
    assert status == 0 and json.loads(out)["id"] == SHIPPED_DOC_ID
    status, out, _ = cli("show", SHIPPED_DOC_ID, "--format", "jsonl")
    assert status == 0 and json.loads(out)["records_by_kind"]
    # In a file format, a document is its records.
    status, out, _ = cli("show", SHIPPED_DOC_ID, "--format", "ids")
    assert status == 0 and sorted(out.splitlines()) == sorted(r.id for r in shipped_store.records)
    status, out, _ = cli("show", SHIPPED_DOC_ID, "--format", "md")
    assert out.startswith(f"# {shipped_store.document.title}\n")


def test_an_unknown_id_still_fails_in_any_format(cli: Cli) -> None:
    status, out, err = cli("show", "initiative.nope", "--format", "csv")
    assert status == 2 and out == "" and "no record with id" in err
