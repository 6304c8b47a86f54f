"""The errors of files saved broken, shown while the last good version stays on screen."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ..corpus.control_chars import visible
from ..corpus.diagnostics import Diagnostic


class ReloadPanel(Static):
    """Hidden while every file loads cleanly; lists path:line:col: message otherwise."""

    def show_problems(self, problems: list[Diagnostic]) -> None:
        self.display = bool(problems)
        if not problems:
            return
        count = len(problems)
        heading = Content.assemble(
            ("✖ ", "bold"),
            (f"{count} error{'s' * (count != 1)} after the last save", "bold"),
            " - showing the last good version until the file is fixed",
        )
        lines = [Content(visible(f"{d.path}:{d.line}:{d.col}: {d.message}")) for d in problems]
        self.update(Content("\n").join([heading, *lines]))
