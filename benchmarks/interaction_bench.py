"""Interaction benchmark: pane switch, search keystroke, command palette keystroke,
source view open, and the document picker (`d` until it is shown; Enter on a document
until the panes show its records) in the running explorer, at 1k, 10k and 100k records
(25, 100 and 1,000 documents).

The explorer runs headless under Textual's Pilot, on a store opened and indexed
beforehand (the interactions of a user once the app is ready). Each interaction is timed
from the key reaching the app until it has handled it, every message it caused has been
handled, its workers have finished, and the screen has refreshed after them. Each size
runs in its own process.

In the same process, by the same method, a bare Textual app does the same interactions
(bare_textual.py: stock widgets, the same store, the same visible work); its rounds
alternate with the explorer's, and each interaction is printed as a ratio to it: the
explorer's own cost over the framework's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

SIZE = (120, 36)
# Each round: the explorer's interactions, then the bare app's (bare_textual.py); rounds
# alternate, so that a busy spell of the machine falls on both.
ROUNDS = int(os.environ.get("OIC_BENCH_ROUNDS", "2"))
PANE_KEYS = ["2", "3", "4", "1"] * 5
# Typed a key at a time, then erased a key at a time: every keystroke is a sample.
SEARCH_QUERY = "council foreign ministers"
PALETTE_QUERY = "islamic cooperation"
SOURCE_OPENS = 10
DOCUMENT_OPENS = 10
INTERACTIONS = ("pane switch", "search keystroke", "palette keystroke", "source open")
DOCUMENT_INTERACTIONS = ("picker open", "document chosen")
# The interactions that must stay within TARGET times the bare app's, at p50 and p95.
COMPARED = ("pane switch", "search keystroke", "source open", "picker open")
TARGET = 1.3


async def _settled(pilot: Any) -> None:
    """Every message handled, every worker done, and a refresh after their results.

    No `pilot.press` or `pilot.pause`: they wait for the process to look idle in 20 ms
    steps, which would be most of what is measured.
    """
    await pilot._wait_for_screen()
    await pilot.app.workers.wait_for_complete()
    await pilot._wait_for_screen()
    refreshed = asyncio.Event()
    pilot.app.call_after_refresh(refreshed.set)
    await asyncio.wait_for(refreshed.wait(), 30)


async def _key(pilot: Any, key: str, handled: Callable[[], bool]) -> float:
    """Seconds from a key press until `handled()` and the app has settled after it."""
    from textual import events

    started = time.perf_counter()
    event = events.Key(key, " " if key == "space" else key if len(key) == 1 else None)
    pilot.app._driver.send_message(event)
    while not handled():
        await asyncio.sleep(0.0005)
    await _settled(pilot)
    return time.perf_counter() - started


async def _measure(
    path: Path, rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """The explorer's times and the bare app's, in `rounds` alternating rounds each."""
    import gc

    import bare_textual

    from oic_tui.search.service import engine_for
    from oic_tui.store.reader import Store

    store = Store.open(path)
    engine_for(store).warm()
    times: dict[str, list[float]] = {name: [] for name in INTERACTIONS}
    times.update(_document_data_work(store))
    bare: dict[str, list[float]] = {}
    opened: list[tuple[str, int]] = []
    for _ in range(rounds):
        # Each round starts without the garbage of the one before.
        gc.collect()
        await _explorer_round(store, times, opened)
        gc.collect()
        await bare_textual.measure(store, bare, opened)
    return times, bare


async def _explorer_round(
    store: Any, times: dict[str, list[float]], opened: list[tuple[str, int]]
) -> None:
    """One round of the explorer's interactions, each time added to `times`; the documents
    and sentences the source opened at are added to `opened` (the bare app opens them)."""
    from textual.command import CommandPalette
    from textual.widgets import Input

    from oic_tui.tui.app import create_app
    from oic_tui.tui.screens.source import SourceScreen

    app = create_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.screen
        for key in PANE_KEYS:
            pane = main.query_one(f"#{PANE_ORDER[int(key) - 1]}")
            took = await _key(pilot, key, lambda p=pane: app.focused is p)
            times["pane switch"].append(took)
        await pilot.press("1")
        for _ in range(SOURCE_OPENS):
            took = await _key(pilot, "s", lambda: isinstance(app.screen, SourceScreen))
            times["source open"].append(took)
            location = app.screen.location
            opened.append((location.doc, location.sentence))
            await pilot.press("escape", "j")
        await pilot.press("slash")
        await pilot.pause()
        box = main.search_bar
        times["search keystroke"] += await typing_times(pilot, box, SEARCH_QUERY)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        field = app.screen.query_one(Input)
        times["palette keystroke"] += await typing_times(pilot, field, PALETTE_QUERY)
        await pilot.press("escape")
        await pilot.pause()
        for name, values in (await _documents(pilot)).items():
            times.setdefault(name, []).extend(values)


def _document_data_work(store: Any) -> dict[str, list[float]]:
    """What the picker asks of the store: every document's record count (the first call
    sorts every record into its documents), then one document's records by kind."""
    from oic_tui.store.models import KINDS

    started = time.perf_counter()
    counts = {doc_id: store.doc_record_count(doc_id) for doc_id in store.documents}
    counted = time.perf_counter() - started
    doc = max(counts, key=counts.__getitem__)
    started = time.perf_counter()
    for kind in KINDS:
        store.by_kind(kind, doc=doc)
    return {
        "count records per document": [counted],
        "one document by kind": [time.perf_counter() - started],
    }


async def _documents(pilot: Any) -> dict[str, list[float]]:
    """`d` until the picker is shown; then down a document and Enter until the panes hold
    its records, one document further each time."""
    try:
        from oic_tui.tui.screens.documents import DocumentsScreen
    except ImportError:  # a version without the picker
        return {}
    app = pilot.app
    main = app.screen
    if not app.store.multi_document:
        return {}
    times: dict[str, list[float]] = {name: [] for name in DOCUMENT_INTERACTIONS}
    for _ in range(DOCUMENT_OPENS):
        took = await _key(pilot, "d", lambda: isinstance(app.screen, DocumentsScreen))
        times["picker open"].append(took)
        picker = app.screen
        await pilot.press("down")
        entries = picker.query_one("#documents")
        chosen = picker.entries[entries.highlighted]
        took = await _key(pilot, "enter", lambda c=chosen: app.screen is main and main.scope == c)
        times["document chosen"].append(took)
    return times


PANE_ORDER = ("event", "topic", "initiative", "fact")


def _typing(text: str) -> list[tuple[str, str]]:
    """Each key typing `text` then erasing it, with the box's value after it."""
    typed = [("space" if c == " " else c, text[: n + 1]) for n, c in enumerate(text)]
    erased = [("backspace", text[:n]) for n in range(len(text) - 1, -1, -1)]
    return typed + erased


async def typing_times(pilot: Any, field: Any, text: str) -> list[float]:
    """Each keystroke's time, typing `text` into `field` then erasing it."""
    return [
        await _key(pilot, key, lambda t=typed: field.value == t) for key, typed in _typing(text)
    ]


def measure(path: Path, rounds: int = ROUNDS) -> dict[str, Any]:
    """Run in a child process: every interaction's times, the explorer's and the bare
    app's, in seconds."""
    os.environ.setdefault("OIC_TUI_CACHE_DIR", "off")
    from oic_tui.store.reader import Store

    times, bare = asyncio.run(_measure(path, rounds))
    store = Store.open(path)
    return {
        "records": len(store.records),
        "documents": len(store.documents),
        "times": times,
        "bare": bare,
    }


def run(sizes: list[int], keep: Path | None) -> list[dict[str, Any]]:
    """Generate each store (unless kept), measure it in a child process."""
    from generate import stores_measured

    return [result for _, result in stores_measured(sizes, keep, __file__)]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def table(results: list[dict[str, Any]]) -> str:
    """A Markdown table: p50 / p95 of each interaction, in milliseconds."""
    lines = [
        "| records | " + " | ".join(f"{name} p50 / p95" for name in INTERACTIONS) + " |",
        "| ---: | " + " | ".join("---:" for _ in INTERACTIONS) + " |",
    ]
    for result in results:
        cells = [
            f"{_percentile(result['times'][name], 0.5) * 1000:.0f} / "
            f"{_percentile(result['times'][name], 0.95) * 1000:.0f} ms"
            for name in INTERACTIONS
        ]
        lines.append(f"| {result['records']:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def documents_table(results: list[dict[str, Any]]) -> str:
    """A Markdown table of the document picker at each size, and how it grows."""
    lines = [
        "| records | documents | count records per document | one document by kind "
        "| picker open p50 / p95 | document chosen p50 / p95 | picker open ÷ pane switch |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    opened: list[float] = []
    for result in results:
        times = result["times"]
        if not times.get("picker open"):
            lines.append(f"| {result['records']:,} | the picker is not there | | | | | |")
            continue
        opened.append(_percentile(times["picker open"], 0.5))
        cells = [
            f"{times['count records per document'][0] * 1000:.0f} ms",
            f"{times['one document by kind'][0] * 1000:.2f} ms",
            *(
                f"{_percentile(times[name], 0.5) * 1000:.0f} / "
                f"{_percentile(times[name], 0.95) * 1000:.0f} ms"
                for name in DOCUMENT_INTERACTIONS
            ),
            f"{opened[-1] / _percentile(times['pane switch'], 0.5):.2f}×",
        ]
        lines.append(
            f"| {result['records']:,} | {result['documents']:,} | " + " | ".join(cells) + " |"
        )
    if len(opened) > 1:
        lines.append(f"\nPicker open p50, largest store ÷ smallest: {opened[-1] / opened[0]:.2f}×")
    return "\n".join(lines)


def _ms(p50: float, p95: float) -> str:
    return f"{p50 * 1000:.0f} / {p95 * 1000:.0f} ms"


def ratio_table(results: list[dict[str, Any]]) -> str:
    """A Markdown table: each interaction, the explorer's p50 / p95 and the bare app's,
    their ratios, and whether both are within the target."""
    lines = [
        "| interaction | records | documents | explorer p50 / p95 | bare Textual p50 / p95 "
        f"| ratio p50 / p95 | within {TARGET}× |",
        "| --- | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for name in (*COMPARED, "palette keystroke"):
        for result in results:
            ours, bare = result["times"].get(name), result.get("bare", {}).get(name)
            if not ours or not bare:
                continue
            p50, p95 = _percentile(ours, 0.5), _percentile(ours, 0.95)
            b50, b95 = _percentile(bare, 0.5), _percentile(bare, 0.95)
            r50, r95 = p50 / b50, p95 / b95
            within = "✓" if max(r50, r95) <= TARGET else "✗"
            lines.append(
                f"| {name} | {result['records']:,} | {result['documents']:,} "
                f"| {_ms(p50, p95)} | {_ms(b50, b95)} "
                f"| {r50:.2f}× / {r95:.2f}× | {within if name in COMPARED else '–'} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--keep", type=Path, help="keep the generated stores in this folder")
    parser.add_argument(
        "--rounds", type=int, default=ROUNDS, help="explorer and bare rounds, alternating"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    # The child processes read it from their environment.
    os.environ["OIC_BENCH_ROUNDS"] = str(args.rounds)
    if args.child:
        print(json.dumps(measure(args.child, args.rounds)))
        return
    results = run([int(s) for s in args.sizes.split(",")], args.keep)
    print(table(results))
    print()
    print(documents_table(results))
    print()
    print(ratio_table(results))


if __name__ == "__main__":
    main()
