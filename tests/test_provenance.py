"""Every claim in the shipped store traces back to the exact words of the shipped article."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from helpers import ARTICLE_SHA256, SHIPPED_DOC_ID, make_store, record, store_data

from oic_tui.store.check import check_store
from oic_tui.store.models import PHASES, PRECISIONS, DateValue, Record, format_date
from oic_tui.store.reader import Store

_LENGTH = {"day": 10, "day-range": 10, "within": 10, "month": 7, "year": 4, "year-range": 4}


def raw_records(raw: dict[str, Any]) -> list[dict[str, Any]]:
    return list(raw["records"].values())


def test_document_is_the_shipped_article(shipped_store: Store, shipped_text: str) -> None:
    doc = shipped_store.document
    assert doc.id == SHIPPED_DOC_ID
    assert doc.text == shipped_text
    assert doc.sha256 == ARTICLE_SHA256
    assert hashlib.sha256(doc.text.encode("utf-8")).hexdigest() == ARTICLE_SHA256
    assert doc.publisher == "Kazinform"
    assert doc.date == "2015-05-29"
    assert doc.place == "Astana"


def test_every_quote_equals_the_article_at_its_offsets(
    shipped_store: Store, shipped_raw: dict[str, Any], shipped_text: str
) -> None:
    count = 0
    for row in raw_records(shipped_raw):
        for source in row["sources"]:
            assert source["doc"] == SHIPPED_DOC_ID
            assert shipped_text[source["start"] : source["end"]] == source["quote"], row["id"]
            count += 1
    assert count == sum(len(r.sources) for r in shipped_store.records)
    assert count > 100
    for rec in shipped_store.records:
        for source in rec.sources:
            assert 0 <= source.start < source.end <= len(shipped_text)
            assert shipped_text[source.start : source.end] == source.quote


def test_every_record_has_a_source(shipped_store: Store, shipped_raw: dict[str, Any]) -> None:
    assert len(raw_records(shipped_raw)) == len(shipped_store.records) == 85
    for rec in shipped_store.records:
        assert rec.sources, rec.id
        assert rec.title.strip() and rec.text.strip(), rec.id


def test_ids_are_unique_and_prefixed_by_kind(shipped_raw: dict[str, Any]) -> None:
    ids = [row["id"] for row in raw_records(shipped_raw)]
    assert len(ids) == len(set(ids))
    for row in raw_records(shipped_raw):
        assert row["id"].startswith(row["kind"] + "."), row["id"]


def test_every_sentence_is_covered(shipped_store: Store) -> None:
    doc = shipped_store.document
    spans = [(s.start, s.end) for r in shipped_store.records for s in r.sources]
    uncovered = [
        doc.sentence_text(sentence)
        for sentence in doc.sentences
        if not any(start < sentence.end and sentence.start < end for start, end in spans)
    ]
    assert len(doc.sentences) == 22
    assert uncovered == []


def test_check_reports_nothing_wrong(shipped_store: Store) -> None:
    report = check_store(shipped_store)
    assert report.problems == []
    assert report.ok
    assert report.coverage == {SHIPPED_DOC_ID: (22, 22)}


def test_check_finds_uncovered_sentences_and_tampered_text(tmp_path: Path) -> None:
    rows = [r for r in store_data()["records"].values() if r["id"] != "fact.members"]
    data = store_data(rows)
    data["documents"]["1"]["sha256"] = "0" * 64
    report = check_store(Store.open(make_store(tmp_path, data=data)))
    assert not report.ok
    assert report.coverage == {"mini-doc": (4, 5)}
    assert any("sha256" in p for p in report.problems)
    assert any("sentence 5" in p and "It has 56 member states." in p for p in report.problems)
    assert len(report.problems) == 2


def test_every_entity_alias_occurs_in_the_article(shipped_store: Store, shipped_text: str) -> None:
    entities = shipped_store.by_kind("entity")
    assert len(entities) == 28
    for entity in entities:
        assert entity.aliases, entity.id
        assert entity.entity_type, entity.id
        for alias in entity.aliases:
            assert alias in shipped_text, f"{entity.id}: {alias!r}"


def test_only_entities_have_aliases(shipped_store: Store) -> None:
    assert all(not r.aliases for r in shipped_store.records if r.kind != "entity")


def test_link_targets_exist_and_point_to_entities(shipped_raw: dict[str, Any]) -> None:
    rows = raw_records(shipped_raw)
    kinds = {row["id"]: row["kind"] for row in rows}
    links = 0
    for row in rows:
        for key in ("entities", "proposed_by", "presented_by", "promoted_by"):
            for target in row[key]:
                assert kinds.get(target) == "entity", f"{row['id']}: {key} -> {target}"
                links += 1
        for target in row["related"]:
            assert target in kinds, f"{row['id']}: related -> {target}"
            assert target != row["id"]
            links += 1
    assert links > 150


def test_related_links_are_symmetric(shipped_store: Store) -> None:
    for rec in shipped_store.records:
        for target in rec.related:
            other = shipped_store.get(target)
            assert other is not None
            assert rec.id in other.related, f"{target} does not link back to {rec.id}"


def test_initiatives_name_who_put_them_forward(shipped_store: Store) -> None:
    initiatives = shipped_store.by_kind("initiative")
    assert len(initiatives) == 11
    for initiative in initiatives:
        # The article does not say who proposed the IOFS ("also such initiatives as").
        stated = bool(initiative.proposed_by or initiative.presented_by)
        assert stated == (initiative.id != "initiative.iofs"), initiative.id
        # Nor who advanced it at the meetings ("the parties discussed"): no one (issue #24).
        assert bool(initiative.by) == (initiative.id != "initiative.iofs"), initiative.id
        assert initiative.status, initiative.id
        assert initiative.venues, initiative.id


def test_facts_and_topics_carry_their_attribute(shipped_store: Store) -> None:
    assert all(f.value for f in shipped_store.by_kind("fact"))
    assert all(t.category for t in shipped_store.by_kind("topic"))
    members = shipped_store.get("fact.members")
    assert members is not None and members.value == "56" and members.summary == "56"


def test_every_event_has_phase_and_consistent_date(shipped_store: Store) -> None:
    events = shipped_store.by_kind("event")
    assert len(events) == 16
    for event in events:
        assert event.phase in PHASES, event.id
        date = event.date
        assert date is not None, event.id
        assert date.precision in PRECISIONS
        if date.precision == "undated":
            assert (date.start, date.end) == ("", ""), event.id
            assert event.summary == "undated"
            continue
        assert len(date.start) == len(date.end) == _LENGTH[date.precision], event.id
        ranged = date.precision.endswith("range") or date.precision == "within"
        assert (date.start < date.end) == ranged, event.id
        assert date.start <= date.end


def test_non_events_have_no_date_or_phase(shipped_store: Store) -> None:
    for rec in shipped_store.records:
        if rec.kind != "event":
            assert rec.date is None and rec.phase == "", rec.id


@pytest.mark.parametrize(
    ("record_id", "start", "end", "precision", "display"),
    [
        ("event.session", "2015-05-27", "2015-05-28", "day-range", "27–28 May 2015"),
        ("event.kazakhstan-joins", "1995-12", "1995-12", "month", "Dec 1995"),
        ("event.oic-founded", "1969", "1969", "year", "1969"),
        ("event.oic-renamed", "2011", "2011", "year", "2011"),
        ("event.unsc-term", "2017", "2018", "year-range", "2017–2018"),
        ("event.report-published", "2015-05-29", "2015-05-29", "day", "29 May 2015"),
        ("event.iofs-general-assembly", "", "", "undated", "undated"),
    ],
)
def test_specific_event_dates(
    shipped_store: Store, record_id: str, start: str, end: str, precision: str, display: str
) -> None:
    event = shipped_store.get(record_id)
    assert event is not None
    assert event.date == DateValue(start, end, precision)
    assert event.date.display() == display
    assert event.summary == display


def test_session_is_during_the_session(shipped_store: Store) -> None:
    session = shipped_store.get("event.session")
    assert session is not None
    assert session.phase == "session"
    assert session.date is not None and session.date.years == (2015, 2015)
    assert {"entity.kuwait", "entity.musinov", "entity.cfm"} <= set(session.entities)


def test_timeline_order(shipped_store: Store) -> None:
    events = shipped_store.by_kind("event")
    phases = [e.phase for e in events]
    assert phases == sorted(phases, key=PHASES.index)
    assert phases[0] == "context" and phases[-1] == "after"
    assert [e.id for e in events[:3]] == [
        "event.oic-founded",
        "event.kazakhstan-joins",
        "event.oic-renamed",
    ]
    assert {e.id for e in events if e.phase == "session"} >= {"event.session", "event.debate"}
    dated = [e for e in events if e.date and e.date.precision != "undated"]
    undated = [e for e in events if not e.date or e.date.precision == "undated"]
    assert events[-len(undated) :] == undated
    assert {e.id for e in undated} == {
        "event.iofs-general-assembly",
        "event.agriculture-ministers",
        "event.expo-2017",  # the article names EXPO-2017 but gives it no date
    }
    for phase in PHASES:
        starts = [e.date.start for e in dated if e.phase == phase and e.date]
        assert starts == sorted(starts), phase
    after = [e.id for e in events if e.phase == "after"]
    assert after[0] == "event.report-published"
    assert set(after[1:3]) == {"event.expo-2017", "event.unsc-term"}  # both start in 2017


def test_timeline_sorts_a_synthetic_store(tmp_path: Path) -> None:
    def event(record_id: str, phase: str, start: str, precision: str) -> dict[str, Any]:
        return record(
            record_id,
            "event",
            ["Kuwait"],
            phase=phase,
            date={"start": start, "end": start, "precision": precision},
        )

    rows = [
        event("event.a-undated", "context", "", "undated"),
        event("event.b-after", "after", "2016", "year"),
        event("event.c-late-context", "context", "1995-12", "month"),
        event("event.d-session", "session", "2015-05-27", "day"),
        event("event.e-early-context", "context", "1969", "year"),
    ]
    store = Store.open(make_store(tmp_path, rows))
    assert [e.id for e in store.by_kind("event")] == [
        "event.e-early-context",
        "event.c-late-context",
        "event.a-undated",
        "event.d-session",
        "event.b-after",
    ]


@pytest.mark.parametrize(
    ("date", "display"),
    [
        (DateValue("2015-05-27", "2015-05-28", "day-range"), "27–28 May 2015"),
        (DateValue("2015-05-30", "2015-06-02", "day-range"), "30 May 2015 – 2 June 2015"),
        (DateValue("2015-05-29", "2015-05-29", "day"), "29 May 2015"),
        (DateValue("1995-12", "1995-12", "month"), "Dec 1995"),
        (DateValue("1995-01", "1995-01", "month"), "Jan 1995"),
        (DateValue("1969", "1969", "year"), "1969"),
        (DateValue("2017", "2018", "year-range"), "2017–2018"),
        (DateValue(), "undated"),
        (DateValue("", "", "day"), "undated"),
    ],
)
def test_format_date(date: DateValue, display: str) -> None:
    assert format_date(date) == display
    assert date.display() == display


@pytest.mark.parametrize(
    ("date", "compact"),
    [
        (DateValue("2015-09-27", "2015-09-28", "day-range"), "27–28 Sep 2015"),
        (DateValue("2015-09-30", "2015-10-02", "day-range"), "30 Sep–2 Oct 2015"),
        (DateValue("2015-12-30", "2016-01-02", "day-range"), "30 Dec 2015 – 2 Jan 2016"),
        (DateValue("2015-09-29", "2015-09-29", "day"), "29 Sep 2015"),
        (DateValue("2017", "2018", "year-range"), "2017–2018"),
    ],
)
def test_compact_date_for_a_column(date: DateValue, compact: str) -> None:
    from oic_tui.tui.widgets.styling import DATE_WIDTH, record_line

    assert date.compact() == compact
    event = Record("event.x", "event", "Meeting", "text", (), date=date)
    column = record_line(event).plain[:DATE_WIDTH]
    # Every date within one year fits whole; a day range across years is cut, visibly.
    fits = date.precision != "day-range" or date.start[:4] == date.end[:4]
    assert column.rstrip() == compact if fits else column.endswith("…")
    assert record_line(event).plain[DATE_WIDTH:] == " Meeting"


def test_date_sort_key_and_years() -> None:
    assert DateValue().sort_key == "9999"
    assert DateValue().years is None
    assert DateValue("1969", "1969", "year").sort_key == "1969"
    assert DateValue("2017", "2018", "year-range").years == (2017, 2018)
    assert DateValue("1995-12", "", "month").years == (1995, 1995)


def test_record_summary_per_kind(shipped_store: Store) -> None:
    def summary(record_id: str) -> str:
        found: Record | None = shipped_store.get(record_id)
        assert found is not None
        return found.summary

    assert summary("event.session") == "27–28 May 2015"
    assert summary("topic.aral-sea") == "environment"
    assert summary("initiative.aral-sea") == "supported in the resolutions"
    assert summary("fact.population") == "1.5 billion people"
    assert summary("entity.astana") == "city"


def test_date_column_is_as_wide_as_the_longest_date(shipped_store: Store) -> None:
    from oic_tui.tui.widgets.styling import DATE_WIDTH, date_width

    events = shipped_store.by_kind("event")
    assert date_width(events) == len("~27–28 May 2015")
    long = Record(
        "event.y", "event", "Y", "t", (), date=DateValue("2015-12-30", "2016-01-02", "day-range")
    )
    assert date_width([*events, long]) == DATE_WIDTH
    assert date_width(shipped_store.by_kind("fact")) == 0
