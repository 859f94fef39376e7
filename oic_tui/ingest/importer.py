"""Import news texts into a corpus: each copied byte for byte with its metadata and drafts.

A document appears whole or not at all: it is written into a hidden folder of its own
under `documents/`, then renamed into place. Imports into one corpus take turns (the corpus
lock, which every writer holds), so two at once never claim one id. Nothing outside the
corpus folder is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from oic_tui.corpus.annotations import toml_string
from oic_tui.corpus.atomic import fsync_folder, process_running, write_new_files
from oic_tui.corpus.build import SCHEMA_VERSION
from oic_tui.corpus.confine import Unreadable, confined, read_source
from oic_tui.corpus.folder import Corpus, corpus_stale
from oic_tui.corpus.freshness import (
    DOCUMENTS,
    Fingerprint,
    document_folders,
    recorded_fingerprint,
)
from oic_tui.corpus.lock import corpus_lock
from oic_tui.store.dates import check_date
from oic_tui.store.files import StoreError
from oic_tui.store.mentions import AliasIndex, ScopedAliases
from oic_tui.store.models import Record
from oic_tui.store.sanitize import one_line
from oic_tui.store.words import counted

from .boilerplate import boilerplate_ranges
from .datelines import DateConflict, chosen_date, read_text_meta
from .drafts import DraftSet, draft_annotations, slug
from .initiatives import InitiativeContext, initiative_context
from .textinput import (
    MAX_TEXT_BYTES,
    ImportRefused,
    check_drafts,
    check_sentences,
    plain_text,
)
from .webpage import Page, read_offered

# A document being written: hidden, named by the writer's pid so leftovers can be told.
STAGING_PREFIX = ".oic-tui-import-"
_STAGING = re.compile(rf"{re.escape(STAGING_PREFIX)}(\d+)-[0-9a-f]{{16}}")
_DOC_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,79}")
_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
NOT_STATED = "not stated"
# A document.toml is a few short lines; a larger one is not read to find the text's name.
_MAX_META_BYTES = 2**20


@dataclass(frozen=True)
class ImportOptions:
    """What the command line says of the texts; each overrides what is read from them."""

    id: str = ""
    date: str = ""
    place: str = ""
    publisher: str = ""
    title: str = ""
    url: str = ""
    # --date wins over a date the text states (else such a text is refused).
    force_date: bool = False


@dataclass
class Imported:
    """What became of one file: the document made, or why none was (one line)."""

    path: Path | str
    doc_id: str = ""
    refused: str = ""
    already: str = ""
    summary: list[str] = field(default_factory=list)


def check_options(options: ImportOptions, files: Sequence[Path | str]) -> str:
    """Why the options cannot be used for these files, or ""."""
    if options.id and len(files) > 1:
        return "--id names one document: import one file with it"
    if options.id and not _DOC_ID.fullmatch(options.id):
        return f"--id must be lowercase letters, digits, '.', '_' or '-': {options.id!r}"
    if options.force_date and not options.date:
        return "--force-date needs --date YYYY-MM-DD"
    if options.date:
        if not _ISO.fullmatch(options.date):
            return f"--date must be YYYY-MM-DD or YYYY-MM, not {one_line(options.date, 40)!r}"
        try:
            precision = {4: "year", 7: "month", 10: "day"}[len(options.date)]
            check_date(options.date, options.date, precision)
        except ValueError as error:
            return f"--date: {error}"
    if options.url and not options.url.startswith(("https://", "http://")):
        return "--url must start with https:// or http://"
    return ""


def _recorded_sources(corpus: Corpus) -> Fingerprint | None:
    """Each source's size and sha256 as the store records them, when the store is fresh."""
    try:
        if corpus_stale(corpus):
            return None
    except StoreError:
        return None  # a source the build refuses: the texts are then read, each confined
    return recorded_fingerprint(corpus.store_path, SCHEMA_VERSION)


def _texts_by_hash(corpus: Corpus) -> dict[str, str]:
    """The sha256 of each document's text that could match an import -> the document's id.

    Taken from the store's record of its sources when it is fresh, else read: only inside
    the corpus, only regular files, none larger than an import may be (it cannot match).
    """
    root = corpus.root
    recorded = _recorded_sources(corpus)
    hashes: dict[str, str] = {}
    for folder in document_folders(root):
        try:
            meta = read_source(root, folder / "document.toml", _MAX_META_BYTES)
            name = tomllib.loads(meta.decode("utf-8")).get("file")
        except (Unreadable, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        if not isinstance(name, str) or "/" in name:
            continue
        key = f"{DOCUMENTS}/{folder.name}/{name}"
        if recorded is not None and key in recorded:
            size, digest = recorded[key]
            if size <= MAX_TEXT_BYTES:
                hashes[digest] = folder.name
            continue
        try:
            data = read_source(root, folder / name, MAX_TEXT_BYTES)
        except Unreadable:
            continue  # a text that cannot be read here is not the one being imported
        hashes[hashlib.sha256(data).hexdigest()] = folder.name
    return hashes


def _new_id(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _document_toml(
    doc_id: str, meta: dict[str, str], head: str, furniture: Sequence[tuple[int, int]] = ()
) -> str:
    lines = [
        "# Written by `oic-tui import` from the text's dateline and the options given:",
        "# check each field against the text.",
        f"id = {toml_string(doc_id)}",
        f"file = {toml_string(doc_id + '.txt')}",
    ]
    lines += [f"{key} = {toml_string(value)}" for key, value in meta.items() if value]
    if head.strip():
        lines += [
            "# The text's metadata lines (date line, headline, time stamp, dateline), as it",
            "# starts: no record quotes them, and coverage and `check` leave them out.",
            f"head = {toml_string(head)}",
        ]
    if furniture:
        lines += [
            "# Lines that are not the article (navigation, tags, credits), as [start, end]",
            "# character offsets: no record quotes them. Delete a pair to unmark its line.",
            "boilerplate = [" + ", ".join(f"[{a}, {b}]" for a, b in furniture) + "]",
        ]
    return "\n".join(lines) + "\n"


def remove_stale_staging(documents: Path) -> None:
    """Remove the half-written documents of imports that were killed (their pid is gone)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(documents):
            match = _STAGING.fullmatch(entry.name)
            if match and entry.is_dir(follow_symlinks=False) and not process_running(int(match[1])):
                shutil.rmtree(entry.path, ignore_errors=True)


def _write_document(documents: Path, doc_id: str, files: dict[str, bytes]) -> None:
    """Write a document folder whole: into a hidden staging folder, then renamed into place."""
    staging = documents / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(8)}"
    staging.mkdir()
    try:
        write_new_files(staging, files)
        os.rename(staging, documents / doc_id)
        fsync_folder(documents)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


class Importer:
    """Imports files into one corpus, under its lock, one document each.

    The caller that builds the store afterwards holds the lock through that build too.
    """

    def __init__(self, corpus: Corpus, entities: AliasSource, options: ImportOptions) -> None:
        self.corpus = corpus
        self.options = options
        self.entities = entities
        self.documents = corpus.root / DOCUMENTS
        self._hashes: dict[str, str] = {}
        self._taken: set[str] = set()
        self._context = InitiativeContext()

    def run(self, files: Sequence[Path | str]) -> list[Imported]:
        """Import each file in turn; a refused file is reported and the others still land."""
        with corpus_lock(self.corpus.root):
            # Before anything is written: `documents/` may not lead out of the corpus.
            confined(self.corpus.root, self.documents)
            self.documents.mkdir(exist_ok=True)
            remove_stale_staging(self.documents)
            self._hashes = _texts_by_hash(self.corpus)
            self._taken = {p.name for p in self.documents.iterdir()}
            # Who speaks for Kazakhstan, and the initiatives whose steps a text may report.
            initiatives = corpus_initiatives(self.corpus)
            self._context = initiative_context(self.entities.records, initiatives)
            return [self._one(path) for path in files]

    def _one(self, path: Path | str) -> Imported:
        result = Imported(path)
        try:
            self._import(path, result)
        except ImportRefused as error:
            result.refused = str(error)
        return result

    def _import(self, path: Path | str, result: Imported) -> None:
        """Import one file or URL into `result`; ImportRefused (nothing written) if it cannot be."""
        # A web page (saved or fetched) is imported as the text extracted from it.
        raw, page = read_offered(path)
        text = plain_text(raw)
        digest = hashlib.sha256(raw).hexdigest()
        if digest in self._hashes:
            result.already = self._hashes[digest]
            return
        # Counted before drafting: drafting a text of too many sentences is what takes long.
        check_sentences(text)
        read = read_text_meta(text, self.options.date)
        try:
            date, over = chosen_date(read, self.options.date, self.options.force_date)
        except DateConflict as error:
            raise ImportRefused(str(error)) from None
        date = date or (page.date if page else "")
        if not date:
            raise ImportRefused(read.problem or "the text has no dateline with a date: give --date")
        publisher = self.options.publisher or read.publisher or (page.site if page else "")
        place = self.options.place or read.place
        doc_id = self.options.id or _new_id(
            f"{slug(publisher, 40) or 'report'}-{date}", self._taken | {""}
        )
        if doc_id in self._taken:
            raise ImportRefused(f"a document with id {doc_id!r} already exists")
        title = self.options.title or read.title or (page.title if page else "")
        title = title or _dateline_title(publisher, place, date)
        meta = {
            "title": title,
            "publisher": publisher or NOT_STATED,
            "date": date,
            "place": place or NOT_STATED,
            "url": self.options.url or (page.url if page else ""),
        } | (page.fields() if page else {})
        dateline = (read.dateline_start, read.dateline_end) if read.dateline_start >= 0 else None
        index = self.entities.index(doc_id, date)
        # Page furniture after the head (navigation, tags, credits): no draft quotes it.
        furniture = boilerplate_ranges(text, read.head_end)
        drafts = draft_annotations(
            doc_id, text, date, index, dateline, read.head_end, furniture, context=self._context
        )
        document = _document_toml(doc_id, meta, text[: read.head_end], furniture)
        files = {f"{doc_id}.txt": raw, "document.toml": document.encode()}
        encoded = {name: body.encode("utf-8") for name, body in drafts.files.items()}
        check_drafts(drafts.drafts, encoded)
        _write_document(self.documents, doc_id, files | encoded)
        # A later text of this run links these, never drafts them again (ids are global).
        self.entities.extend(drafts.known)
        self._taken.add(doc_id)
        self._hashes[digest] = doc_id
        result.doc_id = doc_id
        source = over or ("the text" if read.stated else "")
        source = source or _date_source(self.options, read.date, page)
        result.summary = _summary(meta, source, drafts)


def _date_source(options: ImportOptions, read: str, page: Page | None) -> str:
    """Where the date came from, as the summary says it."""
    if options.date:
        return "--date"
    return "the dateline" if read or page is None else "the page"


def _dateline_title(publisher: str, place: str, date: str) -> str:
    """A title that only restates the dateline, as the shipped article's does."""
    who = f"{publisher} report" if publisher else "Report"
    return f"{who}, datelined {place}, {date}" if place else f"{who} of {date}"


def _summary(meta: dict[str, str], source: str, drafts: DraftSet) -> list[str]:
    review = [
        counted(drafts.drafts, "draft"),
        counted(drafts.inferred_years, "inferred year") if drafts.inferred_years else "",
        counted(len(drafts.candidates), "new-name candidate") if drafts.candidates else "",
    ]
    return [
        f"date {meta['date']} (from {source}), place {meta['place']}, "
        f"publisher {meta['publisher']}, title {meta['title']!r}",
        f"{counted(drafts.sentences, 'sentence')}, {counted(drafts.dates, 'date')}, "
        f"{counted(len(drafts.entities), 'entity', 'entities')} matched, "
        f"{counted(drafts.initiatives, 'initiative candidate')}"
        + (f", {counted(drafts.steps, 'initiative step')}" if drafts.steps else ""),
        "to review: " + ", ".join(part for part in review if part),
    ]


class AliasSource:
    """The corpus's entities, giving each new document the aliases that apply at its date."""

    def __init__(self, entities: Iterable[Record]) -> None:
        self.records = list(entities)
        self._drafted: dict[str, tuple[str, ...]] = {}
        self._scoped = self._aliases()

    def _aliases(self) -> ScopedAliases:
        rows = [(e.id, e.aliases, e.alias_scopes) for e in self.records]
        rows += [(entity_id, names, ()) for entity_id, names in self._drafted.items()]
        return ScopedAliases(rows, {})

    def extend(self, drafted: Mapping[str, Sequence[str]]) -> None:
        """Add entities an earlier text of this import drafted, by the names it wrote."""
        if drafted:
            self._drafted.update((entity_id, tuple(names)) for entity_id, names in drafted.items())
            self._scoped = self._aliases()

    def index(self, doc_id: str, date: str) -> AliasIndex:
        """The alias index for a document of this id and date."""
        return self._scoped.index_at(doc_id, date)


def corpus_entities(corpus: Corpus) -> list[Record]:
    """The corpus's entities: from its store when that is up to date, else compiled."""
    return corpus_records(corpus, "entity")


def corpus_initiatives(corpus: Corpus) -> list[Record]:
    """The corpus's initiatives, whose steps an import drafts; none if it does not build."""
    from oic_tui.corpus.build import BuildError

    try:
        return corpus_records(corpus, "initiative")
    except (BuildError, StoreError):
        return []


def corpus_records(corpus: Corpus, kind: str) -> list[Record]:
    """The corpus's records of one kind: from its store when that is up to date, else compiled."""
    from oic_tui.corpus.folder import compile_corpus, corpus_stale
    from oic_tui.store.parse import parse_record
    from oic_tui.store.reader import Store

    if not corpus_stale(corpus):
        with contextlib.suppress(StoreError):
            return Store.open(corpus.store_path).by_kind(kind)
    rows = compile_corpus(corpus.root).store["records"].values()
    return [parse_record(row) for row in rows if row["kind"] == kind]
