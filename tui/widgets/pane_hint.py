"""The line that, on a narrow terminal, says which pane is shown and what tab moves on to."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class PaneHint(Static):
    _shown: tuple[object, ...] | None = None

    def show(self, name: str, number: int | None, count: int, later: list[str], also: str = "") -> None:
        """`Steps 1/3 · tab: Step, Quotes`: the pane shown, then the others in the order tab brings them.

        Panes shown together, one above the other, are not numbered (they do not take turns); `also`
        names a key to what the screen has no room for (`f: Figures`).
        """
        # Asked again at each resize (a first one comes after the first frame): the same line is not laid out again.
        shown = (name, number, count, tuple(later), also)
        if shown == self._shown:
            return
        self._shown = shown
        self.update(
            Content.assemble(
                (name if number is None else f"{name} {number + 1}/{count}", "bold"),
                f" · tab: {', '.join(later)}",
                f" · {also}" if also else "",
            )
        )
