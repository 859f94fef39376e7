"""Import and build time of one text by its size: the cost per KB must stay flat.

Texts of 10 KB, 100 KB and 1 MB of synthetic news sentences, and two alias-dense texts of
256 KB ("OIC OIC OIC ..." and "Member States" inside "IOFS Member States"), each written
here for the benchmark (test data, not real reports), imported alone into a new corpus
whose store is then built.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_bench import article

from oic_tui.corpus.folder import build_corpus, find_corpus, init_corpus
from oic_tui.ingest.importer import AliasSource, Importer, ImportOptions, corpus_entities
from oic_tui.store.reader import data_dir

KB = 1024
DATELINE = "DHAKA, May 7, 2018 (Bench Wire) - "
# 1 MB per KB may cost at most this many times what 10 KB does.
FLAT = 3.0


def alias_dense(size: int) -> str:
    """The issue's text: one sentence of nothing but the alias OIC (test data)."""
    return DATELINE + "OIC " * ((size - len(DATELINE)) // 4) + "\n"


def member_states(size: int) -> str:
    """Names inside longer names, sentence after sentence (test data)."""
    unit = "IOFS Member States and OIC Member States met the OIC CFM. "
    return DATELINE + unit * ((size - len(DATELINE)) // len(unit)) + "\n"


def texts() -> list[tuple[str, str]]:
    """(label, text) of every measured text."""
    return [
        ("10 KB news", article(1, 10 * KB)),
        ("100 KB news", article(2, 100 * KB)),
        ("1 MB news", article(3, 1024 * KB)),
        ("256 KB alias-dense OIC", alias_dense(256 * KB)),
        ("256 KB Member States", member_states(256 * KB)),
    ]


def measure(label: str, text: str) -> dict[str, float | str]:
    """Seconds to import one text into a new corpus, and to build that corpus after."""
    with tempfile.TemporaryDirectory(prefix="oic-import-size-") as scratch:
        folder = Path(scratch)
        corpus = init_corpus(folder / "corpus", data_dir())
        path = folder / "text.txt"
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        entities = AliasSource(corpus_entities(corpus))
        results = Importer(find_corpus(corpus.root), entities, ImportOptions()).run([path])
        imported = time.perf_counter() - started
        assert all(r.doc_id for r in results), [r.refused for r in results]
        started = time.perf_counter()
        build_corpus(find_corpus(corpus.root))
        built = time.perf_counter() - started
    kilobytes = len(text.encode("utf-8")) / KB
    return {"text": label, "kb": kilobytes, "import": imported, "build": built}


def run(only: list[str] | None = None) -> list[dict[str, float | str]]:
    """Every text measured (or those whose label starts with one of `only`)."""
    chosen = [(n, t) for n, t in texts() if not only or any(n.startswith(o) for o in only)]
    return [measure(label, text) for label, text in chosen]


def _per_kb(row: dict[str, float | str]) -> float:
    return 1000 * (float(row["import"]) + float(row["build"])) / float(row["kb"])


def table(rows: list[dict[str, float | str]]) -> str:
    """The measurements as a Markdown table."""
    lines = [
        "| text | size | import | build after | ms per KB (import + build) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {row['text']} | {float(row['kb']):,.0f} KB | {float(row['import']):.2f} s "
        f"| {float(row['build']):.2f} s | {_per_kb(row):.2f} |"
        for row in rows
    ]
    return "\n".join(lines)


def not_flat(rows: list[dict[str, float | str]]) -> str:
    """Why the per-KB cost is not flat (1 MB against 10 KB), or ""."""
    by = {str(row["text"]): _per_kb(row) for row in rows}
    small, large = by.get("10 KB news"), by.get("1 MB news")
    if small and large and large > FLAT * small:
        return f"1 MB costs {large:.2f} ms per KB, more than {FLAT:g}× the 10 KB's {small:.2f}"
    return ""


if __name__ == "__main__":
    measured = run(sys.argv[1:])
    print(table(measured))
    if problem := not_flat(measured):
        sys.exit(problem)
