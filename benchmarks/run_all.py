"""`make bench`: the search benchmark at 1k/10k/100k records, the interactions of the
running explorer at the same sizes (with the document picker: 25, 100 and 1,000
documents), each also as a ratio to a bare Textual app doing the same, the build time of
corpus folders of 10, 100 and 1,000 documents, a review decision (accept or undo, the
store rebuilt and the drafts found again) in corpora of 10, 100 and 1,000 documents, the
import of 100 news articles, the import and build of one text of 10 KB, 100 KB and 1 MB
and of alias-dense texts (the cost per KB must stay flat), imports and opens of one corpus
at once (no document may be lost), the explorer served to headless Chromium beside the
terminal, then startup against a bare app."""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_bench
import import_bench
import import_size_bench
import interaction_bench
import review_bench
import search_bench
import serve_bench
import startup_bench
import stress_corpus
from generate import write

from oic_tui.search.indexcache import CACHE_ENV
from oic_tui.store.reader import default_store_path

# What the browser's figures need besides Debian's chromium.
SERVE_NEEDS = ("playwright", "textual_serve")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="keep generated stores in this folder")
    parser.add_argument("--runs", type=int, default=7, help="startup runs per target")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="oic-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print("## Search\n")
    print(search_bench.table(search_bench.run([1000, 10000, 100000], folder)))
    print("\n## Interactions (p50 / p95)\n")
    interactions = interaction_bench.run([1000, 10000, 100000], folder)
    print(interaction_bench.table(interactions))
    print("\n## Document picker\n")
    print(interaction_bench.documents_table(interactions))
    print("\n## Interactions against a bare Textual app (same run, alternating rounds)\n")
    print(interaction_bench.ratio_table(interactions))
    print("\n## Build time by corpus size (best of 3)\n")
    print(build_bench.documents_table(build_bench.run_documents()))
    print("\n## Review decisions by corpus size (p50 / p95)\n")
    print(review_bench.table(review_bench.run()))
    print("\n## Import of news articles\n")
    print(import_bench.table(import_bench.run()))
    print("\n## Import and build of one text by its size\n")
    sizes = import_size_bench.run()
    print(import_size_bench.table(sizes))
    print("\n## Imports and opens of one corpus at once\n")
    stress = stress_corpus.run()
    print(stress_corpus.table(stress))
    print("\n## In a browser (oic-tui serve, headless Chromium) beside the terminal\n")
    if shutil.which("chromium") and all(map(importlib.util.find_spec, SERVE_NEEDS)):
        print(serve_bench.table(serve_bench.run()))
    else:
        print("(skipped: needs chromium, Playwright and textual-serve)")
    big = folder / "synthetic-100000.json"
    if not big.exists():
        write(100000, big)
    cache = Path(tempfile.mkdtemp(prefix="oic-bench-cache-"))
    cold, cached = "oic-tui, 100k store, cold", "oic-tui, 100k store, index cached"
    targets = {
        "oic-tui, shipped store": (default_store_path(), {}),
        cold: (big, {CACHE_ENV: "off"}),
        cached: (big, {CACHE_ENV: str(cache)}),
    }
    print("\n## Startup\n")
    rows = startup_bench.measure(targets, args.runs)
    peak = search_bench.json_load_peak(big)
    print(startup_bench.table(rows, {cold: peak, cached: peak}))
    shutil.rmtree(cache, ignore_errors=True)
    if args.keep is None:
        for path in folder.glob("synthetic-*.json"):
            path.unlink()
    if any(row["lost"] or row["failed"] or row["stale"] for row in stress):
        sys.exit("a document was lost, a command failed or a store was left stale (see above)")
    if problem := import_size_bench.not_flat(sizes):
        sys.exit(problem)


if __name__ == "__main__":
    main()
