"""The reader's keymap: which binding ids exist, so a keymap naming another is caught with a hint."""

from __future__ import annotations

import importlib
import pkgutil
from difflib import get_close_matches

from textual.binding import Binding
from textual.dom import DOMNode

from . import screens, widgets


def binding_ids() -> set[str]:
    """Every Binding id of the app, its screens and widgets (and of Textual's own widgets they use)."""
    # Screens are imported lazily at run time; a keymap may name a binding of any of them.
    for package in (screens, widgets):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    from .app import DrawdownApp

    ids: set[str] = set()
    pending: list[type[DOMNode]] = [DrawdownApp, DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.partition(".")[0] not in ("tui", "textual"):
            continue  # a class of a test or of a script that uses the widgets: not one the app binds
        ids.update(b.id for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding) and b.id)
    return ids


def unknown_ids(keymap: dict[str, str], known: set[str]) -> dict[str, str]:
    """Each id of `keymap` that names no binding, with a message offering the closest."""
    out: dict[str, str] = {}
    for binding_id in keymap:
        if binding_id not in known:
            hint = get_close_matches(binding_id, sorted(known), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else " (help, `?`, lists the keys of each screen; ids are in docs/settings.md)"
            out[binding_id] = f"no key has the id '{binding_id}'{suggestion}"
    return out
