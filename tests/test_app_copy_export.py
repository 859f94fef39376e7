"""`y` `Y` copy, `e` export and `o` open, on the main screen, results, a record and the source."""

# A pilot test asserts what a screen is, awaits a key, then asserts another: the narrowing
# mypy keeps across the await does not hold.
# mypy: disable-error-code="comparison-overlap"

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import json
import shlex
import sys
from pathlib import Path

import pytest
from helpers import SHIPPED_DOC_ID, SIZE, pane, results_list, settled, typed, wait_until
from textual.pilot import Pilot
from textual.widgets import Input

from oic_tui.present.export import citation, export_text, record_json, sentence_citation
from oic_tui.store.reader import Store
from oic_tui.tui.actions import pager_text
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.screens.detail import DetailScreen
from oic_tui.tui.screens.export import ExportScreen, default_path
from oic_tui.tui.screens.source import SourceScreen
from oic_tui.tui.widgets.record_list import RecordList
from oic_tui.tui.widgets.sentence_list import SentenceList, SentenceOption


def messages(app: OicApp) -> list[str]:
    """The notifications on screen, oldest first."""
    return [notification.message for notification in app._notifications]


def errors(app: OicApp) -> list[str]:
    """The error notifications on screen."""
    return [n.message for n in app._notifications if n.severity == "error"]


# --- copy -----------------------------------------------------------------------------------


async def test_y_copies_the_pane_record_citation_and_Y_its_id(
    pilot: Pilot[None], app: OicApp, shipped_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")  # a terminal that may refuse OSC 52
    for name in ("KITTY_WINDOW_ID", "WEZTERM_PANE", "WT_SESSION", "ALACRITTY_WINDOW_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("TERM_PROGRAM", raising=False)
    await typed(pilot, "j")
    record = pane(app, "event").current
    assert record is not None and app.focused is pane(app, "event")
    await typed(pilot, "y")
    assert app.clipboard == citation(record, shipped_store)
    assert record.sources[0].quote in app.clipboard
    assert messages(app)[-1] == (
        f"Sent the citation of “{record.title}” to the terminal's clipboard (OSC 52); "
        "if nothing was copied, allow it in your terminal."
    )
    await typed(pilot, "Y")
    assert app.clipboard == record.id
    assert messages(app)[-1] == (
        f"Sent the id {record.id} to the terminal's clipboard (OSC 52); "
        "if nothing was copied, allow it in your terminal."
    )
    monkeypatch.setenv("KITTY_WINDOW_ID", "1")  # kitty takes OSC 52 writes unless told not to
    await typed(pilot, "Y")
    assert messages(app)[-1] == f"Copied the id {record.id}."
    # Another pane: its own highlighted record.
    await typed(pilot, "3", "j", "j", "y")
    initiative = pane(app, "initiative").current
    assert initiative is not None and app.clipboard == citation(initiative, shipped_store)


async def test_y_in_search_results_copies_the_highlighted_hit(
    pilot: Pilot[None], app: OicApp, shipped_store: Store
) -> None:
    await typed(pilot, "slash", *"aral")
    # In the box `y` is text.
    await typed(pilot, "y")
    assert app.main_screen.search_bar.value == "araly" and app.clipboard == ""
    await typed(pilot, "backspace", "down", "down")
    results = results_list(app)
    assert app.focused is results
    hit = results.current
    assert hit is not None
    await typed(pilot, "y")
    assert app.clipboard == citation(hit, shipped_store)
    await typed(pilot, "Y")
    assert app.clipboard == hit.id


async def test_y_on_the_aral_initiative_quotes_the_words_naming_the_aral_sea(
    pilot: Pilot[None], app: OicApp, shipped_store: Store
) -> None:
    await typed(pilot, "slash", *"aral", "down")
    results = results_list(app)
    assert app.focused is results
    for _ in range(len(results.records)):
        if results.current is not None and results.current.id == "initiative.aral-sea":
            break
        await typed(pilot, "j")
    hit = results.current
    assert hit is not None and hit.id == "initiative.aral-sea"
    await typed(pilot, "y")
    assert app.clipboard == citation(hit, shipped_store)
    # The quote it cites (before its sentence) names the Aral Sea.
    quoted = app.clipboard.partition(": “")[2].partition("”")[0]
    assert "Aral" in quoted, app.clipboard


async def test_y_on_a_record_copies_its_citation(
    pilot: Pilot[None], app: OicApp, shipped_store: Store
) -> None:
    record = pane(app, "event").current
    assert record is not None
    await typed(pilot, "enter")
    assert isinstance(app.screen, DetailScreen)
    await typed(pilot, "y")
    assert app.clipboard == citation(record, shipped_store)
    await typed(pilot, "Y")
    assert app.clipboard == record.id


async def test_y_in_the_source_copies_the_sentence_with_its_citation(
    pilot: Pilot[None], app: OicApp, shipped_store: Store
) -> None:
    record = pane(app, "event").current
    assert record is not None
    await typed(pilot, "s")
    screen = app.screen
    assert isinstance(screen, SourceScreen)
    await typed(pilot, "j")
    option = screen.query_one(SentenceList).highlighted_option
    assert isinstance(option, SentenceOption)
    doc = shipped_store.document
    await typed(pilot, "y")
    assert app.clipboard == sentence_citation(doc, option.sentence)
    assert app.clipboard.startswith(f"“{doc.sentence_text(option.sentence)}” — {doc.title}")
    assert f"sentence {option.sentence.index + 1}." in app.clipboard
    await typed(pilot, "Y")
    assert app.clipboard == SHIPPED_DOC_ID
    # Beside the sentence, its records: `y` copies the highlighted one's citation.
    await typed(pilot, "enter")
    beside = screen.query_one("#sentence-records", RecordList)
    assert app.focused is beside and beside.current is not None
    await typed(pilot, "y")
    assert app.clipboard == citation(beside.current, shipped_store)


# --- export ---------------------------------------------------------------------------------


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The explorer started from tmp_path, in a home without a Downloads folder: default
    export paths land in tmp_path."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    return tmp_path


async def _export(pilot: Pilot[None], path: str | None = None) -> ExportScreen:
    """Press `e`, give a path (or keep the default), press Enter."""
    await typed(pilot, "e")
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    if path is not None:
        screen.query_one("#export-path", Input).value = path
    await typed(pilot, "enter")
    return screen


async def _written(pilot: Pilot[None], path: Path) -> None:
    await wait_until(
        pilot, lambda: path.exists() and not isinstance(pilot.app.screen, ExportScreen), "export"
    )


async def test_e_exports_the_pane_to_markdown_at_the_default_path(
    pilot: Pilot[None], app: OicApp, shipped_store: Store, in_tmp: Path
) -> None:
    await typed(pilot, "e")
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    box = screen.query_one("#export-path", Input)
    today = datetime.date.today().strftime("%Y%m%d")
    assert box.value == default_path("Timeline") == f"./oic-timeline-{today}.md"
    assert app.focused is box
    await typed(pilot, "enter")
    target = in_tmp / f"oic-timeline-{today}.md"
    await _written(pilot, target)
    records = pane(app, "event").records
    assert target.read_text(encoding="utf-8") == export_text(
        records, shipped_store, "md", "Timeline"
    )
    assert records[0].sources[0].quote in target.read_text(encoding="utf-8")
    assert messages(app)[-1] == f"Exported {len(records)} records to {target}."
    assert [p.name for p in in_tmp.iterdir()] == [target.name]  # no temp file left


async def test_e_exports_csv_and_json_by_extension(
    pilot: Pilot[None], app: OicApp, in_tmp: Path
) -> None:
    await typed(pilot, "4")
    facts = pane(app, "fact").records
    await _export(pilot, "facts.csv")
    await _written(pilot, in_tmp / "facts.csv")
    rows = list(csv.DictReader(io.StringIO((in_tmp / "facts.csv").read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == [r.id for r in facts]
    assert rows[0]["quote"] == facts[0].sources[0].quote
    await _export(pilot, str(in_tmp / "facts.json"))
    await _written(pilot, in_tmp / "facts.json")
    data = json.loads((in_tmp / "facts.json").read_text(encoding="utf-8"))
    assert data == [record_json(r) for r in facts]


async def test_e_in_search_results_exports_the_results(
    pilot: Pilot[None], app: OicApp, in_tmp: Path
) -> None:
    await typed(pilot, "slash", *"aral", "down")
    hits = results_list(app).records
    await typed(pilot, "e")
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    assert screen.query_one(Input).value.startswith("./oic-search-aral-")
    assert f"{len(hits)} records: Search “aral”" in str(screen.query_one("#export-what").render())
    await typed(pilot, "escape")
    await _export(pilot, "hits.jsonl")
    await _written(pilot, in_tmp / "hits.jsonl")
    lines = (in_tmp / "hits.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [r.id for r in hits]


async def test_e_on_a_record_exports_the_record(
    pilot: Pilot[None], app: OicApp, in_tmp: Path
) -> None:
    record = pane(app, "event").current
    assert record is not None
    await typed(pilot, "enter")
    await typed(pilot, "e")
    assert isinstance(app.screen, ExportScreen)
    today = datetime.date.today().strftime("%Y%m%d")
    assert app.screen.query_one(Input).value == f"./oic-{record.id}-{today}.md"
    await typed(pilot, "escape")
    await _export(pilot, "one.md")
    await _written(pilot, in_tmp / "one.md")
    text = (in_tmp / "one.md").read_text(encoding="utf-8")
    assert text.startswith(f"# {record.title}\n") and "1 record." in text
    assert isinstance(app.screen, DetailScreen)


async def test_an_existing_file_is_kept_unless_replacing_is_confirmed(
    pilot: Pilot[None], app: OicApp, in_tmp: Path
) -> None:
    target = in_tmp / "kept.md"
    target.write_text("keep me\n", encoding="utf-8")
    screen = await _export(pilot, "kept.md")
    # Asked, not written; `n` goes back to the path, Esc cancels: the file is as it was.
    assert screen.has_class("-replacing") and screen.replacing == target
    assert "kept.md exists. Replace it?" in str(screen.query_one("#export-question").render())
    await typed(pilot, "n")
    assert not screen.has_class("-replacing") and app.focused is screen.query_one(Input)
    await typed(pilot, "enter")
    assert screen.has_class("-replacing")
    await typed(pilot, "escape")
    assert not isinstance(app.screen, ExportScreen)
    assert target.read_text(encoding="utf-8") == "keep me\n"
    # Confirmed with `y`, it is replaced (atomically).
    await _export(pilot, "kept.md")
    await typed(pilot, "y")
    await wait_until(pilot, lambda: not isinstance(app.screen, ExportScreen), "the export")
    assert target.read_text(encoding="utf-8").startswith("# Timeline\n")
    # ...and with a second Enter.
    target.write_text("again\n", encoding="utf-8")
    await _export(pilot, "kept.md")
    await typed(pilot, "enter")
    await wait_until(pilot, lambda: not isinstance(app.screen, ExportScreen), "the export")
    assert target.read_text(encoding="utf-8").startswith("# Timeline\n")


async def test_editing_the_path_stops_asking(pilot: Pilot[None], in_tmp: Path) -> None:
    (in_tmp / "a.md").write_text("a\n", encoding="utf-8")
    screen = await _export(pilot, "a.md")
    assert screen.replacing is not None
    await typed(pilot, "n", "end", "backspace", "backspace", *"csv", "enter")
    await _written(pilot, in_tmp / "a.csv")
    assert (in_tmp / "a.md").read_text(encoding="utf-8") == "a\n"


async def test_an_unknown_extension_is_refused_in_one_line(
    pilot: Pilot[None], app: OicApp, in_tmp: Path
) -> None:
    screen = await _export(pilot, "notes.txt")
    assert app.screen is screen  # still asking, to fix the name
    assert errors(app) == [
        "Cannot export to notes.txt: end its name with .md, .csv, .tsv, .json or .jsonl"
    ]
    assert list(in_tmp.iterdir()) == []


async def test_a_missing_folder_or_a_folder_is_one_error_line(
    pilot: Pilot[None], app: OicApp, in_tmp: Path
) -> None:
    await _export(pilot, "no/such/folder/x.md")
    (error,) = errors(app)
    assert error == f"No folder {in_tmp / 'no/such/folder'} to write x.md into"
    assert not (in_tmp / "no").exists()  # never created
    # Nor is a folder a file.
    (in_tmp / "dir.md").mkdir()
    app.screen.query_one(Input).value = "dir.md"
    await typed(pilot, "enter")
    assert errors(app)[-1] == f"{in_tmp / 'dir.md'} is a folder: give a file name"


async def test_an_unwritable_path_is_one_error_line(
    pilot: Pilot[None], app: OicApp, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import oic_tui.corpus.atomic as atomic

    def refuse(target: Path, text: str, **_: object) -> Path:
        raise PermissionError(13, "Permission denied", str(target))

    # As root no folder is unwritable: the write itself refuses, as a read-only one would.
    monkeypatch.setattr(atomic, "write_text_atomic", refuse)
    screen = await _export(pilot, "x\nmd.md")
    await wait_until(pilot, lambda: bool(errors(app)), "the error")
    (error,) = errors(app)
    assert error == f"Cannot write {in_tmp}/x\ufffdmd.md: Permission denied"
    assert "\n" not in error
    # Still asking: another path can be given.
    assert app.screen is screen and not screen.writing
    assert app.focused is screen.query_one(Input)


async def test_escape_closes_the_prompt_without_writing(
    pilot: Pilot[None], app: OicApp, in_tmp: Path
) -> None:
    await typed(pilot, "e")
    assert isinstance(app.screen, ExportScreen)
    await typed(pilot, "escape")
    assert app.screen is app.main_screen and list(in_tmp.iterdir()) == []


# --- open -----------------------------------------------------------------------------------


async def test_o_where_the_terminal_cannot_be_handed_over_says_so(
    pilot: Pilot[None], app: OicApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGER", "cat")
    await typed(pilot, "o")
    assert errors(app) == ["Cannot open a pager here: this terminal cannot be handed over."]
    assert app.screen is app.main_screen


def _pager(tmp_path: Path, status: int = 0) -> tuple[str, Path]:
    """$PAGER: a script writing its stdin to a file (and exiting with `status`)."""
    script = tmp_path / "pager.py"
    out = tmp_path / "paged.txt"
    script.write_text(
        f"import sys\nopen(sys.argv[1], 'wb').write(sys.stdin.buffer.read())\nsys.exit({status})\n",
        encoding="utf-8",
    )
    command = " ".join(shlex.quote(str(p)) for p in (sys.executable, script, out))
    return command, out


async def test_o_pages_the_document_and_resumes_where_it_was(
    shipped_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command, out = _pager(tmp_path)
    monkeypatch.setenv("PAGER", command)
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        # Headless Textual cannot suspend: stand in for the terminal being handed over.
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
        await typed(pilot, "2", "j", "o")
        assert out.read_bytes() == pager_text(shipped_store.document, SIZE[0]).encode()
        assert out.read_text(encoding="utf-8").startswith(shipped_store.document.title + "\n")
        assert errors(app) == []
        assert app.focused is pane(app, "topic") and pane(app, "topic").highlighted == 1
        # From a record and from the source too.
        out.unlink()
        await typed(pilot, "enter", "o")
        assert out.exists()
        out.unlink()
        await typed(pilot, "s", "o")
        assert out.exists()


async def test_a_pager_that_fails_is_one_error_line(
    shipped_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
        monkeypatch.setenv("PAGER", str(tmp_path / "no-such-pager"))
        await typed(pilot, "o")
        assert errors(app) == [
            f"Cannot run the pager {tmp_path / 'no-such-pager'}: no such program (set $PAGER "
            "to one)"
        ]
        command, _ = _pager(tmp_path, status=3)
        monkeypatch.setenv("PAGER", command)
        await typed(pilot, "o")
        assert errors(app)[-1] == f"The pager {sys.executable} stopped with exit status 3."
        monkeypatch.setenv("PAGER", "less 'unclosed")
        await typed(pilot, "o")
        assert errors(app)[-1] == "$PAGER is not a command line: No closing quotation"


class _Suspension:
    """Stands in for `App.suspend`: counts entries, and records an exception leaving it."""

    def __init__(self) -> None:
        self.entered = 0
        self.escaped: list[BaseException] = []

    def __call__(self) -> _Suspension:
        return self

    def __enter__(self) -> None:
        self.entered += 1

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        if error is not None:
            self.escaped.append(error)


@pytest.mark.parametrize("pager", ["nosuchpager", "directory", "fails"])
async def test_a_pager_that_cannot_start_never_leaves_the_app_suspended(
    shipped_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pager: str
) -> None:
    # Textual's suspend does not resume when its body raises: the screen stayed blank.
    commands = {
        "nosuchpager": "nosuchpager",
        "directory": str(tmp_path),
        "fails": _pager(tmp_path, status=2)[0],
    }
    monkeypatch.setenv("PAGER", commands[pager])
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        suspension = _Suspension()
        monkeypatch.setattr(app, "suspend", suspension)
        await typed(pilot, "o")
        assert suspension.escaped == []
        # A pager that is no program is found out before the terminal is handed over.
        assert suspension.entered == (1 if pager == "fails" else 0)
        expected = {
            "nosuchpager": "Cannot run the pager nosuchpager: no such program (set $PAGER to one)",
            "directory": f"Cannot run the pager {tmp_path}: no such program (set $PAGER to one)",
            "fails": f"The pager {sys.executable} stopped with exit status 2.",
        }
        assert errors(app) == [expected[pager]]
        await typed(pilot, "j")  # still answering keys
        assert app.screen is app.main_screen


def test_the_pager_gets_the_text_folded_on_word_boundaries(shipped_store: Store) -> None:
    folded = pager_text(shipped_store.document, 40)
    assert all(len(line) <= 40 for line in folded.splitlines())
    assert " ".join(folded.split()) == " ".join(pager_text(shipped_store.document).split())


async def test_the_corpus_source_opens_the_document_shown(
    corpus_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command, out = _pager(tmp_path)
    monkeypatch.setenv("PAGER", command)
    app = create_app(store=corpus_store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
        record = corpus_store.get("event.iofs2020-proposal-recalled")
        assert record is not None
        app.open_record(record)
        await typed(pilot, "s", "o")
        doc = corpus_store.documents[record.docs[0]]
        assert doc.id != SHIPPED_DOC_ID
        assert out.read_bytes() == pager_text(doc, SIZE[0]).encode()


def test_exports_go_to_downloads_where_there_is_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oic_tui.tui.screens.export import downloads

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    assert downloads() == "."  # no Downloads folder: where the explorer was started
    (home / "Downloads").mkdir()
    assert downloads() == str(Path("~") / "Downloads")
    elsewhere = tmp_path / "exports"
    elsewhere.mkdir()
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(elsewhere))
    assert downloads() == str(elsewhere)
    assert default_path("Timeline", datetime.date(2026, 12, 7), downloads()) == str(
        elsewhere / "oic-timeline-20261207.md"
    )


async def test_the_default_export_lands_in_downloads(
    shipped_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await typed(pilot, "e")
        box = app.screen.query_one("#export-path", Input)
        today = datetime.date.today().strftime("%Y%m%d")
        assert box.value == f"~/Downloads/oic-timeline-{today}.md"
        await typed(pilot, "enter")
        await _written(pilot, home / "Downloads" / f"oic-timeline-{today}.md")
    assert not list(tmp_path.glob("oic-*"))
