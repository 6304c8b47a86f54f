"""The keys of a pane of text that scrolls (the Step pane, the home screen's summary), each with its id."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def scroll_bindings(prefix: str) -> list[BindingType]:
    """The arrows, the page keys, home and end, bound to scrolling; ids `prefix.down` and so on."""
    return [
        Binding("down", "scroll_down", "Scroll down", id=f"{prefix}.down", show=False),
        Binding("up", "scroll_up", "Scroll up", id=f"{prefix}.up", show=False),
        Binding("pagedown", "page_down", "Page down", id=f"{prefix}.page-down", show=False),
        Binding("pageup", "page_up", "Page up", id=f"{prefix}.page-up", show=False),
        Binding("home", "scroll_home", "Top", id=f"{prefix}.home", show=False),
        Binding("end", "scroll_end", "Bottom", id=f"{prefix}.end", show=False),
    ]
