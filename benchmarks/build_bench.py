"""Build time of synthetic corpus folders, to show the build grows linearly.

Two series, each a corpus folder compiled with `compile_corpus` (read, check, link; the
store is not written):

- documents: 10, 100 and 1,000 document folders, each with a document.toml, a text of 20
  sentences and 10 events, topics and facts quoting it; shared entities (one for every two
  documents, each alias occurring in the documents, a few aliases scoped by date or by
  document, inline and as `kind = "alias"` rows), and shared initiatives whose history is
  `kind = "step"` rows in the document folders. 1,000 documents should take about ten
  times as long as 100.
- linking (`--linking`): one document naming every entity, entities × records.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from oic_tui.corpus.folder import compile_corpus

DOCUMENT_SIZES = (10, 100, 1_000)
LINKING_SIZES = ((300, 1_000), (1_000, 3_333), (3_000, 10_000))
SENTENCES = 20
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
PLACES = ("Astana", "Kuwait", "Jeddah", "Dakar", "Baku", "Istanbul")
TOPICS = ("food security", "water resources", "the youth forum", "science and technology")
# One entity in SCOPED has its acronym scoped: by date inline, or to its home document
# by a `kind = "alias"` row.
SCOPED = 10
quote = json.dumps


def _letters(number: int) -> str:
    return "".join(chr(ord("A") + int(d)) for d in str(number))


def _name(number: int) -> str:
    return f"Zeta {_letters(number)} Council"


def _acronym(number: int) -> str:
    return f"Z{_letters(number)}C"


@dataclass(frozen=True)
class Shape:
    """How many documents, entities and initiatives a generated corpus has."""

    documents: int

    @property
    def entities(self) -> int:
        """Shared entities: more documents name more of them."""
        return 20 + self.documents // 2

    @property
    def initiatives(self) -> int:
        """Shared initiatives, each with a step in about three documents."""
        return max(1, self.documents // 3)

    def doc_id(self, number: int) -> str:
        """The id (and folder name) of a document."""
        return f"d-{number:04d}"

    def year(self, number: int) -> int:
        """A document's year: 2000-2025 in turn."""
        return 2000 + number % 26

    def home(self, entity: int) -> int:
        """The document whose first two sentences name an entity and its acronym."""
        return entity % self.documents


def _sentences(shape: Shape, number: int) -> list[str]:
    """The 20 sentences of a document: names first, then events, topics, facts and a step."""
    home = range(number, shape.entities, shape.documents)
    tag = f"(report {number}.{{}})"
    text = [
        "Present were " + ", ".join(f"the {_name(e)}" for e in home) + f" {tag.format(0)}.",
        "Also there: " + ", ".join(f"the {_acronym(e)}" for e in home) + f" {tag.format(1)}.",
    ]
    year, place = shape.year(number), PLACES[number % len(PLACES)]
    for j in range(2, SENTENCES - 1):
        a, b = (_name((number * 7 + j * k) % shape.entities) for k in (3, 11))
        if j % 3 == 2:
            month = MONTHS[j % len(MONTHS)]
            text.append(f"On {j} {month} {year} the {a} met the {b} in {place} {tag.format(j)}.")
        elif j % 3 == 0:
            topic = TOPICS[j % len(TOPICS)]
            text.append(f"The {a} discussed {topic} with the {b} {tag.format(j)}.")
        else:
            text.append(f"The {a} counted {j * 3 + number} members {tag.format(j)}.")
    initiative = _letters(number % shape.initiatives)
    text.append(f"In {year} the Charter of Initiative {initiative} was adopted {tag.format(19)}.")
    return text


def _records(shape: Shape, number: int, text: list[str]) -> dict[str, str]:
    """The annotation files of a document folder: 10 records, and its step."""
    year = shape.year(number)
    files = {name: f'kind = "{kind}"\n' for name, kind in _FILES}
    for j in range(2, SENTENCES - 1):
        month = MONTHS[j % len(MONTHS)]
        row = f'\n[[record]]\nid = "{{}}.d{number}-{j}"\ntext = "Benchmark record."\n'
        if j % 3 == 2 and j < 14:
            files["events.toml"] += row.format("event") + (
                f'title = "Meeting {number}.{j}"\nphase = "session"\nprecision = "day"\n'
                f'date = "{year}-{MONTHS.index(month) + 1:02d}-{j:02d}"\n'
                f"quotes = [{quote(text[j])}]\n"
            )
        elif j % 3 == 0 and j < 12:
            files["topics.toml"] += row.format("topic") + (
                f'title = "Talks {number}.{j}"\ncategory = "institutional"\n'
                f"quotes = [{quote(text[j])}, {quote(text[j - 1])}]\n"
            )
        elif j % 3 == 1 and j < 12:
            files["facts.toml"] += row.format("fact") + (
                f'title = "Members {number}.{j}"\nvalue = "{j * 3 + number}"\n'
                f"quotes = [{quote(text[j])}]\n"
            )
    files["steps.toml"] += (
        f'\n[[record]]\ninitiative = "initiative.i{number % shape.initiatives}"\n'
        f'status = "adopted"\ndate = "{year}"\nprecision = "year"\nquote = {quote(text[-1])}\n'
    )
    return files


_FILES = (
    ("events.toml", "event"),
    ("topics.toml", "topic"),
    ("facts.toml", "fact"),
    ("steps.toml", "step"),
)


def _shared(shape: Shape) -> dict[str, str]:
    """annotations/: the entities (a few acronyms scoped), their alias rows, initiatives."""
    entities, aliases = ['kind = "entity"\n'], ['kind = "alias"\n']
    for e in range(shape.entities):
        home = shape.home(e)
        acronym = quote(_acronym(e))
        if e % SCOPED == SCOPED - 1 and e % (2 * SCOPED) < SCOPED:
            year = shape.year(home)
            names = (
                f'{quote(_name(e))}, {{ name = {acronym}, from = "{year}", until = "{year + 3}" }}'
            )
        elif e % SCOPED == SCOPED - 1:
            names = quote(_name(e))
            aliases.append(
                f'\n[[record]]\nentity = "entity.e{e}"\nname = {acronym}\n'
                f'docs = ["{shape.doc_id(home)}"]\n'
            )
        else:
            names = f"{quote(_name(e))}, {acronym}"
        entities.append(
            f'\n[[record]]\nid = "entity.e{e}"\ntitle = {quote(_name(e))}\ntype = "group"\n'
            f'aliases = [{names}]\ntext = "Benchmark entity."\n'
            f'quotes = [{{ text = {quote(_name(e))}, doc = "{shape.doc_id(home)}", nth = 1 }}]\n'
        )
    initiatives = ['kind = "initiative"\n']
    for k in range(shape.initiatives):
        first = f'"In {shape.year(k)} the Charter of Initiative {_letters(k)} was adopted"'
        initiatives.append(
            f'\n[[record]]\nid = "initiative.i{k}"\ntitle = "Charter of Initiative {_letters(k)}"\n'
            f'text = "Benchmark initiative."\nstatus = "adopted"\n'
            f'quotes = [{{ text = {first}, doc = "{shape.doc_id(k)}" }}]\n'
        )
    return {
        "entities.toml": "".join(entities),
        "aliases.toml": "".join(aliases),
        "initiatives.toml": "".join(initiatives),
    }


def write_corpus(folder: Path, documents: int) -> Path:
    """A corpus folder of `documents` synthetic documents and their annotations."""
    shape = Shape(documents)
    (folder / "annotations").mkdir(parents=True)
    (folder / "corpus.toml").write_text(f'title = "Benchmark of {documents} documents"\n')
    for name, text in _shared(shape).items():
        (folder / "annotations" / name).write_text(text, encoding="utf-8")
    for number in range(documents):
        doc_id = shape.doc_id(number)
        doc = folder / "documents" / doc_id
        doc.mkdir(parents=True)
        sentences = _sentences(shape, number)
        (doc / "text.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")
        (doc / "document.toml").write_text(
            f'id = "{doc_id}"\nfile = "text.txt"\ntitle = "Benchmark report {number}"\n'
            f'publisher = "Test"\ndate = "{shape.year(number)}-05-{1 + number % 28:02d}"\n'
            f'place = "{PLACES[number % len(PLACES)]}"\n',
            encoding="utf-8",
        )
        for name, text in _records(shape, number, sentences).items():
            (doc / name).write_text(text, encoding="utf-8")
    return folder


def _timed(folder: Path, repeats: int) -> tuple[float, int]:
    """The fastest of `repeats` compilations (seconds) and how many records it made."""
    times, records = [], 0
    for _ in range(repeats):
        started = time.perf_counter()
        result = compile_corpus(folder)
        times.append(time.perf_counter() - started)
        records = len(result.store["records"])
    return min(times), records


def run_documents(sizes: tuple[int, ...] = DOCUMENT_SIZES, repeats: int = 3) -> list[dict]:
    """Seconds to compile a corpus of each number of documents (best of `repeats`)."""
    rows = []
    for documents in sizes:
        with tempfile.TemporaryDirectory(prefix="oic-build-bench-") as tmp:
            folder = write_corpus(Path(tmp) / "corpus", documents)
            seconds, records = _timed(folder, repeats)
        rows.append({"documents": documents, "records": records, "seconds": seconds})
    return rows


def documents_table(rows: list[dict]) -> str:
    """Markdown table of build times by number of documents, with the growth ratio."""
    lines = [
        "| documents | records | build | per document | × previous (size × 10) |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    previous = None
    for row in rows:
        ratio = f"{row['seconds'] / previous:.1f}×" if previous else "–"
        lines.append(
            f"| {row['documents']:,} | {row['records']:,} | {row['seconds']:.2f} s "
            f"| {row['seconds'] / row['documents'] * 1000:.1f} ms | {ratio} |"
        )
        previous = row["seconds"]
    return "\n".join(lines)


def write_linking(folder: Path, entities: int, records: int) -> Path:
    """A one-document corpus whose text names every entity and whose facts quote it."""
    sentences = [
        f"The {_name(n % entities)} met the {_name((n * 7 + 1) % entities)} ({n})."
        for n in range(records)
    ]
    doc = folder / "documents" / "bench"
    (doc).mkdir(parents=True)
    (folder / "annotations").mkdir()
    (folder / "corpus.toml").write_text('title = "Linking benchmark"\n', encoding="utf-8")
    text = "TEST DATA, written for this benchmark. " + " ".join(sentences) + "\n"
    (doc / "article.txt").write_text(text, encoding="utf-8")
    (doc / "document.toml").write_text(
        'id = "bench"\nfile = "article.txt"\ntitle = "Benchmark"\npublisher = "Test"\n'
        'date = "2015-05-29"\nplace = "Nowhere"\n',
        encoding="utf-8",
    )
    entity_rows = [
        f'[[record]]\nid = "entity.e{n}"\ntitle = "{_name(n)}"\ntype = "group"\n'
        f'aliases = [{quote(_name(n))}]\ntext = "Test entity."\n'
        f"quotes = [{{ text = {quote(_name(n))}, nth = 1 }}]\n"
        for n in range(entities)
    ]
    (doc / "entities.toml").write_text(
        'kind = "entity"\n' + "\n".join(entity_rows), encoding="utf-8"
    )
    fact_rows = [
        f'[[record]]\nid = "fact.f{n}"\ntitle = "Meeting {n}"\nvalue = "{n}"\n'
        f'text = "Test fact."\nquotes = [{quote(sentence)}]\n'
        for n, sentence in enumerate(sentences)
    ]
    (doc / "facts.toml").write_text('kind = "fact"\n' + "\n".join(fact_rows), encoding="utf-8")
    return folder


def run_linking() -> list[tuple[int, int, float]]:
    """(entities, records, seconds) for each size of the one-document series."""
    rows = []
    for entities, records in LINKING_SIZES:
        with tempfile.TemporaryDirectory(prefix="oic-build-bench-") as tmp:
            folder = write_linking(Path(tmp) / "corpus", entities, records)
            rows.append((entities, records, _timed(folder, 1)[0]))
    return rows


def linking_table(rows: list[tuple[int, int, float]]) -> str:
    """Markdown table of the one-document series."""
    lines = ["| entities | records | build (s) |", "|---:|---:|---:|"]
    lines += [f"| {e:,} | {r:,} | {s:.2f} |" for e, r, s in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, DOCUMENT_SIZES)))
    parser.add_argument("--repeats", type=int, default=3, help="best of this many builds")
    parser.add_argument("--keep", type=Path, help="write one corpus of --sizes here and stop")
    parser.add_argument("--linking", action="store_true", help="the one-document series")
    args = parser.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(","))
    if args.keep:
        print(write_corpus(args.keep, sizes[0]))
    elif args.linking:
        print(linking_table(run_linking()))
    else:
        rows = run_documents(sizes, args.repeats)
        print(documents_table(rows))


if __name__ == "__main__":
    main()
