"""The figures chart: every cited number of the corpus over time, one colour per series.

Drawn with plotext (through textual-plotext), used at full size by the Figures screen and
small beside the home screen's list. A point is a dot; a range is a vertical bar from its
low to its high value, never averaged. Dotted lines join a series' figures from one date
to the next where each date has a single figure: several figures on one date are
alternatives (proposals, estimates), and a line through them would invent an order.

The y axis is logarithmic by default: the corpus runs from a few hundred troops to tens of
thousands, and on a linear axis every figure after 2011 lies on the floor of the chart.

Only numbers and years go through plotext; the series names (file text) are drawn by
this widget in the legend below the plot, as literal text.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from itertools import groupby
from typing import Callable, Iterable, Sequence

from rich.text import Text
from textual import work
from textual.app import RenderResult
from textual.color import Color
from textual.content import Content
from textual_plotext import PlotextPlot

from ..corpus.control_chars import visible
from ..corpus.figures import FigurePoint, FigureSeries
from ..series_colours import chart_colours, series_colours

POINT_MARK = "●"
RANGE_MARK = "┃"
SELECTED_MARK = "◆"
JOIN_MARK = "·"
_NICE = ((1, 2, 5), (1, 3), (1,))
_YEAR_STEPS = (1, 2, 3, 5, 10, 20, 50)
_MIN_PLOT_ROWS = 6
_COMFORTABLE_ROWS = 10  # plot rows the legend may not take from
# A pane too low for the legend under the plot names the series beside it, in a column that leaves
# the plot this many cells (some 2 a year over the corpus's 14 years, beside the axis labels).
_SIDE_PLOT_MIN = 34
_SIDE_MIN = 12
# Points from which the chart is drawn in a thread: plotext took some 150 ms for the 7,800 points
# of 3,000 scenarios, on the Figures screen's open and on each move of its selection. Under this,
# drawn as the widget renders (the bundled corpus has a few dozen points).
DRAW_INLINE = 1500
DRAWING = "Drawing the chart…"


def year_position(date: dt.date) -> float:
    """A date as a fractional year, so 2020-07-02 sits halfway through 2020."""
    start = dt.date(date.year, 1, 1).toordinal()
    days = dt.date(date.year + 1, 1, 1).toordinal() - start
    return date.year + (date.toordinal() - start) / days


def chart_title(series: Sequence[FigureSeries]) -> str:
    """"Troops, 2011–2024": the unit of the series (when they share one) and the years they span."""
    spans = [line.years for line in series if line.years is not None]
    if not spans:
        return "No figures"
    units = {line.series.unit for line in series}
    unit = visible(units.pop()) if len(units) == 1 else "figures"
    unit = unit[:1].upper() + unit[1:]
    first, last = min(first for first, _ in spans), max(last for _, last in spans)
    return f"{unit}, {first}" + (f"–{last}" if last != first else "")


def _nice_values(low: float, high: float, rows: int) -> list[int]:
    """Round numbers (1, 2, 5 × 10ⁿ, or sparser) from `low` to `high`, at most one per two rows."""
    for multipliers in _NICE:
        values = [
            m * 10**exponent
            for exponent in range(max(0, math.floor(math.log10(max(low, 1)))), math.ceil(math.log10(max(high, 1))) + 1)
            for m in multipliers
        ]
        values = [v for v in values if low <= v <= high]
        if len(values) * 2 <= rows + 1 or multipliers == _NICE[-1]:
            return values
    return []


def _floor_nice(value: int) -> int:
    exponent = math.floor(math.log10(value))
    return max(m * 10**exponent for m in (1, 2, 5) if m * 10**exponent <= value)


def _ceil_nice(value: int) -> int:
    exponent = math.floor(math.log10(value))
    return min(m * 10**e for e in (exponent, exponent + 1) for m in (1, 2, 5) if m * 10**e >= value)


def _step(span: float, count: int) -> int:
    """A round step that cuts `span` into at most `count` parts."""
    raw = max(span / max(count, 1), 1)
    exponent = math.floor(math.log10(raw))
    return min(m * 10**e for e in (exponent, exponent + 1) for m in (1, 2, 5) if m * 10**e >= raw)


def _rgb(colour: Color) -> tuple[int, int, int]:
    return colour.rgb


def _single_dates(points: Sequence[FigurePoint]) -> list[FigurePoint]:
    """The points that are alone on their date: the ones a line may join."""
    counts: dict[dt.date, int] = {}
    for point in points:
        counts[point.x] = counts.get(point.x, 0) + 1
    return [point for point in points if counts[point.x] == 1]


class FiguresChart(PlotextPlot):
    """One line per figure series; `select` marks a point, `mark` draws a guide line at a date."""

    def __init__(self, *, compact: bool = False, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.compact = compact
        self.series: tuple[FigureSeries, ...] = ()
        self.selected: FigurePoint | None = None
        self.guide: dt.date | None = None
        self.log_scale = True
        self._built: tuple[object, Text] | None = None  # what was drawn last, and for what
        self._version = 0  # counts the changes of what the chart shows
        self._points = 0
        self._wanted: object = None  # what the thread is to draw next
        self._lock = threading.Lock()  # one drawing at a time: plotext's figure is the widget's own

    def on_unmount(self) -> None:
        # PlotextPlot subscribes to the theme's signal and never unsubscribes; Textual 8.2.8's Signal
        # holds the subscriber through its callback: each closed Figures screen's chart stayed alive.
        self.app.theme_changed_signal.unsubscribe(self)

    # -- what the screens use ------------------------------------------------------

    def show(self, series: Iterable[FigureSeries]) -> None:
        self.series = tuple(series)
        self._points = sum(len(line.points) for line in self.series)
        if not self.can_log:
            self.log_scale = False
        self._changed()

    def select(self, point: FigurePoint | None) -> None:
        if point != self.selected:
            self.selected = point
            self._changed()

    def mark(self, date: dt.date | None) -> None:
        if date != self.guide:
            self.guide = date
            self._changed()

    @property
    def can_log(self) -> bool:
        """A log axis cannot show a figure of zero."""
        return all(line.low > 0 for line in self.series if line.points)

    def set_log_scale(self, log: bool) -> None:
        log = log and self.can_log
        if log != self.log_scale:
            self.log_scale = log
            self._changed()

    @property
    def colours(self) -> list[Color]:
        """The colour of each series, in series order, under the current theme."""
        return series_colours(len(self.series), self.app.theme_variables, self.app.current_theme.dark)

    def _changed(self) -> None:
        self._version += 1
        # Content, not a string: a border title is markup, and the unit is file text.
        self.border_title = Content(chart_title(self.series) + (" · log scale" if self.log_scale and self.series else ""))
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._version += 1  # a new theme: new colours

    # -- drawing -------------------------------------------------------------------

    def render(self) -> RenderResult:
        width, height = self.size
        key = (width, height, self.app.theme, self._version)
        if self._built is not None and self._built[0] == key:
            return self._built[1]
        if self._points < DRAW_INLINE:
            self._built = (key, self._draw(width, height))
            return self._built[1]
        # A large chart: the last drawing (or a word) stays until the thread has drawn this one,
        # so the screen opens, and the selection moves, without waiting for plotext.
        if self._wanted != key:
            self._wanted = key
            self._draw_in_thread(key, width, height)
        if self._built is not None:
            return self._built[1]
        return Text(DRAWING, style=chart_colours(self.app.theme_variables, self.app.current_theme.dark)[0].hex)

    @work(thread=True, group="figures-chart")
    def _draw_in_thread(self, key: object, width: int, height: int) -> None:
        with self._lock:
            if key != self._wanted:
                return  # something newer is wanted: drawn by the thread started for it
            text = self._draw(width, height)
        try:
            self.app.call_from_thread(self._drawn, key, text)
        except RuntimeError:
            pass  # the app has stopped: nothing to show it on

    def _drawn(self, key: object, text: Text) -> None:
        if key == self._wanted:
            self._built = (key, text)
            self.refresh()

    def _draw(self, width: int, height: int) -> Text:
        colours = self.colours
        muted = chart_colours(self.app.theme_variables, self.app.current_theme.dark)[0]
        if not any(line.points for line in self.series):
            return Text("No scenario cites a figure yet.", style=muted.hex)
        # The legend gives way to the plot on a small pane: first its key, then the series'
        # names (the Figures screen's list heads each series with its colour as well).
        legend: list[Text] = []
        for with_key in (True, False):
            lines = self._legend(width, colours, muted, with_key)
            if height - len(lines) >= _COMFORTABLE_ROWS:
                legend = lines
                break
        plot_rows = height - len(legend)
        if width < 20 or plot_rows < _MIN_PLOT_ROWS:
            return Text("Too small for the chart.", style=muted.hex)
        # Too low for it under the plot (the Figures screen at 60x20): the series' names beside it.
        beside = [] if legend else self._side_legend(width, height, colours, muted)
        plot_width = width - (max(line.cell_len for line in beside) + 1 if beside else 0)
        text = Text.from_ansi(self._plot_text(plot_width, plot_rows, colours), no_wrap=True, overflow="crop")
        if beside:
            rows = text.split("\n", allow_blank=True)
            for row, line in zip(rows[1:], beside):  # from the first row inside the plot's frame
                row.set_length(plot_width)
                row.append(" ")
                row.append_text(line)
            text = Text("\n", no_wrap=True).join(rows)
        for line in legend:
            text.append("\n")
            text.append_text(line)
        text.no_wrap = True
        return text

    def _side_legend(self, width: int, height: int, colours: list[Color], muted: Color) -> list[Text]:
        """Each series' name in its colour, one a row, cut to a column beside a plot still
        _SIDE_PLOT_MIN wide; none where that column would be too narrow to read."""
        items = [Text.assemble((f"{POINT_MARK} ", colour.hex), visible(line.series.label)) for line, colour in zip(self.series, colours) if line.points]
        column = min(max(item.cell_len for item in items), width - 1 - _SIDE_PLOT_MIN)
        rows = height - 3  # beside the plot's inside: not its frame, nor the years under it
        if column < _SIDE_MIN or rows < 1:
            return []
        if len(items) > rows:
            items = items[: rows - 1] + [Text(f"+{len(items) - rows + 1} more", style=muted.hex)]
        for item in items:
            item.truncate(column, overflow="ellipsis")
        return items

    def _plot_text(self, width: int, rows: int, colours: list[Color]) -> str:
        muted, guide, highlight = chart_colours(self.app.theme_variables, self.app.current_theme.dark)
        plt = self.plt
        plt.clear_figure()
        plt.plotsize(width, rows)
        plt._set_size(width, rows)  # as PlotextPlot.render does: plotsize alone does not always resize
        plt.theme("clear")
        plt.canvas_color("default")
        plt.axes_color("default")
        plt.ticks_color(_rgb(muted))

        points = [point for line in self.series for point in line.points]
        value: Callable[[int], float] = math.log10 if self.log_scale else float
        low = min(point.low for point in points)
        high = max(point.high for point in points)
        plot_rows = rows - 3  # the frame's two lines and the years
        if self.log_scale:
            bottom, top = _floor_nice(low), _ceil_nice(high)
            ticks = _nice_values(bottom, top, plot_rows)
        else:
            top = max(high, 1)
            step = _step(top, max(plot_rows // 2, 1))
            bottom, top = 0, step * math.ceil(top / step)
            ticks = list(range(0, top + 1, step))
        plt.ylim(value(bottom), value(top))
        plt.yticks([value(t) for t in ticks], [f"{t:,}" for t in ticks])

        first = min(point.x.year for point in points)
        last = max(point.x.year for point in points) + 1
        label_width = max(len(f"{t:,}") for t in ticks) if ticks else 1
        cells_per_year = max(width - label_width - 2, 1) / (last - first)
        every = next((k for k in _YEAR_STEPS if cells_per_year * k >= 6), _YEAR_STEPS[-1])
        years = list(range(first, last, every))
        plt.xlim(first, last)
        plt.xticks(years, [str(year) for year in years])

        # A faint vertical line finds the selected point (or the highlighted scenario) at a glance.
        for date in (self.guide, self.selected.x if self.selected else None):
            if date is not None:
                plt.vline(year_position(date), _rgb(guide))
        for line, colour in zip(self.series, colours):
            rgb = _rgb(colour)
            joined = _single_dates(line.points)
            for before, after in zip(joined, joined[1:]):
                xs = [year_position(before.x), year_position(after.x)]
                plt.plot(xs, [value(before.low), value(after.low)], marker=JOIN_MARK, color=rgb)
                if before.is_range or after.is_range:
                    plt.plot(xs, [value(before.high), value(after.high)], marker=JOIN_MARK, color=rgb)
            # One plotext call per run of single points, not per point: 2,600 calls took seconds on
            # each move of the selection; plotext draws a call's points in order, so the chart is the same.
            for is_range, run in groupby(line.points, key=lambda point: point.is_range):
                if is_range:
                    for point in run:
                        self._point(point, rgb, value)
                else:
                    singles = list(run)
                    self.plt.scatter([year_position(p.x) for p in singles], [value(p.low) for p in singles], marker=POINT_MARK, color=rgb)
        if self.selected is not None:
            self._point(self.selected, _rgb(highlight), value, SELECTED_MARK)
        return plt.build().rstrip("\n")

    def _point(self, point: FigurePoint, rgb: tuple[int, int, int], value: Callable[[int], float], mark: str = POINT_MARK) -> None:
        x = year_position(point.x)
        if point.is_range:
            self.plt.plot([x, x], [value(point.low), value(point.high)], marker=RANGE_MARK, color=rgb)
        else:
            self.plt.scatter([x], [value(point.low)], marker=mark, color=rgb)

    def _legend(self, width: int, colours: list[Color], muted: Color, with_key: bool) -> list[Text]:
        items = [Text.assemble((f"{POINT_MARK} ", colour.hex), visible(line.series.label)) for line, colour in zip(self.series, colours)]
        if with_key:
            key = [f"{POINT_MARK} a figure", f"{RANGE_MARK} a range, low to high"]
            if not self.compact:
                key += [f"{SELECTED_MARK} the selected point", f"{JOIN_MARK * 3} one figure per date, joined"]
            if self.guide is not None:
                key.append("│ the highlighted scenario")
            items.extend(Text(entry, style=muted.hex) for entry in key)
        lines: list[Text] = []
        for item in items:
            if lines and lines[-1].cell_len + 3 + item.cell_len <= width:
                lines[-1].append("   ")
                lines[-1].append_text(item)
            else:
                lines.append(item.copy())
        for line in lines:
            line.truncate(width, overflow="ellipsis")
        return lines
