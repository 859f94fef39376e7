"""Reading the curated TOML annotations: every value's type is checked before it is used."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .models import KINDS

DOCUMENT_FIELDS = ("id", "file", "title", "publisher", "date", "place")
# The largest annotation file or article read: far above any real one, far below harm.
MAX_INPUT_BYTES = 16 * 2**20


@dataclass(frozen=True)
class DocumentMeta:
    """The `document.toml` of a data folder: which article, and what to call it."""

    id: str
    file: str
    title: str
    publisher: str
    date: str
    place: str


def read_toml(path: Path, problems: list[str]) -> dict[str, Any] | None:
    """A TOML file as a table, or None after noting in one line why it cannot be read."""
    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            problems.append(f"{path}: is larger than {MAX_INPUT_BYTES // 2**20} MiB")
            return None
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        problems.append(f"{path}: is not valid TOML ({error})")
    except UnicodeDecodeError as error:
        problems.append(f"{path}: is not UTF-8 text (byte {error.start})")
    except RecursionError:
        problems.append(f"{path}: is nested too deeply")
    except OSError as error:
        problems.append(f"{path}: cannot be read ({error.strerror or error})")
    return None


def document_meta(data_dir: Path, problems: list[str]) -> DocumentMeta | None:
    """The document's metadata, each field checked; None after noting what is wrong."""
    path = data_dir / "annotations" / "document.toml"
    table = read_toml(path, problems)
    if table is None:
        return None
    wrong = [
        name
        for name in DOCUMENT_FIELDS
        if not isinstance(table.get(name), str) or not table[name].strip()
    ]
    if wrong:
        problems.append(f"{path}: {', '.join(wrong)} must be non-empty text")
        return None
    file = PurePosixPath(table["file"])
    # The article lies in the data folder itself: never a path that leaves it.
    if file.is_absolute() or len(file.parts) != 1 or file.name in (".", ".."):
        problems.append(f"{path}: file must name a file in {data_dir}, not {table['file']!r}")
        return None
    return DocumentMeta(**{name: table[name] for name in DOCUMENT_FIELDS})


def read_article(data_dir: Path, meta: DocumentMeta, problems: list[str]) -> bytes | None:
    """The article's bytes, if it is a regular UTF-8 file of a sane size."""
    path = data_dir / meta.file
    try:
        if not path.is_file():
            problems.append(f"{path}: no such file (named by document.toml)")
            return None
        if path.stat().st_size > MAX_INPUT_BYTES:
            problems.append(f"{path}: is larger than {MAX_INPUT_BYTES // 2**20} MiB")
            return None
        raw = path.read_bytes()
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(f"{path}: is not UTF-8 text (byte {error.start})")
        return None
    except OSError as error:
        problems.append(f"{path}: cannot be read ({error.strerror or error})")
        return None
    return raw


def annotation_records(path: Path, problems: list[str]) -> tuple[str, list[dict[str, Any]]]:
    """An annotation file's kind and its `[[record]]` tables (none after a noted problem)."""
    table = read_toml(path, problems)
    if table is None:
        return "", []
    kind = table.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        problems.append(f"{path}: kind must be one of {', '.join(KINDS)}")
        return "", []
    rows = table.get("record", [])
    if not isinstance(rows, list):
        problems.append(f"{path}: record must be a list of tables ([[record]] blocks)")
        return kind, []
    tables = []
    for number, row in enumerate(rows, 1):
        if isinstance(row, dict):
            tables.append(row)
        else:
            problems.append(f"{path}: record {number} is not a table ([[record]] block)")
    return kind, tables
