"""The one-line bar at the top of every screen: where the reader is."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import Static

from ..corpus.control_chars import visible

# Below this width the bar leaves out "Drawdown" and tightens its separators, for the parts that matter.
COMPACT_BELOW = 80


class TitleBar(Static):
    """One line, cut with an ellipsis (app.tcss), however long a title a file gives it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: tuple[str, ...] = ()
        self._drawn: tuple[object, ...] | None = None  # (compact, parts) last drawn

    def set_path(self, *parts: str) -> None:
        """Show `Drawdown › part › part`; each part is file text, shown literally."""
        self._parts = parts
        self._draw()

    def on_resize(self, event: events.Resize) -> None:
        self._draw()

    def _draw(self) -> None:
        compact = 0 < self.outer_size.width < COMPACT_BELOW  # the terminal's width, padding and all
        if (compact, self._parts) == self._drawn:
            return  # a resize that keeps its form (the first comes after the first frame): nothing to draw again
        self._drawn = (compact, self._parts)
        separator = " › " if compact else "  ›  "
        pieces: list[str | tuple[str, str]] = [] if compact and self._parts else [("Drawdown", ".screen--strong")]
        for number, part in enumerate(self._parts):
            if pieces:
                pieces.append((separator, ".screen--faint"))
            pieces.append((visible(part), ".screen--strong") if compact and number == 0 else visible(part))
        # Laid out again only if its size follows its text: one line the screen's width (app.tcss) does not.
        # A layout lays out and draws the whole screen: the progress shown every 0.25 s while a corpus
        # loads cost a home screen's every card drawn again each time (profiled: a quarter of the
        # explorer's own time during a 1,000-file load).
        self.update(Content.assemble(*pieces), layout=self.styles.auto_dimensions)
