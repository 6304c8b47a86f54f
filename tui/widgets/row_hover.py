"""Line-API lists that draw the row under the mouse apart: which row that is, from the drawn lines' meta."""

from __future__ import annotations

from textual import events
from textual.widget import Widget


class RowHover(Widget):
    """Keeps `_hover`, the row under the mouse, and redraws when it changes.

    Each drawn line carries its row's number as the meta "row"; `_row_count` says how many rows there are.
    """

    _hover: int | None = None

    def _row_count(self) -> int:
        raise NotImplementedError

    def _row_at(self, event: events.MouseEvent) -> int | None:
        row = event.style.meta.get("row")
        return row if isinstance(row, int) and 0 <= row < self._row_count() else None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row = self._row_at(event)
        if row != self._hover:
            self._hover = row
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
