"""An option list for thousands of options, where opening and laying out cost a screenful, not the list.

Textual 8.2.8's OptionList holds every option as an object, and measures every option on each
layout (its height for the screen's layout, three or four times as a screen opens, then its lines
for scrolling). At 3,000 scenarios the stance gaps' and the figures' lists hold 7,000 options, and
making and measuring them was most of their open, though a screen shows twenty.

`show_rows` lists options that are made only when read (`RowOptions`): for each row the list is
told only its height in lines, so the list's height, its line table and its scrolling come from
those heights, and an option (and its prompt) is made when drawn, highlighted or clicked. The
heights are the ones Textual would measure only when the list cuts its lines rather than wrap
them (text-wrap: nowrap with an ellipsis), so that is what a list of rows needs; a list that wraps
measures each made option as OptionList does.

Options given as objects (`set_options`, `add_options`) are measured as OptionList does, without
building a lazy prompt whose lines all fit (LazyPrompt), with the list's wrapping rules read once
per measure of the whole list, and the list's height counted once per width and wrapping until its
options change.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import Callable, Iterable, Iterator, Mapping, Sequence, overload

from textual.geometry import Size
from textual.widgets import OptionList
from textual.widgets._option_list import OptionListContent, _LineCache  # not exported by Textual 8.2.8
from textual.widgets.option_list import Option
from typing_extensions import Self

from .lazy_prompt import LazyPrompt


class RowOptions(Sequence[Option]):
    """A list's options, each made by `make(index)` when first read and kept."""

    def __init__(self, count: int, make: Callable[[int], Option], made: Callable[[Option, int], None]) -> None:
        self._count = count
        self._make = make
        self._made = made  # told of each option as it is made (the list's index of options)
        self._options: dict[int, Option] = {}

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Option: ...
    @overload
    def __getitem__(self, index: slice) -> list[Option]: ...
    def __getitem__(self, index: int | slice) -> Option | list[Option]:
        if isinstance(index, slice):
            return [self[number] for number in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        option = self._options.get(index)
        if option is None:
            option = self._options[index] = self._make(index)
            self._made(option, index)
        return option

    def __iter__(self) -> Iterator[Option]:
        return (self[index] for index in range(self._count))

    @property
    def made(self) -> int:
        """How many options have been made so far."""
        return len(self._options)

    def clear(self) -> None:
        # OptionList.set_options and clear_options clear the list they hold (Textual 8.2.8).
        self._count = 0
        self._options.clear()


class _Lines(Sequence[tuple[int, int]]):
    """OptionList's table of lines, (option, line of the option) for each line, read off where
    each option starts rather than kept a tuple per line."""

    def __init__(self, starts: Sequence[int]) -> None:
        self._starts = starts  # the first line of each option, then the line count

    def __len__(self) -> int:
        return self._starts[-1]

    @overload
    def __getitem__(self, y: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, y: slice) -> list[tuple[int, int]]: ...
    def __getitem__(self, y: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(y, slice):
            return [self[line] for line in range(*y.indices(len(self)))]
        if y < 0:
            y += len(self)
        if not 0 <= y < len(self):
            raise IndexError(y)
        index = bisect_right(self._starts, y) - 1
        return index, y - self._starts[index]

    def clear(self) -> None:
        pass  # read off the heights, which change only with the options


class _Starts(Mapping[int, int]):
    """For each option, its first line (or, with `heights`, its height)."""

    def __init__(self, starts: Sequence[int], heights: bool) -> None:
        self._starts = starts
        self._heights = heights

    def __getitem__(self, index: int) -> int:
        if not 0 <= index < len(self._starts) - 1:
            raise KeyError(index)
        return self._starts[index + 1] - self._starts[index] if self._heights else self._starts[index]

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self)))

    def clear(self) -> None:
        pass


class _RowLines(_LineCache):
    """OptionList's line cache for rows of known heights: nothing to count, nothing to forget."""

    def __init__(self, heights: Sequence[int]) -> None:
        starts = [0, *accumulate(heights)]
        super().__init__(_Lines(starts), _Starts(starts, True), _Starts(starts, False))  # type: ignore[arg-type]


class LongOptionList(OptionList):
    def __init__(self, *content: OptionListContent, id: str | None = None) -> None:
        self._content_heights: dict[tuple[int, bool, int], int] = {}  # (width, cut, padding) -> lines
        self._row_lines: _RowLines | None = None  # while the options are rows of known heights
        super().__init__(*content, id=id)

    def show_rows(self, heights: Sequence[int], make: Callable[[int], Option]) -> None:
        """List one option per height in `heights` (its lines, cut to the width), option `index`
        made by `make(index)` only when it is read. Nothing is highlighted: the caller says what."""
        self.set_options(())
        self._options = RowOptions(len(heights), make, self._option_to_index.__setitem__)  # type: ignore[assignment]
        self._row_lines = _RowLines(heights)
        self._content_heights.clear()
        if self.is_mounted:
            self.refresh(layout=self.styles.auto_dimensions)
            self._update_lines()

    @property
    def made_options(self) -> int:
        """How many of the options have been made (all of them, unless they are rows)."""
        options = self._options
        return options.made if isinstance(options, RowOptions) else len(options)

    def _rows_cut(self) -> bool:
        """Whether the rows' heights are their lines: the list cuts its lines rather than wrap them."""
        return self._row_lines is not None and LazyPrompt._wrapping(self.styles)[0]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self._rows_cut():
            assert self._row_lines is not None
            return len(self._row_lines.lines)
        with LazyPrompt.one_layout(self.styles) as wrapping:
            key = (width, *wrapping)
            height = self._content_heights.get(key)
            if height is None:
                height = self._content_heights[key] = super().get_content_height(container, viewport, width)
            return height

    def _update_lines(self) -> None:
        # OptionList's own (private in Textual 8.2.8): where it measures the options it has not yet.
        if self._rows_cut():
            assert self._row_lines is not None
            if not self.scrollable_content_region:
                return
            self._line_cache = self._row_lines
            virtual_size = Size(self.scrollable_content_region.width - self._get_left_gutter_width(), len(self._row_lines.lines))
            if virtual_size != self.virtual_size:
                self.virtual_size = virtual_size
                self._scroll_update(virtual_size)
            return
        if isinstance(self._line_cache, _RowLines):
            self._line_cache = _LineCache()  # the rows are measured one by one, as OptionList does
        with LazyPrompt.one_layout(self.styles):
            super()._update_lines()

    # Every change to the options goes through one of these three (Textual 8.2.8: set_options
    # adds, and removing or replacing an option clears the caches).
    def add_options(self, new_options: Iterable[OptionListContent]) -> Self:
        self._content_heights.clear()
        self._leave_rows()
        return super().add_options(new_options)

    def clear_options(self) -> Self:
        self._content_heights.clear()
        self._leave_rows()
        return super().clear_options()

    def _leave_rows(self) -> None:
        """Options given as objects: back to OptionList's own list and line cache."""
        if self._row_lines is not None:
            self._options = [*self._options]
            self._row_lines = None
            self._line_cache = _LineCache()

    def _clear_caches(self) -> None:
        self._content_heights.clear()
        super()._clear_caches()
