"""`oic-tui import`: texts into a corpus with verbatim drafts; refusals, batches, the lock."""

from __future__ import annotations

import json
import re
import subprocess
import threading
import time
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from helpers import VENV_BIN
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oic_tui.corpus.folder import find_corpus, init_corpus, stale_because
from oic_tui.corpus.lock import LOCK_FILE, corpus_lock, corpus_locked
from oic_tui.corpus.records import occurrences
from oic_tui.ingest.drafts import draft_annotations
from oic_tui.ingest.importer import STAGING_PREFIX, remove_stale_staging
from oic_tui.store.check import check_store
from oic_tui.store.mentions import AliasIndex
from oic_tui.store.reader import Store, data_dir

# TEST DATA: short fictional articles written for these tests, one per dateline shape.
ARTICLES = {
    "kazinform.txt": (
        "date 2016-10-20 ASTANA. KAZINFORM - The 43rd Session of the OIC Council of Foreign "
        "Ministers was held on October 18-19, 2016 in Tashkent. Kazakhstan proposed to hold a "
        "forum on food security in Astana in 2017. Delegations of the OIC Member States "
        "discussed the situation in Syria.\n"
    ),
    "wire.txt": (
        "DHAKA, May 7, 2018 (Test Wire) - The ministers met in Dhaka on 5-6 May 2018. "
        "Kazakhstan called for closer cooperation among Muslim countries. The next session "
        "will be held in Abu Dhabi in 2019. Today the delegates went home.\n"
    ),
    "headline.txt": (
        "Kazakhstan and the IOFS: a year of work\n"
        "13 December 2019, 07:40\n"
        "NUR-SULTAN. KAZINFORM – Mr. A. Musinov informed the participants about the results "
        "of the year. On December 10 the IOFS held a meeting in Nur-Sultan.\n"
    ),
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A new corpus: the shipped document, built."""
    return init_corpus(tmp_path / "corpus", data_dir()).root


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "incoming"
    folder.mkdir()
    paths = {}
    for name, text in ARTICLES.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


def imported(corpus: Path) -> Store:
    return Store.open(find_corpus(corpus).store_path)


def test_imported_texts_build_clean_with_every_content_sentence_covered(
    cli: Any, corpus: Path, articles: dict[str, Path]
) -> None:
    status, out, err = cli("import", *articles.values(), "--corpus", corpus)
    assert status == 0, err
    assert out.count("imported ") == 3
    store = imported(corpus)
    report = check_store(store)
    assert report.problems == []
    assert len(store.documents) == 4
    # The metadata lines are neither covered nor counted: every other sentence is covered.
    for doc in store.documents.values():
        covered, total = report.coverage[doc.id]
        assert covered == total
    wire = next(d for d in store.documents.values() if d.publisher == "Test Wire")
    assert report.coverage[wire.id] == (4, 4)
    drafts = [r for r in store.records if r.draft]
    assert drafts and all(r.docs[0] != "kazinform-2015-05-29" for r in drafts)


def test_each_text_is_copied_byte_for_byte_and_left_alone(
    cli: Any, corpus: Path, articles: dict[str, Path]
) -> None:
    before = {p: p.read_bytes() for p in articles.values()}
    cli("import", *articles.values(), "--corpus", corpus)
    store = imported(corpus)
    texts = {doc.text for doc in store.documents.values()}
    for path, raw in before.items():
        assert path.read_bytes() == raw
        assert raw.decode("utf-8") in texts


def test_metadata_is_read_from_each_dateline(
    cli: Any, corpus: Path, articles: dict[str, Path]
) -> None:
    cli("import", *articles.values(), "--corpus", corpus)
    docs = {doc.date: doc for doc in imported(corpus).documents.values()}
    assert docs["2016-10-20"].place == "Astana"
    assert docs["2016-10-20"].publisher == "Kazinform"
    assert docs["2018-05-07"].publisher == "Test Wire"
    assert docs["2018-05-07"].place == "Dhaka"
    assert docs["2019-12-13"].title == "Kazakhstan and the IOFS: a year of work"
    assert docs["2019-12-13"].place == "Nur-Sultan"


def test_dated_sentences_become_draft_events_with_normalised_dates(
    cli: Any, corpus: Path, articles: dict[str, Path]
) -> None:
    cli("import", *articles.values(), "--corpus", corpus)
    events = {
        (r.date.start, r.date.end, r.date.precision)
        for r in imported(corpus).by_kind("event")
        if r.draft and r.date
    }
    assert ("2016-10-18", "2016-10-19", "day-range") in events
    assert ("2018-05-05", "2018-05-06", "day-range") in events
    assert ("2019", "2019", "year") in events
    assert ("2019-12-10", "2019-12-10", "day") in events  # the year from the document


def test_kazakhstan_proposing_or_calling_is_an_initiative_candidate(
    cli: Any, corpus: Path, articles: dict[str, Path]
) -> None:
    cli("import", *articles.values(), "--corpus", corpus)
    statuses = {r.status for r in imported(corpus).by_kind("initiative") if r.draft}
    assert {"proposed", "called for"} <= statuses


def test_sentences_are_linked_to_the_corpus_entities(
    cli: Any, corpus: Path, articles: dict[str, Path]
) -> None:
    cli("import", articles["kazinform.txt"], "--corpus", corpus)
    store = imported(corpus)
    new = next(d for d in store.documents if d != "kazinform-2015-05-29")
    linked = {e for r in store.records if new in r.docs for e in r.entities}
    assert {"entity.kazakhstan", "entity.syria", "entity.astana"} <= linked


def test_a_text_already_in_the_corpus_changes_nothing(
    cli: Any, corpus: Path, articles: dict[str, Path]
) -> None:
    cli("import", articles["wire.txt"], "--corpus", corpus)
    listing = sorted(p.name for p in (corpus / "documents").iterdir())
    status, out, _ = cli("import", articles["wire.txt"], "--corpus", corpus)
    assert status == 0
    assert "already in the corpus as" in out and "nothing changed" in out
    assert sorted(p.name for p in (corpus / "documents").iterdir()) == listing


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (b"  \n\n ", "is empty"),
        (b"PNG\x00\x01\x02", "is binary"),
        (b"ASTANA. KAZINFORM - caf\xe9", "is not UTF-8 text"),
    ],
)
def test_bad_input_is_refused_in_one_line_and_the_rest_lands(
    cli: Any, corpus: Path, articles: dict[str, Path], tmp_path: Path, content: bytes, reason: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    status, out, err = cli("import", bad, articles["wire.txt"], "--corpus", corpus)
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "bad.txt" in lines[0] and reason in lines[0]
    assert "imported" in out and len(imported(corpus).documents) == 2


def test_an_oversized_text_is_refused(cli: Any, corpus: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(17 * 2**20)
    status, _, err = cli("import", big, "--corpus", corpus, "--date", "2020-01-01")
    assert status == 2 and "is larger than" in err


def test_an_existing_id_is_refused(cli: Any, corpus: Path, articles: dict[str, Path]) -> None:
    status, _, err = cli(
        "import", articles["wire.txt"], "--corpus", corpus, "--id", "kazinform-2015-05-29"
    )
    assert status == 2 and "already exists" in err


def test_a_text_without_a_dateline_needs_a_date(cli: Any, corpus: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("Kazakhstan proposed a new forum.\n", encoding="utf-8")
    status, _, err = cli("import", plain, "--corpus", corpus)
    assert status == 2 and "--date" in err
    status, out, _ = cli("import", plain, "--corpus", corpus, "--date", "2021-03-04")
    assert status == 0 and "imported" in out


def test_flags_override_what_is_read(cli: Any, corpus: Path, articles: dict[str, Path]) -> None:
    status, _, _ = cli(
        "import",
        articles["wire.txt"],
        "--corpus",
        corpus,
        "--id",
        "my-report",
        "--title",
        "A title of my own",
        "--place",
        "Chittagong",
        "--url",
        "https://example.org/a",
    )
    assert status == 0
    doc = imported(corpus).documents["my-report"]
    assert (doc.title, doc.place, doc.url) == (
        "A title of my own",
        "Chittagong",
        "https://example.org/a",
    )


def test_json_of_an_imported_draft_says_so(
    cli: Any, corpus: Path, articles: dict[str, Path]
) -> None:
    cli("import", articles["wire.txt"], "--corpus", corpus)
    status, out, _ = cli("--corpus", corpus, "search", "draft:", "--json")
    assert status == 0
    assert json.loads(out) and all(hit["draft"] for hit in json.loads(out))


def test_a_killed_import_leaves_no_half_written_document(corpus: Path) -> None:
    documents = corpus / "documents"
    dead = documents / f"{STAGING_PREFIX}999999999-0123456789abcdef"
    dead.mkdir()
    (dead / "half.txt").write_text("half", encoding="utf-8")
    mine = documents / "not-an-import"
    mine.mkdir()
    remove_stale_staging(documents)
    assert not dead.exists()
    assert mine.exists()  # only the app's own leftovers go


def test_a_failing_write_leaves_nothing_behind(
    corpus: Path, articles: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from oic_tui.ingest import importer

    def failing(folder: Path, files: dict[str, bytes]) -> None:
        # The disk fills after the first file of the document is written.
        (folder / next(iter(files))).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(importer, "write_new_files", failing)
    before = sorted(p.name for p in (corpus / "documents").iterdir())
    entities = importer.corpus_entities(find_corpus(corpus))
    with pytest.raises(OSError):
        importer.Importer(
            find_corpus(corpus), importer.AliasSource(entities), importer.ImportOptions()
        ).run([articles["wire.txt"]])
    assert sorted(p.name for p in (corpus / "documents").iterdir()) == before


def lock_waiters(lock: Path) -> int:
    """How many processes wait for this lock file's flock (Linux's /proc/locks)."""
    inode = f":{lock.stat().st_ino}"
    lines = Path("/proc/locks").read_text(encoding="ascii").splitlines()
    return sum(1 for line in lines if "->" in line and any(f.endswith(inode) for f in line.split()))


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs Linux's /proc/locks")
def test_imports_and_a_rebuild_queued_on_the_corpus_lock_all_land(
    corpus: Path, articles: dict[str, Path]
) -> None:
    """Every writer waits on one lock and holds it through its build: no document is lost.

    The test holds the lock until all four writers queue on it (read from the kernel's lock
    table, not guessed with a pause), so they all start at once, in whatever order.
    """
    title = corpus / "corpus.toml"
    title.write_text(title.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    cli_path = str(VENV_BIN / "oic-tui")
    commands = [["import", str(path), "--corpus", str(corpus)] for path in articles.values()]
    commands.append(["--corpus", str(corpus), "docs"])  # its store is stale: it rebuilds
    with corpus_lock(corpus):
        runs = [
            subprocess.Popen([cli_path, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for argv in commands
        ]
        deadline = time.monotonic() + 120
        while lock_waiters(corpus / LOCK_FILE) < len(runs):
            assert time.monotonic() < deadline, "the writers never queued on the lock"
            assert all(run.poll() is None for run in runs), "a writer ended without the lock"
            time.sleep(0.01)
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    store = Store.open(find_corpus(corpus).store_path)
    assert len(store.documents) == 1 + len(articles)
    assert stale_because(find_corpus(corpus)) == ""


def test_the_corpus_lock_is_reentrant_and_shuts_out_other_threads(corpus: Path) -> None:
    entered = threading.Event()
    with corpus_lock(corpus):
        with corpus_lock(corpus):
            assert corpus_locked(corpus)
        assert corpus_locked(corpus)
        waiter = threading.Thread(target=_enter_and_signal, args=(corpus, entered))
        waiter.start()
        # Kept out while this thread holds it (a bounded look, never a wait for success).
        assert not entered.wait(0.2)
    waiter.join(timeout=30)
    assert entered.is_set()
    assert not corpus_locked(corpus)


def _enter_and_signal(corpus: Path, entered: threading.Event) -> None:
    with corpus_lock(corpus):
        entered.set()


# --- properties ------------------------------------------------------------------------------


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _quotes(toml_text: str) -> list[Any]:
    table = tomllib.loads(toml_text)
    return [q for row in table.get("record", []) for q in row.get("quotes", [])]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        st.characters(blacklist_categories=["Cs"]),
        max_size=400,
    )
)
def test_any_text_drafts_without_raising_and_every_quote_is_verbatim(text: str) -> None:
    index = AliasIndex([("entity.kazakhstan", ["Kazakhstan"])])
    drafts = draft_annotations("doc", text, "2020-01-15", index)
    for name, body in drafts.files.items():
        for quote in _quotes(body):
            words = quote["text"] if isinstance(quote, dict) else quote
            nth = quote.get("nth", 1) if isinstance(quote, dict) else 1
            starts = occurrences(text, words)
            assert len(starts) >= nth, (name, words)
            assert isinstance(quote, dict) or len(starts) == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=300))
def test_any_text_imports_and_builds(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    from oic_tui.cli.main import main

    if not text.strip() or "\x00" in text:
        return
    root = tmp_path_factory.mktemp("prop")
    corpus = init_corpus(root / "corpus", data_dir()).root
    article = root / "a.txt"
    article.write_bytes(text.encode("utf-8"))
    status = main(["import", str(article), "--corpus", str(corpus), "--date", "2020-01-15"])
    blank = all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)
    if CONTROL.search(text) or blank:
        assert status == 2  # refused: not a plain text, or nothing visible in it
        return
    assert status == 0
    assert check_store(imported(corpus)).problems == []


def test_the_import_command_is_documented() -> None:
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "oic-tui import" in readme
    # docs/corpus.md tells the whole of it: every option, and what a refused file is.
    corpus_md = (root / "docs" / "corpus.md").read_text(encoding="utf-8")
    section = corpus_md.split("## Import")[1].split("\n## ")[0]
    for option in ("--id", "--date", "--place", "--publisher", "--title", "--url"):
        assert f"`{option}`" in section
    assert "16 MiB" in section


async def test_an_imported_draft_is_one_keystroke_from_its_sentence(
    cli: Any, corpus: Path, articles: dict[str, Path]
) -> None:
    from helpers import SIZE, settled, typed

    from oic_tui.tui.app import create_app
    from oic_tui.tui.widgets.record_list import RecordList

    cli("import", articles["wire.txt"], "--corpus", corpus)
    store = imported(corpus)
    app = create_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        timeline = app.screen.query_one("#event", RecordList)
        drafts = [r for r in timeline.records if r.draft]
        assert drafts
        steps = timeline.records.index(drafts[0])
        await typed(pilot, "1", *["j"] * steps, "s")
        sentences = app.screen.query_one("#sentences")
        doc = store.documents[drafts[0].docs[0]]
        current = doc.sentence_at(drafts[0].sources[0].start)
        assert current is not None
        assert sentences.highlighted == current.index  # type: ignore[attr-defined]
        assert any("draft" in row for row in timeline.row_texts())
