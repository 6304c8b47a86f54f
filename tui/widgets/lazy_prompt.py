"""An option list's prompt that is built only when it is drawn.

Textual 8.2.8's OptionList measures the height of every option when it is filled (it wraps each
prompt to count its lines), and the lists of a large corpus build every prompt to be measured:
7,000 stance-gap options took seconds to open, though a screen shows twenty. Given the plain text
of each of its lines (cheap: no styles, no wrapping), a prompt whose lines all fit the width (or are
cut, not wrapped, by the list's style) is as many lines high as it has lines, without being built; only one that does not fit is built to be
measured, so what is shown, wrapping included, is the same as with the prompt built in full.
"""

from __future__ import annotations

from typing import Callable, Sequence

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class LazyPrompt(Visual):
    __slots__ = ("_build", "_lines", "_content", "_height")

    def __init__(self, build: Callable[[], Content], lines: Sequence[str]) -> None:
        """`build()` makes the prompt; `lines` are its lines' plain text."""
        self._build: Callable[[], Content] | None = build
        self._lines = lines
        self._content: Content | None = None
        self._height: tuple[bool, int, int, int] | None = None  # (cut, width, room, height) last counted

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
        cut = rules.get("text_wrap", "wrap") == "nowrap" and rules.get("text_overflow", "fold") != "fold"
        room = width - rules.get("line_pad", 0) * 2
        # Textual asks again on each layout (five times per option as a list of 7,800 opened):
        # counted once per width.
        if self._height is not None and self._height[:3] == (cut, width, room):
            return self._height[3]
        if all("\t" not in line and (cut or cell_len(line) <= room) for line in self._lines):
            height = len(self._lines)
        else:
            height = self.content.get_height(rules, width)
        self._height = (cut, width, room, height)
        return height
