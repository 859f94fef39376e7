"""Reading the curated TOML annotations: every value's type is checked before it is used."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from oic_tui.store.dates import check_date
from oic_tui.store.files import shown
from oic_tui.store.models import KINDS

from .confine import Unreadable, read_regular, read_source
from .memo import toml_table

DOCUMENT_FIELDS = ("id", "file", "title", "publisher", "date", "place")
# A web page's document also says which saved page or fetch it came from, and the extractor.
OPTIONAL_DOCUMENT_FIELDS = ("url", "label", "head", "source_file", "fetched", "extracted_with")
# Rows that extend a record defined elsewhere in the corpus: an alias, a history step.
EXTENSION_KINDS = ("alias", "step")
_DOC_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,79}")
_DATE_PRECISION = {4: "year", 7: "month", 10: "day"}
# The largest annotation file or article read: far above any real one, far below harm.
MAX_INPUT_BYTES = 16 * 2**20


@dataclass(frozen=True)
class DocumentMeta:
    """The `document.toml` of a document folder: which text, and what to call it."""

    id: str
    file: str
    title: str
    publisher: str
    date: str
    place: str
    url: str = ""
    label: str = ""
    # The text's metadata lines (date line, headline, time stamp, dateline), as it starts.
    head: str = ""
    # Set by `oic-tui import` from a web page: the saved page's name or when it was fetched.
    source_file: str = ""
    fetched: str = ""
    extracted_with: str = ""
    # Lines that are not the article: [start, end) character offsets into the text less a BOM.
    boilerplate: tuple[tuple[int, int], ...] = ()

    @property
    def precision(self) -> str:
        """How precise the date is, by its form: YYYY, YYYY-MM or YYYY-MM-DD."""
        return _DATE_PRECISION[len(self.date)]


@dataclass(frozen=True)
class AnnotationFile:
    """An annotation file's kind, its `[[record]]` tables and the document it quotes."""

    kind: str
    rows: list[dict[str, Any]]
    doc: str | None
    path: str = ""


def read_toml(
    path: Path,
    problems: list[str],
    root: Path | None = None,
    known: Mapping[Path, bytes] | None = None,
) -> dict[str, Any] | None:
    """A TOML file as a table, or None after noting in one line why it cannot be read.

    Only a regular file is read; with `root`, only one whose links keep it inside `root`.
    The table is shared with every read of the same bytes: never to be changed. `known`
    holds files' bytes as a build has just read them, checked as sources (`take_snapshot`).
    """
    try:
        raw = _source(path, root, known)
        # Parsed once per content: a rebuild parses only the files that changed.
        return toml_table(raw)
    except Unreadable as error:
        problems.append(f"{shown(path)}: {error}")
    except tomllib.TOMLDecodeError as error:
        problems.append(f"{path}: is not valid TOML ({error})")
    except UnicodeDecodeError as error:
        problems.append(f"{path}: is not UTF-8 text (byte {error.start})")
    except RecursionError:
        problems.append(f"{path}: is nested too deeply")
    except OSError as error:
        problems.append(f"{path}: cannot be read ({error.strerror or error})")
    return None


def _source(path: Path, root: Path | None, known: Mapping[Path, bytes] | None) -> bytes:
    """A source's bytes: as the build read them already, else read (confined to `root`)."""
    raw = known.get(path) if known is not None else None
    if raw is not None:
        return raw
    if root is None:
        return read_regular(path, MAX_INPUT_BYTES)
    return read_source(root, path, MAX_INPUT_BYTES)


def corpus_root(doc_dir: Path) -> Path:
    """The corpus a document folder belongs to (`<corpus>/documents/<id>`)."""
    return doc_dir.parent.parent


def document_meta(
    doc_dir: Path,
    problems: list[str],
    root: Path | None = None,
    known: Mapping[Path, bytes] | None = None,
) -> DocumentMeta | None:
    """A document folder's metadata, each field checked; None after noting what is wrong."""
    path = doc_dir / "document.toml"
    table = read_toml(path, problems, root or corpus_root(doc_dir), known)
    if table is None:
        return None
    wrong = [
        name
        for name in DOCUMENT_FIELDS
        if not isinstance(table.get(name), str) or not table[name].strip()
    ]
    wrong += [n for n in OPTIONAL_DOCUMENT_FIELDS if not isinstance(table.get(n, ""), str)]
    # Present, the head is the text's first characters: blank, it would mark nothing.
    if "head" in table and isinstance(table["head"], str) and not table["head"].strip():
        wrong.append("head")
    if wrong:
        problems.append(f"{path}: {', '.join(wrong)} must be non-empty text")
        return None
    ranges = _ranges(table.get("boilerplate", []))
    if ranges is None:
        problems.append(f"{path}: {BOILERPLATE_FORM}")
        return None
    meta = DocumentMeta(
        **{name: table[name] for name in DOCUMENT_FIELDS},
        **{name: table.get(name, "") for name in OPTIONAL_DOCUMENT_FIELDS},
        boilerplate=ranges,
    )
    problem = _meta_problem(meta, doc_dir)
    if problem:
        problems.append(f"{path}: {problem}")
        return None
    return meta


def _meta_problem(meta: DocumentMeta, doc_dir: Path) -> str:
    """What is wrong with checked-type metadata, or ""."""
    if not _DOC_ID.fullmatch(meta.id):
        return f"id must be lowercase letters, digits, '.', '_' or '-', not {meta.id!r}"
    if meta.id != doc_dir.name:
        return f"id {meta.id!r} must be the folder's name ({doc_dir.name!r})"
    file = PurePosixPath(meta.file)
    # The text lies in the document's own folder: never a path that leaves it.
    if file.is_absolute() or len(file.parts) != 1 or file.name in (".", "..", "document.toml"):
        return f"file must name a file in {doc_dir}, not {meta.file!r}"
    if len(meta.date) not in _DATE_PRECISION:
        return f"date must be YYYY-MM-DD, YYYY-MM or YYYY, not {meta.date!r}"
    try:
        check_date(meta.date, meta.date, meta.precision)
    except ValueError as error:
        return str(error)
    if meta.url and not meta.url.startswith(("https://", "http://")):
        return f"url must start with https:// or http://, not {meta.url!r}"
    return ""


def read_article(
    doc_dir: Path,
    meta: DocumentMeta,
    problems: list[str],
    root: Path | None = None,
    known: Mapping[Path, bytes] | None = None,
) -> bytes | None:
    """The article's bytes, if it is a regular UTF-8 file of a sane size inside the corpus."""
    path = doc_dir / meta.file
    if not path.exists() and not path.is_symlink():
        problems.append(f"{shown(path)}: no such file (named by document.toml)")
        return None
    try:
        raw = _source(path, root or corpus_root(doc_dir), known)
        raw.decode("utf-8")
    except Unreadable as error:
        problems.append(f"{shown(path)}: {error}")
        return None
    except UnicodeDecodeError as error:
        problems.append(f"{shown(path)}: is not UTF-8 text (byte {error.start})")
        return None
    problem = head_problem(meta, raw.decode("utf-8-sig"))
    if problem:
        problems.append(f"{doc_dir / 'document.toml'}: {problem}")
        return None
    return raw


def head_problem(meta: DocumentMeta, text: str) -> str:
    """Why `head` is not how the text (less a BOM) starts or `boilerplate` runs past it, or ""."""
    if meta.head and not text.startswith(meta.head):
        return f"head must be the first characters of {meta.file!r}, as written there"
    if meta.boilerplate and meta.boilerplate[-1][1] > len(text):
        end = meta.boilerplate[-1][1]
        return f"boilerplate range ending at {end} is past the end of {meta.file!r}"
    return ""


BOILERPLATE_FORM = (
    "boilerplate must be a list of [start, end] character offsets, "
    "each start below its end, sorted and not overlapping"
)


def _ranges(value: Any) -> tuple[tuple[int, int], ...] | None:
    """`boilerplate`'s ranges when well formed (the end is checked against the text later)."""
    if not isinstance(value, list):
        return None
    ranges: list[tuple[int, int]] = []
    for pair in value:
        if not (isinstance(pair, list) and len(pair) == 2):
            return None
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in pair):
            return None
        start, end = pair
        if not 0 <= start < end or (ranges and start < ranges[-1][1]):
            return None
        ranges.append((start, end))
    return tuple(ranges)


def annotation_file(
    path: Path,
    problems: list[str],
    root: Path | None = None,
    known: Mapping[Path, bytes] | None = None,
) -> AnnotationFile | None:
    """An annotation file's kind, rows and document (None after a noted problem).

    With `root`, a file whose links lead outside that corpus folder is refused.
    """
    table = read_toml(path, problems, root, known)
    if table is None:
        return None
    kind = table.get("kind")
    if not isinstance(kind, str) or kind not in (*KINDS, *EXTENSION_KINDS):
        problems.append(f"{path}: kind must be one of {', '.join((*KINDS, *EXTENSION_KINDS))}")
        return None
    doc = table.get("doc")
    if doc is not None and not isinstance(doc, str):
        problems.append(f"{path}: doc must be a document id")
        return None
    rows = table.get("record", [])
    if not isinstance(rows, list):
        problems.append(f"{path}: record must be a list of tables ([[record]] blocks)")
        return None
    tables = []
    for number, row in enumerate(rows, 1):
        if isinstance(row, dict):
            tables.append(row)
        else:
            problems.append(f"{path}: record {number} is not a table ([[record]] block)")
    return AnnotationFile(kind, tables, doc, str(path))


_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n"}
# What a TOML basic string may not hold as it is (a tab may stay).
_TOML_UNSAFE = re.compile(r'["\\\x00-\x08\x0a-\x1f\x7f]')


def toml_string(text: str) -> str:
    """Text as a TOML basic string: quotes, backslashes and control characters escaped."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _TOML_ESCAPES.get(char) or f"\\u{ord(char):04x}"

    return '"' + _TOML_UNSAFE.sub(escape, text) + '"'
