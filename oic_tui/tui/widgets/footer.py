"""The footer, made smaller whenever its keys would not fit the width otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer

# The cells Textual's footer adds to a key and its description: " a " "Accept " at full
# size, "a" " Accept" and a margin when compact, "▏^p" " Commands " for the palette's.
FULL_FRAME = 3
COMPACT_FRAME = 2
PALETTE_FRAME = 3


@dataclass(frozen=True)
class KeyWidths:
    """The cells a footer's keys take, at full size and compact."""

    full: int = 0
    compact: int = 0


class FittedFooter(Footer):
    """Textual's footer that shows every key of the screen: compact (less space around each)
    when they need more room than the width, and then, if still too wide, without the
    palette's key at the right (Ctrl+P still opens it; `?` says so)."""

    def __init__(self) -> None:
        super().__init__()
        self._widths = KeyWidths()

    def compose(self) -> ComposeResult:
        self._widths = self._key_widths()
        self._fit(recompose=False)
        yield from super().compose()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(recompose=True)

    def _fit(self, recompose: bool) -> None:
        width, widths = self.size.width, self._widths
        if not width:
            return
        self.compact = widths.full > width
        palette = widths.compact <= width or not self.compact
        if palette != self.show_command_palette:
            self.set_reactive(Footer.show_command_palette, palette)
            if recompose:
                self.refresh(recompose=True)

    def _key_widths(self) -> KeyWidths:
        """The cells of the keys shown, one per action as the footer shows them."""
        if not self.is_attached:
            return KeyWidths()
        app, bindings = self.app, self.screen.active_bindings
        shown = {b.action: b for _node, b, _enabled, _tip in bindings.values() if b.show}
        labels = [cell_len(app.get_key_display(b) + b.description) for b in shown.values()]
        palette = bindings.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        palette_width = 0
        if palette is not None:
            binding = palette[1]
            palette_width = cell_len(app.get_key_display(binding) + binding.description)
            palette_width += PALETTE_FRAME
        return KeyWidths(
            full=sum(labels) + FULL_FRAME * len(labels) + palette_width,
            compact=sum(labels) + COMPACT_FRAME * len(labels) + palette_width,
        )
