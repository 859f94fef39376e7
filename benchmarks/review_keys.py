"""Keystrokes to review each test article's drafts to zero in the review screen (`make eval`).

Each fictional text of benchmarks/articles is imported into a new corpus, then reviewed in
the explorer under a pilot by a reviewer who knows the article's gold: a draft the gold
holds is kept (`a`; a field the accept asks for typed in the form it opens), an initiative
draft the gold calls a step becomes one (`s`, the initiative typed in the picker), anything
else is rejected (`x`). Every key is counted: decisions, moves, and typing. The corpus must
then build with no draft left and no problem. Titles cut with "…" are counted, not retyped:
what a reviewer writes there is theirs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_eval import _is_boilerplate, import_all, load_articles

from oic_tui.corpus.folder import compile_corpus, find_corpus, init_corpus
from oic_tui.store.reader import Store, data_dir
from oic_tui.tui.app import create_app

ARTICLES = Path(__file__).resolve().parent / "articles"
# The most keys one article may take before the reviewer is taken to be stuck.
KEY_LIMIT = 400


@dataclass
class Tally:
    """One article's review: the keys pressed by purpose, and how it ended."""

    article: str
    drafts: int = 0
    keys: Counter[str] = field(default_factory=Counter)
    cut_titles: int = 0
    left: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Every key pressed."""
        return sum(self.keys.values())


def _sentence_in(gold_items: list[dict[str, Any]], sentence: str) -> dict[str, Any] | None:
    """The gold item (an initiative or step) whose verbatim start the sentence holds."""
    return next((item for item in gold_items if item["sentence"] in sentence), None)


def _junk(gold: dict[str, Any], quote: str) -> bool:
    """A quote of a metadata or boilerplate line, by the rule `make eval` scores junk with."""
    lines = [line.strip() for line in gold.get("boilerplate", []) if line.strip()]
    return any(_is_boilerplate(quote, line) for line in lines)


class Reviewer:
    """Presses the keys a reviewer who knows the gold would press, counting them."""

    def __init__(self, pilot: Any, gold: dict[str, Any], tally: Tally) -> None:
        self.pilot = pilot
        self.gold = gold
        self.tally = tally

    async def press(self, purpose: str, *keys: str) -> None:
        """Press keys, counted under a purpose, then let the screen settle."""
        for key in keys:
            self.tally.keys[purpose] += 1
            await self.pilot.press(key)
            await self.pilot.pause()
        await self.settle()

    async def settle(self) -> None:
        """Wait for the review's worker (a decision) and the screen's refresh."""
        app = self.pilot.app
        for _ in range(200):
            await app.workers.wait_for_complete()
            await self.pilot.pause()
            screen = app.screen
            if not getattr(screen, "saving", False):
                return
        raise RuntimeError("the decision never ended")

    @property
    def screen(self) -> Any:
        return self.pilot.app.screen

    async def review(self) -> None:
        """Decide every draft of the document, then leave the review."""
        tries: Counter[str] = Counter()
        while self.tally.total < KEY_LIMIT:
            state = self.screen.drafted
            if state is None or state.left == 0:
                return
            if self.screen.editing:
                await self.fill_form()
                continue
            address = self.screen.current_address
            if not address:
                await self.press("moves", "N")
                continue
            tries[address] += 1
            if tries[address] > 2:
                self.tally.problems.append(f"{address}: still a draft after two decisions")
                return
            await self.decide(address)
        self.tally.problems.append(f"stopped after {KEY_LIMIT} keys")

    async def decide(self, address: str) -> None:
        """One draft: keep it, make it a step, or reject it."""
        from oic_tui.tui.widgets.draft_list import DraftList

        option = self.screen.query_one(DraftList).current_option
        kind = option.kind
        sentence_at = self.screen.current_sentence
        sentence = self.screen.document.sentence_text(sentence_at)
        row = self.screen.review.record(address)
        quote = str(row.get("quote") or next(iter(row.get("quotes", [])), ""))
        if isinstance(row.get("title"), str) and row["title"].endswith("…"):
            self.tally.cut_titles += 1
        if _junk(self.gold, quote if isinstance(quote, str) else ""):
            await self.press("decisions", "x")
        elif kind == "initiative" and _sentence_in(self.gold.get("initiatives", []), sentence):
            await self.press("decisions", "a")
        elif kind == "initiative" and (step := _sentence_in(self.gold.get("steps", []), sentence)):
            await self.press("decisions", "s")
            await self.press("picking", *step["initiative"], "enter")
        elif kind == "step":
            step = _sentence_in(self.gold.get("steps", []), sentence)
            keep = step is not None and step["status"] == row.get("status")
            await self.press("decisions", "a" if keep else "x")
        elif kind == "entity":
            names = {name.casefold() for name in self.gold.get("entities", [])}
            keep = str(row.get("title", "")).casefold() in names
            await self.press("decisions", "a" if keep else "x")
        elif kind == "event":
            dated = any(d["text"] in sentence for d in self.gold.get("dates", []))
            await self.press("decisions", "a" if dated else "x")
        else:
            await self.press("decisions", "a")

    async def fill_form(self) -> None:
        """The form an accept (or a step) opened: what its focused field asks for, Enter."""
        from oic_tui.tui.widgets.draft_form import FieldInput

        focused = self.pilot.app.focused
        name = focused.spec.name if isinstance(focused, FieldInput) else ""
        if name == "phase":
            # Before the report's date: context; else after (a session's events have one).
            row = self.screen.review.record(self.screen.query_one("DraftForm").address)
            before = str(row.get("date", "")) < self.screen.document.date
            await self.press("typing", "c" if before else "a")
        elif name == "type":
            await self.press("typing", *"organisation")
        elif name.endswith("_by"):
            # Named in no quote: the proposer is not stated (the field's text is selected).
            await self.press("typing", "backspace")
        await self.press("typing", "enter")
        if self.screen.editing:
            # Still open: the gold knows no value for what it asks. Give the draft up.
            form = self.screen.query_one("DraftForm")
            problem = str(form.query_one("#form-problem").render())
            self.tally.problems.append(f"{form.address}: {name}: {problem}")
            await self.press("moves", "escape")
            await self.press("decisions", "x")


async def review_article(text: Path, gold: dict[str, Any], folder: Path) -> Tally:
    """Import one text into a new corpus and review it to zero drafts."""
    tally = Tally(text.stem)
    root = init_corpus(folder / "corpus", data_dir()).root
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        ((doc, refused),) = import_all(root, [(text, gold)]).values()
        compile_corpus(root)
    if refused and not doc:
        tally.problems.append(f"not imported: {refused}")
        return tally
    from oic_tui.corpus.folder import build_corpus

    with contextlib.redirect_stderr(io.StringIO()):
        build_corpus(find_corpus(root))
    app = create_app(store=Store.open(find_corpus(root).store_path), corpus=root, review=doc)
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(200):
            await pilot.pause()
            if getattr(app.screen, "drafted", None) is not None:
                break
        tally.drafts = app.screen.drafted.left
        await Reviewer(pilot, gold, tally).review()
    try:
        result = compile_corpus(root)
        tally.left = sum("draft" in warning for warning in result.warnings)
    except Exception as error:  # reported, not raised: the table goes on
        tally.problems.append(str(error).splitlines()[0])
    return tally


def print_table(tallies: list[Tally]) -> None:
    """A Markdown table, one row per article, then the totals."""
    print("| article | drafts | decisions | moves | picking | typing | keys | titles cut |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for t in tallies:
        k = t.keys
        print(
            f"| {t.article} | {t.drafts} | {k['decisions']} | {k['moves']} | {k['picking']} "
            f"| {k['typing']} | {t.total} | {t.cut_titles} |"
        )
    drafts = sum(t.drafts for t in tallies)
    decisions = sum(t.keys["decisions"] for t in tallies)
    print(f"\n{drafts} drafts, {decisions} decision keys, {sum(t.total for t in tallies)} keys")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ARTICLES)
    parser.add_argument("--only", default="", help="articles whose name holds this")
    args = parser.parse_args(argv)
    tallies = []
    for text, gold in load_articles(args.articles):
        if args.only not in text.name:
            continue
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as scratch:
            tallies.append(asyncio.run(review_article(text, gold, Path(scratch))))
        took = time.perf_counter() - started
        print(f"{text.stem}: {tallies[-1].total} keys, {took:.1f} s", file=sys.stderr, flush=True)
    print_table(tallies)
    failed = [t for t in tallies if t.problems or t.left]
    for t in failed:
        print(f"{t.article}: {t.left} drafts left; {'; '.join(t.problems)}", file=sys.stderr)
    over = [t for t in tallies if t.keys["decisions"] > t.drafts]
    for t in over:
        decisions = t.keys["decisions"]
        print(f"{t.article}: {decisions} decision keys for {t.drafts} drafts", file=sys.stderr)
    return 1 if failed or over else 0


if __name__ == "__main__":
    raise SystemExit(main())
