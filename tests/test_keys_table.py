"""The help's keys against the bindings: every key it lists is bound, every key a footer
shows is in it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding, BindingType

import oic_tui.tui
from oic_tui.tui.keys import every_key_row


def _classes() -> list[type]:
    """Every class defined in the explorer's modules."""
    found = []
    for info in pkgutil.walk_packages(oic_tui.tui.__path__, "oic_tui.tui."):
        module = importlib.import_module(info.name)
        found += [
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if cls.__module__ == module.__name__
        ]
    return found


def _bindings(cls: type) -> list[Binding]:
    """The bindings a class declares itself (not those it inherits)."""
    declared: list[BindingType] = list(cls.__dict__.get("BINDINGS", []))
    return [b if isinstance(b, Binding) else Binding(*b) for b in declared]


def _keys(binding: Binding) -> list[str]:
    return [key.strip() for key in binding.key.split(",")]


def _bound() -> set[str]:
    """Every key bound on the app, a screen or a widget of ours, or by Textual beneath them
    (`tab` and `shift+tab` are every screen's)."""
    return {
        key
        for cls in _classes()
        for base in cls.__mro__
        for binding in _bindings(base)
        for key in _keys(binding)
    }


def _shown() -> dict[str, list[str]]:
    """The keys each of our classes offers in a footer (show=True), by class."""
    shown: dict[str, list[str]] = {}
    for cls in _classes():
        keys = [key for b in _bindings(cls) if b.show for key in _keys(b)]
        if keys:
            shown[cls.__qualname__] = keys
    return shown


def test_every_key_the_help_lists_is_bound() -> None:
    bound = _bound()
    unbound = [(row.label, k) for row in every_key_row() for k in row.keys if k not in bound]
    assert unbound == []


def test_every_key_a_footer_shows_is_in_the_help() -> None:
    listed = {key for row in every_key_row() for key in row.keys}
    missing = {name: [key for key in keys if key not in listed] for name, keys in _shown().items()}
    assert {name: keys for name, keys in missing.items() if keys} == {}


def test_the_checks_see_the_bindings() -> None:
    # Guard against checks that could never fail: keys nobody binds are not bound, and the
    # footers' keys are found where they are declared.
    bound = _bound()
    assert {"ctrl+z", "f5", "f12"}.isdisjoint(bound)
    assert {"slash", "question_mark", "tab", "ctrl+d", "greater_than_sign", "z"} <= bound
    shown = _shown()
    assert "slash" in shown["MainScreen"]
    assert "n" in shown["DetailScreen"]
