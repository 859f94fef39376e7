"""Build time of synthetic annotations: entities × records, to show linking grows linearly."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from oic_tui.store.build import compile_corpus

SIZES = ((300, 1_000), (1_000, 3_333), (3_000, 10_000))


def _name(number: int) -> str:
    letters = "".join(chr(ord("A") + int(d)) for d in str(number))
    return f"Zeta {letters} Council"


def write_annotations(folder: Path, entities: int, records: int) -> Path:
    """A data folder whose article names every entity and whose records quote it."""
    sentences = [
        f"The {_name(n % entities)} met the {_name((n * 7 + 1) % entities)} ({n})."
        for n in range(records)
    ]
    text = "TEST DATA, written for this benchmark. " + " ".join(sentences) + "\n"
    annotations = folder / "annotations"
    annotations.mkdir(parents=True)
    (folder / "article.txt").write_text(text, encoding="utf-8")
    (annotations / "document.toml").write_text(
        'id = "bench"\nfile = "article.txt"\ntitle = "Benchmark"\npublisher = "Test"\n'
        'date = "2015-05-29"\nplace = "Nowhere"\n',
        encoding="utf-8",
    )
    quote = json.dumps
    entity_rows = [
        f'[[record]]\nid = "entity.e{n}"\ntitle = "{_name(n)}"\ntype = "group"\n'
        f'aliases = [{quote(_name(n))}]\ntext = "Test entity."\n'
        f"quotes = [{{ text = {quote(_name(n))}, nth = 1 }}]\n"
        for n in range(entities)
    ]
    (annotations / "entities.toml").write_text(
        'kind = "entity"\n' + "\n".join(entity_rows), encoding="utf-8"
    )
    fact_rows = [
        f'[[record]]\nid = "fact.f{n}"\ntitle = "Meeting {n}"\nvalue = "{n}"\n'
        f'text = "Test fact."\nquotes = [{quote(sentence)}]\n'
        for n, sentence in enumerate(sentences)
    ]
    (annotations / "facts.toml").write_text(
        'kind = "fact"\n' + "\n".join(fact_rows), encoding="utf-8"
    )
    for name, kind in (("events", "event"), ("topics", "topic"), ("initiatives", "initiative")):
        (annotations / f"{name}.toml").write_text(f'kind = "{kind}"\n', encoding="utf-8")
    return folder


def run() -> list[tuple[int, int, float]]:
    """(entities, records, seconds) for each size."""
    rows = []
    for entities, records in SIZES:
        with tempfile.TemporaryDirectory(prefix="oic-build-bench-") as tmp:
            folder = write_annotations(Path(tmp) / "data", entities, records)
            started = time.perf_counter()
            compile_corpus(folder)
            rows.append((entities, records, time.perf_counter() - started))
    return rows


def table(rows: list[tuple[int, int, float]]) -> str:
    """Markdown table of build times."""
    lines = ["| entities | records | build (s) |", "|---:|---:|---:|"]
    lines += [f"| {e:,} | {r:,} | {s:.2f} |" for e, r, s in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(run()))
