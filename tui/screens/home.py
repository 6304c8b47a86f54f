"""The home screen: every scenario of the corpus on a time line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, ListView

from ..navigation import OpenScenario
from ..widgets.scenario_list import ScenarioList
from ..widgets.scenario_summary import ScenarioSummary
from ..widgets.title_bar import TitleBar
from .corpus_screen import CorpusScreen


class HomeScreen(CorpusScreen):
    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        # A second column (the figures chart) joins #home-main inside #home-body later.
        with Horizontal(id="home-body"):
            with Vertical(id="home-main"):
                yield ScenarioList(id="scenario-list")
                yield ScenarioSummary(id="scenario-summary")
        yield self.reload_panel()
        yield Footer()

    async def on_mount(self) -> None:
        await self._show()

    async def corpus_changed(self) -> None:
        await self._show()

    async def _show(self) -> None:
        if not self.loaded:
            self.query_one(TitleBar).set_path("reading the corpus…")
            self.query_one(ScenarioSummary).show_message("Reading and checking the scenario files…")
            return
        from ..corpus.bundled import bundled_root
        from ..corpus.reading import display_path

        rows = self.live.rows()
        corpus = self.live.corpus
        viewable = sum(row.view is not None for row in rows)
        self.query_one(TitleBar).set_path(
            f"{viewable} scenario{'s' * (viewable != 1)}, {len(corpus.sources)} sources",
            "bundled corpus" if self.live.root == bundled_root().resolve() else display_path(self.live.root),
        )
        scenario_list = self.query_one(ScenarioList)
        scenario_list.border_title = "Scenarios, by date"
        await scenario_list.set_rows(rows)
        self.query_one(ScenarioSummary).show_row(scenario_list.highlighted_row)

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        self.query_one(ScenarioSummary).show_row(self.query_one(ScenarioList).highlighted_row)

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        row = self.query_one(ScenarioList).highlighted_row
        if row is not None:
            self.post_message(OpenScenario(row.path))
