"""A text offered for import: what makes it a plain news report, and the limits it must keep.

Every limit is checked before anything is written, so a refused import writes nothing and
an accepted one always leaves a corpus that builds (its draft files within the build's cap
on annotation files).
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from oic_tui.corpus.annotations import MAX_INPUT_BYTES
from oic_tui.corpus.confine import Unreadable, read_regular
from oic_tui.store.sentences import sentences

# A news report is 5-30 KB and at most a few hundred sentences; these limits are far above
# any real one and keep an import, and the build after it, to seconds and megabytes.
MAX_TEXT_BYTES = 2 * 2**20
# 2 MiB of ordinary news prose is about 27,000 sentences; 20,000 leaves room for a 1 MB
# text of them, not for a text of tiny ones ("A. A. A.") that would draft without end.
MAX_SENTENCES = 20_000
# A sentence drafts one record, two when it is both an event and an initiative (about 1.1
# each in news): more than 1.5 a sentence at the sentence limit is no news report.
MAX_DRAFTS = 30_000
# A draft file is an annotation file: the build reads none larger.
MAX_DRAFT_FILE_BYTES = MAX_INPUT_BYTES

BOM = "\ufeff"
# Characters no plain text holds (tab, line feed and carriage return are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class ImportRefused(Exception):
    """A file cannot be imported; the message is one line naming the reason."""


def mib(size: int) -> str:
    """A limit in MiB as a refusal says it: `2 MiB`, `0.5 MiB`."""
    return f"{size / 2**20:.2f}".rstrip("0").rstrip(".") + " MiB"


def read_input(path: Path) -> bytes:
    """A file's bytes if it is a regular file within the size limit; ImportRefused if not."""
    too_big = f"is larger than {mib(MAX_TEXT_BYTES)}, the most a news report is imported at"
    try:
        info = os.stat(path)
    except OSError as error:
        raise ImportRefused(f"cannot be read ({error.strerror or error})") from None
    # Said before opening: a huge file is refused without a byte read.
    if stat.S_ISREG(info.st_mode) and info.st_size > MAX_TEXT_BYTES:
        raise ImportRefused(too_big)
    try:
        return read_regular(path, MAX_TEXT_BYTES)
    except Unreadable as error:
        # A file that grew past the limit after the check above is refused all the same.
        raise ImportRefused(too_big if "larger than" in str(error) else str(error)) from None


def plain_text(raw: bytes) -> str:
    """The text of a file's bytes, a leading BOM read as no character; ImportRefused if not.

    Refused: a NUL byte (binary), bytes that are not UTF-8, nothing but white space or
    invisible characters (any Unicode ones), and control characters.
    """
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ImportRefused(f"is binary (a NUL byte at {nul})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(f"is not UTF-8 text (byte {error.start})") from None
    if not _shows_anything(text):
        raise ImportRefused(
            "is empty" if not text else "is empty (only white space or invisible characters)"
        )
    if control := _CONTROL.search(text):
        # An escape sequence in an article could act on a terminal: not a plain text.
        raise ImportRefused(f"holds a control character (U+{ord(control.group()):04X})")
    return text


def _shows_anything(text: str) -> bool:
    """True when the text holds a character that is neither white space nor invisible."""
    # Stops at the first visible character: the first one, in any real text.
    return any(not c.isspace() and unicodedata.category(c) != "Cf" for c in text)


def check_sentences(text: str) -> list[tuple[int, int, int]]:
    """The text's sentences when there are some and not too many; ImportRefused if not."""
    found = sentences(text)
    if not found:
        raise ImportRefused("has no sentence")
    if len(found) > MAX_SENTENCES:
        raise ImportRefused(
            f"has {len(found):,} sentences, more than the {MAX_SENTENCES:,} "
            "a news report is imported with"
        )
    return found


def check_drafts(drafts: int, files: Mapping[str, bytes]) -> None:
    """ImportRefused when the drafts are too many, or a draft file too large to build."""
    if drafts > MAX_DRAFTS:
        raise ImportRefused(
            f"would have {drafts:,} drafts, more than the {MAX_DRAFTS:,} "
            "a news report is imported with"
        )
    for name, data in files.items():
        if len(data) > MAX_DRAFT_FILE_BYTES:
            raise ImportRefused(
                f"its drafts in {name} would be {len(data):,} bytes, more than the "
                f"{mib(MAX_DRAFT_FILE_BYTES)} an annotation file may be"
            )
