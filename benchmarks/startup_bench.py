"""Startup benchmark: launch to first screen, and to searchable, against a bare Textual app.

Every run is a fresh process timed from spawn to the line it prints, so interpreter start
and imports count for both; the ratio of medians, measured in one run, is what matters.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CHILD = Path(__file__).resolve().parent / "startup_child.py"


Target = tuple[Path, dict[str, str]]


def _launch(*args: str, env: dict[str, str] | None = None) -> dict[str, tuple[float, int]]:
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    events: dict[str, tuple[float, int]] = {}
    assert process.stdout is not None
    for line in process.stdout:
        name, _, peak = line.split()
        events[name] = (time.perf_counter() - began, int(peak))
    process.wait(timeout=120)
    return events


def measure(targets: dict[str, Target], runs: int) -> list[dict[str, Any]]:
    """Median first-screen (and searchable) times per target, interleaved with the bare app.

    Each target is a store and extra environment (e.g. where the index cache lives); one
    unmeasured launch per target first warms the disk cache and any index cache.
    """
    for path, env in targets.values():
        _launch("oic", str(path), env=env)
    samples: dict[str, list[dict[str, tuple[float, int]]]] = {"bare": []}
    for _ in range(runs):
        samples["bare"].append(_launch("bare"))
        for name, (path, env) in targets.items():
            samples.setdefault(name, []).append(_launch("oic", str(path), env=env))
    bare_drawn = statistics.median(s["drawn"][0] for s in samples["bare"])
    rows = []
    for name, runs_of in samples.items():
        drawn = statistics.median(s["drawn"][0] for s in runs_of)
        filled = [s["filled"][0] for s in runs_of if "filled" in s]
        searchable = [s["searchable"][0] for s in runs_of if "searchable" in s]
        peaks = [s.get("searchable", s["drawn"])[1] for s in runs_of]
        rows.append(
            {
                "target": name,
                "drawn_s": drawn,
                "ratio": drawn / bare_drawn,
                "filled_s": statistics.median(filled) if filled else None,
                "searchable_s": statistics.median(searchable) if searchable else None,
                "peak_bytes": max(peaks),
            }
        )
    return rows


def table(rows: list[dict[str, Any]], json_peaks: dict[str, int]) -> str:
    """A Markdown table of the results."""
    lines = [
        "| target | first screen | vs bare app | panes filled | until searchable | peak memory |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        searchable = f"{row['searchable_s']:.2f} s" if row["searchable_s"] else "–"
        filled = f"{row['filled_s'] * 1000:.0f} ms" if row["filled_s"] else "–"
        peak = f"{row['peak_bytes'] / 2**20:.0f} MiB"
        if row["target"] in json_peaks:
            peak += f" ({row['peak_bytes'] / json_peaks[row['target']]:.2f}× json.load)"
        lines.append(
            f"| {row['target']} | {row['drawn_s'] * 1000:.0f} ms | {row['ratio']:.2f}× "
            f"| {filled} | {searchable} | {peak} |"
        )
    return "\n".join(lines)
