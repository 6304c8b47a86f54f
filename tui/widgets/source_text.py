"""A whole source document, wrapped to the pane, with every quoted passage highlighted.

Drawn line by line (the Line API) so a long document costs only the lines on
screen, and hopping between passages repaints without rebuilding any widget.

Text is selected here, by mouse drag or with keys (`v`, then shift+arrows), in offsets of
the document itself: a selection is what becomes a quote entry, character for character.
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
_SELECTED = "source-text--selected"


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
    # Textual's own selection needs offsets in every segment, which these strips do not carry;
    # this widget selects in document offsets itself (below), which is what a quote needs.
    ALLOW_SELECT: ClassVar[bool] = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "toggle_selection", "Select", id="source-text.select", tooltip="Select text from the current passage (shift+arrows extend it, v again clears it); the mouse selects by dragging"),
        Binding("shift+right", "extend_selection('word', 1)", "Select a word more", id="source-text.select-right", show=False, tooltip="Extend the selection by a word"),
        Binding("shift+left", "extend_selection('word', -1)", "Select a word less", id="source-text.select-left", show=False, tooltip="Move the selection's end back a word"),
        Binding("shift+down", "extend_selection('line', 1)", "Select a line more", id="source-text.select-down", show=False, tooltip="Extend the selection by a line"),
        Binding("shift+up", "extend_selection('line', -1)", "Select a line less", id="source-text.select-up", show=False, tooltip="Move the selection's end up a line"),
        Binding("down", "scroll_down", "Scroll down", id="source-text.down", show=False),
        Binding("up", "scroll_up", "Scroll up", id="source-text.up", show=False),
        Binding("pagedown,space", "page_down", "Page down", id="source-text.page-down", show=False),
        Binding("pageup", "page_up", "Page up", id="source-text.page-up", show=False),
        Binding("home", "scroll_home", "Top", id="source-text.home", show=False),
        Binding("end", "scroll_end", "Bottom", id="source-text.end", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {_PASSAGE, _CURRENT, _FOUND, _SELECTED}

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
        self._styles: tuple[Style, Style, Style, Style, Style] | None = None
        self._strips: dict[int, Strip] = {}
        self._anchor: int | None = None  # where the selection started; None when nothing is selected
        self._head = 0  # where it ends, moved by the keys or the mouse
        self._dragging = False
        self._dragged = False  # the last press moved before it was let go: a selection, not a click

    def set_document(self, text: str, passages: list[Passage], current: int | None, found: tuple[int, int] | None = None) -> None:
        self._text = shown(text)
        self._passages = passages
        self._current = current
        self._found, self._at_found = found, found is not None
        self._anchor = None
        self._wrapped_at = -1
        self._rewrap()

    @property
    def selection(self) -> tuple[int, int] | None:
        """[start, end) of the selected text, in document offsets; None when nothing is."""
        if self._anchor is None or self._anchor == self._head:
            return None
        return min(self._anchor, self._head), max(self._anchor, self._head)

    def select(self, start: int, end: int) -> None:
        self._anchor, self._head = start, end
        self._repaint()

    def clear_selection(self) -> None:
        self._anchor = None
        self._repaint()

    def action_toggle_selection(self) -> None:
        if self.selection is not None:
            self.clear_selection()
            return
        if self._at_found and self._found is not None:
            self.select(*self._found)
        elif self._current is not None:
            passage = self._passages[self._current]
            self.select(passage.start, passage.end)
        else:
            start = self._lines[self.scroll_offset.y][0] if self._lines else 0
            self.select(start, self._word_end(start))

    def action_extend_selection(self, unit: str, delta: int) -> None:
        if self._anchor is None:
            self.action_toggle_selection()
            return
        if unit == "word":
            self._head = self._word_end(self._head) if delta > 0 else self._word_start(self._head)
        else:
            line = min(max(self.line_of(self._head) + delta, 0), len(self._lines) - 1)
            column = self._head - self._lines[self.line_of(self._head)][0]
            start, end = self._lines[line]
            self._head = min(start + column, end)
        self._repaint()
        # Keep the moving end on screen.
        line, top, height = self.line_of(self._head), self.scroll_offset.y, self.scrollable_content_region.height
        if not top <= line < top + height:
            self.scroll_to(y=line if line < top else line - height + 1, animate=False, immediate=True)

    def _word_end(self, at: int) -> int:
        text = self._text
        while at < len(text) and text[at].isspace():
            at += 1
        while at < len(text) and not text[at].isspace():
            at += 1
        return at

    def _word_start(self, at: int) -> int:
        text = self._text
        while at > 0 and text[at - 1].isspace():
            at -= 1
        while at > 0 and not text[at - 1].isspace():
            at -= 1
        return at

    def _repaint(self) -> None:
        self._strips.clear()
        self.refresh()

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

    def _resolve_styles(self) -> tuple[Style, Style, Style, Style, Style]:
        if self._styles is None:
            # Resolved in full (not as ".component" spans) so the highlight keeps its background.
            self._styles = (
                self.get_visual_style(),
                self.get_visual_style(_PASSAGE),
                self.get_visual_style(_CURRENT),
                self.get_visual_style(_FOUND),
                self.get_visual_style(_SELECTED),
            )
        return self._styles

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base, passage_style, current_style, found_style, selected_style = self._resolve_styles()
        number = y + scroll_y
        if number >= len(self._lines):
            return Strip.blank(width, base.rich_style)
        strip = self._strips.get(number)
        if strip is None:
            strip = self._strips[number] = self._render_wrapped(number, base, passage_style, current_style, found_style, selected_style)
        return strip.crop_extend(scroll_x, scroll_x + width, base.rich_style)

    def _render_wrapped(
        self, number: int, base: Style, passage_style: Style, current_style: Style, found_style: Style, selected_style: Style
    ) -> Strip:
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
        selection = self.selection
        if selection is not None and selection[0] < end and selection[1] > start:
            spans.append(Span(max(selection[0], start) - start, min(selection[1], end) - start, selected_style))
        content = Content(self._text[start:end], spans)
        return Strip(content.render_segments(base))

    def _offset_at(self, x: int, y: int) -> int | None:
        """The document offset under a point of the widget, or None past the last line."""
        number = y + self.scroll_offset.y
        if not 0 <= number < len(self._lines):
            return None
        start, end = self._lines[number]
        column, cells, offset = x + self.scroll_offset.x, 0, start
        while offset < end and cells + get_character_cell_size(self._text[offset]) <= column:
            cells += get_character_cell_size(self._text[offset])
            offset += 1
        return offset

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = self._offset_at(event.x, event.y)
        if offset is None or event.button != 1:
            return
        self._dragging, self._dragged = True, False
        self._anchor = self._head = offset
        self.capture_mouse()
        self._repaint()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self._dragging:
            return
        offset = self._offset_at(event.x, max(0, event.y))
        if offset is not None and offset != self._head:
            self._head, self._dragged = offset, True
            self._repaint()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()

    def on_click(self, event: events.Click) -> None:
        if self._dragged:
            self._dragged = False
            return  # the end of a drag: the selection stays, no passage is chosen
        offset = self._offset_at(event.x, event.y)
        if offset is None:
            return
        index = passage_at(self._passages, offset)
        if index is not None:
            self.post_message(self.PassageClicked(index))
