"""The read-only store: lookups, one-line errors for broken files, bad records, hostile text."""

from __future__ import annotations

import copy
import json
import os
import stat
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    MINI_DOC_ID,
    MINI_TEXT,
    SHIPPED_DOC_ID,
    STORE_JSON,
    default_records,
    make_store,
    record,
    span,
    store_data,
    strings_in,
)

from oic_tui.search.service import search
from oic_tui.store.models import KINDS, Document, Record
from oic_tui.store.reader import Store, StoreError, default_store_path
from oic_tui.store.sanitize import REPLACEMENT, clean_text

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def open_error(path: Path) -> str:
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    message = str(caught.value)
    assert "\n" not in message, "a StoreError is one line"
    assert str(path) in message, "a StoreError names the path"
    return message


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}


# --- opening read-only ------------------------------------------------------------------------


def test_default_store_is_the_committed_one(shipped_store: Store) -> None:
    assert default_store_path() == STORE_JSON
    assert Store.open().records == shipped_store.records
    assert shipped_store.problems == []
    assert len(shipped_store.records) == 85
    assert shipped_store.document.id == SHIPPED_DOC_ID
    assert list(shipped_store.documents) == [SHIPPED_DOC_ID]


def test_open_and_search_change_nothing_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(STORE_JSON.read_bytes())
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = snapshot(tmp_path)
    store = Store.open(path)
    assert search(store, "Aral")
    assert store.get("initiative.aral-sea") is not None
    assert snapshot(tmp_path) == before


def test_shipped_store_is_untouched_by_open(shipped_store: Store) -> None:
    before = (STORE_JSON.stat().st_mtime_ns, STORE_JSON.read_bytes())
    search(Store.open(STORE_JSON), "Kazakhstan")
    assert (STORE_JSON.stat().st_mtime_ns, STORE_JSON.read_bytes()) == before


def test_missing_path_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "missing.json"
    message = open_error(path)
    assert "no such file" in message
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "store.json"
    open_error(path)
    assert not (tmp_path / "no").exists()


def test_read_only_file_in_read_only_folder_opens(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = make_store(folder)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    try:
        store = Store.open(path)
        assert store.problems == []
        assert store.get("initiative.aral-sea") is not None
        assert [h.record.id for h in search(store, "Aral")] == ["initiative.aral-sea"]
        assert sorted(p.name for p in folder.iterdir()) == ["store.json"]
    finally:
        folder.chmod(stat.S_IRWXU)
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.mark.skipif(IS_ROOT, reason="root can read a file whatever its permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = make_store(tmp_path)
    path.chmod(0)
    try:
        assert "cannot be read" in open_error(path)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_mini_store_opens_clean(mini_store_path: Path) -> None:
    store = Store.open(mini_store_path)
    assert store.problems == []
    assert store.path == mini_store_path
    assert store.document.id == MINI_DOC_ID
    assert store.document.text == MINI_TEXT
    assert [s.index for s in store.document.sentences] == [0, 1, 2, 3, 4]
    assert len(store.records) == 7


# --- lookups -----------------------------------------------------------------------------------


def test_get(shipped_store: Store) -> None:
    aral = shipped_store.get("initiative.aral-sea")
    assert aral is not None
    assert aral.kind == "initiative"
    assert aral.title == "Restoration of the Aral Sea region: Kazakhstan's proposal"
    assert aral.status == "supported in the resolutions"
    assert aral.proposed_by == aral.by == ("entity.kazakhstan",)
    assert aral.presented_by == aral.promoted_by == ()
    assert aral.entities == ("entity.aral-sea", "entity.kazakhstan")
    assert aral.related == ("topic.aral-sea",)
    assert shipped_store.get("initiative.nowhere") is None
    assert shipped_store.get("") is None


@pytest.mark.parametrize(
    ("kind", "count"),
    [("entity", 28), ("topic", 20), ("event", 16), ("initiative", 11), ("fact", 10)],
)
def test_by_kind(shipped_store: Store, kind: str, count: int) -> None:
    records = shipped_store.by_kind(kind)
    assert len(records) == count
    assert {r.kind for r in records} == {kind}
    assert {r.id for r in records} == {r.id for r in shipped_store.records if r.kind == kind}


def test_by_kind_unknown_and_copy(shipped_store: Store) -> None:
    assert shipped_store.by_kind("opinion") == []
    assert sum(len(shipped_store.by_kind(k)) for k in KINDS) == len(shipped_store.records)
    shipped_store.by_kind("fact").clear()
    assert len(shipped_store.by_kind("fact")) == 10


def test_mentioning_gives_backlinks(shipped_store: Store) -> None:
    astana = [r.id for r in shipped_store.mentioning("entity.astana")]
    assert "initiative.iofs" in astana
    assert "event.expo-2017" in astana
    assert "topic.food-security" in astana
    assert "event.bilateral-meetings" in astana  # linked because its quote names Astana
    assert len(astana) == len(set(astana)) == 13
    for record_id in astana:
        found = shipped_store.get(record_id)
        assert found is not None
        assert "entity.astana" in (*found.entities, *found.by)


def test_mentioning_includes_by(shipped_store: Store) -> None:
    kazakhstan = {r.id for r in shipped_store.mentioning("entity.kazakhstan")}
    assert "initiative.aral-sea" in kazakhstan  # only through `by`
    assert shipped_store.mentioning("entity.nobody") == []


def test_resolve_skips_unknown(shipped_store: Store) -> None:
    resolved = shipped_store.resolve(["entity.kuwait", "entity.nowhere", "fact.members"])
    assert [r.id for r in resolved] == ["entity.kuwait", "fact.members"]


def test_from_span(shipped_store: Store, shipped_text: str) -> None:
    start = shipped_text.index("Aral Sea")
    ids = {r.id for r in shipped_store.from_span(SHIPPED_DOC_ID, start, start + 8)}
    assert {"initiative.aral-sea", "topic.aral-sea", "entity.aral-sea"} <= ids
    for record_id in ids:
        found = shipped_store.get(record_id)
        assert found is not None
        assert any(s.start < start + 8 and start < s.end for s in found.sources)


def test_from_span_dateline_and_edges(shipped_store: Store, shipped_text: str) -> None:
    first = shipped_store.document.sentences[0]
    ids = {r.id for r in shipped_store.from_span(SHIPPED_DOC_ID, first.start, first.end)}
    assert {"event.report-published", "entity.astana", "entity.kazinform"} <= ids
    assert shipped_store.from_span(SHIPPED_DOC_ID, 0, 1) == []  # the leading space
    assert shipped_store.from_span("another-doc", first.start, first.end) == []
    end = len(shipped_text)
    assert shipped_store.from_span(SHIPPED_DOC_ID, end, end + 10) == []


def test_document_sentence_helpers(shipped_store: Store, shipped_text: str) -> None:
    doc = shipped_store.document
    assert len(doc.sentences) == 22
    assert doc.sentence_text(doc.sentences[0]) == "date 2015-05-29 ASTANA. KAZINFORM -"
    at = shipped_text.index("Jeddah")
    found = doc.sentence_at(at)
    assert found is not None and found.index == 18
    assert doc.sentence_text(found).startswith("The OIC General Secretariat is located in Jeddah")
    assert doc.sentence_at(0) is None
    assert doc.paragraphs == ((1, 324), (326, 4400))


# --- broken files: one-line StoreError naming the path ------------------------------------------


def _valid_bytes() -> bytes:
    return (json.dumps(store_data()) + "\n").encode("utf-8")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "is empty"),
        (b"  \n\t\n", "is empty"),
        (b"hello, world", "is not valid JSON"),
        (b'{"meta": {"1": {"schema_version": 2}}, "documents": ', "is truncated"),
        ('{"meta": "café"}'.encode("latin-1"), "is not UTF-8"),
        (b"[]", "top level is not a JSON object"),
        (b"null", "top level is not a JSON object"),
        (b'"a string"', "top level is not a JSON object"),
        (b"{}", "has no 'meta' table"),
        (b'{"meta": [], "documents": {}, "records": {}}', "has no 'meta' table"),
        (b'{"meta": {"1": {"schema_version": 2}}}', "has no 'documents' table"),
        (
            b'{"meta": {"1": {"schema_version": 2}}, "documents": {}, "records": {}}',
            "contains no readable source document",
        ),
        (b'{"meta": {"1": {"schema_version": 3}}, "documents": {}}', "unknown schema version 3"),
        (
            b'{"meta": {"1": {"schema_version": 1}}, "documents": {}}',
            "is a schema 1 store from an older oic-tui; rebuild it with `oic-tui build`",
        ),
        (b'{"meta": {}, "documents": {}}', "unknown schema version None"),
        (b"[" * 100_000, "nested too deeply"),
        (b'{"a": ' * 100_000, "nested too deeply"),
    ],
    ids=[
        "empty",
        "blank",
        "not-json",
        "truncated",
        "latin-1",
        "list",
        "null",
        "string",
        "no-tables",
        "meta-not-object",
        "no-documents",
        "zero-documents",
        "schema-3",
        "schema-1",
        "schema-missing",
        "deep-lists",
        "deep-objects",
    ],
)
def test_broken_store_files(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    assert fragment in open_error(path)
    assert path.read_bytes() == content


def test_truncated_real_store(tmp_path: Path) -> None:
    path = tmp_path / "half.json"
    raw = STORE_JSON.read_bytes()
    path.write_bytes(raw[: len(raw) // 2].rsplit(b",", 1)[0])
    assert "is truncated" in open_error(path)


def test_missing_records_table(tmp_path: Path) -> None:
    data = store_data()
    del data["records"]
    assert "has no 'records' table" in open_error(make_store(tmp_path, data=data))


def test_directory_is_not_a_store(tmp_path: Path) -> None:
    assert "is a directory" in open_error(tmp_path)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + STORE_JSON.read_bytes())
    store = Store.open(path)
    assert store.problems == []
    assert len(store.records) == 85


def test_bom_on_a_small_store(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + _valid_bytes())
    assert Store.open(path).get("fact.members") is not None


@pytest.mark.parametrize("escaped", [False, True], ids=["plain", "with-escapes"])
def test_moderately_deep_json_never_crashes(tmp_path: Path, escaped: bool) -> None:
    data = store_data()
    if escaped:  # an escape sends the store through the sanitising path
        data["records"]["1"]["title"] = "caf\u00e9"
    path = tmp_path / "deep.json"
    text = json.dumps(data, ensure_ascii=escaped)
    deep = "[" * 600 + "]" * 600
    row = '{"id": "fact.deep", "kind": "fact", "title": "Deep", "x": ' + deep + "}"
    text = text[:-1] + ', "x": ' + deep + "}"
    text = text.replace('"records": {', '"records": {"999": ' + row + ", ", 1)
    path.write_text(text, encoding="utf-8")
    json.loads(path.read_text(encoding="utf-8"))  # the JSON itself parses
    store = Store.open(path)
    assert store.get("fact.members") is not None
    assert store.get("fact.deep") is None
    assert any("fact.deep" in p or "'999'" in p for p in store.problems)


# --- bad records are skipped, good ones kept --------------------------------------------------


def bad_records() -> list[dict[str, Any]]:
    mismatch = record("fact.mismatch", "fact", ["Kuwait"], title="Mismatch")
    mismatch["sources"][0]["quote"] = "Jeddah"
    outside = record("fact.outside", "fact", ["Kuwait"], title="Outside")
    outside["sources"][0].update(start=len(MINI_TEXT), end=len(MINI_TEXT) + 6)
    other_doc = record("fact.other-doc", "fact", ["Kuwait"], title="Other document")
    other_doc["sources"][0]["doc"] = "another-doc"
    return [
        record("opinion.bad-kind", "opinion", ["Kuwait"]),
        mismatch,
        outside,
        other_doc,
        record("fact.no-sources", "fact", [], title="No sources"),
        record("entity.kuwait", "entity", ["Kuwait"], title="Second Kuwait"),
        record("fact.dangling", "fact", ["Kuwait"], entities=["entity.nowhere"], related=["x.y"]),
        record(
            "fact.not-entity",
            "fact",
            ["Kuwait"],
            entities=["fact.members"],
            presented_by=["event.report"],
        ),
        record("fact.no-title", "fact", ["Kuwait"], title=""),
        record("fact.bad-phase", "event", ["Kuwait"], phase="someday"),
        record("fact.bad-date", "event", ["Kuwait"], date={"precision": "fortnight"}),
        record(
            "fact.bad-offset-type", "fact", ["Kuwait"], sources=[{"doc": MINI_DOC_ID, "start": "1"}]
        ),
        {"kind": "fact", "title": "No id", "sources": [span("Kuwait")]},
    ]


def test_bad_records_are_skipped_and_listed(tmp_path: Path) -> None:
    store = Store.open(make_store(tmp_path, [*store_data()["records"].values(), *bad_records()]))
    good = {r["id"] for r in store_data()["records"].values()}
    ids = {r.id for r in store.records}
    assert ids == good | {"fact.dangling", "fact.not-entity"}
    kuwait = store.get("entity.kuwait")
    assert kuwait is not None and kuwait.title == "Kuwait"  # the first of a duplicate wins
    dangling = store.get("fact.dangling")
    assert dangling is not None and dangling.entities == () and dangling.related == ()
    not_entity = store.get("fact.not-entity")
    assert not_entity is not None and not_entity.entities == () and not_entity.presented_by == ()
    problems = store.problems
    for name in [
        "opinion.bad-kind",
        "fact.mismatch",
        "fact.outside",
        "fact.other-doc",
        "fact.no-sources",
        "entity.kuwait",
        "entity.nowhere",
        "x.y",
        "fact.members",
        "event.report",
        "fact.no-title",
        "fact.bad-phase",
        "fact.bad-date",
        "fact.bad-offset-type",
        "#20",
    ]:
        assert sum(name in p for p in problems) >= 1, f"no problem names {name}: {problems}"
    assert len(problems) == 15
    assert any("duplicate id" in p for p in problems)
    assert any("does not match the document" in p for p in problems)
    assert all("\n" not in p for p in problems)


def test_bad_records_do_not_reach_lookups(tmp_path: Path) -> None:
    store = Store.open(make_store(tmp_path, [*store_data()["records"].values(), *bad_records()]))
    assert store.get("fact.mismatch") is None
    assert all(h.record.id != "fact.mismatch" for h in search(store, "Kuwait"))
    assert {r.id for r in store.mentioning("entity.kuwait")} == {"event.session"}


def test_a_record_row_that_is_not_an_object_is_skipped(tmp_path: Path) -> None:
    data = store_data()
    data["records"]["99"] = "not a record"
    store = Store.open(make_store(tmp_path, data=data))
    assert len(store.records) == 7
    assert len(store.problems) == 1


@pytest.mark.parametrize(
    "date",
    [
        {"start": "2015-13", "end": "2015-13", "precision": "month"},
        {"start": "2015", "end": "2015", "precision": "day"},
    ],
)
def test_impossible_dates_are_skipped(tmp_path: Path, date: dict[str, str]) -> None:
    rows = [*store_data()["records"].values()]
    rows.append(record("event.bad", "event", ["Kuwait"], date=date, phase="session"))
    store = Store.open(make_store(tmp_path, rows))
    assert store.get("event.bad") is None
    assert any("event.bad" in p for p in store.problems)
    assert [h.record.id for h in search(store, "Kuwait", kind="entity")] == ["entity.kuwait"]


def test_unreadable_document_is_skipped_but_store_needs_one(tmp_path: Path) -> None:
    data = store_data()
    data["documents"]["2"] = {"id": "broken", "text": "Some text.", "sentences": [[0, 999, 0]]}
    store = Store.open(make_store(tmp_path, data=data))
    assert list(store.documents) == [MINI_DOC_ID]
    assert store.problems == ["document broken skipped: sentence boundaries are outside the text"]
    only_bad = copy.deepcopy(data)
    only_bad["documents"] = {"1": data["documents"]["2"]}
    assert "no readable source document" in open_error(
        make_store(tmp_path, data=only_bad, name="b.json")
    )


def test_missing_sentences_are_recomputed(tmp_path: Path) -> None:
    data = store_data()
    del data["documents"]["1"]["sentences"]
    store = Store.open(make_store(tmp_path, data=data))
    assert len(store.document.sentences) == 5
    assert store.document.sentence_text(store.document.sentences[2]) == (
        "Mr. A. Musinov spoke about the Aral Sea."
    )


# --- hostile strings are sanitised ---------------------------------------------------------------

HOSTILE = "\x1b[31mred\x1b[0m \u202eevil\u202c zero\u200bwidth \ufeffbom \x07bell \x9bcsi \x00nul"


def unsafe(value: str) -> list[str]:
    return [c for c in value if c not in "\n\t" and unicodedata.category(c) in {"Cc", "Cf", "Cs"}]


def hostile_store(tmp_path: Path) -> Path:
    text = f"Kuwait {HOSTILE} \ud800 lone.\n\nSecond\tparagraph \r\n here."
    quote = f"{HOSTILE} \ud800 lone"
    row = record(
        "fact.hostile",
        "fact",
        [],
        title=f"Title {HOSTILE} \ud800",
        text=f"Body {HOSTILE}\nline two\tcolumn",
        sources=[span(quote, text=text), span("Second\tparagraph", text=text)],
        value=HOSTILE,
        aliases=[HOSTILE],
        venues=[HOSTILE],
        category="\u2066isolate\u2069",
        date={"start": "", "end": "", "precision": "undated"},
    )
    entity = record("entity.kuwait", "entity", [], sources=[span("Kuwait", text=text)])
    entity["title"] = "Kuwait\u202e"
    data = store_data([row, entity], text=text)
    data["documents"]["1"]["title"] = f"Doc {HOSTILE}"
    data["documents"]["1"]["publisher"] = "\ud800"
    # ensure_ascii writes the lone surrogate as the JSON escape "\ud800".
    path = make_store(tmp_path, data=data, ensure_ascii=True)
    assert "\\ud800" in path.read_text(encoding="utf-8")
    return path


def test_hostile_strings_are_sanitised(tmp_path: Path) -> None:
    store = Store.open(hostile_store(tmp_path))
    assert store.problems == []
    assert {r.id for r in store.records} == {"fact.hostile", "entity.kuwait"}
    values: list[str] = []
    for item in (*store.records, *store.documents.values()):
        assert isinstance(item, (Record, Document))
        values += strings_in(item)
    assert values
    for value in values:
        assert unsafe(value) == [], f"unsafe characters in {value!r}"
        value.encode("utf-8")  # no lone surrogates left


def test_sanitising_is_one_for_one(tmp_path: Path) -> None:
    store = Store.open(hostile_store(tmp_path))
    hostile = store.get("fact.hostile")
    assert hostile is not None
    assert hostile.title == "Title " + clean_text(HOSTILE) + " " + REPLACEMENT
    assert hostile.text.count("\n") == 1 and "\t" in hostile.text
    assert "\x1b" not in hostile.title and "[31mred" in hostile.title
    for source in hostile.sources:  # offsets still index the cleaned document
        assert store.document.text[source.start : source.end] == source.quote
    assert len(store.document.text) == len(hostile_store_text())
    assert "\r" not in store.document.text and "\n\n" in store.document.text


def hostile_store_text() -> str:
    return f"Kuwait {HOSTILE} \ud800 lone.\n\nSecond\tparagraph \r\n here."


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain ascii", "plain ascii"),
        ("a\x1b[2Jb", "a\ufffd[2Jb"),
        ("\u202eabc", "\ufffdabc"),
        ("zero\u200bwidth", "zero\ufffdwidth"),
        ("\ud800", "\ufffd"),
        ("tab\tnew\nline", "tab\tnew\nline"),
        ("cr\rvt\x0bls\u2028", "cr vt ls "),
        ("Astana – “Kazinform” é", "Astana – “Kazinform” é"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
    assert len(clean_text(raw)) == len(raw)


def test_fast_and_checked_parsing_agree(shipped_raw: dict[str, Any]) -> None:
    from oic_tui.store.parse import _checked_record, _fast_record

    rows = list(shipped_raw["records"].values())
    for row in rows:
        fast = _fast_record(row)
        assert fast is not None, row["id"]
        assert fast == _checked_record(row)
    odd = dict(rows[0], title=None, phase="")
    assert _fast_record(odd) is None  # left to the checked path, which says what is wrong
    with pytest.raises(ValueError, match="title is missing"):
        _checked_record(odd)


def test_a_raw_delete_character_is_sanitised(tmp_path: Path) -> None:
    # JSON allows DEL (0x7f) unescaped, so even a pure-ASCII store file can hold one.
    rows = default_records()
    rows[0]["title"] = "The report\x7f is published"
    raw = make_store(tmp_path, rows).read_bytes()
    assert b"\x7f" in raw and raw.isascii()
    report = Store.open(tmp_path / "store.json").get("event.report")
    assert report is not None
    assert report.title == "The report\ufffd is published"
