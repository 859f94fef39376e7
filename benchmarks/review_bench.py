"""A review decision's time, as the review screen makes it, at 10, 100 and 1,000 documents.

Each corpus is the shipped one with generated articles imported (fictional texts written
for the benchmarks, as `import_bench` makes them), so every document has drafts. A topic
draft is accepted, then undone, in turn (a new draft each time: the same one again would
find its work done). Each decision is the screen worker's whole path: the review's decision
(its check compile and write within it), the store rebuilt and opened (by
`build_corpus_store` where there is one, else `build_corpus` then `Store.open`), and the
document's drafts found again (`drafted`). Each size runs in a process of its own, stopped
after a time budget. Target: p50 at most 200 ms at 100 documents.

    python benchmarks/review_bench.py [--sizes 10,100,1000] [--decisions 20] [--budget 120]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_bench import article

import oic_tui.corpus.review as review_module
from oic_tui.corpus import folder as folder_module
from oic_tui.corpus.folder import build_corpus, find_corpus, init_corpus
from oic_tui.corpus.review import Refused, Review
from oic_tui.ingest.importer import AliasSource, Importer, ImportOptions, corpus_entities
from oic_tui.store.reader import Store, data_dir

try:  # where the review screen's model lives now; before, in the screen itself
    from oic_tui.tui.review_model import drafted
except ImportError:
    from oic_tui.tui.screens.review import drafted  # type: ignore[no-redef,attr-defined]

SIZES = (10, 100, 1_000)
DECISIONS = 20
# Short articles: a corpus of 1,000 documents imports in well under a minute.
ARTICLE_CHARS = 2_000
# The steps of a decision: the review's (its check and write within it), then the screen's.
STEPS = ("decide", "check", "write", "rebuild", "open", "drafted")
# Each size's decisions run in a process of their own, stopped after this many seconds.
BUDGET = 120.0


def make_corpus(folder: Path, documents: int) -> Path:
    """The shipped corpus with `documents - 1` generated articles imported, built."""
    corpus = init_corpus(folder / f"corpus-{documents}", data_dir())
    files = []
    for number in range(documents - 1):
        path = folder / f"article-{documents}-{number}.txt"
        path.write_text(article(number, ARTICLE_CHARS), encoding="utf-8")
        files.append(path)
    entities = AliasSource(corpus_entities(corpus))
    with contextlib.redirect_stdout(io.StringIO()):
        results = Importer(find_corpus(corpus.root), entities, ImportOptions()).run(files)
    assert all(r.doc_id for r in results), [r.refused for r in results if r.refused]
    build_corpus(find_corpus(corpus.root))
    return corpus.root


class Timer:
    """Seconds spent in each step of the decision being timed."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time a block as one step."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.spent[name] += time.perf_counter() - started

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """The function, its calls timed as one step."""

        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.step(name):
                return function(*args, **kwargs)

        return timed


def rebuilt(root: Path, timer: Timer) -> tuple[Any, Store]:
    """The store rebuilt and opened as the screen does it (by one call, where there is one).

    OIC_BENCH_OPEN=1 takes `build_corpus` then `Store.open` even where there is one.
    """
    corpus = find_corpus(root)
    both = getattr(folder_module, "build_corpus_store", None)
    if both is not None and os.environ.get("OIC_BENCH_OPEN") != "1":
        with timer.step("rebuild"):
            return both(corpus)  # type: ignore[no-any-return]
    with timer.step("rebuild"):
        built = build_corpus(corpus)
    with timer.step("open"):
        store = Store.open(corpus.store_path)
    return built, store


# Where a decision checks and writes, by module: (name, step). Older trees had both in
# review.py; the names not found in a module are left alone.
TIMED = (
    ("compile_corpus", "check"),
    ("check_corpus", "check"),
    ("write_bytes_atomic", "write"),
)


def _decision_modules() -> list[Any]:
    modules = [review_module]
    with contextlib.suppress(ImportError):
        import oic_tui.corpus.review_session as session

        modules.append(session)
    return modules


def decide(review: Review, root: Path, doc: str, action: Callable[[], Any]) -> dict[str, float]:
    """One decision through the screen's whole path; seconds in total and by step."""
    timer = Timer()
    saved = [
        (module, name, getattr(module, name))
        for module in _decision_modules()
        for name, _ in TIMED
        if hasattr(module, name)
    ]
    steps = dict(TIMED)
    for module, name, function in saved:
        setattr(module, name, timer.wrap(steps[name], function))
    started = time.perf_counter()
    try:
        with timer.step("decide"):
            action()
        built, store = rebuilt(root, timer)
        with timer.step("drafted"):
            drafted(store, doc, review, built.warnings)
    finally:
        for module, name, function in saved:
            setattr(module, name, function)
    return {"total": time.perf_counter() - started, **timer.spent}


def candidates(review: Review) -> list[tuple[str, str]]:
    """Topic drafts (address, document) to accept, those of the middle documents first."""
    drafts = [d for d in review.drafts(notes=False) if d.kind == "topic" and d.doc != "shared"]
    docs = sorted({d.doc for d in drafts})
    middle = len(docs) // 2
    order = {doc: abs(number - middle) for number, doc in enumerate(docs)}
    return [(d.address, d.doc) for d in sorted(drafts, key=lambda d: order[d.doc])]


def measure(root: Path, decisions: int) -> Iterator[dict[str, Any]]:
    """Accepts of a new draft each time and undos, in turn: each decision's seconds.

    A different draft each time: accepting the same one again would find every step done.
    """
    review = Review(root)
    build_corpus(find_corpus(root))
    drafts = iter(candidates(review))
    doc = ""
    for number in range(decisions):
        if number % 2:
            yield {"action": "undo", **decide(review, root, doc, review.undo)}
            continue
        for address, doc in drafts:
            try:
                row = decide(review, root, doc, partial(review.accept, address))
            except Refused:
                continue  # not a decision that rebuilds: the next draft is taken
            yield {"action": "accept", **row}
            break


def child(root: Path, decisions: int, budget: float) -> dict[str, Any]:
    """`measure` in a process of its own, stopped after `budget` seconds: its decisions."""
    command = [sys.executable, __file__, "--measure", str(root), "--decisions", str(decisions)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    rows: list[dict[str, Any]] = []
    lines = process.stdout
    assert lines is not None
    reader = threading.Thread(target=lambda: rows.extend(map(json.loads, lines)))
    reader.start()
    reader.join(budget)
    stopped = reader.is_alive()
    if stopped:
        process.kill()
    reader.join()
    process.wait()
    return {"rows": rows, "stopped": budget if stopped else 0}


def percentile(values: list[float], share: float) -> float:
    """The value at a share of the sorted values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def run(
    sizes: tuple[int, ...] = SIZES, decisions: int = DECISIONS, budget: float = BUDGET
) -> list[dict[str, Any]]:
    """Per size: the documents, each decision's seconds in total and by step."""
    results = []
    with tempfile.TemporaryDirectory(prefix="oic-review-bench-") as scratch:
        for size in sizes:
            root = make_corpus(Path(scratch), size)
            results.append({"documents": size, **child(root, decisions, budget)})
    return results


def table(results: list[dict[str, Any]]) -> str:
    """p50 / p95 of a decision by corpus size, of accepts and undos, and of each step.

    A step's median is over every decision, but the check's over accepts (an undo has none).
    """
    lines = [
        "| documents | decisions | p50 | p95 | accept p50 | undo p50 | "
        + " | ".join(f"{s} p50" for s in STEPS)
        + " | target |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | "
        + " | ".join("---:" for _ in STEPS)
        + " | --- |",
    ]
    for result in results:
        rows = result["rows"]
        stopped = f" (stopped at {result['stopped']:.0f} s)" if result["stopped"] else ""
        cells = [f"{result['documents']:,}", f"{len(rows)}{stopped}"]
        accepts = [row for row in rows if row["action"] == "accept"]
        undos = [row for row in rows if row["action"] == "undo"]
        if rows:
            totals = [row["total"] for row in rows]
            cells += [_ms(percentile(totals, 0.5)), _ms(percentile(totals, 0.95))]
            cells += [_median(accepts, "total"), _median(undos, "total")]
            cells += [_median(accepts if s == "check" else rows, s) for s in STEPS]
        else:
            cells += [""] * (4 + len(STEPS))
        cells.append("p50 ≤ 200 ms" if result["documents"] == 100 else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _median(rows: list[dict[str, Any]], step: str) -> str:
    values = [row.get(step, 0.0) for row in rows]
    return _ms(statistics.median(values)) if values else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--decisions", type=int, default=DECISIONS)
    parser.add_argument("--budget", type=float, default=BUDGET, help="seconds per size")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        for row in measure(args.measure, args.decisions):
            print(json.dumps(row), flush=True)
        return
    sizes = tuple(int(s) for s in args.sizes.split(","))
    print(table(run(sizes, args.decisions, args.budget)))


if __name__ == "__main__":
    main()
