"""`oic-tui serve` without a browser: hosts it refuses, the missing extra, port 0, the page
it serves (nothing fetched from elsewhere), SIGTERM, and the served app's own end."""

from __future__ import annotations

import io
import os
import re
import select
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import cast

import pytest
from helpers import ROOT

from oic_tui.cli.main import main
from oic_tui.cli.serve import MISSING_EXTRA, is_loopback, request_refused, url_of

WEB_DRIVER = {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}


def _serve(*args: str) -> tuple[subprocess.Popen[str], str]:
    """`oic-tui serve --port 0 ARGS` started, and the address it printed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "oic_tui", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 60)
    line = process.stdout.readline() if ready else ""
    found = re.search(r"http://\S+/", line)
    if found is None:
        process.kill()
        pytest.fail(f"no address printed: {line!r} {process.communicate()}")
    return process, found.group(0)


def _stop(process: subprocess.Popen[str]) -> float:
    began = time.monotonic()
    process.send_signal(signal.SIGTERM)
    process.wait(10)
    return time.monotonic() - began


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org", ""])
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback(host)


def test_a_host_beyond_loopback_needs_public(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "0.0.0.0"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "0.0.0.0 is not a loopback address: add --public" in error
    assert "no authentication" in error


def test_the_missing_extra_is_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # import fails as if absent
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == f"oic-tui: {MISSING_EXTRA}\n"
    assert "pip install 'oic-tui[web]'" in MISSING_EXTRA


def test_a_bad_port_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", "70000"])
    assert exit_.value.code == 2
    assert "is not a port" in capsys.readouterr().err


def test_ipv6_addresses_are_bracketed() -> None:
    assert url_of("::1", 8000) == "http://[::1]:8000/"
    assert url_of("127.0.0.1", 8000) == "http://127.0.0.1:8000/"


def test_port_0_serves_on_a_free_port_a_page_of_its_own(tmp_path: Path) -> None:
    process, url = _serve()
    try:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        assert port > 0
        page = urllib.request.urlopen(url, timeout=10).read().decode()
        # The page's websocket is the port served, not the 0 asked for.
        assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
        # Offline: fonts are the ones textual-serve ships, nothing comes from elsewhere.
        assert "@font-face" in page and "RobotoMono-VariableFont_wght.ttf" in page
        assert not re.search(r"(?:src|href)=\"https?://", page)
        assert "googleapis" not in page
        font = urllib.request.urlopen(f"{url}static/fonts/RobotoMono-VariableFont_wght.ttf")
        assert len(font.read()) > 10_000
        assert urllib.request.urlopen(f"{url}favicon.ico").status == 204  # no 404 logged
    finally:
        took = _stop(process)
    assert process.returncode == 0
    assert took < 5


def test_public_warns_that_there_is_no_authentication() -> None:
    process, url = _serve("--host", "0.0.0.0", "--public")
    _stop(process)
    assert process.stderr is not None
    warning = process.stderr.read()
    assert "textual-serve has no authentication" in warning
    assert url.startswith("http://0.0.0.0:")


def test_a_bad_store_is_said_before_serving(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "oic_tui", "serve", "--port", "0", "--db", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("oic-tui: ") and result.stderr.count("\n") == 1


def test_the_served_app_runs_without_a_terminal_and_ends_when_its_input_closes(
    tmp_path: Path,
) -> None:
    # As textual-serve runs it: pipes, the web driver; stdin closed is the server gone.
    app = subprocess.Popen(
        [sys.executable, "-m", "oic_tui"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env={**os.environ, **WEB_DRIVER, "XDG_CONFIG_HOME": str(tmp_path / "config")},
    )
    assert app.stdout is not None and app.stdin is not None
    assert app.stdout.readline() == b"__GANGLION__\n"  # the web driver's greeting
    drawn = b""
    deadline = time.monotonic() + 30
    while b"Timeline" not in drawn and time.monotonic() < deadline:
        drawn += cast(io.BufferedReader, app.stdout).read1(65536)
    assert b"Timeline" in drawn
    app.stdin.close()
    assert app.wait(10) == 0
    app.stdout.close()
    assert app.stderr is not None
    assert app.stderr.read() == b""
    app.stderr.close()


@pytest.mark.parametrize(
    ("host", "origin", "public", "refused"),
    [
        ("127.0.0.1:8000", None, False, False),  # not a browser: nothing to forge
        ("127.0.0.1:8000", "http://127.0.0.1:8000", False, False),
        ("localhost:8000", "http://localhost:8000", False, False),
        ("[::1]:8000", "http://[::1]:8000", False, False),
        ("127.0.0.1:8000", "https://evil.example", False, True),  # another site's page
        ("127.0.0.1:8000", "http://127.0.0.1:9000", False, True),
        ("evil.example:8000", "http://evil.example:8000", False, True),  # DNS rebinding
        ("evil.example:8000", None, False, True),
        ("explorer.lan:8000", "http://explorer.lan:8000", True, False),
        ("explorer.lan:8000", "http://evil.example", True, True),
    ],
)
def test_requests_from_elsewhere_are_refused(
    host: str, origin: str | None, public: bool, refused: bool
) -> None:
    assert bool(request_refused(host, origin, public)) is refused


def test_the_server_refuses_another_sites_page_and_a_rebound_name() -> None:
    process, url = _serve()
    try:
        for headers in ({"Origin": "https://evil.example"}, {"Host": "evil.example"}):
            request = urllib.request.Request(f"{url}ws", headers=headers)
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=10)
            assert refused.value.code == 403
        assert urllib.request.urlopen(url, timeout=10).status == 200
    finally:
        _stop(process)
