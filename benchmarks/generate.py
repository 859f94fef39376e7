"""Generate synthetic stores in the shipped schema: 1k, 10k or 100k records, realistic sizes.

Text is drawn from the shipped article's own vocabulary plus generated names, so word
frequencies look like news prose; every record quotes real sentences of a generated
document at correct offsets, so the store passes validation like the shipped one.
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

RECORDS_PER_DOCUMENT = 40
KIND_SHARES = (("event", 0.22), ("topic", 0.22), ("initiative", 0.2), ("fact", 0.2))
SYLLABLES = ("ka", "za", "ri", "mo", "na", "le", "ta", "si", "ur", "ab")
CATEGORIES = ("security", "regional conflicts", "religion and dialogue", "institutional")
STATUSES = ("presented", "called for", "supported in the resolutions", "planned")
ENTITY_TYPES = ("person", "country", "city", "organisation")


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


def _document(
    doc_id: str, rng: random.Random, words: list[str], names: list[str]
) -> dict[str, Any]:
    body = "\n\n".join(
        " ".join(_sentence(rng, words, names) for _ in range(rng.randint(4, 8)))
        for _ in range(rng.randint(3, 6))
    )
    return {
        "id": doc_id,
        "title": f"Synthetic report {doc_id}",
        "publisher": "Synthetic",
        "date": "2015-05-29",
        "place": "Astana",
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


def _sources(
    document: dict[str, Any], slot: int, last: bool, rng: random.Random
) -> list[dict[str, Any]]:
    """A record's source spans: the document's sentences are dealt out over its records, so
    every sentence is the source of some record, plus now and then one more at random."""
    sentences = document["sentences"]
    # The store's last record also takes the sentences of the slots that never came.
    dealt = [
        n
        for n in range(len(sentences))
        if n % RECORDS_PER_DOCUMENT == slot or (last and n % RECORDS_PER_DOCUMENT > slot)
    ]
    if not dealt or rng.random() < 0.5:
        dealt.append(rng.randrange(len(sentences)))
    text = document["text"]
    return [
        {"doc": document["id"], "start": s, "end": e, "quote": text[s:e]}
        for s, e, _ in (sentences[n] for n in sorted(set(dealt)))
    ]


def generate(total: int, seed: int = 42) -> dict[str, Any]:
    """A store of `total` records (about 5% entities) over generated documents."""
    rng = random.Random(seed)
    words = _vocabulary()
    names = [_name(rng) for _ in range(max(total // 20, 20))]
    entity_count = max(total // 20, 5)
    documents: dict[str, Any] = {}
    records: dict[str, Any] = {}
    entity_ids = [f"entity.e{n}" for n in range(entity_count)]
    document: dict[str, Any] = {}
    for number in range(total):
        if number % RECORDS_PER_DOCUMENT == 0:
            doc_id = f"doc-{len(documents) + 1}"
            document = _document(doc_id, rng, words, names)
            documents[str(len(documents) + 1)] = document
        sources = _sources(document, number % RECORDS_PER_DOCUMENT, number == total - 1, rng)
        if number < entity_count:
            name = names[number % len(names)]
            record = {"id": entity_ids[number], "kind": "entity", "title": name}
            record.update(entity_type=rng.choice(ENTITY_TYPES), aliases=[name, name.upper()])
            record["text"] = _sentence(rng, words, names)
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
        record["sources"] = sources
        records[str(number + 1)] = record
    return {
        "meta": {"1": {"schema_version": 2, "title": f"Synthetic store of {total} records"}},
        "documents": documents,
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
