"""Test helpers: paths of the shipped data, tiny synthetic stores, subprocesses, search
results, and driving and reading the explorer under a pilot."""

from __future__ import annotations

import contextlib
import difflib
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oic_tui.store.sentences import paragraphs, sentences

if TYPE_CHECKING:
    from textual.pilot import Pilot
    from textual.widgets import Static

    from oic_tui.store.models import Record
    from oic_tui.store.reader import Store
    from oic_tui.tui.app import OicApp
    from oic_tui.tui.widgets.record_list import RecordList

# The explorer's modules are imported inside the helpers that need them, so that only the
# pilot tests depend on the shape of the TUI package.

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
ARTICLE_NAME = "000_b86817e225f96be7.txt"
ARTICLE = DATA / "documents" / "kazinform-2015-05-29" / ARTICLE_NAME
ARTICLE_SHA256 = "7650f31461c00da256eb6ffff76af563d65ecdac3c5695cf9488b00f5db64a8b"
STORE_JSON = DATA / "oic_cfm42.json"
SEED_ARTICLE = ROOT.parent / "shared" / "seeds" / ARTICLE_NAME
SHIPPED_DOC_ID = "kazinform-2015-05-29"
VENV_BIN = Path(sys.executable).parent
# The terminal size of flow tests, snapshots and screenshots.
SIZE = (120, 36)

# A small article for synthetic stores: a dateline, two paragraphs, an initial.
MINI_DOC_ID = "mini-doc"
MINI_TEXT = (
    "date 2015-05-29 ASTANA. KAZINFORM - The council met in Kuwait on May 27-28, 2015. "
    "Mr. A. Musinov spoke about the Aral Sea.\n\n"
    "The OIC was established in 1969. It has 56 member states."
)


def span(
    quote: str, *, nth: int = 1, text: str = MINI_TEXT, doc: str = MINI_DOC_ID
) -> dict[str, Any]:
    """A source span for the nth occurrence of a quote in a text (fails loudly if absent)."""
    start = -1
    for _ in range(nth):
        start = text.find(quote, start + 1)
        assert start >= 0, f"{quote!r} does not occur {nth} time(s) in the text"
    return {"doc": doc, "start": start, "end": start + len(quote), "quote": quote}


def record(
    record_id: str, kind: str = "entity", quotes: Iterable[str] = ("Kuwait",), **fields: Any
) -> dict[str, Any]:
    """One store row in the layout build.py writes; `fields` override any key."""
    row: dict[str, Any] = {
        "id": record_id,
        "kind": kind,
        "title": f"Title of {record_id}",
        "text": f"Text of {record_id}.",
        "sources": [span(q) for q in quotes],
        "date": None,
        "venues": [],
        "entity_type": "",
        "aliases": [],
        "phase": "",
        "category": "",
        "status": "",
        "value": "",
        "entities": [],
        "related": [],
        "proposed_by": [],
        "presented_by": [],
        "promoted_by": [],
    }
    row.update(fields)
    return row


def default_records() -> list[dict[str, Any]]:
    """Valid records covering every sentence of MINI_TEXT."""
    return [
        record(
            "event.report",
            "event",
            ["date 2015-05-29 ASTANA. KAZINFORM -"],
            title="The report is published",
            date={"start": "2015-05-29", "end": "2015-05-29", "precision": "day"},
            phase="after",
        ),
        record(
            "event.session",
            "event",
            ["The council met in Kuwait on May 27-28, 2015."],
            title="The council meets",
            date={"start": "2015-05-27", "end": "2015-05-28", "precision": "day-range"},
            phase="session",
            entities=["entity.kuwait"],
            related=["fact.founded"],
        ),
        record(
            "entity.kuwait",
            "entity",
            ["Kuwait"],
            title="Kuwait",
            entity_type="country",
            aliases=["Kuwait"],
        ),
        record(
            "entity.musinov",
            "entity",
            ["Mr. A. Musinov"],
            title="Askar Musinov",
            entity_type="person",
            aliases=["Mr. A. Musinov", "Musinov"],
        ),
        record(
            "initiative.aral-sea",
            "initiative",
            ["Mr. A. Musinov spoke about the Aral Sea."],
            title="Restoration of the Aral Sea",
            status="presented",
            presented_by=["entity.musinov"],
        ),
        record(
            "fact.founded",
            "fact",
            ["The OIC was established in 1969."],
            title="Established",
            value="1969",
            related=["event.session"],
        ),
        record("fact.members", "fact", ["It has 56 member states."], title="Members", value="56"),
    ]


def document_row(text: str = MINI_TEXT, doc_id: str = MINI_DOC_ID) -> dict[str, Any]:
    """A documents-table row in the layout build.py writes."""
    import hashlib

    return {
        "id": doc_id,
        "title": "A small test article",
        "publisher": "Test",
        "date": "2015-05-29",
        "place": "Astana",
        "file": "mini.txt",
        "sha256": hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        "text": text,
        "sentences": [list(s) for s in sentences(text)],
        "paragraphs": [list(p) for p in paragraphs(text)],
    }


def store_data(
    records: list[dict[str, Any]] | None = None,
    *,
    text: str = MINI_TEXT,
    doc_id: str = MINI_DOC_ID,
    schema_version: Any = 2,
) -> dict[str, Any]:
    """Store contents: tables meta, documents and records keyed "1", "2", ..."""
    rows = default_records() if records is None else records
    return {
        "meta": {"1": {"schema_version": schema_version, "title": "Test store"}},
        "documents": {"1": document_row(text, doc_id)},
        "records": {str(n): row for n, row in enumerate(rows, 1)},
    }


def make_store(
    tmp_path: Path,
    records: list[dict[str, Any]] | None = None,
    *,
    name: str = "store.json",
    data: dict[str, Any] | None = None,
    ensure_ascii: bool = False,
    **kwargs: Any,
) -> Path:
    """Write a small valid store (or `data` as given) to tmp_path/name and return its path."""
    contents = data if data is not None else store_data(records, **kwargs)
    path = tmp_path / name
    path.write_text(
        json.dumps(contents, ensure_ascii=ensure_ascii, indent=1) + "\n", encoding="utf-8"
    )
    return path


def copy_data(target: Path) -> Path:
    """A copy of the data/ corpus (annotations and article, not the compiled store)."""
    copy = target / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("*.json"))
    return copy


# Where each shipped annotation file lies in the corpus: shared ones, or the seed's folder.
SEED_ID = "kazinform-2015-05-29"
_SHARED = ("entities", "initiatives", "synonyms")


TEST_CORPUS = ROOT / "tests" / "corpus"


def imported_corpus(folder: Path, text: str, *options: str) -> Path:
    """A corpus made by `init` in `folder` with one text imported (its drafts), built."""
    from oic_tui.cli.main import main
    from oic_tui.corpus.folder import init_corpus
    from oic_tui.store.reader import data_dir

    root = init_corpus(folder / "corpus", data_dir()).root
    source = folder / "report.txt"
    source.write_text(text, encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        status = main(["import", str(source), "--corpus", str(root), *options])
    assert status == 0, "the test text was not imported"
    return root


def imported_fixtures(text: str, folder: str, *options: str) -> tuple[Any, Any]:
    """Two fixtures: `imported`, a corpus with `text` imported (its drafts), made once per
    module, and `corpus`, a private copy of it for each test to decide in."""
    import pytest

    @pytest.fixture(scope="module")
    def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
        return imported_corpus(tmp_path_factory.mktemp(folder), text, *options)

    @pytest.fixture
    def corpus(tmp_path: Path, imported: Path) -> Path:
        return Path(shutil.copytree(imported, tmp_path / "corpus"))

    return imported, corpus


def lines_changed(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines an edit of a file removed and the lines it added, in order."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d[0] == "-"], [d[2:] for d in diff if d[0] == "+"]


def make_test_corpus(target: Path) -> Path:
    """A corpus of the seed and the test documents under tests/corpus/, built; its folder."""
    from oic_tui.corpus.folder import build_corpus, find_corpus, init_corpus

    root = init_corpus(target, DATA).root
    for folder in ("documents", "annotations"):
        if (TEST_CORPUS / folder).is_dir():
            shutil.copytree(TEST_CORPUS / folder, root / folder, dirs_exist_ok=True)
    build_corpus(find_corpus(root))
    return root


def annotation_path(data_dir: Path, name: str) -> Path:
    """The shipped annotation file `name` (e.g. "events") in a copy of the corpus."""
    if name in _SHARED:
        return data_dir / "annotations" / f"{name}.toml"
    return data_dir / "documents" / SEED_ID / f"{name}.toml"


def append_record(data_dir: Path, name: str, block: str) -> None:
    """Append a TOML `[[record]]` block to the shipped annotation file `name`."""
    path = annotation_path(data_dir, name)
    path.write_text(path.read_text(encoding="utf-8") + "\n" + block, encoding="utf-8")


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of `old` in a file (fails if it is not there once)."""
    content = path.read_text(encoding="utf-8")
    assert content.count(old) == 1, f"{old!r} occurs {content.count(old)} times in {path}"
    path.write_text(content.replace(old, new), encoding="utf-8")


def run_subprocess(
    args: list[str], cwd: Path, stdin: int | None = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    """Run a command with a clean, narrow-independent environment and capture its output."""
    env = {**os.environ, "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        args,
        cwd=cwd,
        stdin=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def generated_store(path: Path, total: int) -> Path:
    """A store of `total` records written by the benchmark's generator."""
    benchmarks = str(ROOT / "benchmarks")
    sys.path.insert(0, benchmarks)
    try:
        spec = importlib.util.spec_from_file_location("generate", f"{benchmarks}/generate.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(benchmarks)
    written: Path = module.write(total, path)
    return written


# Search ----------------------------------------------------------------------------------


def ids(store: Store, query: str, **kwargs: Any) -> list[str]:
    """The ids `search` finds for a query, best first."""
    from oic_tui.search.service import search

    return [hit.record.id for hit in search(store, query, **kwargs)]


# Driving the explorer ----------------------------------------------------------------------


async def settled(pilot: Pilot[None]) -> None:
    """Wait for every worker (search, loading) and the repaint after it.

    A search a later key superseded ends cancelled: that is how it should end, not an error.
    """
    from textual.worker import WorkerCancelled

    while pending := [w for w in pilot.app.workers if not w.is_finished]:
        for worker in pending:
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()
    await pilot.pause()


async def typed(pilot: Pilot[None], *keys: str) -> None:
    """Press keys, then wait for every worker (search, loading) and the repaint after it."""
    await pilot.press(*keys)
    await settled(pilot)


# How long a test waits for something before failing: generous, since a loaded 2-core
# machine (CI beside a benchmark) can be many times slower than a quiet one. A wait ends
# as soon as its condition holds, so a passing test never waits this long.
PATIENCE = 60.0


async def wait_until(
    pilot: Pilot[None], predicate: Callable[[], object], what: str, timeout: float = PATIENCE
) -> None:
    """Let the app run until `predicate()` is true; fail saying `what` was awaited if it
    is not true after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {timeout} s for {what}")
        await pilot.pause(0.01)


def burst(app: OicApp, *keys: str) -> None:
    """Queue every key before any is handled, as one terminal read delivers them."""
    from textual import events

    characters = {"slash": "/", "enter": "\r"}
    for key in keys:
        app.post_message(events.Key(key, characters.get(key, key if len(key) == 1 else None)))


async def open_record(pilot: Pilot[None], record_id: str, terms: Sequence[str] = ()) -> Record:
    """Drill down to a record by id, as Enter on it would, and wait for its screen."""
    from oic_tui.tui.app import OicApp

    app = pilot.app
    assert isinstance(app, OicApp)
    await pilot.pause()
    assert app.store is not None
    found = app.store.get(record_id)
    assert found is not None, record_id
    app.open_record(found, terms=terms)
    await pilot.pause()
    return found


# Reading the explorer ----------------------------------------------------------------------


def static_text(widget: Static) -> str:
    """Plain text a Static (a breadcrumb, a record's page, an excerpt) displays."""
    return str(getattr(widget.content, "plain", widget.content))


def breadcrumb(app: OicApp) -> str:
    """The trail shown on the current screen, e.g. `Topics › Yemen`."""
    from oic_tui.tui.widgets.breadcrumb import Breadcrumb

    return static_text(app.screen.query_one(Breadcrumb))


def full_trail(app: OicApp) -> str:
    """The current screen's trail in full, however the line shows it."""
    from oic_tui.tui.widgets.breadcrumb import Breadcrumb

    return " › ".join(app.screen.query_one(Breadcrumb).crumbs)


def preview_lines(app: OicApp) -> list[str]:
    """The preview bar's lines as drawn on the screen."""
    from oic_tui.tui.widgets.preview_bar import PreviewBar

    bar = app.screen.query_one(PreviewBar).region
    strips = app.screen._compositor.render_strips()
    return [strips[y].crop(bar.x, bar.right).text.strip() for y in range(bar.y, bar.bottom)]


def pane(app: OicApp, kind: str) -> RecordList:
    """The main screen's list of one kind: event, topic, initiative or fact."""
    from oic_tui.tui.widgets.record_list import RecordList

    return app.main_screen.query_one(f"#{kind}", RecordList)


def results_list(app: OicApp) -> RecordList:
    """The main screen's list of search results."""
    from oic_tui.tui.widgets.record_list import RecordList

    return app.main_screen.query_one("#results", RecordList)


def shown(widget: RecordList) -> list[str]:
    """Plain text of every row of a list, headings too."""
    return widget.row_texts()


def current_id(app: OicApp) -> str:
    """The id of the record under the cursor of the focused list."""
    from oic_tui.tui.widgets.record_list import RecordList

    focused = app.focused
    assert isinstance(focused, RecordList)
    assert focused.current is not None
    return focused.current.id


def one_error_line(stderr: str) -> str:
    """The single `oic-tui: ...` line an error prints, with no traceback."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("oic-tui: ")
    return lines[0]


def strings_in(value: object) -> list[str]:
    """Every string inside a value: model objects, tuples, lists and dicts (keys too)."""
    import dataclasses

    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in strings_in(getattr(value, f.name))]
    if isinstance(value, (tuple, list)):
        return [s for item in value for s in strings_in(item)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings_in(k), *strings_in(v))]
    return []


def build_problems(data: Path) -> list[str]:
    """The problems a build of a data folder refuses with (it must refuse)."""
    import pytest

    from oic_tui.corpus.build import BuildError
    from oic_tui.corpus.folder import compile_corpus

    with pytest.raises(BuildError) as caught:
        compile_corpus(data)
    problems = caught.value.problems
    assert problems, "a BuildError must list its problems"
    assert str(caught.value) == "\n".join(problems)
    return problems
