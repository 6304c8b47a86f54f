"""An option list for thousands of lazily built options (LazyPrompt): measured without being built.

Textual 8.2.8's OptionList measures every option on each layout (its height for the screen's
layout, three or four times as a screen opens, then its lines for scrolling); each measure read
the list's wrapping rules again, which Textual resolves at each read. Here the rules are read once
per measure of the whole list, and the list's height is counted once per width and wrapping until
its options change.
"""

from __future__ import annotations

from typing import Iterable

from textual.geometry import Size
from textual.widgets import OptionList
from textual.widgets._option_list import OptionListContent  # not exported by Textual 8.2.8
from typing_extensions import Self

from .lazy_prompt import LazyPrompt


class LongOptionList(OptionList):
    def __init__(self, *content: OptionListContent, id: str | None = None) -> None:
        self._content_heights: dict[tuple[int, bool, int], int] = {}  # (width, cut, padding) -> lines
        super().__init__(*content, id=id)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        with LazyPrompt.one_layout(self.styles) as wrapping:
            key = (width, *wrapping)
            height = self._content_heights.get(key)
            if height is None:
                height = self._content_heights[key] = super().get_content_height(container, viewport, width)
            return height

    def _update_lines(self) -> None:
        # OptionList's own (private in Textual 8.2.8): where it measures the options it has not yet.
        with LazyPrompt.one_layout(self.styles):
            super()._update_lines()

    # Every change to the options goes through one of these three (Textual 8.2.8: set_options
    # adds, and removing or replacing an option clears the caches).
    def add_options(self, new_options: Iterable[OptionListContent]) -> Self:
        self._content_heights.clear()
        return super().add_options(new_options)

    def clear_options(self) -> Self:
        self._content_heights.clear()
        return super().clear_options()

    def _clear_caches(self) -> None:
        self._content_heights.clear()
        super()._clear_caches()
