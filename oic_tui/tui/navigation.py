"""Browser-style history: where a drill-down went, and what `]` can go forward to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """A place to drill to: a record's detail, or the source (optionally at a record)."""

    view: str  # "record" or "source"
    record_id: str = ""


class ForwardHistory:
    """Locations left by going back; cleared when the user goes somewhere new."""

    def __init__(self) -> None:
        self._stack: list[Location] = []

    def __len__(self) -> int:
        return len(self._stack)

    def went_back_from(self, location: Location) -> None:
        """Remember a location the user just left with back."""
        self._stack.append(location)

    def next(self) -> Location | None:
        """The location to go forward to, if any."""
        return self._stack.pop() if self._stack else None

    def clear(self) -> None:
        """Going somewhere new drops the forward history."""
        self._stack.clear()
