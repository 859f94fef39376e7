"""docs/json.md against the real JSON output: every key printed is documented, and back."""

from __future__ import annotations

import contextlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, make_test_corpus

from oic_tui.cli.main import main
from oic_tui.corpus.folder import find_corpus, init_corpus
from oic_tui.present.export import export_text
from oic_tui.store.reader import Store, data_dir

REFERENCE = ROOT / "docs" / "json.md"
# A section whose object no command may print yet: its fields need not all appear until
# one of its objects does (then they must, as every other section's).
OPTIONAL = "<!-- json-reference: optional -->"
_LINK = re.compile(r"\[([^\]]+)\]\(#([a-z0-9-]+)\)")
_EXTENDS = re.compile(r"Every field of\s+\[[^\]]+\]\(#([a-z0-9-]+)\)")
_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|([^|]*)\|")
# Searches: one hit, many kinds, a snippet from the text, a partial question, IOFS's history.
QUERIES = ("Aral", "Kazakhstan", "Musinov", "what about aral and yemen", "IOFS", "2015")
RECORDS = (
    "initiative.iofs",
    "entity.astana",
    "entity.madani",
    "event.session",
    "event.expo-2017",
    "topic.tolerance",
    "fact.founded",
)
DOCUMENT = "test-iofs-2020"


@dataclass
class Field:
    """One documented field: the JSON types its value may have, and what it holds."""

    types: set[type]
    ref: str | None
    is_map: bool


@dataclass
class Section:
    """One documented object: its own fields and the section whose fields it also has."""

    name: str
    fields: dict[str, Field] = field(default_factory=dict)
    extends: str | None = None
    optional: bool = False


def _types(cell: str) -> tuple[set[type], str | None, bool]:
    text = cell.strip().lower()
    link = _LINK.search(cell)
    types: set[type] = {type(None)} if text.endswith("or null") else set()
    if text.startswith("list"):
        types.add(list)
    elif text.startswith(("map", "object")) or (link and text.startswith("[")):
        types.add(dict)
    elif text.startswith("string"):
        types.add(str)
    elif text.startswith("integer"):
        types.add(int)
    elif text.startswith("number"):
        types |= {int, float}
    elif text.startswith("boolean"):
        types.add(bool)
    return types, link.group(2) if link else None, text.startswith("map")


def parse_reference(text: str) -> dict[str, Section]:
    """The sections of docs/json.md that have a field table, by their anchor."""
    sections: dict[str, Section] = {}
    for chunk in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        title, _, body = chunk.partition("\n")
        section = Section(title.strip(), optional=OPTIONAL in body)
        if extends := _EXTENDS.search(body):
            section.extends = extends.group(1)
        in_fields = False
        for line in body.splitlines():
            if line.startswith("| field |"):
                in_fields = True
            elif not line.startswith("|"):
                in_fields = False
            elif in_fields and (row := _ROW.match(line)):
                section.fields[row.group(1)] = Field(*_types(row.group(2)))
        if section.fields:
            sections[title.strip().lower().replace(" ", "-")] = section
    return sections


@dataclass
class Walk:
    """What a walk of real output saw: (section, field) pairs, and each mismatch once with
    the first output that showed it."""

    sections: dict[str, Section]
    seen: set[tuple[str, str]] = field(default_factory=set)
    problems: dict[str, str] = field(default_factory=dict)

    def owner(self, anchor: str, path: str) -> str | None:
        """The section that documents a field of an object, its own or one it extends."""
        current: str | None = anchor
        while current is not None:
            section = self.sections[current]
            if path in section.fields:
                return current
            current = section.extends
        return None

    def walk(self, value: dict[str, Any], anchor: str, where: str, prefix: str = "") -> None:
        """Check every key of one object printed as the section `anchor` documents."""
        for key, item in value.items():
            path = f"{prefix}{key}"
            owner = self.owner(anchor, path)
            if owner is None:
                self.problems.setdefault(f"{anchor}.{path} is not in docs/json.md", where)
                continue
            self.seen.add((owner, path))
            documented = self.sections[owner].fields[path]
            if type(item) not in documented.types:
                self.problems.setdefault(f"{owner}.{path} is a {type(item).__name__}", where)
            if documented.is_map:
                continue
            for sub in item if isinstance(item, list) else [item]:
                if not isinstance(sub, dict):
                    continue
                if documented.ref:
                    self.walk(sub, documented.ref, f"{where} {path}")
                else:
                    inner = f"{path}[]." if isinstance(item, list) else f"{path}."
                    self.walk(sub, anchor, where, inner)


def _hit_section(hit: dict[str, Any]) -> str:
    return "sentence-hit" if hit.get("kind") == "sentence" else "search-hit"


def _run(*argv: str | Path) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main([str(a) for a in argv])
    assert status == 0, argv
    return out.getvalue()


def _parsed(text: str, fmt: str) -> list[Any]:
    """Each printed JSON value: the array's items for json, each line for jsonl."""
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    value = json.loads(text)
    return value if isinstance(value, list) else [value]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, Any]]:
    """(what printed it, its documented section, one printed object) for every output."""
    corpus = make_test_corpus(tmp_path_factory.mktemp("json-reference") / "corpus")
    found: list[tuple[str, str, Any]] = []
    for query in QUERIES:
        for fmt in ("json", "jsonl"):
            text = _run("--corpus", corpus, "search", *query.split(), "--format", fmt)
            found += [(f"search {query} {fmt}", _hit_section(h), h) for h in _parsed(text, fmt)]
    for record_id in RECORDS:
        for fmt in ("json", "jsonl"):
            text = _run("--corpus", corpus, "show", record_id, "--format", fmt)
            found += [(f"show {record_id} {fmt}", "shown-record", v) for v in _parsed(text, fmt)]
    for fmt in ("json", "jsonl"):
        text = _run("--corpus", corpus, "show", DOCUMENT, "--format", fmt)
        found += [(f"show {DOCUMENT} {fmt}", "shown-document", v) for v in _parsed(text, fmt)]
    docs = json.loads(_run("--corpus", corpus, "docs", "--json"))
    found += [("docs --json", "document", doc) for doc in docs]
    store = Store.open(find_corpus(corpus).store_path)
    for fmt in ("json", "jsonl"):
        text = export_text(store.records, store, fmt)
        found += [(f"export {fmt}", "record", value) for value in _parsed(text, fmt)]
    drafted = _drafted_corpus(tmp_path_factory.mktemp("json-reference-drafts"))
    for fmt in ("json", "jsonl"):
        text = _run("--corpus", drafted, "drafts", "--format", fmt)
        found += [(f"drafts {fmt}", "draft", value) for value in _parsed(text, fmt)]
    return found


def _drafted_corpus(folder: Path) -> Path:
    """A corpus holding one imported text's drafts."""
    root = init_corpus(folder / "corpus", data_dir()).root
    text = folder / "report.txt"
    # TEST DATA: a short fictional report.
    text.write_text(
        "DHAKA, May 5, 2018 (Test Wire) - Kazakhstan proposed to hold a forum on water in "
        "Astana in June 2019.\n",
        encoding="utf-8",
    )
    assert _run("import", text, "--corpus", root)
    return root


@pytest.fixture(scope="module")
def reference() -> dict[str, Section]:
    """The parsed docs/json.md."""
    return parse_reference(REFERENCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def walked(outputs: list[tuple[str, str, Any]], reference: dict[str, Section]) -> Walk:
    """Every output walked against the reference."""
    walk = Walk(reference)
    for where, anchor, value in outputs:
        walk.walk(value, anchor, where)
    return walk


def test_the_reference_parses_and_its_links_resolve(reference: dict[str, Section]) -> None:
    assert {"record", "search-hit", "sentence-hit", "date", "source-span"} <= set(reference)
    assert reference["sentence-hit"].optional and not reference["record"].optional
    for anchor, section in reference.items():
        assert section.extends is None or section.extends in reference, anchor
        for path, documented in section.fields.items():
            assert documented.types, f"{anchor}.{path} has no JSON type"
            assert documented.ref is None or documented.ref in reference, f"{anchor}.{path}"
    assert reference["date"].fields.keys() == {"start", "end", "precision", "text"}


def test_every_printed_key_is_documented_with_its_type(walked: Walk) -> None:
    assert walked.problems == {}


def test_every_documented_field_is_printed(walked: Walk, reference: dict[str, Section]) -> None:
    shown = {anchor for anchor, _ in walked.seen}
    missing = [
        f"{anchor}.{path}"
        for anchor, section in reference.items()
        for path in section.fields
        if (anchor, path) not in walked.seen and not (section.optional and anchor not in shown)
    ]
    assert missing == []


def test_the_outputs_cover_what_they_should(outputs: list[tuple[str, str, Any]]) -> None:
    assert any(anchor == "draft" for _, anchor, _ in outputs)
    hits = [value for _, anchor, value in outputs if anchor == "search-hit"]
    assert {hit["kind"] for hit in hits} == {"event", "topic", "initiative", "fact", "entity"}
    assert any(hit["partial_match"] for hit in hits)
    shown = {value["id"]: value for _, anchor, value in outputs if anchor == "shown-record"}
    assert len(shown["initiative.iofs"]["history"]) > 1
    assert any(scope["docs"] for scope in shown["entity.madani"]["alias_scopes"])
    assert any(scope["from"] for scope in shown["entity.astana"]["alias_scopes"])


def test_a_sentence_hit_is_checked_as_soon_as_one_is_printed(
    reference: dict[str, Section],
) -> None:
    hit = {"kind": "sentence", "doc": DOCUMENT, "sentence": 2, "text": "A.", "records": []}
    walk = Walk(reference)
    walk.walk(hit, _hit_section(hit), "a sentence hit")
    assert walk.problems == {}
    assert {path for anchor, path in walk.seen if anchor == "sentence-hit"} == set(hit)
    walk.walk({**hit, "score": 1.0, "sentence": "2"}, "sentence-hit", "another")
    assert set(walk.problems) == {
        "sentence-hit.score is not in docs/json.md",
        "sentence-hit.sentence is a str",
    }


def test_the_readme_and_the_cli_reference_link_the_reference() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/json.md)" in readme
    cli_md = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "(json.md)" in cli_md
