"""The colour of each figure series, shared by the chart, its legend and the list of points.

Taken from the theme's text colours (made to be read on its background), so the lines
follow the theme; colours too close to one taken already are skipped, and a corpus with
more series than the theme has colours gets evenly spaced hues at a readable lightness.

The chart mixes colours (a line on its pane, a guide between axis and background), so
it needs each as red, green and blue. A theme variable is not always one: Textual
writes a colour with an alpha as "colour 50%", and the ANSI themes name colours the
terminal chooses ("ansi_blue", and "ansi_default" for the terminal's own foreground
and background, which has no value here at all). Those are read as what they stand
for: the alpha applied, an ANSI colour as its usual value, the terminal's default as
the usual foreground or background of a dark or light terminal.
"""

from __future__ import annotations

from typing import Mapping

from textual.color import Color, ColorParseError

_THEME_COLOURS = ("text-primary", "text-accent", "text-success", "text-error", "text-secondary", "text-warning")
_GOLDEN = 0.381966  # a fraction of the hue circle that keeps successive hues far apart
_MIN_DISTANCE = 90.0  # in RGB units: closer than this, two lines read as one colour
_SURFACE = {True: "#1e1e1e", False: "#ffffff"}  # the usual background of a dark and a light terminal
_FOREGROUND = {True: "#e0e0e0", False: "#1e1e1e"}


def _distance(a: Color, b: Color) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(a.rgb, b.rgb)) ** 0.5)


def theme_colour(variables: Mapping[str, str], name: str, default: str) -> Color:
    """The theme variable `name` as a colour that can be mixed; `default` where it has no value of its own."""
    value = variables.get(name, default).strip()
    text, _, alpha = value.partition(" ")
    try:
        colour = Color.parse(text)
        if colour.ansi == -1 or colour.a == 0:  # the terminal's default colour, or none: nothing to mix
            colour = Color.parse(default)
        if alpha:
            colour = colour.multiply_alpha(float(alpha.removesuffix("%")) / 100)
    except (ColorParseError, ValueError):
        return Color.parse(default)
    return Color(colour.r, colour.g, colour.b, colour.a)  # as plain RGB: an ANSI colour does not blend


def series_colours(count: int, variables: Mapping[str, str], dark: bool) -> list[Color]:
    """`count` distinct colours for the series, in series order, for the theme with these variables."""
    surface = theme_colour(variables, "surface", _SURFACE[dark])
    chosen: list[Color] = []
    for name in _THEME_COLOURS:
        if name not in variables:
            continue
        colour = surface + theme_colour(variables, name, _FOREGROUND[dark])  # a colour with alpha, as it shows on the pane
        if all(_distance(colour, other) >= _MIN_DISTANCE for other in chosen + [surface]):
            chosen.append(colour)
    step = 0
    while len(chosen) < count:
        colour = Color.from_hsl((0.08 + step * _GOLDEN) % 1.0, 0.65, 0.65 if dark else 0.35)
        step += 1
        if all(_distance(colour, other) >= _MIN_DISTANCE for other in chosen) or step > 64:
            chosen.append(colour)
    return chosen[:count]


def chart_colours(variables: Mapping[str, str], dark: bool = True) -> tuple[Color, Color, Color]:
    """(axes and ticks, guide line, selected point) as they show on the chart's background."""
    surface = theme_colour(variables, "surface", _SURFACE[dark])
    foreground = theme_colour(variables, "foreground", _FOREGROUND[dark])
    muted = surface + theme_colour(variables, "foreground-muted", _FOREGROUND[dark] + "99")
    return muted, surface.blend(foreground, 0.3), surface + foreground
