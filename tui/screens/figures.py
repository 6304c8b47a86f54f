"""The Figures screen: every cited number of the corpus on one chart, each traceable to its quote."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static

from ..corpus.control_chars import visible
from ..corpus.figures import FigurePoint, FigureSeries, corpus_figures, nearest_step
from ..corpus.live import LiveCorpus, ScenarioView
from ..navigation import OpenScenario, OpenSource
from ..stale_highlights import is_stale
from ..widgets.figure_list import FigureList, point_key
from ..widgets.figures_chart import FiguresChart
from ..widgets.quote_list import QuoteList
from ..widgets.title_bar import TitleBar
from ..widgets.key_footer import KeyFooter
from .corpus_screen import BackScreen
from ..step_labels import one_line
from ..corpus.counted import counted

_STRONG = ".screen--strong"
_FAINT = ".screen--faint"


class FiguresScreen(BackScreen):
    PANES: ClassVar[tuple[tuple[str, str], ...]] = (("#figures-main", "Figures"), ("#figure-detail", "Quote"))
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_source", "Source", id="figures.open-source", tooltip="Read the figure's quote in its source document"),
        Binding("l", "toggle_scale", "Log/linear", id="figures.scale", tooltip="Switch the chart's troop axis between a log and a linear scale"),
    ]

    def __init__(self, live: LiveCorpus) -> None:
        super().__init__(live)
        self.series: list[FigureSeries] = []

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        with Horizontal(id="figures-body"):
            with Vertical(id="figures-main"):
                yield FiguresChart(id="figures-chart")
                yield FigureList(id="figure-list")
            with Vertical(id="figure-detail"):
                yield Static(id="figure-point")
                yield QuoteList(id="figure-quote")
        yield self.reload_panel()
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show(None)
        self.query_one(FigureList).focus()

    async def corpus_changed(self) -> None:
        current = self.current
        self._show(point_key(current) if current else None)

    @property
    def current(self) -> FigurePoint | None:
        return self.query_one(FigureList).current

    def _show(self, keep: tuple[str, int] | None) -> None:
        self.series = corpus_figures(self.live.corpus)
        count = sum(len(line.points) for line in self.series)
        self.query_one(TitleBar).set_path("Figures", f"{counted(count, 'figure')} in {counted(len(self.series), 'series', 'series')}")
        self.query_one(FiguresChart).show(self.series)
        figure_list = self.query_one(FigureList)
        figure_list.border_title = "Every figure, by series and date"
        figure_list.show_series(self.series, keep)
        self._show_point()

    def _show_point(self) -> None:
        point = self.current
        self.query_one(FiguresChart).select(point)
        detail = self.query_one("#figure-point", Static)
        quotes = self.query_one(QuoteList)
        if point is None:
            detail.update(Content("No scenario cites a figure yet: add [[figures]] to a scenario file."))
            quotes.border_title = "No quote"
            quotes.show_quotes([], self.live.corpus.sources)
            return
        detail.update(self._describe(point))
        quotes.border_title = "Where the number is printed"
        quotes.show_quotes([point.quote], self.live.corpus.sources)

    def _describe(self, point: FigurePoint) -> Content:
        line = next((line for line in self.series if line.series.id == point.series_id), None)
        unit = visible(line.series.unit) if line else ""
        entry = self.live.corpus.entry(point.scenario_id)  # every point comes from the current corpus
        meta = entry.scenario.scenario if entry and entry.scenario else None
        when = f"{point.x.isoformat()} ({point.basis})"
        if point.dated_by == "scenario":
            when += ", the scenario's date: the figure gives none"
        parts: list[str | tuple[str, str]] = [
            (f"{point.value_text} {unit}".rstrip(), _STRONG),
            ("  a range" if point.is_range else "", _FAINT),
            "\n",
            one_line(point.label),
            "\n\n",
            ("Date      ", _FAINT),
            when,
            "\n",
            ("Scenario  ", _FAINT),
            f"{meta.date.year} · {one_line(meta.title)}" if meta else point.scenario_id,
            "\n",
            ("Series    ", _FAINT),
            one_line(line.series.label) if line else point.series_id,
            (f"\n{visible(line.series.description)}" if line and line.series.description else "", _FAINT),
        ]
        return Content.assemble(*parts)

    # -- selection and keys -------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if not is_stale(event):
            self._show_point()  # the figure list is the screen's only option list

    def on_figure_list_opened(self, event: FigureList.Opened) -> None:
        point = self.current
        view = self._view(point)
        if point is None or view is None or view.entry.scenario is None:
            return
        self.drawdown.open_now(OpenScenario(view.entry.path, nearest_step(view.entry.scenario, point.quote)))

    def on_quote_list_selected(self, event: QuoteList.Selected) -> None:
        self.action_open_source()

    def _view(self, point: FigurePoint | None) -> ScenarioView | None:
        return self.live.view_by_id(point.scenario_id) if point else None

    def action_open_source(self) -> None:
        point = self.current
        if point is None:
            self.notify("No figure is selected.", severity="warning", markup=False)
            return
        self.drawdown.open_now(OpenSource(point.quote.source, point.quote.span, self.live.corpus))

    def action_toggle_scale(self) -> None:
        chart = self.query_one(FiguresChart)
        if not chart.log_scale and not chart.can_log:
            self.notify("A figure of 0 cannot be drawn on a log scale.", severity="warning", markup=False)
            return
        chart.set_log_scale(not chart.log_scale)
