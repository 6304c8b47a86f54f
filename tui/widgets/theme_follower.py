"""Widgets that bake the theme's colours into what they draw, and redraw when the theme changes."""

from __future__ import annotations

from textual.theme import Theme
from textual.widget import Widget


class FollowsTheme(Widget):
    """Calls `restyle` once a new theme is applied in full.

    Not from `notify_style_update`: Textual calls that before it refreshes the widget's
    component styles, so styles resolved there are the old theme's, and Textual's style
    cache then keeps them (muted text turned invisible on a light theme that way).
    """

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def on_unmount(self) -> None:
        # Textual 8.2.8's Signal holds each subscriber through its callback until the next publish,
        # and a theme is seldom changed: every closed view's lists stayed alive, with their rows
        # (7,000 actors' summaries at each close of the actors view at 1,000 scenarios).
        self.app.theme_changed_signal.unsubscribe(self)

    def _theme_changed(self, theme: Theme) -> None:
        self.restyle()

    def restyle(self) -> None:
        """Redraw with the styles of the theme now applied."""
