"""Generate synthetic stores in the shipped schema: 1k, 10k or 100k records, realistic sizes.

Text is drawn from the shipped article's own vocabulary plus generated names, so word
frequencies look like news prose; every record quotes real sentences of a generated
document at correct offsets, so the store passes validation like the shipped one. The
store is a corpus: 100k records lie in 1,000 documents dated 2000-2025 (100 records
each), a few records quote two documents, a few initiatives have a history of steps in
other documents, and a few entities have aliases that apply only in some documents.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from oic_tui.store.files import read_json
from oic_tui.store.reader import default_store_path
from oic_tui.store.sentences import paragraphs, sentences

# 100,000 records lie in 1,000 documents of 100 records each; small stores keep 40 records
# a document, so that even a few hundred records span many documents.
MAX_RECORDS_PER_DOCUMENT = 100
MIN_RECORDS_PER_DOCUMENT = 40
KIND_SHARES = (("event", 0.22), ("topic", 0.22), ("initiative", 0.2), ("fact", 0.2))
SYLLABLES = ("ka", "za", "ri", "mo", "na", "le", "ta", "si", "ur", "ab")
CATEGORIES = ("security", "regional conflicts", "religion and dialogue", "institutional")
STATUSES = ("presented", "called for", "supported in the resolutions", "planned")
STEP_STATUSES = ("proposed", "established", "held", "adopted", "signed", "ratified")
ENTITY_TYPES = ("person", "country", "city", "organisation")
PLACES = ("Astana", "Kuwait", "Jeddah", "Dakar", "Baku", "Istanbul", "Niamey", "Abidjan")
PUBLISHERS = ("Synthetic Wire", "Synthetic Herald", "Synthetic Agency")
# One record in TWO_DOCUMENTS also quotes the document before its own; one initiative in
# WITH_HISTORY has a history of 2-3 steps in other documents; one entity in SCOPED has an
# alias that applies only in some documents.
TWO_DOCUMENTS = 250
WITH_HISTORY = 100
SCOPED = 50


def records_per_document(total: int) -> int:
    """How many records each generated document is the source of."""
    return min(MAX_RECORDS_PER_DOCUMENT, max(MIN_RECORDS_PER_DOCUMENT, total // 100))


def _vocabulary() -> list[str]:
    store = read_json(default_store_path())
    text = next(iter(store["documents"].values()))["text"]
    return re.findall(r"[A-Za-z][A-Za-z'-]+|\d+", text)


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _sentence(rng: random.Random, words: list[str], names: list[str]) -> str:
    # Runs of consecutive article words keep real collocations ("food security").
    picked: list[str] = []
    target = rng.randint(12, 30)
    while len(picked) < target:
        start = rng.randrange(len(words))
        picked += words[start : start + rng.randint(2, 8)]
    for _ in range(rng.randint(1, 3)):
        picked.insert(rng.randrange(len(picked)), rng.choice(names))
    picked[0] = picked[0].capitalize()
    return " ".join(picked) + "."


def _document_date(rng: random.Random) -> tuple[str, str]:
    """A date from 2000 to 2025 and its precision (mostly a day, some a month or a year)."""
    year, month, day = rng.randint(2000, 2025), rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.8:
        return f"{year}-{month:02d}-{day:02d}", "day"
    return (f"{year}-{month:02d}", "month") if roll < 0.95 else (str(year), "year")


def _document(
    number: int, per_document: int, rng: random.Random, words: list[str], names: list[str]
) -> dict[str, Any]:
    # About two sentences for every three records: each sentence is some record's source.
    body = "\n\n".join(
        " ".join(_sentence(rng, words, names) for _ in range(rng.randint(4, 8)))
        for _ in range(rng.randint(max(2, per_document // 14), max(3, per_document // 7)))
    )
    doc_id = f"doc-{number:04d}"
    date, precision = _document_date(rng)
    place = rng.choice(PLACES)
    return {
        "id": doc_id,
        "title": f"Synthetic report {number}: " + " ".join(rng.sample(words, 5)),
        "publisher": rng.choice(PUBLISHERS),
        "date": date,
        "precision": precision,
        "place": place,
        "url": f"https://example.org/synthetic/{doc_id}" if number % 3 else "",
        "label": f"S{number} {place}",
        "file": f"{doc_id}.txt",
        "sha256": hashlib.sha256(body.encode()).hexdigest(),
        "text": body,
        "sentences": [list(s) for s in sentences(body)],
        "paragraphs": [list(p) for p in paragraphs(body)],
    }


def _date(rng: random.Random) -> dict[str, str]:
    year = rng.randint(1960, 2030)
    precision = rng.choice(("day", "day-range", "month", "year", "year-range"))
    month, day = rng.randint(1, 12), rng.randint(1, 27)
    start = {"day": f"{year}-{month:02d}-{day:02d}", "month": f"{year}-{month:02d}"}.get(
        precision.split("-")[0], str(year)
    )
    end = start
    if precision == "day-range":
        end = f"{year}-{month:02d}-{day + 1:02d}"
    elif precision == "year-range":
        end = str(year + 1)
    return {"start": start, "end": end, "precision": precision}


def _span(document: dict[str, Any], number: int) -> dict[str, Any]:
    start, end, _ = document["sentences"][number]
    return {"doc": document["id"], "start": start, "end": end, "quote": document["text"][start:end]}


def _sources(
    document: dict[str, Any], slot: int, per_document: int, last: bool, rng: random.Random
) -> list[dict[str, Any]]:
    """A record's source spans: the document's sentences are dealt out over its records, so
    every sentence is the source of some record, plus now and then one more at random."""
    count = len(document["sentences"])
    # The store's last record also takes the sentences of the slots that never came.
    dealt = [
        n for n in range(count) if n % per_document == slot or (last and n % per_document > slot)
    ]
    if not dealt or rng.random() < 0.5:
        dealt.append(rng.randrange(count))
    return [_span(document, n) for n in sorted(set(dealt))]


def _random_span(document: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    return _span(document, rng.randrange(len(document["sentences"])))


def _history(record: dict[str, Any], documents: list[dict[str, Any]], rng: random.Random) -> None:
    """2-3 dated steps, each quoting a sentence of another document, as a curator writes."""
    steps = []
    for document in rng.sample(documents, k=min(len(documents), rng.randint(2, 3))):
        date = {"start": document["date"], "end": document["date"]}
        date["precision"] = document["precision"]
        span = _random_span(document, rng)
        steps.append({"status": rng.choice(STEP_STATUSES), "date": date, "source": span})
        if span not in record["sources"]:
            record["sources"].append(span)
    steps.sort(key=lambda step: step["date"]["start"])
    record["history"] = steps
    record["status"] = steps[-1]["status"]


def _entity(
    number: int, name: str, document: dict[str, Any], rng: random.Random, text: str
) -> dict[str, Any]:
    record: dict[str, Any] = {"id": f"entity.e{number}", "kind": "entity", "title": name}
    record.update(entity_type=rng.choice(ENTITY_TYPES), aliases=[name, name.upper()])
    if number % SCOPED == SCOPED - 1:
        # Alternately a span of years, and the entity's own document only.
        years = ("", "", [document["id"]]) if number % (2 * SCOPED) < SCOPED else None
        start, end, docs = years or (str(rng.randint(2000, 2010)), str(rng.randint(2012, 2025)), [])
        record["alias_scopes"] = [{"alias": name.upper(), "start": start, "end": end, "docs": docs}]
    record["text"] = text
    return record


def generate(total: int, seed: int = 42) -> dict[str, Any]:
    """A store of `total` records (about 5% entities) over generated documents."""
    rng = random.Random(seed)
    words = _vocabulary()
    names = [_name(rng) for _ in range(max(total // 20, 20))]
    per_document = records_per_document(total)
    entity_count = max(total // 20, 5)
    documents: list[dict[str, Any]] = []
    records: dict[str, Any] = {}
    entity_ids = [f"entity.e{n}" for n in range(entity_count)]
    document: dict[str, Any] = {}
    initiatives = 0
    for number in range(total):
        slot = number % per_document
        if slot == 0:
            document = _document(len(documents) + 1, per_document, rng, words, names)
            documents.append(document)
        sources = _sources(document, slot, per_document, number == total - 1, rng)
        if number < entity_count:
            text = _sentence(rng, words, names)
            record = _entity(number, names[number % len(names)], document, rng, text)
        else:
            roll, kind = rng.random(), "fact"
            for candidate, share in KIND_SHARES:
                if roll < share:
                    kind = candidate
                    break
                roll -= share
            record = {
                "id": f"{kind}.r{number}",
                "kind": kind,
                "title": " ".join(rng.choice(words) for _ in range(rng.randint(3, 9))).capitalize(),
                "text": " ".join(_sentence(rng, words, names) for _ in range(rng.randint(1, 3))),
                "entities": rng.sample(entity_ids, k=rng.randint(1, 4)),
                "related": [],
            }
            if kind == "event":
                record.update(date=_date(rng), phase=rng.choice(("context", "session", "after")))
            record.update(
                category=rng.choice(CATEGORIES) if kind == "topic" else "",
                status=rng.choice(STATUSES) if kind == "initiative" else "",
                value=str(rng.randint(1, 2000)) if kind == "fact" else "",
            )
            if number % TWO_DOCUMENTS == 0 and len(documents) > 1:
                sources.append(_random_span(documents[-2], rng))
        record["sources"] = sources
        if record["kind"] == "initiative":
            initiatives += 1
            if initiatives % WITH_HISTORY == 0 and len(documents) > 1:
                _history(record, documents[:-1], rng)
        records[str(number + 1)] = record
    documents.sort(key=lambda doc: (doc["date"], doc["id"]))
    return {
        "meta": {"1": {"schema_version": 2, "title": f"Synthetic store of {total} records"}},
        "documents": {str(n): doc for n, doc in enumerate(documents, 1)},
        "records": records,
    }


def write(total: int, path: Path, seed: int = 42) -> Path:
    """Generate and write a store file."""
    path.write_text(json.dumps(generate(total, seed), ensure_ascii=False), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("records", type=int, help="how many records, e.g. 100000")
    parser.add_argument("--keep", type=Path, required=True, help="where to write the store")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    print(write(args.records, args.keep, args.seed))


if __name__ == "__main__":
    main()


def stores_measured(
    sizes: list[int], keep: Path | None, script: str
) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Each size's store (generated unless kept) and what `script --child STORE` printed last."""
    folder = keep or Path(tempfile.mkdtemp(prefix="oic-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        path = folder / f"synthetic-{size}.json"
        if not path.exists():
            write(size, path)
        child = subprocess.run(
            [sys.executable, script, "--child", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        yield path, json.loads(child.stdout.strip().splitlines()[-1])
        if keep is None:
            path.unlink()
