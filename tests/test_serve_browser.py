"""`oic-tui serve` end to end in a real headless Chromium, driven by Playwright.

The screen is read from the websocket stream the page receives, decoded by a terminal
emulator (pyte): the text the browser's terminal draws, without reading a canvas. Skipped
where Chromium or Playwright is missing, unless OIC_REQUIRE_BROWSER=1 (CI), where that fails.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from serve_bench import Screen, Server, browser, children, panes_drawn

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Download

# Where the test saves the page as the browser shows it, when set (README's screenshot).
SCREENSHOT_ENV = "OIC_BROWSER_SCREENSHOT"
REQUIRE_ENV = "OIC_REQUIRE_BROWSER"


def _missing() -> str:
    """Why the browser test cannot run here ("" when it can)."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed (pip install -e '.[test]')"
    if importlib.util.find_spec("textual_serve") is None:
        return "textual-serve is not installed (pip install -e '.[web]')"
    if shutil.which("chromium") is None:
        return "no chromium on PATH (apt-get install chromium fonts-liberation)"
    return ""


@pytest.fixture
def context() -> Iterator[BrowserContext]:
    """A fresh browser context that keeps downloads and may read the clipboard."""
    if reason := _missing():
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = browser(playwright)
        opened = chromium.new_context(
            viewport={"width": 1280, "height": 720},
            accept_downloads=True,
            permissions=["clipboard-read", "clipboard-write"],
        )
        try:
            yield opened
        finally:
            opened.close()
            chromium.close()


def _gone(pids: list[int], timeout: float = 10) -> list[int]:
    """The processes of `pids` still alive after waiting up to `timeout` seconds."""
    deadline = time.monotonic() + timeout
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in alive if Path(f"/proc/{pid}").exists() and not _zombie(pid)]
        time.sleep(0.05)
    return alive


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def test_the_explorer_in_a_browser(context: BrowserContext, tmp_path: Path) -> None:
    server = Server()
    try:
        page = context.new_page()
        screen = Screen(page)
        screen.open(server.url)
        screen.wait(panes_drawn)
        sessions = children(server.process.pid)
        assert len(sessions) == 1, sessions  # one app, run without a shell
        # The page gives the terminal focus: the footer's keys show before any key is typed.
        screen.wait(lambda text: "Quit" in text and "Search" in text, timeout=10)
        if shot := os.environ.get(SCREENSHOT_ENV):
            page.wait_for_timeout(400)  # the page's fade-in
            page.screenshot(path=shot)

        # Search, and Enter opens the top hit's page.
        screen.key("/")
        for letter in "aral":
            screen.key(letter)
        screen.key("Enter", lambda text: "entity.aral-sea" in text)

        # Y: the id on the browser's clipboard (OSC 52, read by the page's terminal).
        screen.key("Y")
        clipboard = page.evaluate("navigator.clipboard.readText()")
        assert clipboard == "entity.aral-sea"

        # e: the export prompt offers the terminal's file name; Enter downloads it.
        screen.key("e", lambda text: "Export" in text and ".md" in text)
        downloads: list[Download] = []
        page.on("download", lambda file: downloads.append(file))
        screen.key("Enter", lambda text: "Downloading" in text)
        deadline = time.monotonic() + 10
        while not downloads and time.monotonic() < deadline:
            page.wait_for_timeout(20)
        assert downloads, "no download started"
        download = downloads[0]
        assert download.suggested_filename.startswith(
            "oic-"
        ) and download.suggested_filename.endswith(".md")
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        assert "Aral" in saved.read_text(encoding="utf-8")

        # o: the document's text in a new tab.
        with context.expect_page() as opened:
            page.bring_to_front()
            page.focus(".xterm-helper-textarea")
            page.keyboard.press("o")
        tab = opened.value
        tab.wait_for_load_state()
        assert "Kazakhstan" in tab.inner_text("body")
        tab.close()

        # q on the main screen ends the session, and its app with it.
        page.bring_to_front()
        page.focus(".xterm-helper-textarea")
        for _ in range(3):  # back through the record's page and the search
            screen.key("Escape")
            with contextlib.suppress(AssertionError):
                screen.wait(panes_drawn, timeout=2)
                break
        page.keyboard.press("q")
        page.wait_for_selector("body.-closed", timeout=10_000)
        assert _gone(sessions) == []
        assert children(server.process.pid) == []

        # A session open when the server is stopped: both end at once, nothing left behind.
        second = Screen(context.new_page())
        second.open(server.url)
        second.wait(panes_drawn)
        sessions = children(server.process.pid)
        assert sessions
        took = server.stop()
        assert server.process.returncode == 0
        assert took < 5, f"SIGTERM took {took:.1f} s with a session open"
        assert _gone(sessions, 2) == []
    finally:
        server.stop()
