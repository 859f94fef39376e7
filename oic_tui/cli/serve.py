"""`oic-tui serve`: the explorer in a browser, each page a session of its own (textual-serve).

Each session is `python -m oic_tui --db STORE` run by the web driver in a temporary folder,
its settings, index cache and downloads folder in there too: it never writes outside it.
textual-serve has no authentication, so only loopback is served unless `--public` is given.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import ipaddress
import re
import shlex
import signal
import socket
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from oic_tui.store.sanitize import one_line

from .common import fail, say

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
MISSING_EXTRA = "serve needs textual-serve, in the web extra: pip install 'oic-tui[web]'"
PUBLIC_WARNING = (
    "serving on {host}, beyond this machine: textual-serve has no authentication, so anyone "
    "who can reach {url} can use the explorer"
)
# The page's template (its own: the fonts textual-serve ships, nothing fetched from outside).
TEMPLATES = Path(__file__).resolve().parents[1] / "web"
TITLE = "OIC CFM Explorer"
# How long a session's app has to quit when asked before it is killed.
QUIT_GRACE = 2.0
# The browser's size before it says its own, and its font size (textual-serve's defaults).
COLUMNS, ROWS, FONT_SIZE = 80, 24, 16


def is_loopback(host: str) -> bool:
    """True for an address (or `localhost`) that only this machine reaches."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything


def _host_name(netloc: str) -> str:
    """The name in a `host:port` (an IPv6 address without its brackets)."""
    return urlsplit(f"//{netloc}").hostname or ""


def request_refused(host_header: str, origin: str | None, public: bool) -> str:
    """Why a request is refused ("" if it is not): from a page of another site (its Origin
    is not the address served), or, served on loopback, under a name that is not loopback
    (a site whose name was made to point at this machine: DNS rebinding)."""
    if not public and not is_loopback(_host_name(host_header)):
        return "served to this machine only"
    if origin is not None and urlsplit(origin).netloc.lower() != host_header.lower():
        return "a page of another site may not open a session"
    return ""


def url_of(host: str, port: int) -> str:
    """The address to open, an IPv6 host in brackets."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound and listening on host:port (port 0: a free one, read back from it)."""
    info = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(info[0], info[1], info[2])
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(info[4])
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(False)
    return sock


def session_environment(folder: Path) -> dict[str, str]:
    """What a session's app is given beside the server's environment: a home in `folder`."""
    return {
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "XDG_DOWNLOAD_DIR": str(folder / "downloads"),
        "OIC_TUI_CACHE_DIR": str(folder / "cache" / "oic-tui"),
        "TMPDIR": str(folder),
        # The served app never pages (`o` opens a tab): a pager is no program at all.
        "PAGER": str(folder / "no-pager"),
    }


def run_serve(
    args: argparse.Namespace, store_path: Callable[[argparse.Namespace], Path | int | None]
) -> int:
    """Check the host, the extra and the store, then serve until SIGTERM or Ctrl+C."""
    host: str = args.host
    if not is_loopback(host) and not args.public:
        return fail(
            f"{one_line(host, 100)} is not a loopback address: add --public to serve beyond "
            "this machine (textual-serve has no authentication)"
        )
    try:
        import aiohttp  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError:
        return fail(MISSING_EXTRA)
    where = store_path(args)  # a stale --corpus store is rebuilt here, once
    if isinstance(where, int):
        return where
    from oic_tui.store.reader import Store, StoreError, default_store_path

    store = where or default_store_path()
    try:
        Store.open(store)  # a bad store is said here, not in each browser
    except StoreError as error:
        return fail(str(error))
    try:
        sock = listening_socket(host, args.port)
    except OSError as error:
        return fail(f"cannot listen on {one_line(host, 100)}:{args.port}: {error.strerror}")
    url = url_of(host, sock.getsockname()[1])
    if args.public:
        say(PUBLIC_WARNING.format(host=one_line(host, 100), url=url))
    with tempfile.TemporaryDirectory(prefix="oic-serve-") as folder:
        command = [sys.executable, "-m", "oic_tui", "--db", str(Path(store).resolve())]
        server = ExplorerServer(command, Path(folder), url, public=args.public)
        print(f"Serving the OIC CFM Explorer on {url} (Ctrl+C stops)", flush=True)
        try:
            asyncio.run(server.serve_on(sock))
        finally:
            sock.close()
    return 0


class ExplorerServer:
    """textual-serve's server with its own page, a session per websocket, a prompt stop."""

    def __init__(self, command: list[str], folder: Path, url: str, public: bool = False) -> None:
        from textual_serve.download_manager import DownloadManager

        self.public = public
        self.command = command
        self.folder = folder
        self.url = url
        self.environment = session_environment(folder)
        self.download_manager = DownloadManager()
        self.sessions: set[Any] = set()
        self.sockets: set[web.WebSocketResponse] = set()

    def make_app(self) -> web.Application:
        """The web app: the page, its websocket, downloads and textual-serve's static files."""
        import aiohttp_jinja2
        import jinja2
        import textual_serve
        from aiohttp import web

        static = Path(textual_serve.__file__).resolve().parent / "static"

        @web.middleware
        async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
            refused = request_refused(request.host, request.headers.get("Origin"), self.public)
            if refused:
                raise web.HTTPForbidden(text=f"Refused: {refused}.")
            response: web.StreamResponse = await handler(request)
            return response

        app = web.Application(middlewares=[guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES))
        app.add_routes(
            [
                web.get("/", self.index),
                web.get("/ws", self.websocket),
                web.get("/download/{key}", self.download),
                web.get("/favicon.ico", self.no_icon),
                web.static("/static", static),
            ]
        )
        return app

    async def index(self, request: web.Request) -> web.Response:
        """The page, its websocket's address taken from the address the browser asked."""
        import aiohttp_jinja2

        scheme = "wss" if request.secure else "ws"
        context = {
            "font_size": _number(request.query.get("fontsize", ""), FONT_SIZE),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "static_url": "/static/",
            "title": TITLE,
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def no_icon(self, request: web.Request) -> web.Response:
        """The page has no icon: said at once, not a 404 in the browser's console."""
        from aiohttp import web

        return web.Response(status=204)

    async def download(self, request: web.Request) -> web.StreamResponse:
        """A file a session delivers: an export (a download) or a document (shown inline)."""
        from aiohttp import web

        key = request.match_info["key"]
        try:
            meta = await self.download_manager.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="No such download (each is served once).") from None
        response = web.StreamResponse()
        kind = meta.mime_type or "application/octet-stream"
        response.headers["Content-Type"] = (
            f"{kind}; charset={meta.encoding}" if meta.encoding else kind
        )
        # Never read as HTML: a document's text is data.
        response.headers["X-Content-Type-Options"] = "nosniff"
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", meta.file_name) or "oic-tui.txt"
        response.headers["Content-Disposition"] = f'{disposition}; filename="{name}"'
        await response.prepare(request)
        async for chunk in self.download_manager.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A browser's session: its own app, fed the keys, its screen sent back."""
        from aiohttp import web

        socket_ = web.WebSocketResponse(heartbeat=15)
        await socket_.prepare(request)
        session = _session_class()(
            shlex.join(self.command),
            write_bytes=socket_.send_bytes,
            write_str=socket_.send_str,
            close=socket_.close,
            download_manager=self.download_manager,
        )
        session.argv, session.extra_env, session.cwd = self.command, self.environment, self.folder
        self.sessions.add(session)
        self.sockets.add(socket_)
        try:
            width = _number(request.query.get("width", ""), COLUMNS)
            height = _number(request.query.get("height", ""), ROWS)
            await session.start(width, height)
            await _relay(socket_, session)
        except (asyncio.CancelledError, ConnectionError):
            pass
        finally:
            await session.finish(QUIT_GRACE)
            self.sessions.discard(session)
            self.sockets.discard(socket_)
            await socket_.close()
        return socket_

    async def serve_on(self, sock: socket.socket) -> None:
        """Serve on a bound socket until SIGTERM or SIGINT, then end every session."""
        from aiohttp import web

        runner = web.AppRunner(self.make_app(), handle_signals=False, shutdown_timeout=QUIT_GRACE)
        await runner.setup()
        await web.SockSite(runner, sock).start()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        try:
            await stop.wait()
        finally:
            await self.end_sessions()
            await runner.cleanup()

    async def end_sessions(self) -> None:
        """Ask every app to quit, kill those that do not in time, and close their sockets."""
        await asyncio.gather(*(s.finish(QUIT_GRACE) for s in list(self.sessions)))
        for socket_ in list(self.sockets):
            with contextlib.suppress(Exception):
                await socket_.close()


def _number(text: str, default: int) -> int:
    """A positive whole number from a query, else `default`."""
    return int(text) if text.isdigit() and 0 < int(text) < 10000 else default


async def _relay(socket_: web.WebSocketResponse, session: Any) -> None:
    """The browser's keys, size, focus and pings, handed to the session's app."""
    from aiohttp import WSMsgType

    async for message in socket_:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = message.json()
        except ValueError:
            continue  # not a packet of the page's
        if not isinstance(envelope, list) or not envelope:
            continue
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await session.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            width, height = data.get("width"), data.get("height")
            if isinstance(width, int) and isinstance(height, int):
                await session.set_terminal_size(width, height)
        elif kind == "ping":
            await socket_.send_json(["pong", data])
        elif kind == "blur":
            await session.blur()
        elif kind == "focus":
            await session.focus()


@functools.cache
def _session_class() -> type[Any]:
    """textual-serve's AppService, run without a shell, in the session's folder, and stopped
    for sure: asked to quit, then killed."""
    from textual_serve.app_service import AppService

    class Session(AppService):  # type: ignore[misc]
        """One browser's app."""

        argv: list[str]
        extra_env: dict[str, str]
        cwd: Path

        async def _open_app_process(self, width: int = COLUMNS, height: int = ROWS) -> Any:
            environment = self._build_environment(width=width, height=height)
            environment.update(self.extra_env)
            self._process = await asyncio.create_subprocess_exec(
                *self.argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env=environment,
                cwd=self.cwd,
            )
            self._stdin = self._process.stdin
            return self._process

        async def finish(self, grace: float) -> None:
            """Stop the app: asked to quit, killed if it has not within `grace` seconds."""
            process = self._process
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.stop(), grace)
            if process is None:
                return
            if process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(process.wait(), grace)

    return Session
