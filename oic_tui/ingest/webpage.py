"""Web pages offered for import: a saved page or a URL, read down to its article's text.

trafilatura, htmldate and httpx come with the `web` extra and are imported only here, when
a page is read: `oic-tui` without them starts and imports plain texts as before.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oic_tui.corpus.confine import Unreadable, read_regular
from oic_tui.store.dates import check_date
from oic_tui.store.sanitize import one_line

from .textinput import ImportRefused, mib, read_input

if TYPE_CHECKING:
    import httpx

NEEDS_EXTRA = "reading web pages needs the web extra: pip install 'oic-tui[web]'"
# A saved or fetched page is mostly markup and scripts: more room than a text gets.
MAX_PAGE_BYTES = 5 * 2**20
FETCH_TIMEOUT = 20.0
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
HTML_SUFFIXES = (".html", ".htm")
_HTML_START = re.compile(rb"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Page:
    """A page's article text and what the page says of itself; "" where it says nothing."""

    text: str
    title: str = ""
    date: str = ""
    site: str = ""
    url: str = ""
    source_file: str = ""
    fetched: str = ""
    extracted_with: str = ""

    def fields(self) -> dict[str, str]:
        """The page's fields as `document.toml` records them (each only when known)."""
        return {
            "source_file": self.source_file,
            "fetched": self.fetched,
            "extracted_with": self.extracted_with,
        }


def is_url(source: str) -> bool:
    """True for an http or https URL (the only ones `import` fetches)."""
    return source.lower().startswith(("https://", "http://"))


def looks_like_html(path: Path, raw: bytes) -> bool:
    """True for a page saved as .html/.htm, or a file starting `<!doctype html` or `<html`."""
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    return bool(_HTML_START.match(raw.removeprefix(b"\xef\xbb\xbf")))


def read_offered(source: Path | str) -> tuple[bytes, Page | None]:
    """The text to import (UTF-8 bytes) and, for a page or URL, the page it was read from."""
    if isinstance(source, str):
        html, url = fetch(source)
        now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        page = extract(html, url=url, fetched=now)
    elif source.suffix.lower() in HTML_SUFFIXES:
        page = extract(_read_page(source), source_file=source.name)
    else:
        raw = read_input(source)
        if not looks_like_html(source, raw):
            return raw, None
        page = extract(raw, source_file=source.name)
    return page.text.encode("utf-8"), page


def _read_page(path: Path) -> bytes:
    try:
        return read_regular(path, MAX_PAGE_BYTES)
    except Unreadable as error:
        raise ImportRefused(str(error)) from None


def _modules() -> tuple[Any, Any]:
    """trafilatura and htmldate, or ImportRefused naming the extra."""
    try:
        import htmldate
        import trafilatura
    except ImportError:
        raise ImportRefused(NEEDS_EXTRA) from None
    return trafilatura, htmldate


def extract(html: bytes, url: str = "", source_file: str = "", fetched: str = "") -> Page:
    """The article's text and the page's title, date, site and URL; ImportRefused if none."""
    trafilatura, htmldate = _modules()
    try:
        found = trafilatura.bare_extraction(
            html, url=url or None, with_metadata=True, include_comments=False
        )
    except Exception as error:  # a page trafilatura cannot parse is refused, not a crash
        raise ImportRefused(f"cannot read the page ({one_line(str(error), 80)})") from None
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if not text:
        raise ImportRefused("the page has no article text trafilatura can find")
    canonical = _str(getattr(found, "url", None))
    return Page(
        text=text,
        title=one_line(_str(getattr(found, "title", None)), 250),
        date=_page_date(htmldate, html, _str(getattr(found, "date", None))),
        site=one_line(_str(getattr(found, "sitename", None)), 120),
        url=canonical if is_url(canonical) else url,
        source_file=source_file,
        fetched=fetched,
        extracted_with=f"trafilatura {trafilatura.__version__}",
    )


def _str(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _page_date(htmldate: Any, html: bytes, fallback: str) -> str:
    """The page's publication date by htmldate, else trafilatura's; "" if neither is sound."""
    try:
        found = htmldate.find_date(html, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate is a best guess: no date is an answer, not an error
        found = None
    for date in (_str(found), fallback):
        if _DAY.fullmatch(date):
            try:
                check_date(date, date, "day")
            except ValueError:
                continue
            return date
    return ""


def _client() -> httpx.Client:
    import httpx

    return httpx.Client(
        timeout=FETCH_TIMEOUT,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": "oic-tui (news import)"},
    )


# Tests replace this with a client on an httpx.MockTransport: no test needs the network.
CLIENT_FACTORY: Callable[[], httpx.Client] = _client


def fetch(url: str) -> tuple[bytes, str]:
    """A page's HTML and its final URL; ImportRefused ("cannot fetch URL: ...") if not."""
    if not is_url(url):
        raise ImportRefused("cannot fetch URL: only http:// and https:// are fetched")
    _modules()  # said before any request: without the extra nothing is fetched
    try:
        import httpx
    except ImportError:
        raise ImportRefused(NEEDS_EXTRA) from None
    try:
        with CLIENT_FACTORY() as client, client.stream("GET", url) as response:
            return _body(response), str(response.url)
    except httpx.TimeoutException:
        raise ImportRefused(f"cannot fetch URL: no answer within {FETCH_TIMEOUT:g} s") from None
    except httpx.TooManyRedirects:
        raise ImportRefused(f"cannot fetch URL: more than {MAX_REDIRECTS} redirects") from None
    except (httpx.HTTPError, httpx.InvalidURL, OSError) as error:
        reason = one_line(str(error), 120) or type(error).__name__
        raise ImportRefused(f"cannot fetch URL: {reason}") from None


def _body(response: httpx.Response) -> bytes:
    """The response's body if it is an HTML page within the size cap; ImportRefused if not."""
    if response.status_code >= 400:
        phrase = one_line(response.reason_phrase, 60)
        raise ImportRefused(f"cannot fetch URL: HTTP {response.status_code} {phrase}".rstrip())
    if not is_url(str(response.url)):
        raise ImportRefused("cannot fetch URL: redirected away from http(s)")
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in HTML_TYPES:
        shown = one_line(kind, 60) or "none"
        raise ImportRefused(f"cannot fetch URL: not an HTML page (content type {shown})")
    too_big = f"cannot fetch URL: the page is larger than {mib(MAX_PAGE_BYTES)}"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_PAGE_BYTES:
        raise ImportRefused(too_big)
    chunks: list[bytes] = []
    size = 0
    # Streamed and stopped at the cap: a page that never ends is not read to its end.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_PAGE_BYTES:
            raise ImportRefused(too_big)
        chunks.append(chunk)
    return b"".join(chunks)
