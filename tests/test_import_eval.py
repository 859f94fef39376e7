"""The import evaluation (benchmarks/import_eval.py) runs, and its gold files fit their texts."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
ARTICLES = BENCHMARKS / "articles"
GOLDS = sorted(ARTICLES.glob("*.gold.toml"))
KEYS = {"articles", "refused", "metadata", "dates", "entities", "candidates", "initiatives"}
KEYS |= {"steps", "junk", "check", "mean_edits", "per_article"}


def _module() -> ModuleType:
    """benchmarks/import_eval.py, loaded by path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("import_eval", BENCHMARKS / "import_eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # Registered first: its dataclasses look their module up while being made.
    sys.modules["import_eval"] = module
    spec.loader.exec_module(module)
    return module


def _text(gold: Path) -> str:
    return gold.with_name(gold.name.removesuffix(".gold.toml") + ".txt").read_text("utf-8")


def test_articles_cover_every_shape() -> None:
    assert len(GOLDS) >= 15
    assert (ARTICLES / "README.md").read_text("utf-8").count("Fictional test data") == 1


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name)
def test_gold_parses_and_quotes_its_text(gold_path: Path) -> None:
    gold = tomllib.loads(gold_path.read_text("utf-8"))
    text = _text(gold_path)
    lines = {line.strip() for line in text.splitlines()}
    assert gold["test_data"] == "fictional, written for oic-tui"
    assert {"date", "place", "publisher", "title", "entities", "boilerplate"} <= gold.keys()
    for date in gold["dates"]:
        assert date["text"] in text
        assert date["precision"] in {"day", "day-range", "month", "year", "year-range"}
    for item in gold["initiatives"] + gold["steps"]:
        assert item["sentence"] in text
    for line in gold["boilerplate"]:
        assert line in lines


def test_eval_json_on_two_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for gold in GOLDS[:2]:
        shutil.copy(gold, tmp_path)
        shutil.copy(gold.with_name(gold.name.removesuffix(".gold.toml") + ".txt"), tmp_path)
    assert _module().main(["--articles", str(tmp_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report.keys() >= KEYS
    assert report["articles"] == 2
    for key in ("dates", "entities", "candidates"):
        assert {"precision", "recall", "tp", "predicted", "gold"} <= report[key].keys()
    assert set(report["metadata"]) == {"place", "publisher", "title", "date"}
