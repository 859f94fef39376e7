"""A rebuild after review decisions (oic_tui/corpus/reuse.py, memo.py): what a build from
nothing writes, byte for byte, with the same warnings and problems."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_test_corpus

from oic_tui.cli.main import main
from oic_tui.corpus import memo
from oic_tui.corpus.build import BuildError
from oic_tui.corpus.folder import build_corpus, build_corpus_store, compile_corpus, find_corpus
from oic_tui.corpus.review import Refused, Review
from oic_tui.store.reader import Store

# TEST DATA: a short fictional report, written for these tests only.
REPORT = (
    "TEST DATA. The Foreign Minister of Kazakhstan Test Person held talks with the OIC "
    "Secretary General on 3 March 2021 in Astana. Kazakhstan proposed to establish a Test "
    "Water Centre in Almaty. The sides discussed food security. The Test Council met in "
    "Almaty on 5 March 2021.\n"
)
DOC = "test-incremental"
TOPIC, OTHER_TOPIC = f"topic.{DOC}.s4", f"topic.{DOC}.s1"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test corpus (alias and step rows too) with the fictional report imported, built."""
    folder = tmp_path_factory.mktemp("incremental")
    root = make_test_corpus(folder / "corpus")
    source = folder / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    options = ["--corpus", str(root), "--id", DOC, "--date", "2021-03-06"]
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["import", str(source), *options]) == 0
    return root


@pytest.fixture
def corpus(tmp_path: Path, imported: Path) -> Path:
    """A private copy of the imported corpus to decide in."""
    return Path(shutil.copytree(imported, tmp_path / "corpus"))


def fresh_process_store(root: Path) -> bytes:
    """The store a build in a new process (no cache of this one) writes for the corpus."""
    code = (
        "import sys; from oic_tui.corpus.folder import build_corpus, find_corpus; "
        "build_corpus(find_corpus(sys.argv[1]))"
    )
    subprocess.run([sys.executable, "-c", code, str(root)], check=True, timeout=120)
    return find_corpus(root).store_path.read_bytes()


def decide_and_rebuild(review: Review, root: Path, decide: object) -> bytes:
    """One decision (a callable of the review), then the rebuild as the screen makes it."""
    assert callable(decide)
    # A refusal writes nothing: the rebuild after it must still match.
    with contextlib.suppress(Refused):
        decide()
    _, store = build_corpus_store(find_corpus(root))
    assert set(store.documents) >= {DOC}
    return find_corpus(root).store_path.read_bytes()


def test_a_rebuild_after_decisions_writes_what_a_fresh_build_writes(corpus: Path) -> None:
    review = Review(corpus)
    drafts = [d.address for d in review.drafts(notes=False) if d.doc == DOC]
    assert TOPIC in drafts and OTHER_TOPIC in drafts
    steps = [
        lambda: review.accept(TOPIC),
        lambda: review.set_field(OTHER_TOPIC, "title", "A test title set in review"),
        review.undo,
        lambda: review.reject(OTHER_TOPIC),
        *(lambda address=a: review.accept(address) for a in drafts[:4]),
        review.undo,
        review.undo,
    ]
    for step in steps:
        written = decide_and_rebuild(review, corpus, step)
    assert written == fresh_process_store(corpus)
    memo.clear_all()
    build_corpus(find_corpus(corpus))
    assert find_corpus(corpus).store_path.read_bytes() == written


def test_the_store_handed_back_is_the_store_opened_from_the_file(corpus: Path) -> None:
    Review(corpus).accept(TOPIC)
    built, store = build_corpus_store(find_corpus(corpus))
    opened = Store.open(find_corpus(corpus).store_path)
    assert store.records == opened.records
    assert store.documents == opened.documents
    assert store.problems == opened.problems == []
    assert store.fingerprint == opened.fingerprint
    assert built.warnings == compile_corpus(corpus).warnings


def test_warnings_and_problems_are_those_of_a_build_from_nothing(corpus: Path) -> None:
    build_corpus(find_corpus(corpus))
    path = corpus / "documents" / DOC / "topics.toml"
    text = path.read_text(encoding="utf-8")
    # A quote no longer in the text: a problem, named as the build names it.
    quote = 'quotes = ["The sides discussed food security."]'
    assert quote in text
    path.write_text(text.replace(quote, quote.replace("discussed", "debated")), "utf-8")
    with pytest.raises(BuildError) as warm:
        compile_corpus(corpus)
    memo.clear_all()
    with pytest.raises(BuildError) as cold:
        compile_corpus(corpus)
    assert warm.value.problems == cold.value.problems != []
    path.write_text(text, encoding="utf-8")
    warm_warnings = compile_corpus(corpus).warnings
    memo.clear_all()
    assert compile_corpus(corpus).warnings == warm_warnings


def test_a_change_is_seen_by_its_bytes_whatever_the_file_says_of_its_date(corpus: Path) -> None:
    """A file changed to the same size with its old mtime put back is still rebuilt from."""
    build_corpus(find_corpus(corpus))
    path = corpus / "documents" / DOC / "topics.toml"
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    assert text.count("The sides discussed food security") >= 1
    title = next(line for line in text.splitlines() if line.startswith("title = "))
    changed = title[:-2] + ("X" if title[-2] != "X" else "Y") + '"'
    path.write_text(text.replace(title, changed, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    _, store = build_corpus_store(find_corpus(corpus))
    titles = {record.title for record in store.records}
    assert changed.removeprefix('title = "').removesuffix('"') in titles
