"""A file's diagnostics, each with the line of the file it points at and a caret under the column."""

from __future__ import annotations

from typing import ClassVar

from textual.containers import VerticalGroup
from textual.content import Content
from textual.widgets import Static

from ..corpus.control_chars import visible
from ..corpus.diagnostics import Diagnostic
from ..corpus.reading import FileReport
from ..literal_text import shown

_CONTEXT = 30  # characters kept left of the caret when a long line must be cut


def excerpt(line_text: str, line: int, col: int) -> tuple[str, str]:
    """The offending line (cut to keep the column in view) and a caret line under the column."""
    text = shown(line_text)
    start = max(0, col - 1 - _CONTEXT) if col - 1 > 2 * _CONTEXT else 0
    cut = ("…" if start else "") + text[start:]
    gutter = f"{line:>5} │ "
    caret = " " * (len(gutter) - 2) + "│ " + " " * (col - 1 - start + (1 if start else 0)) + "^"
    return gutter + cut, caret


class DiagnosticList(VerticalGroup):
    """One block per diagnostic: the wrapped message, then the line and caret, never wrapped."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"diagnostic-list--error", "diagnostic-list--warning"}

    async def show_report(self, report: FileReport) -> None:
        await self.remove_children()
        if not report.diagnostics:
            await self.mount(Static(Content("No problems found in this file."), classes="diagnostic-message"))
            return
        blocks: list[Static] = []
        for diagnostic in report.diagnostics:
            blocks.append(Static(self._message(diagnostic), classes="diagnostic-message"))
            if report.text is not None:
                shown, caret = excerpt(report.positions.line_text(diagnostic.line), diagnostic.line, diagnostic.col)
                blocks.append(Static(Content("\n").join([Content(shown), Content(caret)]), classes="diagnostic-excerpt"))
        await self.mount_all(blocks)

    @staticmethod
    def _message(diagnostic: Diagnostic) -> Content:
        style = ".diagnostic-list--error" if diagnostic.is_error else ".diagnostic-list--warning"
        return Content.assemble(
            (visible(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.col}: "), ".screen--strong"),
            (f"{diagnostic.severity}: ", style),
            visible(diagnostic.message),
        )
