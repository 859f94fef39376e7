"""The CLI over corpus folders: docs, show DOC, --corpus (stale stores rebuilt), init, check."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    SHIPPED_DOC_ID,
    STORE_JSON,
    VENV_BIN,
    annotation_path,
    document_row,
    make_store,
    one_error_line,
    run_subprocess,
    store_data,
)

from oic_tui.corpus.atomic import TEMP_PREFIX
from oic_tui.store.reader import Store

DHAKA = "test-cfm45-dhaka-2018"
IOFS_2020 = "test-iofs-2020"
DOC_KEYS = {
    "id",
    "label",
    "title",
    "publisher",
    "date",
    "place",
    "url",
    "sentence_count",
    "record_count",
}


def store_of(corpus: Path) -> Path:
    return corpus / "corpus.json"


def make_stale(corpus: Path) -> None:
    """Edit a source after the build (a comment added to corpus.toml)."""
    source = corpus / "corpus.toml"
    source.write_text(source.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")


def break_a_source(corpus: Path) -> Path:
    path = corpus / "documents" / DHAKA / "facts.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[[record]\n", encoding="utf-8")
    make_stale(corpus)
    return path


# --- docs ----------------------------------------------------------------------------------------


def test_docs_json_lists_every_document_by_date(cli: Any, test_corpus: Path) -> None:
    status, out, err = cli("--corpus", test_corpus, "docs", "--json")
    assert status == 0 and err == ""
    docs = json.loads(out)
    store = Store.open(store_of(test_corpus))
    assert [d["id"] for d in docs] == list(store.documents)
    for doc in docs:
        assert set(doc) == DOC_KEYS
        model = store.documents[doc["id"]]
        assert doc["sentence_count"] == len(model.sentences) > 0
        assert doc["record_count"] == store.doc_record_count(model.id) > 0
        assert doc["label"] == model.short
    dhaka = next(d for d in docs if d["id"] == DHAKA)
    assert dhaka["date"] == {
        "start": "2018-05-07",
        "end": "2018-05-07",
        "precision": "day",
        "text": "7 May 2018",
    }
    assert dhaka["place"] == "Dhaka" and dhaka["url"] is None
    assert dhaka["publisher"] == "oic-tui test data"


def test_docs_table_names_each_document(cli: Any, test_corpus: Path) -> None:
    status, out, _ = cli("docs", "--corpus", test_corpus)
    assert status == 0
    assert "4 documents" in out
    for text in ("CFM45 Dhaka (test)", DHAKA, SHIPPED_DOC_ID, "42nd CFM, Kuwait", "7 May 2018"):
        assert text in out, text


def test_docs_of_the_shipped_store(cli: Any) -> None:
    status, out, _ = cli("docs", "--json")
    assert status == 0
    (doc,) = json.loads(out)
    assert doc["id"] == SHIPPED_DOC_ID
    assert (doc["sentence_count"], doc["record_count"]) == (22, 85)


def test_docs_output_is_inert(cli: Any, tmp_path: Path) -> None:
    data = store_data()
    data["documents"]["1"] = {
        **document_row(),
        "title": "Evil \x1b]0;pwned\x07 [bold]markup[/bold]",
        "place": "As\x1b[2Jtana",
    }
    path = make_store(tmp_path, data=data, ensure_ascii=True)
    for argv in (("docs",), ("show", "mini-doc")):
        status, out, _ = cli("--db", path, *argv)
        assert status == 0
        assert "\x1b" not in out and "\x07" not in out
        assert "[bold]markup[/bold]" in out


# --- show DOC ------------------------------------------------------------------------------------


def test_show_a_document(cli: Any, test_corpus: Path) -> None:
    status, out, err = cli("--corpus", test_corpus, "show", IOFS_2020)
    assert status == 0 and err == ""
    store = Store.open(store_of(test_corpus))
    doc = store.documents[IOFS_2020]
    assert doc.title in out and "Publisher: oic-tui test data" in out
    assert "Place: Nur-Sultan" in out and "Date: 10 September 2020" in out
    assert f"Sentences: {len(doc.sentences)}" in out
    assert f"Records: {store.doc_record_count(IOFS_2020)} (Timeline " in out
    for record in store.by_kind("event", doc=IOFS_2020):
        assert f"({record.id})" in out


def test_show_a_document_as_json(cli: Any, test_corpus: Path) -> None:
    status, out, _ = cli("show", IOFS_2020, "--json", "--corpus", test_corpus)
    assert status == 0
    data = json.loads(out)
    store = Store.open(store_of(test_corpus))
    assert set(data) >= DOC_KEYS
    assert data["records_by_kind"] == {
        kind: len(store.by_kind(kind, doc=IOFS_2020))
        for kind in ("event", "topic", "initiative", "fact", "entity")
    }
    assert sum(data["records_by_kind"].values()) == len(data["records"]) == data["record_count"]
    for row in data["records"]:
        record = store.get(row["id"])
        assert record is not None and IOFS_2020 in record.docs
        assert (row["kind"], row["title"]) == (record.kind, record.title)


def test_an_unknown_id_may_mean_a_document(cli: Any, test_corpus: Path) -> None:
    status, _, err = cli("--corpus", test_corpus, "show", "test-iofs")
    assert status == 2
    assert IOFS_2020 in one_error_line(err)


# --- search and show in a store of several documents ---------------------------------------------


def test_json_hits_carry_their_documents(cli: Any, test_corpus: Path) -> None:
    status, out, _ = cli("--corpus", test_corpus, "search", "IOFS", "--json")
    assert status == 0
    hits = json.loads(out)
    assert any(len(hit["docs"]) > 1 for hit in hits)
    for hit in hits:
        assert hit["docs"] == list(dict.fromkeys(s["doc"] for s in hit["sources"]))


def test_a_doc_filter_keeps_that_documents_records(cli: Any, test_corpus: Path) -> None:
    status, out, _ = cli("--corpus", test_corpus, "search", "IOFS", "doc:dhaka", "--json")
    assert status == 0
    hits = json.loads(out)
    assert hits and all(DHAKA in hit["docs"] for hit in hits)


@pytest.mark.parametrize("columns", ["200", "80"])
def test_the_table_has_a_doc_column_with_several_documents(
    cli: Any, test_corpus: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    status, out, _ = cli("--corpus", test_corpus, "search", "headquarters", "Nur-Sultan")
    assert status == 0
    assert " doc " in out.splitlines()[1] + out.splitlines()[2]
    assert "IOFS 2020 (test)" in out
    _, single, _ = cli("search", "Aral")
    assert " doc " not in single


def test_show_names_each_sources_document(cli: Any, test_corpus: Path) -> None:
    status, out, _ = cli("--corpus", test_corpus, "show", "initiative.iofs")
    assert status == 0
    assert f"Source {IOFS_2020} [" in out and "IOFS 2020 (test), 10 September 2020" in out
    status, out, _ = cli("show", "initiative.iofs", "--json", "--corpus", test_corpus)
    assert IOFS_2020 in json.loads(out)["docs"]


# --- check ---------------------------------------------------------------------------------------


def test_check_gives_each_documents_coverage_and_the_total(cli: Any, test_corpus: Path) -> None:
    status, out, _ = cli("check", "--corpus", test_corpus)
    assert status == 0
    store = Store.open(store_of(test_corpus))
    lines = out.splitlines()
    for doc in store.documents.values():
        n = len(doc.sentences)
        assert f"{doc.id}: sentence coverage {n}/{n} (100%)" in lines
    total = sum(len(doc.sentences) for doc in store.documents.values())
    assert f"4 documents: sentence coverage {total}/{total} (100%), 0 not fully covered" in lines
    assert lines[-1] == f"{len(store.records)} records, 0 problems"


def test_check_of_one_document_has_no_total_line(cli: Any) -> None:
    _, out, _ = cli("check")
    assert "documents:" not in out


# --- --corpus ------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_fresh_store_is_opened_as_it_is(cli: Any, test_corpus: Path, where: str) -> None:
    before = store_of(test_corpus).stat().st_mtime_ns
    args = ["--corpus", test_corpus, "search", "Dhaka"]
    status, _, err = cli(*(args if where == "before" else [*args[2:], *args[:2]]))
    assert status == 0 and err == ""
    assert store_of(test_corpus).stat().st_mtime_ns == before


def test_a_stale_store_is_rebuilt_first(cli: Any, test_corpus: Path) -> None:
    path = annotation_path(test_corpus, "facts")
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[record]]\nid = "fact.zzfresh"\ntitle = "Freshly added"\nvalue = "1995"\n'
        'text = "Kazakhstan joined the OIC."\n'
        'quotes = ["Kazakhstan became OIC member in December 1995"]\n',
        encoding="utf-8",
    )
    make_stale(test_corpus)
    status, out, err = cli("search", "Freshly", "--json", "--corpus", test_corpus)
    assert status == 0
    assert [hit["id"] for hit in json.loads(out)] == ["fact.zzfresh"]
    assert err == f"oic-tui: rebuilding {store_of(test_corpus)} (sources changed)…\n"
    # Now fresh: opened without a rebuild.
    status, _, err = cli("--corpus", test_corpus, "show", "fact.zzfresh")
    assert status == 0 and err == ""


def test_a_missing_store_is_built(cli: Any, test_corpus: Path) -> None:
    store_of(test_corpus).unlink()
    status, out, err = cli("--corpus", test_corpus, "docs", "--json")
    assert status == 0 and len(json.loads(out)) == 4
    assert "(no store yet)" in one_error_line(err)


def test_a_failed_rebuild_says_why_and_keeps_the_old_store(cli: Any, test_corpus: Path) -> None:
    old = store_of(test_corpus).read_bytes()
    broken = break_a_source(test_corpus)
    status, out, err = cli("--corpus", test_corpus, "search", "IOFS")
    assert status == 2 and out == ""
    lines = err.splitlines()
    assert lines[0].startswith("oic-tui: rebuilding ")
    assert len(lines) == 2 and lines[1].startswith(f"oic-tui build: {broken}: ")
    assert "Traceback" not in err
    assert store_of(test_corpus).read_bytes() == old
    assert not [p for p in test_corpus.iterdir() if p.name.startswith(TEMP_PREFIX)]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--corpus", "{tmp}/nowhere", "docs"], "is not a corpus folder"),
        (["--corpus", "{corpus}", "--db", "{tmp}/x.json", "search", "x"], "not both"),
        (["--corpus", "{corpus}", "check", "{tmp}/x.json"], "not both"),
    ],
)
def test_corpus_errors_are_one_line(
    cli: Any, test_corpus: Path, tmp_path: Path, argv: list[str], fragment: str
) -> None:
    args = [a.format(tmp=tmp_path, corpus=test_corpus) for a in argv]
    status, out, err = cli(*args)
    assert status == 2 and out == ""
    assert fragment in one_error_line(err)


def test_the_explorer_opens_a_corpus_store_rebuilt(
    cli: Any, test_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oic_tui.cli import launch

    opened: list[Path | None] = []
    monkeypatch.setattr(launch, "refused", lambda: False)

    def launched(db: Path | None, *_: object, **__: object) -> int:
        opened.append(db)
        return 0

    monkeypatch.setattr(launch, "launch", launched)
    make_stale(test_corpus)
    status, _, err = cli("--corpus", test_corpus)
    assert status == 0 and opened == [store_of(test_corpus)]
    assert "rebuilding" in one_error_line(err)


def test_without_a_terminal_the_explorer_rebuilds_nothing(
    cli: Any, test_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    old = store_of(test_corpus).read_bytes()
    break_a_source(test_corpus)
    status, _, err = cli("--corpus", test_corpus)
    assert status == 2 and "needs a terminal" in one_error_line(err)
    assert store_of(test_corpus).read_bytes() == old


# --- build ---------------------------------------------------------------------------------------


def test_build_compiles_a_corpus_folder(cli: Any, test_corpus: Path) -> None:
    store_of(test_corpus).unlink()
    status, out, err = cli("build", "--corpus", test_corpus)
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"built {store_of(test_corpus)}: ")
    assert f"  {DHAKA}: sentence coverage 13/13 (100%)" in lines
    assert len(Store.open(store_of(test_corpus)).documents) == 4


def test_build_corpus_before_the_command_and_db_elsewhere(
    cli: Any, test_corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "elsewhere.json"
    status, _, _ = cli("--corpus", test_corpus, "build", "--db", out)
    assert status == 0
    assert out.read_bytes() == store_of(test_corpus).read_bytes()


def test_build_failure_lists_every_problem_and_keeps_the_store(cli: Any, test_corpus: Path) -> None:
    old = store_of(test_corpus).read_bytes()
    break_a_source(test_corpus)
    (test_corpus / "documents" / IOFS_2020 / "facts.toml").write_text("kind = \n")
    status, out, err = cli("build", "--corpus", test_corpus)
    assert status == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith("oic-tui build: ") for line in lines)
    assert store_of(test_corpus).read_bytes() == old


# --- init ----------------------------------------------------------------------------------------


def test_init_makes_a_corpus_ready_to_extend(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "mine"
    status, out, err = cli("init", target)
    assert status == 0 and err == ""
    assert out.startswith(f"created {target}: 1 document, 85 records")
    assert f"oic-tui --corpus {target}" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]
    assert sorted(p.name for p in target.iterdir()) == [
        ".oic-tui.lock",  # the lock every writer of the corpus takes
        "annotations",
        "corpus.json",
        "corpus.toml",
        "documents",
    ]
    # The shipped store's records, rebuilt from the copied sources.
    assert (
        json.loads(store_of(target).read_text())["records"]
        == json.loads(STORE_JSON.read_text())["records"]
    )
    status, out, err = cli("--corpus", target, "check")
    assert status == 0 and err == ""


def test_init_into_an_empty_folder(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    status, _, _ = cli("init", target)
    assert status == 0 and store_of(target).is_file()


@pytest.mark.parametrize("what", ["a folder with a file", "a file"])
def test_init_refuses_what_exists(cli: Any, tmp_path: Path, what: str) -> None:
    target = tmp_path / "taken"
    if what == "a file":
        target.write_text("mine", encoding="utf-8")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("mine", encoding="utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    status, out, err = cli("init", target)
    assert status == 2 and out == ""
    assert "already exists" in one_error_line(err)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_failed_init_leaves_nothing(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oic_tui.corpus import folder as corpus

    real = corpus.write_bytes_atomic  # type: ignore[attr-defined]
    calls: list[Path] = []

    def full_disk(target: Path, data: bytes) -> Path:
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(target, data)

    monkeypatch.setattr(corpus, "write_bytes_atomic", full_disk)
    status, out, err = cli("init", tmp_path / "new")
    assert status == 2 and out == ""
    assert "No space left on device" in one_error_line(err)
    assert list(tmp_path.iterdir()) == []


def test_init_takes_no_store_option(cli: Any, tmp_path: Path) -> None:
    status, _, err = cli("--db", tmp_path / "x.json", "init", tmp_path / "new")
    assert status == 2 and "init" in one_error_line(err)
    assert list(tmp_path.iterdir()) == []


# --- killed writers (SIGKILL, as a crash or kill -9) ---------------------------------------------

_KILLED = """
import os, signal, sys
from oic_tui.corpus import atomic
from oic_tui.cli.main import main

def die(fd):
    # Halfway: the new store is in its temp file, not yet renamed over the old one.
    os.kill(os.getpid(), signal.SIGKILL)

atomic.os.fsync = die
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    "argv", [["build", "--corpus", "{corpus}"], ["--corpus", "{corpus}", "search", "IOFS"]]
)
def test_a_build_killed_halfway_leaves_the_old_store(
    test_corpus: Path, tmp_path: Path, argv: list[str]
) -> None:
    old = store_of(test_corpus).read_bytes()
    make_stale(test_corpus)
    args = [a.format(corpus=test_corpus) for a in argv]
    result = run_subprocess([sys.executable, "-c", _KILLED, *args], cwd=tmp_path)
    assert result.returncode == -9, result.stderr
    assert store_of(test_corpus).read_bytes() == old
    assert [p.name for p in test_corpus.iterdir() if p.name.startswith(TEMP_PREFIX)]
    # The next run rebuilds (the store is still older than its sources) and tidies up.
    result = run_subprocess(
        [str(VENV_BIN / "oic-tui"), "--corpus", str(test_corpus), "docs"], cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "rebuilding" in result.stderr
    assert not [p for p in test_corpus.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert len(Store.open(store_of(test_corpus)).documents) == 4


def test_an_init_killed_halfway_leaves_no_corpus(tmp_path: Path) -> None:
    code = (
        "import os, signal, sys\n"
        "from oic_tui.corpus import folder as corpus\n"
        "real = corpus.write_bytes_atomic\n"
        "calls = []\n"
        "def write(target, data):\n"
        "    calls.append(target)\n"
        "    if len(calls) == 3:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return real(target, data)\n"
        "corpus.write_bytes_atomic = write\n"
        "from oic_tui.cli.main import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    target = tmp_path / "new"
    result = run_subprocess([sys.executable, "-c", code, "init", str(target)], cwd=tmp_path)
    assert result.returncode == -9
    assert not (target / "corpus.toml").exists() and not store_of(target).exists()
    result = run_subprocess(
        [str(VENV_BIN / "oic-tui"), "--corpus", str(target), "docs"], cwd=tmp_path
    )
    assert result.returncode == 2 and "is not a corpus folder" in result.stderr


# --- help ----------------------------------------------------------------------------------------


def test_help_says_what_it_explores_and_the_corpus_commands(
    cli: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv, wanted in (
        (("--help",), ["Kazakhstan", "--corpus", "docs", "init"]),
        (("build", "--help"), ["corpus folder", "--corpus"]),
        (("init", "--help"), ["must not exist or be empty"]),
        (("search", "--help"), ["doc:2018"]),
    ):
        with pytest.raises(SystemExit):
            cli(*argv)
        out = " ".join(capsys.readouterr().out.split())
        assert all(w in out for w in wanted), (argv, out)
