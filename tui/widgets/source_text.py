"""A whole source document, wrapped to the pane, with every quoted passage highlighted.

Drawn line by line (the Line API) so a long document costs only the lines on
screen, and hopping between passages repaints without rebuilding any widget.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import ClassVar

from rich.cells import cell_len, get_character_cell_size
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content, Span
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from ..corpus.crossref import Passage, passage_at
from ..literal_text import shown

_PASSAGE = "source-text--passage"
_CURRENT = "source-text--current"
_FOUND = "source-text--found"


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """[start, end) of each display line: paragraphs split on newlines, then at spaces to fit `width` cells."""
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        end = offset + len(paragraph)
        pos = offset
        if pos == end:
            lines.append((pos, pos))
        while pos < end:
            cut = min(end, pos + width)
            if cell_len(text[pos:cut]) > width:  # wide characters: count cell by cell
                cut, cells = pos, 0
                while cut < end and cells + get_character_cell_size(text[cut]) <= width:
                    cells += get_character_cell_size(text[cut])
                    cut += 1
                cut = max(cut, pos + 1)
            if cut >= end:
                lines.append((pos, end))
                break
            space = text.rfind(" ", pos, cut + 1)
            if space > pos:
                lines.append((pos, space))
                pos = space + 1
            else:  # one word longer than the line: break inside it
                lines.append((pos, cut))
                pos = cut
        offset = end + 1
    return lines


class SourceText(ScrollView, can_focus=True):
    HELP_TITLE: ClassVar[str] = "Document"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "scroll_down", "Scroll down", id="source-text.down", show=False),
        Binding("up", "scroll_up", "Scroll up", id="source-text.up", show=False),
        Binding("pagedown,space", "page_down", "Page down", id="source-text.page-down", show=False),
        Binding("pageup", "page_up", "Page up", id="source-text.page-up", show=False),
        Binding("home", "scroll_home", "Top", id="source-text.home", show=False),
        Binding("end", "scroll_end", "Bottom", id="source-text.end", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {_PASSAGE, _CURRENT, _FOUND}

    class PassageClicked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""
        self._passages: list[Passage] = []
        self._current: int | None = None
        self._found: tuple[int, int] | None = None  # a span asked for that no quote covers exactly (a search result)
        self._at_found = False  # whether the view stays on the found span rather than the current passage
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._wrapped_at = -1
        self._styles: tuple[Style, Style, Style, Style] | None = None
        self._strips: dict[int, Strip] = {}

    def set_document(self, text: str, passages: list[Passage], current: int | None, found: tuple[int, int] | None = None) -> None:
        self._text = shown(text)
        self._passages = passages
        self._current = current
        self._found, self._at_found = found, found is not None
        self._wrapped_at = -1
        self._rewrap()

    @property
    def current(self) -> int | None:
        return self._current

    @property
    def found(self) -> tuple[int, int] | None:
        return self._found

    def set_current(self, index: int | None) -> None:
        self._current = index
        self._at_found = False
        self._strips.clear()
        self.refresh()
        self.scroll_to_current()

    def scroll_to_current(self) -> None:
        if self._at_found and self._found is not None:
            start, end = self._found
        elif self._current is not None:
            start, end = self._passages[self._current].start, self._passages[self._current].end
        else:
            return
        if not self._lines:
            return
        first = self.line_of(start)
        last = self.line_of(max(start, end - 1))
        middle = (first + last) // 2
        top = max(0, min(first, middle - self.scrollable_content_region.height // 2))
        self.scroll_to(y=top, animate=False, immediate=True)

    def line_of(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._strips.clear()

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._wrapped_at:
            return
        self._wrapped_at = width
        self._lines = wrap_offsets(self._text, width)
        self._starts = [start for start, _ in self._lines]
        self._strips.clear()
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()
        self.call_after_refresh(self.scroll_to_current)

    def _resolve_styles(self) -> tuple[Style, Style, Style, Style]:
        if self._styles is None:
            # Resolved in full (not as ".component" spans) so the highlight keeps its background.
            self._styles = (
                self.get_visual_style(),
                self.get_visual_style(_PASSAGE),
                self.get_visual_style(_CURRENT),
                self.get_visual_style(_FOUND),
            )
        return self._styles

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base, passage_style, current_style, found_style = self._resolve_styles()
        number = y + scroll_y
        if number >= len(self._lines):
            return Strip.blank(width, base.rich_style)
        strip = self._strips.get(number)
        if strip is None:
            strip = self._strips[number] = self._render_wrapped(number, base, passage_style, current_style, found_style)
        return strip.crop_extend(scroll_x, scroll_x + width, base.rich_style)

    def _render_wrapped(self, number: int, base: Style, passage_style: Style, current_style: Style, found_style: Style) -> Strip:
        start, end = self._lines[number]
        spans: list[Span] = []
        for index, passage in enumerate(self._passages):
            if passage.start >= end:
                break
            if passage.end > start:
                style = current_style if index == self._current else passage_style
                spans.append(Span(max(passage.start, start) - start, min(passage.end, end) - start, style))
        # The current passage is drawn last so it wins where passages overlap.
        spans.sort(key=lambda span: span.style is current_style)
        if self._found is not None and self._found[0] < end and self._found[1] > start:
            # What the reader came for (a search result) is drawn over any passage.
            spans.append(Span(max(self._found[0], start) - start, min(self._found[1], end) - start, found_style))
        content = Content(self._text[start:end], spans)
        return Strip(content.render_segments(base))

    def on_click(self, event: events.Click) -> None:
        number = event.y + self.scroll_offset.y
        if not 0 <= number < len(self._lines):
            return
        start, end = self._lines[number]
        column, cells, offset = event.x + self.scroll_offset.x, 0, start
        while offset < end and cells + get_character_cell_size(self._text[offset]) <= column:
            cells += get_character_cell_size(self._text[offset])
            offset += 1
        index = passage_at(self._passages, offset)
        if index is not None:
            self.post_message(self.PassageClicked(index))
