"""Start the explorer UI, refusing when there is no terminal to draw on."""

from __future__ import annotations

import sys
from pathlib import Path


def launch(db: Path | None) -> int:
    """Run the explorer on a store; exit 2 when not attached to a terminal."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(
            "oic-tui: the explorer needs a terminal; for scripts use "
            "`oic-tui search QUERY --json` or `oic-tui show ID`",
            file=sys.stderr,
        )
        return 2
    from oic_tui.tui.app import create_app

    app = create_app(db)
    app.run()
    if app.store_error:
        # The error screen is gone with the app: leave the reason where the shell shows it.
        print(f"oic-tui: {app.store_error}", file=sys.stderr)
        return 2
    return app.return_code or 0
