"""The colour of each figure series, shared by the chart, its legend and the list of points.

Taken from the theme's text colours (made to be read on its background), so the lines
follow the theme; colours too close to one taken already are skipped, and a corpus with
more series than the theme has colours gets evenly spaced hues at a readable lightness.
"""

from __future__ import annotations

from typing import Mapping

from textual.color import Color

_THEME_COLOURS = ("text-primary", "text-accent", "text-success", "text-error", "text-secondary", "text-warning")
_GOLDEN = 0.381966  # a fraction of the hue circle that keeps successive hues far apart
_MIN_DISTANCE = 90.0  # in RGB units: closer than this, two lines read as one colour


def _distance(a: Color, b: Color) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(a.rgb, b.rgb)) ** 0.5)


def series_colours(count: int, variables: Mapping[str, str], dark: bool) -> list[Color]:
    """`count` distinct colours for the series, in series order, for the theme with these variables."""
    surface = Color.parse(variables.get("surface", "#1e1e1e" if dark else "#ffffff"))
    chosen: list[Color] = []
    for name in _THEME_COLOURS:
        value = variables.get(name)
        if value is None:
            continue
        colour = surface + Color.parse(value)  # a colour with alpha, as it shows on the pane
        if all(_distance(colour, other) >= _MIN_DISTANCE for other in chosen + [surface]):
            chosen.append(colour)
    step = 0
    while len(chosen) < count:
        colour = Color.from_hsl((0.08 + step * _GOLDEN) % 1.0, 0.65, 0.65 if dark else 0.35)
        step += 1
        if all(_distance(colour, other) >= _MIN_DISTANCE for other in chosen) or step > 64:
            chosen.append(colour)
    return chosen[:count]


def chart_colours(variables: Mapping[str, str]) -> tuple[Color, Color, Color]:
    """(axes and ticks, guide line, selected point) as they show on the chart's background."""
    surface = Color.parse(variables.get("surface", "#1e1e1e"))
    foreground = Color.parse(variables.get("foreground", "#e0e0e0"))
    muted = surface + Color.parse(variables.get("foreground-muted", "#e0e0e099"))
    return muted, surface.blend(foreground, 0.3), surface + foreground
