"""What every CLI command shares: exit statuses, limits, error lines and JSON output."""

from __future__ import annotations

import json
import sys
from typing import Any

from oic_tui.present.export import json_lines
from oic_tui.store.sanitize import one_line

EXIT_ERROR = 2
# As grep and ripgrep: 0 with hits, 1 when a search finds nothing, 2 on errors.
EXIT_NO_HITS = 1
# A reader that closed stdout (`| head`) ends the command as SIGPIPE would: 128 + 13.
EXIT_PIPE = 141
# Up to this many documents, `check` and `build` give each its own coverage line.
COVERAGE_LINES = 10
# The table shows this many hits unless --limit says otherwise; --json always has them all.
TABLE_ROWS = 50
# Every line printed is one line, whatever a path, id or message holds.
MESSAGE_LIMIT = 2000
# `OIC_TUI_VERBOSE=1` does what -v does; read once, by `main`, which tells the rest.
VERBOSE_ENV = "OIC_TUI_VERBOSE"


def say(message: str, prefix: str = "oic-tui") -> None:
    """One sanitised line on stderr."""
    print(f"{prefix}: {one_line(message, MESSAGE_LIMIT)}", file=sys.stderr)


def fail(message: str) -> int:
    """Say what went wrong on stderr, in one line; the error exit status."""
    say(message)
    return EXIT_ERROR


def print_json(value: Any) -> None:
    """Exact, complete JSON on stdout (store text is never cut or escaped for the terminal)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def print_object(value: dict[str, Any], fmt: str) -> None:
    """One object as `json` (indented) or `jsonl` (one line)."""
    if fmt == "json":
        print_json(value)
    else:
        sys.stdout.write(json_lines([value]))


def share(covered: int, total: int) -> str:
    """`covered/total (percent)`, a store with no sentences counting as fully covered."""
    return f"{covered:,}/{total:,} ({covered / total if total else 1.0:.0%})"
