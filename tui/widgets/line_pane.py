"""A pane drawn line by line (the Line API) whose new content does not lay out the screen again."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.geometry import Size
from textual.scroll_view import ScrollView

K = TypeVar("K")
V = TypeVar("V")


class DrawnLines(Generic[K, V]):
    """Lines drawn ahead of time, kept while the objects they were drawn from and the width stay the same.

    A reload brings new scenario, actor and source objects, so the owners are compared by
    identity: what was drawn from the old ones goes.
    """

    def __init__(self) -> None:
        self._owners: tuple[object, ...] = ()
        self._width = 0
        self._drawn: dict[K, V] = {}

    def at(self, owners: tuple[object, ...], width: int) -> dict[K, V]:
        """What is drawn for these owners at this width (emptied first if either changed)."""
        if width != self._width or len(owners) != len(self._owners) or any(a is not b for a, b in zip(owners, self._owners)):
            self._drawn = {}
            self._owners, self._width = owners, width
        return self._drawn

    def clear(self) -> None:
        self._drawn = {}

    def __contains__(self, key: object) -> bool:
        return key in self._drawn


class LinePane(ScrollView):
    """A scroll view that says how many lines it holds without asking for a layout of the screen."""

    def set_line_count(self, width: int, count: int) -> None:
        """Make the pane `count` lines of `width` cells tall, for the scrollbar and the scroll limits.

        Setting `virtual_size` would ask Textual for a layout of the whole screen though
        only this pane changed: several milliseconds of a step's frame at 120x40. Here the
        scrollbar is updated in place. A layout still follows when the scrollbar must appear or go;
        app.tcss keeps the stepping panes' scrollbar always there (`overflow-y: scroll`)
        so that stepping never needs one.
        """
        size = Size(width, count)
        if size == self.virtual_size:
            return
        self.set_reactive(ScrollView.virtual_size, size)
        # Private to Textual (pinned exactly in pyproject.toml): shows or hides the scrollbar
        # as a layout would, and asks for that layout only when one comes or goes.
        self._refresh_scrollbars()
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            window = self.scrollable_content_region.height
            # Content that fits draws the same empty track whatever its length: the bar is
            # repainted only when its thumb changes.
            bar.window_virtual_size = max(count, window)
            bar.window_size = window
        self.scroll_y = self.validate_scroll_y(self.scroll_y)
