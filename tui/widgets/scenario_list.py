"""The home screen's time line of scenarios: one card per scenario file, in date order."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import ListView

from .scenario_card import ScenarioCard

if TYPE_CHECKING:
    from ..corpus.live import Row


class ScenarioList(ListView):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="scenarios.open", tooltip="Open the highlighted scenario"),
        Binding("down,j", "cursor_down", "Next scenario", id="scenarios.down", show=False),
        Binding("up,k", "cursor_up", "Previous scenario", id="scenarios.up", show=False),
        Binding("home", "first", "First scenario", id="scenarios.first", show=False),
        Binding("end", "last", "Last scenario", id="scenarios.last", show=False),
    ]
    HELP_TITLE: ClassVar[str] = "Scenario list"

    def action_first(self) -> None:
        if len(self):
            self.index = 0

    def action_last(self) -> None:
        if len(self):
            self.index = len(self) - 1

    async def set_rows(self, rows: list[Row]) -> None:
        """Replace the cards, keeping the highlight on the same file when it is still listed."""
        current = self.highlighted_path
        paths = [row.path for row in rows]
        index = paths.index(current) if current in paths else min(self.index or 0, max(len(rows) - 1, 0))
        await self.clear()
        await self.extend(ScenarioCard(row) for row in rows)
        self.index = index if rows else None

    @property
    def highlighted_path(self) -> Path | None:
        item = self.highlighted_child
        return item.row.path if isinstance(item, ScenarioCard) else None

    @property
    def highlighted_row(self) -> Row | None:
        item = self.highlighted_child
        return item.row if isinstance(item, ScenarioCard) else None
