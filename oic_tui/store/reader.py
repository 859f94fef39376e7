"""Opens a store read-only and returns model objects (TinyDB through tinyread.py only)."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .files import (
    StoreError as StoreError,
)
from .files import decoded as _decoded
from .files import (
    parse_json,
    read_bytes,
    shown,
)
from .gcpause import paused_gc
from .models import KINDS, PHASES, Document, Record
from .parse import parse_document, parse_record, row_key, verify_sources
from .sanitize import clean_text, clean_tree, needs_cleaning, one_line, quoted

if TYPE_CHECKING:
    from tinydb import TinyDB

STORE_FILENAME = "oic_cfm42.json"
SCHEMA_VERSION = 2
# Smaller stores index in well under a second: caching their index would only litter.
INDEX_CACHE_MIN_BYTES = 4 * 2**20


def data_dir() -> Path:
    """The shipped data folder, wherever the package is installed."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "_data"
    return installed if installed.is_dir() else package.parent / "data"


def default_store_path() -> Path:
    """The shipped store."""
    return data_dir() / STORE_FILENAME


def _table(
    db: TinyDB, data: dict[str, Any], name: str, where: str, problems: list[str]
) -> Iterator[dict[str, Any]]:
    """The rows of a table, one at a time (TinyDB copies each row it hands out)."""
    table = data.get(name)
    if not isinstance(table, dict):
        raise StoreError(f"{where}: has no '{name}' table; it is not an oic-tui store")
    for key in [k for k, row in table.items() if not isinstance(row, dict)]:
        problems.append(f"{name} row {quoted(str(key))} skipped: it is not an object")
        del table[key]
    for key in [k for k in table if not (isinstance(k, str) and row_key(k))]:
        problems.append(f"{name} row {quoted(str(key))} skipped: its id is not a number")
        del table[key]
    return iter(db.table(name))


TABLES = ("meta", "documents", "records")


def _cleaned_tables(data: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """Sanitise every string of the known tables, row by row; other tables are ignored."""
    cleaned: dict[str, Any] = {}
    for name in TABLES:
        table = data.get(name)
        if not isinstance(table, dict):
            cleaned[name] = table
            continue
        rows: dict[str, Any] = {}
        for key, row in table.items():
            try:
                rows[clean_text(str(key))] = (
                    _verified_clean(row) if name == "documents" else (clean_tree(row))
                )
            except RecursionError:
                problems.append(f"{name} row {quoted(str(key))} skipped: it is nested too deeply")
        cleaned[name] = rows
    return cleaned


def _verified_clean(row: Any) -> Any:
    """A document row sanitised; a text that matched its sha256 before is vouched for after.

    A carriage return (a Windows text) becomes a space on screen: the stored digest is of
    the text as written, so it is checked here, before, and then restated for the shown text.
    """
    cleaned = clean_tree(row)
    if not isinstance(row, dict) or not isinstance(cleaned, dict):
        return cleaned
    text, digest = row.get("text"), row.get("sha256")
    if isinstance(text, str) and isinstance(digest, str) and cleaned.get("text") != text:
        raw = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        if raw == digest:
            shown_text = cleaned["text"].encode("utf-8", "surrogatepass")
            cleaned["sha256"] = hashlib.sha256(shown_text).hexdigest()
    return cleaned


class Store:
    """Records, documents and lookups of one opened store."""

    def __init__(
        self, path: Path, documents: list[Document], records: list[Record], problems: list[str]
    ) -> None:
        self.path = path
        ordered = sorted(documents, key=lambda doc: (doc.date or "9999", doc.id))
        self.documents = {doc.id: doc for doc in ordered}
        self.document = ordered[0]
        self.multi_document = len(ordered) > 1
        # Per document: its records by kind, worked out on first use (most stores need one).
        self._in_doc: dict[str, dict[str, list[Record]]] = {}
        self.records = tuple(records)
        self.problems = problems
        self._by_id = {record.id: record for record in records}
        self._by_kind: dict[str, list[Record]] = {kind: [] for kind in KINDS}
        self._mentions: dict[str, list[Record]] = {}
        for record in records:
            self._by_kind[record.kind].append(record)
            for entity in dict.fromkeys((*record.entities, *record.by)):
                self._mentions.setdefault(entity, []).append(record)
        self._by_kind["event"].sort(
            key=corpus_timeline_key if self.multi_document else timeline_key
        )
        # Identifies the store's bytes for the index cache; empty means "do not cache".
        self.fingerprint = ""

    @classmethod
    def open(cls, path: Path | str | None = None) -> Store:
        """Open a store read-only, validating it; raise StoreError if it is unusable."""
        target = Path(path) if path is not None else default_store_path()
        return cls._load(target, lambda: read_bytes(target))

    @classmethod
    def from_bytes(cls, path: Path | str, raw: bytes) -> Store:
        """The store `open` would give for a file at `path` holding `raw` (just written).

        The same bytes again (an undo writes back the store of the build before it) give
        the store made of them then, with what was built for it since.
        """
        key = (Path(path), raw)
        with _KEPT_LOCK:
            store = _KEPT.pop(key, None)
            if store is not None:
                _KEPT[key] = store
                return store
        store = cls._load(key[0], lambda: raw, keep=True)
        with _KEPT_LOCK:
            _KEPT[key] = store
            while len(_KEPT) > STORES_KEPT or sum(len(k[1]) for k in _KEPT) > KEPT_BYTES:
                del _KEPT[next(iter(_KEPT))]
        return store

    @classmethod
    def _load(cls, target: Path, read: Callable[[], bytes], keep: bool = False) -> Store:
        with paused_gc():
            raw = read()
            fingerprint = _fingerprint(raw)
            from .fastload import decode_well_formed

            # ASCII bytes decode as they are, without a text copy of the whole file. The
            # fast path takes only stores with nothing to sanitise; the rest are checked.
            text = "" if raw.isascii() else _decoded(target, raw)
            rows = decode_well_formed(text or raw, keep)
            if rows is not None:
                store = cls._from_rows(target, rows.meta, rows.documents, rows.records, [])
                store.fingerprint = fingerprint
                return store
            text = text or _decoded(target, raw)
            del raw
            dirty = needs_cleaning(text)
            data = parse_json(target, text)
            del text  # peak memory: the parsed data, not the text as well
            store = cls.from_data(target, data, sanitise=dirty)
            store.fingerprint = fingerprint
            return store

    @classmethod
    def from_data(cls, path: Path, data: Any, sanitise: bool = True) -> Store:
        """Validate already-parsed store data and build the model.

        `sanitise=False` is only for data whose raw text was shown to hold nothing unsafe.
        """
        from .tinyread import read_only_db

        where = shown(path)
        if not isinstance(data, dict):
            raise StoreError(f"{where}: top level is not a JSON object; it is not an oic-tui store")
        problems: list[str] = []
        if sanitise:
            data = _cleaned_tables(data, problems)
        db = read_only_db(data)
        meta = list(_table(db, data, "meta", where, problems))
        _check_version(where, meta)
        documents = list(_table(db, data, "documents", where, problems))
        parsed = [
            _parsed(number, raw, problems)
            for number, raw in enumerate(_table(db, data, "records", where, problems), 1)
        ]
        records = [record for record in parsed if record is not None]
        return cls._from_rows(path, meta, documents, records, problems)

    @classmethod
    def _from_rows(
        cls,
        path: Path,
        meta: list[dict[str, Any]],
        document_rows: list[dict[str, Any]],
        records: list[Record],
        problems: list[str],
    ) -> Store:
        """Check the schema version, parse documents and verify records against them."""
        where = shown(path)
        _check_version(where, meta)
        documents = []
        for number, raw in enumerate(document_rows, 1):
            try:
                documents.append(parse_document(raw, problems))
            except ValueError as error:
                # Named by its id when it has one, else by its place, as records are.
                doc_id = raw.get("id")
                label = (
                    _label(doc_id) if isinstance(doc_id, str) and doc_id.strip() else f"#{number}"
                )
                problems.append(f"document {label} skipped: {one_line(str(error))}")
        if not documents:
            raise StoreError(f"{where}: contains no readable source document")
        return cls(path, documents, _valid_records(records, documents, problems), problems)

    def get(self, record_id: str) -> Record | None:
        """One record by id."""
        return self._by_id.get(record_id)

    def by_kind(self, kind: str, doc: str | None = None) -> list[Record]:
        """Records of one kind, of every document or one; events in timeline order.

        Across documents, events run by date; within one, before / the session / after.
        """
        if doc is None or not self.multi_document:
            return list(self._by_kind.get(kind, ()))
        return list(self._records_in(doc).get(kind, ()))

    def doc_record_count(self, doc: str) -> int:
        """How many records draw a source from a document."""
        if not self.multi_document:
            return len(self.records) if doc in self.documents else 0
        return sum(map(len, self._records_in(doc).values()))

    def _records_in(self, doc: str) -> dict[str, list[Record]]:
        if not self._in_doc:
            in_doc: dict[str, dict[str, list[Record]]] = {d: {} for d in self.documents}
            for record in self.records:
                for doc_id in record.docs:
                    in_doc[doc_id].setdefault(record.kind, []).append(record)
            for kinds in in_doc.values():
                kinds.get("event", []).sort(key=timeline_key)
            self._in_doc = in_doc
        return self._in_doc.get(doc, {})

    def mentioning(self, entity_id: str) -> list[Record]:
        """Records that name an entity (backlinks)."""
        return list(self._mentions.get(entity_id, ()))

    def resolve(self, ids: Iterable[str]) -> list[Record]:
        """The records behind a list of ids, skipping unknown ones."""
        return [self._by_id[i] for i in ids if i in self._by_id]

    def from_span(self, doc_id: str, start: int, end: int) -> list[Record]:
        """Records with a source span overlapping [start, end) of a document."""
        return [
            record
            for record in self.records
            if any(s.doc == doc_id and s.start < end and start < s.end for s in record.sources)
        ]


# The stores last made from bytes (`Store.from_bytes`): the one before a decision and the
# one after, for an undo; none past a size, for each holds its whole corpus.
STORES_KEPT = 2
KEPT_BYTES = 64 * 2**20
_KEPT: dict[tuple[Path, bytes], Store] = {}
_KEPT_LOCK = threading.Lock()


def timeline_key(record: Record) -> tuple[int, str]:
    """Phase first (context, session, after), then date, undated last; ties keep store order."""
    phase = PHASES.index(record.phase) if record.phase in PHASES else 1
    return phase, record.date.sort_key if record.date else "9999"


def corpus_timeline_key(record: Record) -> tuple[str, int]:
    """Date first across documents (undated last), then before / during / after."""
    phase = PHASES.index(record.phase) if record.phase in PHASES else 1
    return record.date.sort_key if record.date else "9999", phase


def _fingerprint(raw: bytes) -> str:
    """A content hash for stores big enough to have their index cached (else empty)."""
    return hashlib.sha256(raw).hexdigest() if len(raw) >= INDEX_CACHE_MIN_BYTES else ""


def _check_version(where: str, meta: list[dict[str, Any]]) -> None:
    version = meta[0].get("schema_version") if meta else None
    if type(version) is int and 0 < version < SCHEMA_VERSION:
        raise StoreError(
            f"{where}: is a schema {version} store from an older oic-tui; "
            "rebuild it with `oic-tui build`"
        )
    if type(version) is not int or version != SCHEMA_VERSION:
        raise StoreError(
            f"{where}: unknown schema version {_version(version)} "
            f"(this oic-tui reads {SCHEMA_VERSION})"
        )


def _version(value: Any) -> str:
    """A schema version as messages echo it (any JSON value, so possibly huge)."""
    return quoted(value, 40) if isinstance(value, str) else one_line(repr(value), 40)


def _label(record_id: str) -> str:
    """A record id as problem lines echo it: one line, bounded."""
    return one_line(record_id, 120)


def _parsed(number: int, raw: dict[str, Any], problems: list[str]) -> Record | None:
    try:
        return parse_record(raw)
    except ValueError as error:
        label = _label(raw["id"]) if isinstance(raw.get("id"), str) else f"#{number}"
        problems.append(f"record {label} skipped: {one_line(str(error))}")
        return None


def _valid_records(
    parsed: Iterable[Record], documents: list[Document], problems: list[str]
) -> list[Record]:
    texts = {doc.id: doc.text for doc in documents}
    records: list[Record] = []
    seen: set[str] = set()
    for record in parsed:
        try:
            verify_sources(record, texts)
        except ValueError as error:
            problems.append(f"record {_label(record.id)} skipped: {one_line(str(error))}")
            continue
        if record.id in seen:
            problems.append(f"record {_label(record.id)} skipped: duplicate id")
            continue
        seen.add(record.id)
        records.append(record)
    return _drop_dangling(records, problems)


def _drop_dangling(records: list[Record], problems: list[str]) -> list[Record]:
    kinds = {record.id: record.kind for record in records}

    def kept(record: Record, name: str, values: tuple[str, ...]) -> tuple[str, ...]:
        keep = tuple(
            v for v in values if kinds.get(v) == "entity" or (name == "related" and v in kinds)
        )
        problems.extend(
            f"record {_label(record.id)}: link {name} -> {_label(v)} dangles"
            for v in values
            if v not in keep
        )
        return keep

    # Set containment runs in C: most records link only to what exists.
    entity_ids = {record_id for record_id, kind in kinds.items() if kind == "entity"}
    result = []
    for record in records:
        if (
            entity_ids.issuperset(record.entities)
            and entity_ids.issuperset(record.by)
            and kinds.keys() >= set(record.related)
        ):
            result.append(record)
            continue
        result.append(
            replace(
                record,
                entities=kept(record, "entities", record.entities),
                related=kept(record, "related", record.related),
                proposed_by=kept(record, "proposed_by", record.proposed_by),
                presented_by=kept(record, "presented_by", record.presented_by),
                promoted_by=kept(record, "promoted_by", record.promoted_by),
            )
        )
    return result
