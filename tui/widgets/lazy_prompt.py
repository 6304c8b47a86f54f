"""An option list's prompt that is built only when it is drawn.

Textual 8.2.8's OptionList measures the height of every option when it is filled (it wraps each
prompt to count its lines), and the lists of a large corpus build every prompt to be measured:
7,000 stance-gap options took seconds to open, though a screen shows twenty. Given the plain text
of each of its lines (cheap: no styles, no wrapping), a prompt whose lines all fit the width (or are
cut, not wrapped, by the list's style) is as many lines high as it has lines, without being built; only one that does not fit is built to be
measured, so what is shown, wrapping included, is the same as with the prompt built in full.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, ClassVar, Iterator, Sequence

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class LazyPrompt(Visual):
    __slots__ = ("_build", "_lines", "_content", "_tabbed", "_widest", "_built_height")
    # The wrapping rules of the list being laid out, read once for all its options (see one_layout).
    _layout_rules: ClassVar[tuple[object, bool, int] | None] = None

    @classmethod
    @contextmanager
    def one_layout(cls, rules: RulesMap) -> Iterator[tuple[bool, int]]:
        """While a list measures its options with `rules`, read the rules once, not per option:
        Textual 8.2.8 resolves a style at each read, and three reads per option for a list of
        7,800 were most of its layout. Gives (cut, padding), as _wrapping."""
        previous = cls._layout_rules
        wrapping = cls._wrapping(rules)
        cls._layout_rules = (rules, *wrapping)
        try:
            yield wrapping
        finally:
            cls._layout_rules = previous

    @staticmethod
    def _wrapping(rules: RulesMap) -> tuple[bool, int]:
        """Whether lines are cut rather than wrapped, and the padding each side of a line."""
        cut = rules.get("text_wrap", "wrap") == "nowrap" and rules.get("text_overflow", "fold") != "fold"
        return cut, rules.get("line_pad", 0)

    def __init__(self, build: Callable[[], Content], lines: Sequence[str]) -> None:
        """`build()` makes the prompt; `lines` are its lines' plain text."""
        self._build: Callable[[], Content] | None = build
        self._lines = lines
        self._content: Content | None = None
        # Whether a line has a tab (its width then known only built), and the widest line's cells:
        # each counted on the first layout that needs it.
        self._tabbed: bool | None = None
        self._widest: int | None = None
        self._built_height: tuple[bool, int, int] | None = None  # (cut, width, height) of the built prompt, last counted

    @property
    def content(self) -> Content:
        if self._content is None:
            assert self._build is not None
            self._content, self._build = self._build(), None
        return self._content

    @property
    def is_built(self) -> bool:
        return self._content is not None

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.content.render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        # As Content.get_height counts (Textual 8.2.8): a line is one line high when it is not
        # wrapped (nowrap, cut rather than folded) or when it fits; only then is it known unbuilt.
        layout = LazyPrompt._layout_rules
        cut, pad = layout[1:] if layout is not None and layout[0] is rules else self._wrapping(rules)
        room = width - pad * 2
        # Textual asks on each layout, at the list's width and at its width less the scroll bar
        # (five times per option as a list of 7,800 opened): the lines are counted once, not per ask.
        tabbed = self._tabbed
        if tabbed is None:
            tabbed = self._tabbed = any("\t" in line for line in self._lines)
        if not tabbed:
            if cut:
                return len(self._lines)  # cut lines are one line each, however wide: nothing to count
            if self._widest is None:
                self._widest = max(map(cell_len, self._lines), default=0)
            if self._widest <= room:
                return len(self._lines)
        if self._built_height is not None and self._built_height[:2] == (cut, width):
            return self._built_height[2]
        height = self.content.get_height(rules, width)
        self._built_height = (cut, width, height)
        return height
