"""The one-line bar at the top of every screen: where the reader is."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ..corpus.control_chars import visible


class TitleBar(Static):
    def set_path(self, *parts: str) -> None:
        """Show `Drawdown › part › part`; each part is file text, shown literally."""
        pieces: list[str | tuple[str, str]] = [("Drawdown", ".screen--strong")]
        for part in parts:
            pieces.extend([("  ›  ", ".screen--faint"), visible(part)])
        self.update(Content.assemble(*pieces))
