"""Writers and readers of one corpus at once: N imports and M opens started together.

Each repetition makes a new corpus, starts every command as its own process, waits for all,
then counts the document folders against the documents the store lists (read as it is, not
rebuilt). A lost document is one with a folder but no row: it must be 0 every time.

    python benchmarks/stress_corpus.py [--repetitions 20] [--imports 5] [--opens 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_bench import article

from oic_tui.corpus.folder import find_corpus, init_corpus, stale_because
from oic_tui.corpus.freshness import document_folders
from oic_tui.store.reader import Store, data_dir

COMMAND = [sys.executable, "-m", "oic_tui"]


def repetition(folder: Path, number: int, imports: int, opens: int) -> dict[str, float]:
    """One round: the corpus, the commands at once, and what the store holds after."""
    corpus = init_corpus(folder / f"corpus-{number}", data_dir()).root
    files = []
    for index in range(imports):
        path = folder / f"article-{number}-{index}.txt"
        path.write_text(article(number * 100 + index, 1500), encoding="utf-8")
        files.append(path)
    commands = [[*COMMAND, "import", str(path), "--corpus", str(corpus)] for path in files]
    commands += [[*COMMAND, "--corpus", str(corpus), "search", "iofs"]] * opens
    started = time.perf_counter()
    runs = [
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for command in commands
    ]
    failed = 0
    for run in runs:
        _, err = run.communicate(timeout=600)
        # search exits 1 when it finds nothing; only 2 is an error.
        if run.returncode not in (0, 1):
            failed += 1
            print(err.decode(errors="replace"), file=sys.stderr)
    seconds = time.perf_counter() - started
    store = Store.open(find_corpus(corpus).store_path)
    folders = {p.name for p in document_folders(corpus)}
    return {
        "folders": len(folders),
        "lost": len(folders - set(store.documents)),
        "failed": failed,
        "stale": 1 if stale_because(find_corpus(corpus)) else 0,
        "seconds": seconds,
    }


def run(repetitions: int = 20, imports: int = 5, opens: int = 2) -> list[dict[str, float]]:
    """Every repetition's counts."""
    with tempfile.TemporaryDirectory(prefix="oic-stress-") as scratch:
        return [repetition(Path(scratch), n, imports, opens) for n in range(repetitions)]


def table(rows: list[dict[str, float]], imports: int = 5, opens: int = 2) -> str:
    """The rounds summed up as a Markdown table."""
    lost = sum(int(r["lost"]) for r in rows)
    failed = sum(int(r["failed"]) for r in rows)
    stale = sum(int(r["stale"]) for r in rows)
    slowest = max(r["seconds"] for r in rows)
    return "\n".join(
        [
            "| repetitions | at once | documents lost | commands failed | stores left stale "
            "| slowest round |",
            "| --- | --- | --- | --- | --- | --- |",
            f"| {len(rows)} | {imports} imports + {opens} opens | {lost} | {failed} | {stale} "
            f"| {slowest:.1f} s |",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repetitions", type=int, default=20)
    parser.add_argument("--imports", type=int, default=5)
    parser.add_argument("--opens", type=int, default=2)
    args = parser.parse_args()
    rows = run(args.repetitions, args.imports, args.opens)
    print(table(rows, args.imports, args.opens))
    return 1 if any(r["lost"] or r["failed"] or r["stale"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
