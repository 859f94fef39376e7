"""Import time of 100 synthetic news articles of about 5,000 characters (target: under 2 s)."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from oic_tui.corpus.folder import build_corpus, find_corpus, init_corpus
from oic_tui.ingest.importer import AliasSource, Importer, ImportOptions, corpus_entities
from oic_tui.store.reader import data_dir

CITIES = ("ASTANA", "ALMATY", "DHAKA", "TASHKENT", "KUWAIT", "JEDDAH", "ABU DHABI")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
SENTENCES = (
    "The {n}th Session of the OIC Council of Foreign Ministers was held on {month} {d}-{e}, "
    "{year} in {city}.",
    "Kazakhstan proposed to hold a forum on food security in Astana in {next}.",
    "Mr. A. Musinov informed the participants of the results of the year.",
    "Delegations of the OIC Member States discussed the situation in Syria and Yemen.",
    "Kazakhstan called on the OIC Member States to support the Islamic Organization for "
    "Food Security.",
    "The ministers adopted more than {n} resolutions on {month} {d}.",
    "The Secretary General of the OIC met the Kazakhstan delegation on the margins.",
    "Participants noted the growth of trade by 1.5 percent in {year}.",
)


def article(number: int, chars: int = 5000) -> str:
    """A synthetic test article (written for the benchmark, not a real report)."""
    rng = random.Random(number)
    year = rng.randint(2005, 2024)
    month, city = rng.choice(MONTHS), rng.choice(CITIES)
    parts = [f"{city}, {month} {rng.randint(1, 28)}, {year} (Bench Wire) - "]
    while sum(map(len, parts)) < chars:
        day = rng.randint(1, 25)
        parts.append(
            rng.choice(SENTENCES).format(
                n=rng.randint(30, 50),
                month=rng.choice(MONTHS),
                d=day,
                e=day + 2,
                year=year,
                next=year + 1,
                city=city.title(),
            )
            + (" " if rng.random() < 0.8 else "\n\n")
        )
    return "".join(parts) + "\n"


def run(count: int = 100) -> dict[str, float]:
    """Seconds to import `count` articles into a new corpus, and to build it after."""
    with tempfile.TemporaryDirectory(prefix="oic-import-bench-") as scratch:
        folder = Path(scratch)
        corpus = init_corpus(folder / "corpus", data_dir())
        files = []
        for number in range(count):
            path = folder / f"article-{number}.txt"
            path.write_text(article(number), encoding="utf-8")
            files.append(path)
        started = time.perf_counter()
        entities = AliasSource(corpus_entities(corpus))
        results = Importer(find_corpus(corpus.root), entities, ImportOptions()).run(files)
        imported = time.perf_counter() - started
        assert all(r.doc_id for r in results), [r.refused for r in results if r.refused]
        started = time.perf_counter()
        build_corpus(find_corpus(corpus.root))
        built = time.perf_counter() - started
    return {"articles": count, "import": imported, "build": built}


def table(row: dict[str, float]) -> str:
    """The measurement as a Markdown table."""
    return "\n".join(
        [
            "| articles (~5,000 chars) | import | build after | target |",
            "| --- | --- | --- | --- |",
            f"| {row['articles']:.0f} | {row['import']:.2f} s | {row['build']:.2f} s "
            "| import < 2 s |",
        ]
    )


if __name__ == "__main__":
    print(table(run()))
