"""How good import's drafts are: metadata, dates, entities, initiatives and steps against gold.

Imports every `NNN_shape.txt` of a folder (default benchmarks/articles, fictional test data
in the shapes real reports come in; the gold format is in its README.md) into one new corpus,
builds it, runs `check`, and scores what import wrote against each `NNN_shape.gold.toml`:

- metadata: the share of texts whose date, place, publisher and title are right ("" in gold
  is "not stated" / no headline); a text import refuses is imported again with the gold date
  (as a reviewer would give `--date`), and its date counts as wrong;
- dates: every event draft's (date, date_end, precision) against the gold date expressions,
  one to one; a match needs the same values and the expression inside one of its quotes;
- entity links: each entity a draft links (`entities`, `proposed_by`, `presented_by`,
  `promoted_by`) or proposes (a record of entities.toml, uncommented or a commented-out stub:
  both are names the reviewer must judge) against the gold names; an entity matches when a
  gold name equals its title or one of its aliases (case ignored);
- candidates: initiative and step drafts (a file of kind `initiative` or `step`, or a record
  with an `initiative` key) against the gold initiatives and steps, matched by the gold
  sentence occurring in a quote; also scored per kind, where a step must name its initiative;
- junk: drafts (stubs too) drafted from a gold boilerplate line: their first quote is the line,
  or holds it at its start or end (a later quote may be evidence, such as the dateline);
- check: the problems `check` reports on the built store with all the drafts.

Mean edits is an estimate of what a reviewer still changes per text: wrong metadata fields
+ false-positive dates, entities and candidates + missed dates, entities and candidates +
matched candidates whose status or kind (initiative, step, which initiative) is wrong + junk
drafts. Topic drafts are the review's default and count only when junk.

    python benchmarks/import_eval.py [--articles DIR] [--json] [--details] [--check-targets]

Exit status 0 (an evaluation, not a gate) unless --check-targets is given and a figure is
below the targets of issue #25: then 1.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oic_tui.corpus.build import BuildError
from oic_tui.corpus.folder import compile_corpus, find_corpus, init_corpus
from oic_tui.ingest.importer import AliasSource, Importer, ImportOptions, corpus_entities
from oic_tui.store.check import check_store
from oic_tui.store.reader import Store, data_dir

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
NOT_STATED = {"", "not stated"}
LINK_KEYS = ("entities", "proposed_by", "presented_by", "promoted_by")
# The targets: (category, figure, least value).
TARGETS = (
    ("metadata", "place", 0.95),
    ("metadata", "publisher", 0.95),
    ("dates", "precision", 0.97),
    ("dates", "recall", 0.90),
    ("entities", "precision", 0.99),
    ("entities", "recall", 0.95),
    ("candidates", "precision", 0.90),
    ("candidates", "recall", 0.70),
)
_STUB = re.compile(r"^# ?")


@dataclass
class Score:
    """True positives, predictions and gold items of one category."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        """Add another score to this one."""
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    def figures(self) -> dict[str, float | int]:
        """Precision and recall (1.0 when there is nothing to find or nothing found)."""
        return {
            "precision": self.tp / self.predicted if self.predicted else 1.0,
            "recall": self.tp / self.gold if self.gold else 1.0,
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass
class Drafts:
    """What import wrote for one text."""

    meta: dict[str, Any]
    records: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    stubs: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Result:
    """One text's scores and the items behind them."""

    name: str
    refused: str = ""
    metadata: dict[str, bool] = field(default_factory=dict)
    scores: dict[str, Score] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)
    wrong: dict[str, list[str]] = field(default_factory=dict)
    status_edits: int = 0
    junk: list[str] = field(default_factory=list)

    @property
    def edits(self) -> int:
        """Edits a reviewer still makes to this text's drafts (module docstring)."""
        fields = sum(1 for ok in self.metadata.values() if not ok)
        false = sum(s.predicted - s.tp for key, s in self.scores.items() if key in MAIN)
        missed = sum(s.gold - s.tp for key, s in self.scores.items() if key in MAIN)
        return fields + false + missed + self.status_edits + len(self.junk)


MAIN = ("dates", "entities", "candidates")


def _norm(value: str) -> str:
    """A name compared case and a leading 'the' aside."""
    value = " ".join(value.split()).casefold()
    return value.removeprefix("the ")


def _quotes(record: dict[str, Any]) -> list[str]:
    """A record's quotes as strings (a quote may be `{text, doc}`)."""
    raw = record.get("quotes", [])
    if isinstance(raw, str):
        raw = [raw]
    if quote := record.get("quote"):
        raw = [*raw, quote]
    return [q["text"] if isinstance(q, dict) else str(q) for q in raw]


def _stubs(text: str) -> list[dict[str, Any]]:
    """The commented-out `[[record]]` blocks of an entities file, parsed."""
    stubs: list[dict[str, Any]] = []
    block: list[str] | None = None
    for line in [*text.splitlines(), ""]:
        if line.strip() in ("# [[record]]", "#[[record]]"):
            block = []
        elif block is not None and line.startswith("#"):
            block.append(_STUB.sub("", line, count=1))
        elif block is not None:
            with contextlib.suppress(tomllib.TOMLDecodeError):
                stubs.append(tomllib.loads("\n".join(block)))
            block = None
    return stubs


def read_drafts(folder: Path) -> Drafts:
    """document.toml and every draft record of one document folder."""
    drafts = Drafts(tomllib.loads((folder / "document.toml").read_text(encoding="utf-8")))
    for path in sorted(folder.glob("*.toml")):
        if path.name == "document.toml":
            continue
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
        kind = str(data.get("kind", path.stem))
        for record in data.get("record", []):
            drafts.records.append((str(record.get("kind", kind)), record))
        if kind == "entity":
            drafts.stubs.extend(_stubs(text))
    return drafts


def _is_boilerplate(quote: str, line: str) -> bool:
    """A quote that is the line, or holds it at its start or end (glued to a sentence)."""
    quote = quote.strip()
    if quote == line:
        return True
    return bool(
        re.match(rf"{re.escape(line)}\s", quote) or re.search(rf"\s{re.escape(line)}$", quote)
    )


def _dateline_title(title: str) -> bool:
    """A title import makes when a text has no headline: it only restates the dateline."""
    return bool(
        re.match(
            r"^(?:.+ report|Report)(?:, datelined .+)? of |^(?:.+ report|Report), datelined ", title
        )
    )


def score_metadata(gold: dict[str, Any], meta: dict[str, Any], refused: str) -> dict[str, bool]:
    """Which of date, place, publisher and title are right."""
    place, publisher = (_norm(str(meta.get(k, ""))) for k in ("place", "publisher"))
    title = str(meta.get("title", ""))
    return {
        "date": not refused and meta.get("date") == gold["date"],
        "place": (place in NOT_STATED) if not gold["place"] else place == _norm(gold["place"]),
        "publisher": (publisher in NOT_STATED)
        if not gold["publisher"]
        else publisher == _norm(gold["publisher"]),
        "title": _dateline_title(title)
        if not gold["title"]
        else _norm(title) == _norm(gold["title"]),
    }


def _date_values(record: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(start, end, precision) of an event draft, and of each of its `dates` if it lists any."""
    rows = [record, *[d for d in record.get("dates", []) if isinstance(d, dict)]]
    values = []
    for row in rows:
        start = str(row.get("date", row.get("start", "")))
        if not start:
            continue
        end = str(row.get("date_end", row.get("end", "")))
        values.append((start, "" if end == start else end, str(row.get("precision", ""))))
    return values


def score_dates(
    gold: list[dict[str, str]], records: list[tuple[str, dict[str, Any]]], result: Result
) -> Score:
    """Dated drafts against the gold date expressions, one to one."""
    predicted = [
        (value, _quotes(record))
        for kind, record in records
        if kind == "event" and record.get("draft")
        for value in _date_values(record)
    ]
    used: set[int] = set()
    for item in gold:
        want = (item["start"], item["end"], item["precision"])
        for index, (value, quotes) in enumerate(predicted):
            if index not in used and value == want and any(item["text"] in q for q in quotes):
                used.add(index)
                break
        else:
            result.misses.setdefault("dates", []).append(f"{item['text']} {want}")
    for index, (value, quotes) in enumerate(predicted):
        if index not in used:
            result.wrong.setdefault("dates", []).append(
                f"{value} in {quotes[0][:70] if quotes else ''!r}"
            )
    return Score(len(used), len(predicted), len(gold))


def _names(record: Any) -> set[str]:
    """A record's title and aliases, normalised (an alias may be `{name, docs}`)."""
    if isinstance(record, dict):
        title, aliases = record.get("title", ""), record.get("aliases", [])
    else:
        title, aliases = record.title, record.aliases
    names = {str(title)}
    for alias in aliases:
        names.add(str(alias["name"] if isinstance(alias, dict) else alias))
    return {_norm(n) for n in names if n}


def score_entities(
    gold: list[str], drafts: Drafts, known: dict[str, set[str]], result: Result
) -> Score:
    """Linked and proposed entities against the gold names."""
    proposed: dict[str, set[str]] = {}
    for kind, record in drafts.records:
        if kind == "entity":
            proposed[str(record.get("id", len(proposed)))] = _names(record)
    for index, stub in enumerate(drafts.stubs):
        proposed[str(stub.get("id", f"stub-{index}"))] = _names(stub)
    for kind, record in drafts.records:
        if kind == "entity" or not record.get("draft"):
            continue
        for key in LINK_KEYS:
            for entity_id in record.get(key, []):
                if str(entity_id).startswith("entity.") and entity_id not in proposed:
                    proposed[entity_id] = known.get(entity_id, {_norm(entity_id)})
    wanted = {_norm(name): name for name in gold}
    found = {name for names in proposed.values() for name in names if name in wanted}
    tp = sum(1 for names in proposed.values() if names & wanted.keys())
    result.misses["entities"] = [wanted[n] for n in wanted if n not in found]
    result.wrong["entities"] = [
        f"{key} ({sorted(names)[0]})"
        for key, names in proposed.items()
        if not names & wanted.keys()
    ]
    # Recall counts gold names found; precision counts proposed entities that are right.
    return _EntityScore(tp, len(proposed), len(wanted), len(found))


@dataclass
class _EntityScore(Score):
    """An entity score: precision over proposed entities, recall over gold names."""

    found: int = 0

    def figures(self) -> dict[str, float | int]:
        """Precision over what was proposed, recall over the gold names found."""
        figures = super().figures()
        figures["recall"] = self.found / self.gold if self.gold else 1.0
        return figures


def _candidate(kind: str, record: dict[str, Any]) -> str:
    """'initiative' or 'step' for a candidate draft, '' for any other record."""
    if kind == "step" or (kind != "initiative" and "initiative" in record):
        return "step"
    return "initiative" if kind == "initiative" else ""


def score_candidates(
    gold: dict[str, Any], records: list[tuple[str, dict[str, Any]]], result: Result
) -> dict[str, Score]:
    """Initiative and step drafts against the gold, together and per kind."""
    predicted = [
        (_candidate(kind, record), record)
        for kind, record in records
        if _candidate(kind, record) and record.get("draft")
    ]
    items = [("initiative", item) for item in gold.get("initiatives", [])]
    items += [("step", item) for item in gold.get("steps", [])]
    used: set[int] = set()
    strict = {"initiatives": Score(), "steps": Score()}
    for want_kind, item in items:
        key = f"{want_kind}s"
        strict[key].gold += 1
        for index, (kind, record) in enumerate(predicted):
            if index in used or not any(item["sentence"] in q for q in _quotes(record)):
                continue
            used.add(index)
            same_kind = kind == want_kind and (
                kind == "initiative" or record.get("initiative") == item["initiative"]
            )
            if same_kind:
                strict[key].tp += 1
            if not same_kind or record.get("status") != item["status"]:
                result.status_edits += 1
                result.wrong.setdefault("candidate status/kind", []).append(
                    f"{kind} {record.get('initiative', '')} {record.get('status')!r} for "
                    f"{want_kind} {item.get('initiative', '')} {item['status']!r}: "
                    f"{item['sentence'][:60]!r}"
                )
            break
        else:
            result.misses.setdefault("candidates", []).append(
                f"{want_kind}: {item['sentence'][:70]!r}"
            )
    for index, (kind, record) in enumerate(predicted):
        strict[f"{kind}s"].predicted += 1
        if index not in used:
            quotes = _quotes(record)
            result.wrong.setdefault("candidates", []).append(
                f"{kind}: {quotes[0][:70] if quotes else ''!r}"
            )
    return {"candidates": Score(len(used), len(predicted), len(items)), **strict}


def junk_drafts(gold: dict[str, Any], drafts: Drafts) -> list[str]:
    """Drafts and stubs drafted from a boilerplate or metadata line (their first quote)."""
    lines = [line.strip() for line in gold.get("boilerplate", []) if line.strip()]
    junk = []
    records = [r for kind, r in drafts.records if r.get("draft") or kind == "entity"]
    records += drafts.stubs
    for record in records:
        # Later quotes may be evidence (the dateline giving a year), not what it was drafted from.
        quote = next(iter(_quotes(record)), "")
        if any(_is_boilerplate(quote, line) for line in lines):
            junk.append(f"{record.get('id', '?')}: {quote[:70]!r}")
    return junk


def import_all(
    corpus_root: Path, articles: list[tuple[Path, dict[str, Any]]]
) -> dict[Path, tuple[str, str]]:
    """Import each text; a refused one again with its gold date. Path -> (doc id, refusal)."""
    corpus = find_corpus(corpus_root)
    source = AliasSource(corpus_entities(corpus))
    done: dict[Path, tuple[str, str]] = {}
    for path, gold in articles:
        options = ImportOptions(date=str(gold.get("import_date", "")))
        (imported,) = Importer(corpus, source, options).run([path])
        refused = imported.refused
        if refused:
            (imported,) = Importer(corpus, source, ImportOptions(date=gold["date"])).run([path])
        done[path] = (imported.doc_id, refused or imported.refused)
    return done


def build_and_check(corpus_root: Path) -> tuple[list[str], int]:
    """`check`'s problems on the corpus built with all the drafts, and the drafts counted."""
    from oic_tui.cli.commands_corpus import corpus_store

    try:
        compile_corpus(corpus_root)
    except BuildError as error:
        return [f"build: {p}" for p in error.problems], 0
    # The build's warnings go to stderr: kept out of the evaluation's own output.
    with contextlib.redirect_stderr(io.StringIO()):
        store_path = corpus_store(corpus_root, note=False)
    if store_path is None:
        return ["build: the store was not written"], 0
    report = check_store(Store.open(store_path))
    return report.problems, report.drafts


def load_articles(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Each text of the folder with its gold, in name order."""
    articles = []
    for gold_path in sorted(folder.glob("*.gold.toml")):
        text = gold_path.with_name(gold_path.name.removesuffix(".gold.toml") + ".txt")
        articles.append((text, tomllib.loads(gold_path.read_text(encoding="utf-8"))))
    return articles


def evaluate(folder: Path) -> dict[str, Any]:
    """Import the folder's texts into a new corpus and score every category."""
    articles = load_articles(folder)
    with tempfile.TemporaryDirectory(prefix="oic-eval-") as tmp:
        root = init_corpus(Path(tmp) / "corpus", data_dir()).root
        imported = import_all(root, articles)
        problems, drafts_total = build_and_check(root)
        # After the imports: a text links entities an earlier text of the run drafted.
        known = {record.id: _names(record) for record in corpus_entities(find_corpus(root))}
        results = []
        for path, gold in articles:
            doc_id, refused = imported[path]
            result = Result(path.stem, refused)
            results.append(result)
            if not doc_id:
                continue
            drafts = read_drafts(root / "documents" / doc_id)
            result.metadata = score_metadata(gold, drafts.meta, refused)
            result.scores["dates"] = score_dates(gold.get("dates", []), drafts.records, result)
            result.scores["entities"] = score_entities(
                gold.get("entities", []), drafts, known, result
            )
            result.scores.update(score_candidates(gold, drafts.records, result))
            result.junk = junk_drafts(gold, drafts)
    return summary(results, problems, drafts_total)


def summary(results: list[Result], problems: list[str], drafts_total: int) -> dict[str, Any]:
    """The figures over every text, and each text's own."""
    fields = ("place", "publisher", "title", "date")
    count = len(results) or 1
    metadata = {f: sum(1 for r in results if r.metadata.get(f)) / count for f in fields}
    totals: dict[str, Score] = {}
    found = 0
    for result in results:
        for key, score in result.scores.items():
            totals.setdefault(key, Score()).add(score)
        if isinstance(entity := result.scores.get("entities"), _EntityScore):
            found += entity.found
    figures = {key: score.figures() for key, score in totals.items()}
    if "entities" in totals:
        entities = totals["entities"]
        figures["entities"] = _EntityScore(
            entities.tp, entities.predicted, entities.gold, found
        ).figures()
    junk = [f"{r.name}: {line}" for r in results for line in r.junk]
    return {
        "articles": len(results),
        "refused": {r.name: r.refused for r in results if r.refused},
        "metadata": metadata,
        **{
            key: figures.get(key, Score().figures())
            for key in ("dates", "entities", "candidates", "initiatives", "steps")
        },
        "junk": {"count": len(junk), "drafts": junk},
        "check": {"ok": not problems, "problems": problems, "drafts": drafts_total},
        "mean_edits": sum(r.edits for r in results) / count,
        "per_article": {
            r.name: {
                "metadata": r.metadata,
                "edits": r.edits,
                "missed": r.misses,
                "wrong": r.wrong,
                "junk": r.junk,
            }
            for r in results
        },
    }


def below_targets(report: dict[str, Any]) -> list[str]:
    """The issue's targets a report misses, one line each."""
    misses = [
        f"{category} {figure} {report[category][figure]:.1%} < {least:.0%}"
        for category, figure, least in TARGETS
        if report[category][figure] < least
    ]
    if report["junk"]["count"]:
        misses.append(f"junk drafts {report['junk']['count']} > 0")
    if not report["check"]["ok"]:
        misses.append(f"check: {len(report['check']['problems'])} problems")
    return misses


def print_report(report: dict[str, Any], details: bool) -> None:
    """The figures as tables, then the junk drafts and the check problems."""
    print(f"import evaluation over {report['articles']} texts")
    print("\nmetadata        right")
    for key, share in report["metadata"].items():
        print(f"  {key:<13} {share:6.1%}")
    print("\ncategory        precision  recall     tp  predicted  gold")
    for key in ("dates", "entities", "candidates", "initiatives", "steps"):
        f = report[key]
        print(
            f"  {key:<13} {f['precision']:9.1%} {f['recall']:7.1%} "
            f"{f['tp']:6} {f['predicted']:10} {f['gold']:5}"
        )
    print(f"\njunk drafts     {report['junk']['count']}")
    for line in report["junk"]["drafts"]:
        print(f"  {line}")
    check = report["check"]
    print(
        f"check           {'ok' if check['ok'] else 'FAILS'} "
        f"({len(check['problems'])} problems, {check['drafts']} drafts)"
    )
    for problem in check["problems"][:20]:
        print(f"  {problem}")
    for name, why in report["refused"].items():
        print(f"refused         {name}: {why} (imported with the gold date)")
    print(f"mean edits      {report['mean_edits']:.1f} per text")
    if details:
        for name, article in report["per_article"].items():
            print(f"\n{name}: {article['edits']} edits, metadata {article['metadata']}")
            for label, group in (("missed", article["missed"]), ("wrong", article["wrong"])):
                for key, items in group.items():
                    for item in items:
                        print(f"  {label} {key}: {item}")


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=Path, default=ARTICLES, help="folder of NNN_shape.txt and .gold.toml"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--details", action="store_true", help="each text's misses and false positives"
    )
    parser.add_argument(
        "--check-targets", action="store_true", help="exit 1 below the issue's targets"
    )
    args = parser.parse_args(argv)
    report = evaluate(args.articles)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report, args.details)
    if args.check_targets and (misses := below_targets(report)):
        for line in misses:
            print(f"below target: {line}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
