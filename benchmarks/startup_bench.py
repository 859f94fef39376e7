"""Startup benchmark: launch to first screen, and to searchable, against a bare Textual app.

Every run is a fresh process timed from spawn to the line it prints, so interpreter start
and imports count for both; the ratio of medians, measured in one run, is what matters.

Then the same as a person sees it: each target launched in a real terminal (tmux, 120×36)
and timed until its record titles are on screen (the bare app: until its line is), the
explorer started as `oic-tui --db STORE`, runs interleaved, medians.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from startup_child import BARE_TEXT

CHILD = Path(__file__).resolve().parent / "startup_child.py"
TERMINAL_SIZE = ("120", "36")
# How often the terminal is read while waiting (seconds); each read is a tmux process.
POLL = 0.005
# A title is cut to fit its pane: this much of the first one is looked for.
MARKER_CHARS = 16


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


class Terminal:
    """A private tmux server with one pane of the benchmark's size, to launch commands in."""

    def __init__(self) -> None:
        self.socket = f"oic-bench-{os.getpid()}"
        width, height = TERMINAL_SIZE
        self._tmux("new-session", "-d", "-s", "bench", "-x", width, "-y", height)

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def time_until(self, command: list[str], env: dict[str, str], text: str) -> float:
        """Seconds from launching `command` in the pane until `text` is on screen."""
        settings = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
        began = time.perf_counter()
        self._tmux("respawn-pane", "-k", *settings, "-t", "bench", shlex.join(command))
        while text not in self._tmux("capture-pane", "-p", "-t", "bench"):
            if time.perf_counter() - began > 120:
                raise TimeoutError(f"{text!r} never appeared on screen for {command}")
            time.sleep(POLL)
        elapsed = time.perf_counter() - began
        self._tmux("respawn-pane", "-k", "-t", "bench", "sleep 3600")
        return elapsed

    def close(self) -> None:
        """Stop the tmux server (and whatever still runs in it); remove its socket."""
        path = self._tmux("display-message", "-p", "#{socket_path}").strip()
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        if path:
            Path(path).unlink(missing_ok=True)


def _explorer() -> list[str]:
    script = Path(sys.executable).with_name("oic-tui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "oic_tui"]


def first_title(path: Path) -> str:
    """The start of the first record title the explorer shows (the Topics pane's first)."""
    from oic_tui.store.reader import Store

    return Store.open(path).by_kind("topic")[0].title[:MARKER_CHARS]


def measure_terminal(targets: dict[str, Target], runs: int) -> dict[str, float] | None:
    """Median seconds to the first record titles on screen in tmux (bare: its first paint),
    runs interleaved, one unmeasured launch each first; None when tmux is not installed."""
    if shutil.which("tmux") is None:
        return None
    launches = {"bare": ([sys.executable, str(CHILD), "terminal"], {}, BARE_TEXT)}
    for name, (path, env) in targets.items():
        launches[name] = ([*_explorer(), "--db", str(path)], env, first_title(path))
    terminal = Terminal()
    try:
        samples: dict[str, list[float]] = {name: [] for name in launches}
        for run in range(runs + 1):
            for name, (command, env, text) in launches.items():
                elapsed = terminal.time_until(command, env, text)
                if run:
                    samples[name].append(elapsed)
    finally:
        terminal.close()
    return {name: statistics.median(times) for name, times in samples.items()}


def measure(targets: dict[str, Target], runs: int) -> list[dict[str, Any]]:
    """Median first-screen (and searchable) times per target, interleaved with the bare app;
    then, in a real terminal, the time until record titles are on screen.

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
    on_screen = measure_terminal(targets, runs) or {}
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
                "terminal_s": on_screen.get(name),
                "terminal_ratio": on_screen[name] / on_screen["bare"] if on_screen else None,
            }
        )
    return rows


def table(rows: list[dict[str, Any]], json_peaks: dict[str, int]) -> str:
    """A Markdown table of the results."""
    lines = [
        "| target | first screen | vs bare app | panes filled | in a terminal: titles on screen "
        "| vs bare app's first paint | until searchable | peak memory |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        shown = f"{row['terminal_s'] * 1000:.0f} ms" if row["terminal_s"] else "– (no tmux)"
        versus = f"{row['terminal_ratio']:.2f}×" if row["terminal_ratio"] else "–"
        searchable = f"{row['searchable_s']:.2f} s" if row["searchable_s"] else "–"
        filled = f"{row['filled_s'] * 1000:.0f} ms" if row["filled_s"] else "–"
        peak = f"{row['peak_bytes'] / 2**20:.0f} MiB"
        if row["target"] in json_peaks:
            peak += f" ({row['peak_bytes'] / json_peaks[row['target']]:.2f}× json.load)"
        lines.append(
            f"| {row['target']} | {row['drawn_s'] * 1000:.0f} ms | {row['ratio']:.2f}× "
            f"| {filled} | {shown} | {versus} | {searchable} | {peak} |"
        )
    return "\n".join(lines)
