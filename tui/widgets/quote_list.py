"""The scenario screen's side pane: each quote of the step, inside its passage, with its citation.

Drawn line by line (the Line API): a step's quotes are wrapped once, when the step
is shown, and moving the current quote repaints only the rows of the two quotes
involved. One quote is always current: it is what `o` opens and `c` copies.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from ..corpus.control_chars import visible
from ..corpus.crossref import date_text
from ..corpus.load import SourceDoc
from ..corpus.model import Quote
from ..corpus.quotes import passage_bounds
from ..literal_text import shown
from .handled_at_once import handle_now
from .line_pane import DrawnLines, LinePane
from .theme_follower import FollowsTheme
from ..step_labels import one_line

_QUOTED = "quote-list--quoted"
_MARKER = "quote-list--marker"
_MARKER_FOCUSED = "quote-list--marker-focused"
_CONTEXT = ".quote-list--context"
_CITATION = ".quote-list--citation"
_OUTLET = ".quote-list--outlet"
_OPINION = ".quote-list--opinion"
_UNCHECKED = ".quote-list--unchecked"
_GUTTER = 2  # the marker column and a space
_LEAD = 90  # at most this much of the passage before the quote, so the quoted words show in a small pane


def unchecked_note(doc: SourceDoc | None) -> str:
    """What a quote that could not be checked against its document says in place of its passage."""
    if doc is not None and doc.problem:
        return f"✖ not checked: {visible(doc.problem)}"
    return "✖ not checked: not located in the source"


def _lead_start(text: str, begin: int, start: int) -> int:
    """Where the shown passage starts: its sentence start, or a word boundary within _LEAD of the quote."""
    if start - begin <= _LEAD:
        return begin
    space = text.find(" ", start - _LEAD, start)
    return space + 1 if space >= 0 else start - _LEAD


class QuoteList(LinePane, FollowsTheme, can_focus=True):
    HELP_TITLE: ClassVar[str] = "Quotes pane"
    FOOTER_OWN_KEYS: ClassVar[bool] = True  # its arrows move between quotes (key_footer.OWN_KEYS)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next quote", id="quotes.down", show=False),
        Binding("up", "move(-1)", "Previous quote", id="quotes.up", show=False),
        Binding("home", "move_to(0)", "First quote", id="quotes.first", show=False),
        Binding("end", "move_to(-1)", "Last quote", id="quotes.last", show=False),
        Binding("pagedown", "page_down", "Page down", id="quotes.page-down", show=False),
        Binding("pageup", "page_up", "Page up", id="quotes.page-up", show=False),
        Binding("enter", "open", "Open in source", id="quotes.open", tooltip="Read the quote in its source document"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        _QUOTED,
        _MARKER,
        _MARKER_FOCUSED,
        _CONTEXT[1:],
        _CITATION[1:],
        _OUTLET[1:],
        _OPINION[1:],
        _UNCHECKED[1:],
    }

    class Highlighted(Message):
        """Another quote became current."""

    class Selected(Message):
        """The reader asked to open the current quote in its source."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.quotes: list[Quote] = []
        self._sources: dict[str, SourceDoc] = {}
        self._current = 0
        self._prompts: list[Content] = []
        self._blocks: list[tuple[int, int]] = []  # first line and line count of each quote
        self._strips: list[Strip] = []
        self._built_width = 0
        self._styles: tuple[Style, Style, Style, Style] | None = None
        # Quote lists drawn ahead of time (prepare), by the list's identity: the list itself,
        # its prompts, lines and blocks.
        self._drawn: DrawnLines[int, tuple[list[Quote], list[Content], list[Strip], list[tuple[int, int]]]] = DrawnLines()

    # -- what the screen uses ------------------------------------------------------

    def show_quotes(self, quotes: list[Quote], sources: dict[str, SourceDoc]) -> None:
        self.quotes, self._sources = quotes, sources
        self._current = 0
        self._prompts = []
        self._built_width = 0
        self._build()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def prepare(self, quotes: list[Quote], sources: dict[str, SourceDoc]) -> None:
        """Draw a list of quotes ahead of time, so that showing it costs a lookup, not a frame's worth of wrapping.

        The scenario screen calls this, once a step's frame is drawn, for the quotes of the
        step the reader is likely to go to next.
        """
        width = self.scrollable_content_region.width
        if width <= _GUTTER or self._drawn_lines(quotes, sources, width) is not None:
            return
        prompts = self._prompts_of(quotes, sources)
        self._drawn.at((sources,), width)[id(quotes)] = (quotes, prompts, *self._lines(prompts, width))

    def _drawn_lines(
        self, quotes: list[Quote], sources: dict[str, SourceDoc], width: int
    ) -> tuple[list[Quote], list[Content], list[Strip], list[tuple[int, int]]] | None:
        drawn = self._drawn.at((sources,), width).get(id(quotes))
        # The identity check matters: a list freed since could have left its id to another.
        return drawn if drawn is not None and drawn[0] is quotes else None

    @property
    def current(self) -> Quote | None:
        return self.quotes[self._current] if self.quotes else None

    @property
    def current_index(self) -> int:
        return self._current

    def prompt(self, index: int) -> Content:
        """The text of one quote as drawn: its passage, the quoted words styled, and its citation."""
        self._ensure_prompts()
        return self._prompts[index]

    def set_current(self, index: int) -> None:
        if not self.quotes:
            return
        index = max(0, min(index, len(self.quotes) - 1))
        if index == self._current:
            return
        previous, self._current = self._current, index
        for changed in (previous, index):
            if changed < len(self._blocks):
                self.refresh_lines(*self._blocks[changed])
        self._scroll_to_current()
        self.post_message(self.Highlighted())

    # -- keys and mouse ------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        self.set_current(self._current + delta)

    def action_move_to(self, index: int) -> None:
        self.set_current(index if index >= 0 else len(self.quotes) + index)

    def action_open(self) -> None:
        if self.quotes:
            handle_now(self, self.Selected())

    def on_click(self, event: events.Click) -> None:
        line = event.y + self.scroll_offset.y
        for index, (first, count) in enumerate(self._blocks):
            if first <= line < first + count:
                self.set_current(index)
                if event.chain >= 2:  # a double click opens it, as enter does
                    self.post_message(self.Selected())
                return

    # -- drawing -------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._build()

    def restyle(self) -> None:
        if self.is_mounted:
            # A theme change restyles the quoted words, which carry a resolved background.
            self._styles = None
            self._prompts = []
            self._drawn.clear()
            self._built_width = 0
            self._build()

    def _resolve_styles(self) -> tuple[Style, Style, Style, Style]:
        if self._styles is None:
            self._styles = (
                self.visual_style,
                self.get_visual_style(_QUOTED),
                self.get_visual_style(_MARKER, partial=True),
                self.get_visual_style(_MARKER_FOCUSED, partial=True),
            )
        return self._styles

    def _ensure_prompts(self) -> None:
        if len(self._prompts) != len(self.quotes):
            self._prompts = self._prompts_of(self.quotes, self._sources)

    def _prompts_of(self, quotes: list[Quote], sources: dict[str, SourceDoc]) -> list[Content]:
        quoted = self._resolve_styles()[1]
        return [self._prompt(quote, quoted, sources) for quote in quotes]

    def _build(self) -> None:
        width = self.scrollable_content_region.width
        if width <= _GUTTER or width == self._built_width:
            return
        self._built_width = width
        drawn = self._drawn_lines(self.quotes, self._sources, width)
        if drawn is not None:
            _, self._prompts, self._strips, self._blocks = drawn
        else:
            self._ensure_prompts()
            self._strips, self._blocks = self._lines(self._prompts, width)
        self.set_line_count(width, len(self._strips))
        self.refresh()

    def _lines(self, prompts: list[Content], width: int) -> tuple[list[Strip], list[tuple[int, int]]]:
        """The lines of these prompts at `width`, and where each quote's block starts and how many lines it takes."""
        base = self._resolve_styles()[0]
        strips: list[Strip] = []
        blocks: list[tuple[int, int]] = []
        rule = Visual.to_strips(self, Content.styled("─" * (width - _GUTTER), _CITATION), width - _GUTTER, 1, base)[0]
        for index, prompt in enumerate(prompts):
            strips.extend(self._before(index, len(strips), rule, base))
            lines = Visual.to_strips(self, prompt, width - _GUTTER, None, base, pad=True)
            blocks.append((len(strips), len(lines)))
            strips.extend(lines)
        return strips, blocks

    def _before(self, index: int, line: int, rule: Strip, base: Style) -> list[Strip]:
        """The lines drawn above quote `index`, which starts at `line`: a rule between quotes (a subclass adds headings)."""
        return [rule] if index else []

    def _scroll_to_current(self) -> None:
        if self._current < len(self._blocks):
            first, count = self._blocks[self._current]
            self.scroll_to_region(
                Region(0, first, self.scrollable_content_region.width, count),
                animate=False,
                immediate=True,
                top=count > self.scrollable_content_region.height,
            )

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base, _, marker, marker_focused = self._resolve_styles()
        number = y + scroll_y
        if number >= len(self._strips):
            return Strip.blank(width, base.rich_style)
        first, count = self._blocks[self._current] if self._blocks else (0, 0)
        if first <= number < first + count:
            bar = (base + (marker_focused if self.has_focus else marker)).rich_style
            gutter = Strip([Segment("▌", bar), Segment(" ", base.rich_style)], _GUTTER)
        else:
            gutter = Strip.blank(_GUTTER, base.rich_style)
        return Strip.join([gutter, self._strips[number]]).crop_extend(scroll_x, scroll_x + width, base.rich_style)

    def on_focus(self) -> None:
        self._refresh_current()

    def on_blur(self) -> None:
        self._refresh_current()

    def _refresh_current(self) -> None:
        if self._current < len(self._blocks):
            self.refresh_lines(*self._blocks[self._current])

    # -- what a quote says -----------------------------------------------------------

    def _prompt(self, quote: Quote, quoted: Style, sources: dict[str, SourceDoc]) -> Content:
        doc = sources.get(quote.source)
        if doc is None or doc.text is None or quote.span is None:
            passage = Content.assemble(("“", _CONTEXT), (shown(quote.text), quoted), ("” ", _CONTEXT), (unchecked_note(doc), _UNCHECKED))
        else:
            text = doc.text
            start, end = quote.span
            begin, finish = passage_bounds(text, start, end)
            lead = _lead_start(text, begin, start)
            passage = Content.assemble(
                ("…" if lead > begin else "", _CONTEXT),
                (shown(text[lead:start]), _CONTEXT),
                (shown(text[start:end]), quoted),
                (shown(text[end:finish]).rstrip(), _CONTEXT),
            )
        return Content("\n").join([passage, self._citation(quote, doc)])

    def _citation(self, quote: Quote, doc: SourceDoc | None) -> Content:
        if doc is None:
            return Content.styled(f"— unknown source '{one_line(quote.source)}'", _CITATION)
        meta = doc.meta
        parts: list[str | tuple[str, str]] = [("— ", _CITATION)]
        if meta.kind == "opinion":
            parts.append(("OPINION", _OPINION))
            parts.append((" · ", _CITATION))
        parts.append((one_line(meta.outlet) if meta.outlet else "no outlet named", _OUTLET))
        if meta.author:
            parts.append((f", {one_line(meta.author)}", _CITATION))
        title = f", “{one_line(meta.title)}”" + (" (descriptive title)" if meta.title_basis == "inferred" else "")
        parts.append((title, _CITATION))
        parts.append((f", {date_text(meta.published, meta.published_basis)}", _CITATION))
        return Content.assemble(*parts)
