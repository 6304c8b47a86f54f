"""The figures chart: every cited number of the corpus, one line per series.

Series come in catalog order (scenarios/series.toml, then series defined in a scenario, in
scenario order); a series no figure uses is left out. Each point sits at its figure's `as_of`,
or at its scenario's date when the figure has none, and says which it is and whether that date is
stated or inferred. Points are sorted by that date, then by scenario, then by file order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from .load import Corpus
from .model import Basis, Quote, ScenarioFile, Series, troops_text
from .view_data import derived


@dataclass(frozen=True, slots=True)
class FigurePoint:
    series_id: str
    x: dt.date
    dated_by: Literal["as_of", "scenario"]
    basis: Basis  # how the date `x` is known
    low: int
    high: int  # equal to `low` for a single number
    label: str
    quote: Quote
    scenario_id: str
    index: int  # figure index in the scenario file

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def value_text(self) -> str:
        return troops_text([self.low, self.high] if self.is_range else self.low)


@dataclass(frozen=True, slots=True)
class FigureSeries:
    series: Series
    points: tuple[FigurePoint, ...]
    # Read off every point once, as the series is built (in the background after a load): the
    # Figures screen asks on its open and on each move, and 3,000 scenarios have 7,800 points.
    low: int = field(init=False)
    high: int = field(init=False)
    value_width: int = field(init=False)  # the widest value_text of its points
    years: tuple[int, int] | None = field(init=False)  # the first and last year of its points

    def __post_init__(self) -> None:
        points = self.points
        object.__setattr__(self, "low", min((point.low for point in points), default=0))
        object.__setattr__(self, "high", max((point.high for point in points), default=0))
        object.__setattr__(self, "value_width", max((len(point.value_text) for point in points), default=0))
        years = [point.x.year for point in points]
        object.__setattr__(self, "years", (min(years), max(years)) if years else None)


def figure_series(corpus: Corpus) -> list[FigureSeries]:
    points: dict[str, list[tuple[tuple[dt.date, int, int], FigurePoint]]] = {}
    valid = (entry.scenario for entry in corpus.scenarios if entry.scenario)
    for rank, scenario in enumerate(valid):
        meta = scenario.scenario
        for index, figure in enumerate(scenario.figures):
            low, high = (figure.value[0], figure.value[1]) if isinstance(figure.value, list) else (figure.value, figure.value)
            if figure.as_of is not None:
                x, dated_by, basis = figure.as_of, "as_of", figure.as_of_basis or "inferred"
            else:
                x, dated_by, basis = meta.date, "scenario", meta.date_basis
            point = FigurePoint(figure.series, x, dated_by, basis, low, high, figure.label, figure.quote, meta.id, index)
            points.setdefault(figure.series, []).append(((x, rank, index), point))
    return [
        FigureSeries(series, tuple(point for _, point in sorted(points[series_id], key=lambda pair: pair[0])))
        for series_id, series in corpus.series.items()
        if series_id in points
    ]


def corpus_figures(corpus: Corpus) -> list[FigureSeries]:
    """`figure_series(corpus)`, computed once per corpus (in the background after a load; see view_data.py)."""
    return derived(corpus, "figure series", figure_series)


def nearest_step(scenario: ScenarioFile, quote: Quote) -> int:
    """The step whose quotes lie closest to `quote` in the same document (0 when none quotes it).

    A figure belongs to no step; the step quoting the same words, or the nearest ones,
    is where the scenario tells what the number is about.
    """
    if quote.span is None:
        return 0
    start, end = quote.span
    best: tuple[int, int] | None = None
    for index, step in enumerate(scenario.steps):
        for other in step.quotes:
            if other.source != quote.source or other.span is None:
                continue
            gap = max(other.span[0] - end, start - other.span[1], 0)
            if best is None or gap < best[0]:
                best = (gap, index)
    return best[1] if best else 0
