"""A file that cannot be shown (a scenario) or that breaks others (a catalog): its diagnostics, path:line:col, with the offending lines."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..corpus.control_chars import visible
from ..corpus.live import LiveCorpus
from ..widgets.diagnostic_list import DiagnosticList
from ..widgets.title_bar import TitleBar
from ..widgets.key_footer import KeyFooter
from .corpus_screen import BackScreen
from ..corpus.counted import counted


class FileErrorsScreen(BackScreen):
    def __init__(self, live: LiveCorpus, path: Path) -> None:
        super().__init__(live)
        self.path = path

    @property
    def opened_on(self) -> Path:
        """What this screen shows, so the app does not open it twice on a double tap."""
        return self.path.resolve()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "errors":  # not to open this screen again
            files = self.live.problem_files()
            return bool(files) and files[0].resolve() != self.opened_on
        return super().check_action(action, parameters)

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield Static(id="file-errors-heading")
        with VerticalScroll(id="file-errors-body"):
            yield DiagnosticList(id="diagnostic-list")
        yield self.reload_panel()
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self._show()
        self.query_one("#file-errors-body").focus()

    async def corpus_changed(self) -> None:
        entry = self.live.entry(self.path)
        if entry is not None and entry.scenario is not None and self.app.screen is self:
            from .scenario import ScenarioScreen

            # Fixed: the reader came here to see this scenario, so show it (back to it, when the
            # screen below shows its last good version). Not awaited: this runs inside the screen's
            # own message loop, which the switch must first leave.
            below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
            if isinstance(below, ScenarioScreen) and below.opened_on == self.opened_on:
                self.dismiss()
            else:
                self.app.switch_screen(ScenarioScreen(self.live, self.path))
            return
        await self._show()

    async def _show(self) -> None:
        report = self.live.report(self.path)
        self.query_one(TitleBar).set_path("File errors", self.path.name)
        heading = self.query_one("#file-errors-heading", Static)
        diagnostics = self.query_one(DiagnosticList)
        if report is None:
            heading.update(Content(f"{visible(self.path.name)} is no longer in the corpus."))
            diagnostics.display = False
            return
        errors = sum(d.is_error for d in report.diagnostics)
        heading.update(Content.assemble((visible(report.shown), ".screen--strong"), self._what_follows(errors)))
        diagnostics.display = True
        await diagnostics.show_report(report)

    def _what_follows(self, errors: int) -> str:
        count = f" has {counted(errors, 'error')}"
        if not self.live.is_catalog(self.path):
            if self.live.view(self.path) is not None:
                return (
                    f"{count} since it was last saved: the explorer shows its last good version until it is fixed. "
                    "Fix the file and save it: this screen follows the file and goes back to the scenario once it loads."
                )
            return (
                f"{count}, so it cannot be shown. "
                "Fix the file and save it: this screen follows the file and opens the scenario once it loads."
            )
        if not errors:
            return " has no errors now."
        return (
            f"{count}. It is shared by every scenario: those that draw on what it defines fail until it is fixed. "
            "Fix the file and save it: this screen follows the file."
        )
