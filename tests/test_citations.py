"""Citations quote the words that name a record, inside their whole sentence (issue #24)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable

import pytest

from oic_tui.present.citing import key_words, keys_in, naming_sources, passages
from oic_tui.present.export import citation, export_text, record_json
from oic_tui.store.models import DateValue, Record, StatusStep
from oic_tui.store.reader import Store

Cli = Callable[..., tuple[int, str, str]]

# Records no quote and no quote's sentence names by a word of its title, and why.
UNNAMED = {
    # "Former name": the report gives the old name ("until 2011 - Organization of the Islamic
    # Conference") without saying it is one.
    "fact.former-name",
}


def cited_text(record: Record, store: Store) -> str:
    """The words a record's citation quotes."""
    return " ".join(q for p in passages(record, store) for q in p.quotes)


# --- choosing the quotes --------------------------------------------------------------------


def test_key_words_leave_out_words_that_name_nothing() -> None:
    assert key_words("Kazakhstan's proposal on restoration of the Aral Sea region") == (
        "restoration",
        "aral",
        "sea",
        "region",
    )
    # A title of stop words only keeps them: the entity Kazakhstan is named by its name.
    assert key_words("Kazakhstan") == ("kazakhstan",)
    assert keys_in("the establishment of the IOFS", ("established", "iofs")) == {
        "established",
        "iofs",
    }
    assert not keys_in("the sea", ("seat",))


def test_every_shipped_citation_names_its_record(shipped_store: Store) -> None:
    unnamed = []
    for record in shipped_store.records:
        if not record.sources:
            continue
        text = cited_text(record, shipped_store)
        shown = citation(record, shipped_store)
        assert text and all(q in shown for p in passages(record, shipped_store) for q in p.quotes)
        if not keys_in(text, key_words(record.title)):
            unnamed.append(record.id)
    assert set(unnamed) <= UNNAMED, unnamed


def test_a_quote_not_naming_the_record_is_not_cited(shipped_store: Store) -> None:
    record = shipped_store.get("initiative.aral-sea")
    assert record is not None
    spans, whole = naming_sources(record, shipped_store)
    assert not whole and [s.quote for s in spans if "Aral" in s.quote] == [s.quote for s in spans]
    text = citation(record, shipped_store)
    assert "Aral" in text.partition(": ")[2].partition(", in “")[0]


def test_a_subject_spread_over_two_quotes_cites_both(shipped_store: Store) -> None:
    record = shipped_store.get("topic.syria")
    assert record is not None
    spans, _ = naming_sources(record, shipped_store)
    if len(record.sources) < 2:
        pytest.skip("topic.syria rests on one quote now")
    [passage] = passages(record, shipped_store)
    assert len(passage.quotes) == 2 and any("Syria" in q for q in passage.quotes)
    assert len(spans) == 2


def test_the_sentence_is_cited_when_only_it_names_the_record(shipped_store: Store) -> None:
    record = shipped_store.get("fact.session")
    assert record is not None
    [span] = record.sources
    if keys_in(span.quote, key_words(record.title)):
        pytest.skip("fact.session's quote names it now")
    [passage] = passages(record, shipped_store)
    assert passage.marks == () and span.quote in passage.text
    assert keys_in(passage.text, key_words(record.title))


# --- the outputs ----------------------------------------------------------------------------


def test_show_md_quotes_the_words_that_name_the_aral_sea(cli: Cli) -> None:
    status, out, _ = cli("show", "initiative.aral-sea", "--format", "md")
    assert status == 0
    [cited] = [line for line in out.splitlines() if line.startswith("  > ")]
    bold = cited.split("**")[1::2]
    assert bold and all("Aral" in part for part in bold), cited


def test_csv_gives_each_initiative_its_own_quote(shipped_store: Store) -> None:
    initiatives = shipped_store.by_kind("initiative")
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        rows = list(
            csv.DictReader(
                io.StringIO(export_text(initiatives, shipped_store, fmt)), delimiter=delimiter
            )
        )
        by_sentence: dict[str, list[dict[str, str]]] = {}
        for row in rows:
            by_sentence.setdefault(row["sentence"], []).append(row)
        shared = [group for group in by_sentence.values() if len(group) > 1]
        assert shared, "no two initiatives share a sentence"
        for group in shared:
            quotes = [row["quote"] for row in group]
            assert len(set(quotes)) == len(quotes), quotes
            for row in group:
                assert all(q in row["sentence"] for q in row["quote"].split(" … "))
                assert keys_in(row["quote"], key_words(row["title"])), row


def _with_two_steps(record: Record) -> Record:
    """The record with a history of two steps, each reported by a different one of its quotes."""
    first, second = record.sources[0], record.sources[-1]
    return dataclasses.replace(
        record,
        history=(
            StatusStep("proposed", DateValue("2015-05-27", "2015-05-27", "day"), first),
            StatusStep("opened", None, second),
        ),
    )


def _step_lines(text: str) -> list[str]:
    """The lines of a record's `History:` list in Markdown."""
    lines = text.splitlines()
    start = lines.index("  History:") + 2
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def test_md_puts_each_status_beside_its_own_steps_quote(shipped_store: Store) -> None:
    iofs = shipped_store.get("initiative.iofs")
    assert iofs is not None and len(iofs.sources) > 1
    for record in (iofs, _with_two_steps(iofs)):
        text = export_text([record], shipped_store, "md", title=record.title)
        lines = _step_lines(text)
        for step in record.history:
            [line] = [ln for ln in lines if f"**{step.status}**:" in ln]
            assert line.partition(f"**{step.status}**: ")[2].startswith(f"“{step.source.quote}”")
            others = {s.source.quote for s in record.history} - {step.source.quote}
            assert not [q for q in others if f"“{q}”" in line]


def test_an_export_has_every_step_and_every_quote(shipped_store: Store) -> None:
    iofs = shipped_store.get("initiative.iofs")
    assert iofs is not None
    record = _with_two_steps(iofs)
    markdown = export_text([record], shipped_store, "md")
    assert "27 May 2015 · **proposed**: “" in markdown
    assert "undated · **opened**: “" in markdown
    for span in record.sources:
        assert f"  - “{span.quote}” — " in markdown
    data = json.loads(export_text([record], shipped_store, "json"))
    assert data == [record_json(record)]
    assert [step["status"] for step in data[0]["history"]] == ["proposed", "opened"]
    assert [step["source"]["quote"] for step in data[0]["history"]] == [
        record.sources[0].quote,
        record.sources[-1].quote,
    ]
    assert [s["quote"] for s in data[0]["sources"]] == [s.quote for s in record.sources]
