"""The errors of files saved broken, shown while the last good version stays on screen."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from typing import TYPE_CHECKING

from ..corpus.control_chars import visible
from ..corpus.counted import counted

if TYPE_CHECKING:
    from ..corpus.diagnostics import Diagnostic
    from ..corpus.live import LiveCorpus


class ReloadPanel(Static):
    """Hidden while every file loads cleanly; lists path:line:col: message otherwise."""

    def __init__(self, live: LiveCorpus | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._live = live

    def on_mount(self) -> None:
        # Mounted lazily, after the screen's first frame: read the problems as they are now.
        self.show_problems(self._live.problems() if self._live else [])

    def show_problems(self, problems: list[Diagnostic]) -> None:
        self.set_class(bool(problems), "-problems")
        if not problems:
            return
        count = len(problems)
        heading = Content.assemble(
            ("✖ ", ".screen--strong"),
            (f"{counted(count, 'error')} after the last save", ".screen--strong"),
            # The key first: on a low terminal the panel has two lines, and this is all they show.
            " · e lists them · the last good version is shown until the file is fixed",
        )
        lines = [Content(visible(f"{d.path}:{d.line}:{d.col}: {d.message}")) for d in problems]
        self.update(Content("\n").join([heading, *lines]))
