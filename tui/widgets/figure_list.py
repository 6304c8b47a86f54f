"""The Figures screen's list: every point of every series, under its series' name.

One line per figure: its mark on the chart (a dot, or a bar for a range) in the series'
colour, its date and how that date is known, its value or range, and its label. A
series' name heads its points and cannot be highlighted.
"""

from __future__ import annotations

from typing import ClassVar, Sequence

from textual import events
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets.option_list import Option

from ..corpus.figures import FigurePoint, FigureSeries
from ..series_colours import series_colours
from .figures_chart import POINT_MARK, RANGE_MARK
from .handled_at_once import handle_now
from .lazy_prompt import LazyPrompt
from .long_option_list import LongOptionList
from .theme_follower import FollowsTheme
from ..step_labels import one_line
from ..corpus.counted import counted

PointKey = tuple[str, int]  # (scenario id, figure index): the same figure across a reload

_DATE = ".figure-list--date"
_BASIS = ".figure-list--basis"
_VALUE = ".figure-list--value"
_SERIES = ".figure-list--series"
_COUNT = ".figure-list--count"
_ONE_LINE_WIDTH = 64  # below this a figure's label goes on a second line


def point_key(point: FigurePoint) -> PointKey:
    return point.scenario_id, point.index


class FigureList(LongOptionList, FollowsTheme):
    HELP_TITLE: ClassVar[str] = "Figures list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next figure", id="figures.down", show=False, tooltip="Select the next figure"),
        Binding("up,k", "cursor_up", "Previous figure", id="figures.up", show=False, tooltip="Select the previous figure"),
        Binding("home", "first", "First figure", id="figures.first", show=False, tooltip="Select the first figure"),
        Binding("end", "last", "Last figure", id="figures.last", show=False, tooltip="Select the last figure"),
        Binding("pagedown", "page_down", "Page down", id="figures.page-down", show=False, tooltip="Down one page of figures"),
        Binding("pageup", "page_up", "Page up", id="figures.page-up", show=False, tooltip="Up one page of figures"),
        Binding("enter", "open", "Scenario", id="figures.open", tooltip="Open the scenario that cites this figure"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {_DATE[1:], _BASIS[1:], _VALUE[1:], _SERIES[1:], _COUNT[1:]}

    class Opened(Message):
        """The reader asked to open the highlighted figure's scenario (enter, or a double click)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.series: tuple[FigureSeries, ...] = ()
        self._rows: list[FigurePoint | None] = []  # one per option; None for a series heading
        self._colours: list[Color] = []
        self._two_lines = False
        self._row_series: list[int] = []  # for each option, the series it is in
        self._value_width = 0  # the widest value of every figure: the values line up

    def show_series(self, series: Sequence[FigureSeries], keep: PointKey | None = None) -> None:
        """List the points; highlight the one with key `keep`, else the one at the same place, else the first."""
        previous = self.highlighted
        self.series = tuple(series)
        self._rebuild()
        keys = [point_key(row) if row else None for row in self._rows]
        if keep is not None and keep in keys:
            self.highlighted = keys.index(keep)
        elif previous is not None and self._rows:
            self.highlighted = self._nearest_point(min(previous, len(self._rows) - 1))
        else:
            self.action_first()

    @property
    def current(self) -> FigurePoint | None:
        index = self.highlighted
        return self._rows[index] if index is not None and index < len(self._rows) else None

    def action_open(self) -> None:
        if self.current is not None:
            handle_now(self, self.Opened())

    def on_click(self, event: events.Click) -> None:
        # A click selects the figure (OptionList's own handler); a double click opens it, as enter does.
        if event.chain >= 2 and self.current is not None:
            self.post_message(self.Opened())

    def restyle(self) -> None:
        if self.is_mounted and self.series and self._theme_colours() != self._colours:
            highlighted = self.highlighted
            self._rebuild()
            self.highlighted = highlighted

    def _nearest_point(self, index: int) -> int | None:
        for distance in range(len(self._rows)):
            for candidate in (index + distance, index - distance):
                if 0 <= candidate < len(self._rows) and self._rows[candidate] is not None:
                    return candidate
        return None

    def _theme_colours(self) -> list[Color]:
        return series_colours(len(self.series), self.app.theme_variables, self.app.current_theme.dark)

    def _rebuild(self) -> None:
        # One row per series heading and per figure, each made only when it is drawn or read: the
        # open costs a screenful of rows at any size of corpus. The list cuts its lines (app.tcss),
        # so a row is as high as its lines.
        self._colours = self._theme_colours()
        self._value_width = max((line.value_width for line in self.series), default=0)
        rows: list[FigurePoint | None] = []
        lines: list[int] = []  # for each row, its series
        for number, line in enumerate(self.series):
            rows.append(None)
            rows.extend(line.points)
            lines.extend([number] * (len(line.points) + 1))
        self._rows, self._row_series = rows, lines
        point_height = 2 if self._two_lines else 1
        self.show_rows([1 if row is None else point_height for row in rows], self._make_option)

    def _make_option(self, index: int) -> Option:
        point, number = self._rows[index], self._row_series[index]
        colour = self._colours[number]
        if point is None:
            return Option(self._heading(self.series[number], colour), disabled=True)
        return Option(self._prompt(point, colour, self._value_width))

    @staticmethod
    def _heading(line: FigureSeries, colour: Color) -> LazyPrompt:
        count = len(line.points)
        label, figures = one_line(line.series.label), f"  {counted(count, 'figure')}"
        return LazyPrompt(
            lambda: Content.assemble(("▌", Style(foreground=colour)), (label, _SERIES), (figures, _COUNT)),
            ("▌" + label + figures,),
        )

    def _prompt(self, point: FigurePoint, colour: Color, value_width: int) -> LazyPrompt:
        # In a narrow pane the label takes a line of its own, or nothing of it would show.
        mark = RANGE_MARK if point.is_range else POINT_MARK
        date, basis, value = point.x.isoformat(), f" {point.basis:<8}", f"  {point.value_text:>{value_width}}"
        label = one_line(point.label)
        between = "\n  " if self._two_lines else "  "

        def build() -> Content:
            return Content.assemble((mark, Style(foreground=colour)), " ", (date, _DATE), (basis, _BASIS), (value, _VALUE), between, label)

        return LazyPrompt(build, f"{mark} {date}{basis}{value}{between}{label}".split("\n"))

    def on_resize(self, event: events.Resize) -> None:
        two_lines = self.scrollable_content_region.width < _ONE_LINE_WIDTH
        if two_lines != self._two_lines:
            self._two_lines = two_lines
            if self.series:
                highlighted = self.highlighted
                self._rebuild()
                self.highlighted = highlighted
