"""An option list for thousands of lazily built options (LazyPrompt): measured without being built.

Textual 8.2.8's OptionList measures every option on each layout (its height for the screen's
layout, then its lines for scrolling); each measure read the list's wrapping rules again, which
Textual resolves at each read. Here the rules are read once per measure of the whole list.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import OptionList

from .lazy_prompt import LazyPrompt


class LongOptionList(OptionList):
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        with LazyPrompt.one_layout(self.styles):
            return super().get_content_height(container, viewport, width)

    def _update_lines(self) -> None:
        # OptionList's own (private in Textual 8.2.8): where it measures the options it has not yet.
        with LazyPrompt.one_layout(self.styles):
            super()._update_lines()
