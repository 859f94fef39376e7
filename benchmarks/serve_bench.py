"""Serve benchmark: `oic-tui serve` in headless Chromium beside the explorer in a terminal.

Measured in one run: page load to the four panes drawn; key to frame, p50 / p95, for `j`,
typing after `/` and `Enter` on a search, in the browser and in a pseudo-terminal of the same
size, each timed the same way (from the key until the first output that changes the text on
screen, read by one terminal emulator, pyte); memory of the server and of each session; and
5 sessions opened at once. Also the browser driver tests/test_serve_browser.py uses.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyte

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

# Debian's chromium with these stalls on this machine's closed network without them.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 720}
# What a terminal sends for the keys the benchmark presses (Playwright's names).
KEY_BYTES = {"Enter": b"\r", "Escape": b"\x1b", "Backspace": b"\x7f"}
PANES = ("Timeline", "Topics", "Kazakhstan initiatives", "OIC facts")
# Records each websocket frame (decoded as the page reads it) with the page's clock, the
# size of the terminal the page asks for, and when each key went down.
HOOK = r"""
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__frames = []; window.__size = null; window.__keys = []; window.__opened = [];
  document.addEventListener("keydown", () => window.__keys.push(performance.now()), true);
  window.WebSocket = class extends Native {
    constructor(url, ...rest) {
      super(url, ...rest);
      const query = new URL(url).searchParams;
      window.__size = [Number(query.get("width")), Number(query.get("height"))];
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") {
          window.__frames.push([performance.now(), decoder.decode(event.data, {stream: true})]);
        }
      });
    }
    send(data) {
      try {
        const message = JSON.parse(data);
        if (message[0] === "resize") window.__size = [message[1].width, message[1].height];
      } catch (error) {}
      return super.send(data);
    }
  };
})();
"""


def panes_drawn(text: str) -> bool:
    """The four panes' titles, each with its position counter, are on screen."""
    return all(re.search(rf"{pane} \d+/\d+", text) for pane in PANES)


def children(pid: int) -> list[int]:
    """Every process under `pid`, however deep (Linux's /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            for child in (task / "children").read_text().split():
                found += [int(child), *children(int(child))]
    return found


def rss_mb(pid: int) -> float:
    """A process's resident memory in MB (0 once it is gone)."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Server:
    """`oic-tui serve --port 0` as a subprocess: its address read from what it prints."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "oic_tui", "serve", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env={**os.environ, **(env or {})},
        )
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], 60)
        line = self.process.stdout.readline() if ready else ""
        found = re.search(r"http://\S+/", line)
        if found is None:
            self.stop()
            raise RuntimeError(f"oic-tui serve printed no address: {line!r}")
        self.url = found.group(0)

    def stop(self, timeout: float = 10) -> float:
        """SIGTERM, then the seconds it took to exit."""
        began = time.perf_counter()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return time.perf_counter() - began


def browser(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, a fresh profile (never a browser Playwright downloads)."""
    executable = shutil.which("chromium")
    assert executable is not None
    return playwright.chromium.launch(
        executable_path=executable,
        args=CHROMIUM_FLAGS,
        ignore_default_args=["--headless=new", "--headless=old"],
        headless=True,
    )


class Screen:
    """A served page and its terminal's text, decoded frame by frame from the websocket."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.read = 0
        self.emulator: pyte.Screen | None = None
        self.stream: pyte.Stream | None = None

    def open(self, url: str) -> None:
        """Load the page, recording its frames, and give its terminal the keyboard."""
        self.page.add_init_script(HOOK)
        self.page.goto(url)
        # Focused without a click: a click would also reach the app, as a mouse event.
        self.page.focus(".xterm-helper-textarea")

    def frames(self) -> list[tuple[float, str]]:
        """The frames not yet read, with the page's time of each."""
        new: list[tuple[float, str]] = self.page.evaluate(
            "n => window.__frames.slice(n)", self.read
        )
        self.read += len(new)
        return new

    def _feed(self, data: str) -> str:
        if self.emulator is None:
            width, height = self.page.evaluate("window.__size")
            self.emulator = pyte.Screen(width, height)
            self.stream = pyte.Stream(self.emulator)
        assert self.stream is not None
        self.stream.feed(data)
        return self.text()

    def text(self) -> str:
        """The terminal's text as drawn so far."""
        return "" if self.emulator is None else "\n".join(self.emulator.display)

    def wait(self, done: Callable[[str], bool], timeout: float = 20) -> float:
        """The page time (ms) of the frame after which `done(text)`; fails after `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for when, data in self.frames():
                if done(self._feed(data)):
                    return when
            if self.emulator is not None and done(self.text()):
                return float(self.page.evaluate("performance.now()"))
            self.page.wait_for_timeout(5)
        raise AssertionError(f"not on screen in {timeout} s:\n{self.text()}")

    def key(self, key: str, done: Callable[[str], bool] | None = None) -> float:
        """Press `key`; ms from its keydown to the first frame that changes the text (or
        after which `done(text)`)."""
        self.settle()
        before = self.text()
        pressed = self.page.evaluate("window.__keys.length")
        self.page.keyboard.press(key)
        down = float(self.page.evaluate("n => window.__keys[n]", pressed))
        return self.wait(done or (lambda text: text != before)) - down

    def settle(self, quiet: int = 100) -> None:
        """Read the frames until none came for `quiet` ms (the screen as it stands)."""
        while True:
            self.page.wait_for_timeout(quiet)
            new = self.frames()
            if not new:
                return
            for _, data in new:
                self._feed(data)


class PtyExplorer:
    """`oic-tui` in a pseudo-terminal of a given size, its output read by pyte as it comes."""

    def __init__(self, width: int, height: int) -> None:
        self.emulator = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.emulator)
        self.arrived = threading.Condition()
        self.chunks: list[tuple[float, bytes]] = []
        self.fed = 0
        pid, self.fd = pty.fork()
        if pid == 0:  # the child: the explorer, as a user starts it
            os.environ["TERM"] = "xterm-256color"
            os.execv(sys.executable, [sys.executable, "-m", "oic_tui"])
        self.pid = pid
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                data = b""
            with self.arrived:
                self.chunks.append((time.perf_counter(), data))
                self.arrived.notify_all()
            if not data:
                return

    def text(self) -> str:
        """The terminal's text as drawn so far."""
        return "\n".join(self.emulator.display)

    def wait(self, done: Callable[[str], bool], timeout: float = 30) -> float:
        """The time of the output after which `done(text)`."""
        deadline = time.perf_counter() + timeout
        while True:
            with self.arrived:
                while self.fed >= len(self.chunks):
                    left = deadline - time.perf_counter()
                    if left <= 0 or not self.arrived.wait(left):
                        raise AssertionError(f"not on the terminal in time:\n{self.text()}")
                when, data = self.chunks[self.fed]
            self.fed += 1
            if not data:
                raise AssertionError("the explorer ended")
            self.stream.feed(data)
            if done(self.text()):
                return when

    def settle(self, quiet: float = 0.1) -> None:
        """Read the output until none came for `quiet` seconds."""
        with contextlib.suppress(AssertionError):
            while True:
                self.wait(lambda _: True, quiet)

    def key(self, key: str, done: Callable[[str], bool] | None = None) -> float:
        """ms from writing `key` to the first output that changes the text (or after which
        `done(text)`)."""
        self.settle()
        before = self.text()
        began = time.perf_counter()
        os.write(self.fd, KEY_BYTES.get(key, key.encode()))
        return (self.wait(done or (lambda text: text != before)) - began) * 1000

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGTERM)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        with contextlib.suppress(OSError):
            os.close(self.fd)


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 of a list of times."""
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


# Typed after `/`, a key at a time, then erased: every keystroke a sample (no space: one
# at the end of the box changes no text on screen).
QUERY = "islamophobia"
MOVES = 20
OPENS = 5
LOADS = 3
SESSIONS = 5


def interactions(screen: Screen | PtyExplorer) -> dict[str, list[float]]:
    """Key to frame (ms) for `j`, typing after `/`, and Enter on a search's top result."""
    times: dict[str, list[float]] = {"j": [], "/ typing": [], "Enter": []}
    for _ in range(MOVES):
        times["j"].append(screen.key("j"))
    screen.key("/")
    for letter in QUERY:
        times["/ typing"].append(screen.key(letter))
    for _ in QUERY:
        times["/ typing"].append(screen.key("Backspace"))
    screen.key("Escape")
    for _ in range(OPENS):
        screen.key("/")
        for letter in "aral":
            screen.key(letter)
        times["Enter"].append(screen.key("Enter"))
        screen.key("Escape")  # back to the search
        screen.key("Escape")  # back to the panes
    return times


def session_memory(server: Server) -> list[float]:
    """Each session's resident memory (MB)."""
    return [rss_mb(pid) for pid in children(server.process.pid)]


def run() -> dict[str, Any]:
    """Every figure, the browser's and the terminal's, in one run."""
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {}
    with served() as server, sync_playwright() as playwright:
        chromium = browser(playwright)
        context = chromium.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
        loads = []
        for _ in range(LOADS):
            page = context.new_page()
            screen = Screen(page)
            screen.open(server.url)
            loads.append(screen.wait(panes_drawn))
            page.close()
        results["page load to panes"] = loads
        page = context.new_page()
        screen = Screen(page)
        screen.open(server.url)
        screen.wait(panes_drawn)
        size = page.evaluate("window.__size")
        results["size"] = size
        results["browser"] = interactions(screen)
        results["server MB"] = rss_mb(server.process.pid)
        results["session MB"] = session_memory(server)
        page.close()
        pages = [context.new_page() for _ in range(SESSIONS)]
        screens = [Screen(page) for page in pages]
        for each in screens:
            each.open(server.url)
        results["5 sessions, panes"] = [each.wait(panes_drawn, 60) for each in screens]
        results["5 sessions MB"] = rss_mb(server.process.pid) + sum(session_memory(server))
        results["stop s"] = server.stop()
        chromium.close()
    terminal = PtyExplorer(*size)
    try:
        terminal.wait(panes_drawn)
        results["terminal"] = interactions(terminal)
    finally:
        terminal.close()
    return results


def table(results: dict[str, Any]) -> str:
    """The figures as Markdown: browser beside terminal, then loads and memory."""
    width, height = results["size"]
    lines = [
        f"Key to frame at {width}×{height}, ms p50 / p95 (browser: keydown to the websocket "
        "frame that changes the screen; terminal: the same in a pseudo-terminal)\n",
        "| key | browser | terminal | ratio p50 |",
        "| --- | ---: | ---: | ---: |",
    ]
    for key, samples in results["browser"].items():
        web, term = percentiles(samples), percentiles(results["terminal"][key])
        ratio = web[0] / term[0] if term[0] else float("inf")
        lines.append(
            f"| `{key}` | {web[0]:.0f} / {web[1]:.0f} | {term[0]:.0f} / {term[1]:.0f} "
            f"| {ratio:.2f}× |"
        )
    loads = results["page load to panes"]
    five = results["5 sessions, panes"]
    sessions = results["session MB"]
    lines += [
        "",
        f"- page load to the four panes drawn: {statistics.median(loads):.0f} ms median of "
        f"{len(loads)} (worst {max(loads):.0f} ms)",
        f"- {SESSIONS} sessions opened at once: panes drawn in {statistics.median(five):.0f} ms "
        f"median, the last in {max(five):.0f} ms; {results['5 sessions MB']:.0f} MB in all",
        f"- memory: server {results['server MB']:.0f} MB, a session "
        f"{statistics.median(sessions) if sessions else 0:.0f} MB",
        f"- SIGTERM with {SESSIONS} sessions open: stopped in {results['stop s']:.2f} s",
    ]
    return "\n".join(lines)


@contextlib.contextmanager
def served(*args: str) -> Iterator[Server]:
    """A server for the length of a block, stopped after it."""
    server = Server(*args)
    try:
        yield server
    finally:
        server.stop()


def main() -> None:
    print(table(run()))


if __name__ == "__main__":
    main()
