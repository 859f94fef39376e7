"""`oic-tui import` of web pages: a saved .html page or a URL, read down to its article."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import VENV_BIN

from oic_tui.corpus.folder import find_corpus, init_corpus
from oic_tui.ingest import webpage
from oic_tui.store.check import check_store
from oic_tui.store.reader import Store, data_dir

pytest.importorskip("trafilatura", reason="needs the web extra: pip install 'oic-tui[web]'")
pytest.importorskip("htmldate", reason="needs the web extra: pip install 'oic-tui[web]'")
httpx = pytest.importorskip("httpx", reason="needs the web extra: pip install 'oic-tui[web]'")

URL = "https://news.example.org/2015/05/food-security"
ARTICLE = (
    "KUWAIT. May 28. KAZINFORM - Foreign Minister Erlan Idrissov addressed the 42nd session "
    "of the OIC Council of Foreign Ministers in Kuwait on Thursday.",
    "He said Kazakhstan proposed to establish the Islamic Organization for Food Security in "
    "Astana, and called on member states to join its statute.",
    "The minister also spoke about cooperation among Muslim countries in the fight against "
    "extremism in the region.",
)
# TEST DATA: a page written for these tests, not a real one: navigation, share buttons, a
# headline, a date meta tag, an article with a Kazinform-style dateline, a footer.
PAGE = """<!DOCTYPE html>
<!-- Test data written for oic-tui's tests: not a real page. -->
<html lang="en">
<head>
<meta charset="utf-8">
<title>Kazakhstan proposes food security body | Test Wire</title>
<meta property="og:title" content="Kazakhstan proposes food security body">
<meta property="og:site_name" content="Test Wire">
<link rel="canonical" href="{url}">
<meta property="article:published_time" content="2015-05-28T10:00:00+00:00">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics desk</a></li>
<li><a href="/sport">Sport pages</a></li></ul></nav>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet this</a></div>
<article>
<h1>Kazakhstan proposes food security body</h1>
{body}
</article>
<div class="share">Share this article: Facebook Twitter Telegram</div>
<footer><p>Copyright 2015 Test Wire. All rights reserved.</p>
<p><a href="/contact">Contact the newsroom</a></p></footer>
</body>
</html>
"""
FURNITURE = ("Politics desk", "Share on Facebook", "Share this article", "Copyright", "newsroom")


def page_html(paragraphs: tuple[str, ...] = ARTICLE, url: str = URL) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return PAGE.format(url=url, body=body)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return init_corpus(tmp_path / "corpus", data_dir()).root


def new_documents(corpus: Path) -> list[Path]:
    """The documents an import added (the shipped one aside)."""
    return [p for p in (corpus / "documents").iterdir() if p.name != "kazinform-2015-05-29"]


def document_toml(folder: Path) -> dict[str, Any]:
    return tomllib.loads((folder / "document.toml").read_text(encoding="utf-8"))


def test_a_saved_page_is_imported_as_its_article_text(
    cli: Any, corpus: Path, tmp_path: Path
) -> None:
    page = tmp_path / "food-security.html"
    page.write_text(page_html(), encoding="utf-8")
    status, out, err = cli("import", page, "--corpus", corpus)
    assert status == 0, err
    [folder] = new_documents(corpus)
    meta = document_toml(folder)
    text = (folder / meta["file"]).read_text(encoding="utf-8")
    assert all(paragraph in text for paragraph in ARTICLE)
    assert not [word for word in FURNITURE if word in text]
    assert "<" not in text
    # The date's year from the page (the dateline has none), the rest from the dateline.
    assert meta["date"] == "2015-05-28"
    assert meta["title"] == "Kazakhstan proposes food security body"
    assert meta["publisher"].upper() == "KAZINFORM"
    assert meta["place"].upper() == "KUWAIT"
    assert meta["url"] == URL
    assert meta["source_file"] == "food-security.html"
    assert meta["extracted_with"].startswith("trafilatura ")
    assert "fetched" not in meta
    # The page itself is never copied into the corpus.
    assert not list(folder.glob("*.htm*"))
    store = Store.open(find_corpus(corpus).store_path)
    assert check_store(store).problems == []
    status, out, err = cli("check", "--corpus", corpus)
    assert status == 0, out + err
    # The same page again is the same text: nothing changes.
    status, out, err = cli("import", page, "--corpus", corpus)
    assert status == 0 and "already in the corpus" in out


def test_a_page_whose_text_states_no_date_takes_the_pages(
    cli: Any, corpus: Path, tmp_path: Path
) -> None:
    page = tmp_path / "saved"  # no extension: known by how it starts
    page.write_text("\ufeff  \n" + page_html(ARTICLE[1:]), encoding="utf-8")
    status, out, err = cli("import", page, "--corpus", corpus)
    assert status == 0, err
    assert "(from the page)" in out
    [folder] = new_documents(corpus)
    meta = document_toml(folder)
    assert meta["date"] == "2015-05-28"
    assert meta["publisher"] == "Test Wire"
    assert meta["title"] == "Kazakhstan proposes food security body"
    assert meta["source_file"] == "saved"


def test_the_options_still_override_the_page(cli: Any, corpus: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.htm"
    page.write_text(page_html(ARTICLE[1:]), encoding="utf-8")
    status, _, err = cli(
        "import", page, "--corpus", corpus, "--date", "2015-05-27", "--publisher", "Other"
    )
    assert status == 0, err
    meta = document_toml(new_documents(corpus)[0])
    assert (meta["date"], meta["publisher"]) == ("2015-05-27", "Other")


def test_a_page_with_no_article_is_refused_in_one_line(
    cli: Any, corpus: Path, tmp_path: Path
) -> None:
    page = tmp_path / "empty.html"
    page.write_text(
        "<!doctype html><html><head><title>T</title></head><body></body></html>", "utf-8"
    )
    status, out, err = cli("import", page, "--corpus", corpus)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "no article text" in err
    assert new_documents(corpus) == []


Handler = Callable[[Any], Any]


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Handler], None]]:
    """Answer `import URL` with a handler on an httpx.MockTransport: no network."""

    def install(handler: Handler) -> None:
        def client() -> Any:
            return httpx.Client(
                transport=httpx.MockTransport(handler),
                follow_redirects=True,
                max_redirects=webpage.MAX_REDIRECTS,
            )

        monkeypatch.setattr(webpage, "CLIENT_FACTORY", client)

    yield install


def html_response(request: Any) -> Any:
    if request.url.path == "/moved":
        return httpx.Response(301, headers={"location": URL})
    return httpx.Response(
        200, headers={"content-type": "text/html; charset=utf-8"}, content=page_html().encode()
    )


def test_a_url_is_fetched_and_imported(
    cli: Any, corpus: Path, serve: Callable[[Handler], None]
) -> None:
    serve(html_response)
    status, out, err = cli("import", "https://news.example.org/moved", "--corpus", corpus)
    assert status == 0, err
    assert "imported 'https://news.example.org/moved'" in out
    [folder] = new_documents(corpus)
    meta = document_toml(folder)
    assert meta["url"] == URL
    assert meta["fetched"].endswith("+00:00")
    assert "source_file" not in meta
    assert [p.name for p in folder.iterdir() if p.suffix not in (".toml", ".txt")] == []
    assert check_store(Store.open(find_corpus(corpus).store_path)).problems == []


def chunks() -> Iterator[bytes]:
    """A page that does not end: more than the cap, with no length declared."""
    yield b"<!doctype html><html><body>"
    while True:
        yield b"x" * 2**20


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (lambda request: httpx.Response(404), "cannot fetch URL: HTTP 404 Not Found"),
        (
            lambda request: httpx.Response(
                200, headers={"content-type": "application/pdf"}, content=b"%PDF-1.4"
            ),
            "cannot fetch URL: not an HTML page (content type application/pdf)",
        ),
        (
            lambda request: httpx.Response(
                200,
                headers={"content-type": "text/html", "content-length": str(6 * 2**20)},
                content=b"",
            ),
            "cannot fetch URL: the page is larger than 5 MiB",
        ),
        (
            lambda request: httpx.Response(
                200, headers={"content-type": "text/html"}, content=chunks()
            ),
            "cannot fetch URL: the page is larger than 5 MiB",
        ),
        (
            lambda request: (_ for _ in ()).throw(httpx.ConnectTimeout("timed out")),
            "cannot fetch URL: no answer within 20 s",
        ),
        (
            lambda request: (_ for _ in ()).throw(httpx.ConnectError("Name or service not known")),
            "cannot fetch URL: Name or service not known",
        ),
        (
            lambda request: httpx.Response(302, headers={"location": str(request.url)}),
            "cannot fetch URL: more than 5 redirects",
        ),
    ],
    ids=[
        "404",
        "not-html",
        "declared-too-large",
        "streamed-too-large",
        "timeout",
        "offline",
        "loop",
    ],
)
def test_a_url_that_cannot_be_fetched_is_refused_in_one_line(
    cli: Any, corpus: Path, serve: Callable[[Handler], None], answer: Handler, reason: str
) -> None:
    serve(answer)
    status, out, err = cli("import", URL, "--corpus", corpus)
    assert status == 2 and out == ""
    assert err == f"oic-tui import: {URL!r}: {reason}; skipped\n"
    assert new_documents(corpus) == []


def test_without_the_web_extra_a_page_is_refused_naming_it(
    cli: Any, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` now fails
    page = tmp_path / "page.html"
    page.write_text(page_html(), encoding="utf-8")
    for source in (page, URL):
        status, out, err = cli("import", source, "--corpus", corpus)
        assert status == 2 and out == ""
        assert err.count("\n") == 1
        assert err.endswith(f"{webpage.NEEDS_EXTRA}; skipped\n")
    assert new_documents(corpus) == []


def test_plain_texts_and_startup_do_not_import_the_web_extra() -> None:
    probe = (
        "import sys, oic_tui.cli.main, oic_tui.ingest.importer, oic_tui.ingest.webpage; "
        "print(sorted(m for m in ('trafilatura', 'htmldate', 'httpx') if m in sys.modules))"
    )
    done = subprocess.run(
        [str(VENV_BIN / "python"), "-c", probe], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
