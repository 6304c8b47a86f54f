"""The line that, on a narrow terminal, says which pane is shown and what tab moves on to."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class PaneHint(Static):
    def show(self, name: str, number: int, count: int, later: list[str]) -> None:
        """`Steps 1/3 · tab: Step, Quotes`: the pane shown, then the others in the order tab brings them."""
        self.update(
            Content.assemble(
                (f"{name} {number + 1}/{count}", "bold"),
                f" · tab: {', '.join(later)}",
            )
        )
