"""The search screen's results: a header per scenario, then each hit with what and where it matched.

A virtual list (Textual's Line API), as the Actors list is: each row is a hit, or the header of the
scenario (or document) its hits are in. A hit takes two lines (three for a match through another
spelling of a name): what matched and where, then the surrounding text on one line with every
match marked. A header takes one line, two with the blank line before every group but the first.
The cursor skips the headers.

Every line is cut to the list's width, so every row's height is known without drawing it: a key
stores the hits and their first lines, and only the rows on screen are put together and drawn, each
once per look (plain, highlighted, under the mouse) until the results, the width or the theme change.
An OptionList made an option and measured it for every hit on each key, and laid out every line.

With no result to list, the list says a hint in its place (how to search, or that nothing matches):
the list stays on screen whatever is typed, so that results coming and going lay nothing out.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.content import Content, Span
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions

from ..corpus.control_chars import visible
from ..corpus.load import Corpus
from ..corpus.model import ScenarioFile
from ..corpus.search import Hit, HitGroup, SearchResults
from ..step_labels import KIND_MARK, STANCE_WORD, shorten, step_title
from .row_hover import RowHover
from .theme_follower import FollowsTheme
from ..corpus.counted import counted

_GROUP = ".search-result-list--group"
_COUNT = ".search-result-list--count"
_WHAT = ".search-result-list--what"
_WHERE = ".search-result-list--where"
_KIND = ".search-result-list--kind"
_VIA = ".search-result-list--via"
_UNCHECKED = ".search-result-list--unchecked"
_MATCH = "search-result-list--match"
_BADGES = ("search-result-list--public", "search-result-list--private", "search-result-list--reported")
# How a row is drawn: a header, the highlighted hit, the hit under the mouse, or none of these ("").
_HEADER = "search-result-list--header"
_HIGHLIGHTED = "search-result-list--highlighted"
_HOVER = "search-result-list--hover"
_HINT = "search-result-list--hint"
# How the hint is drawn in the list's place: as a Static with a padding of 1 2 would draw it.
_HINT_RULES = {"text_wrap": "wrap", "text_overflow": "fold"}
_INDENT = 3  # the excerpt and the "via" line sit under the label, a little in
WHAT = {"summary": "Summary", "quote": "Quote", "source": "Document"}


class HitKey(NamedTuple):
    """What a hit is, whatever the query: keeps the reader's place when the corpus reloads."""

    kind: str
    scenario_id: str | None
    holder: str | None
    index: int | None
    quote_index: int | None
    source_id: str | None
    start: int


def hit_key(hit: Hit) -> HitKey:
    return HitKey(hit.kind, hit.scenario_id, hit.holder, hit.index, hit.quote_index, hit.source_id, hit.snippet_start)


class SearchResultList(ScrollView, RowHover, FollowsTheme, can_focus=False):
    """The hits of one search. The query's input keeps the focus; the screen moves the cursor here."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(name[1:] for name in (_GROUP, _COUNT, _WHAT, _WHERE, _KIND, _VIA, _UNCHECKED)),
        _MATCH,
        *_BADGES,
        _HEADER,
        _HIGHLIGHTED,
        _HOVER,
        _HINT,
    }

    class Chosen(Message):
        """A click chose the hit `hit` (the screen opens it, as enter does)."""

        def __init__(self, listing: SearchResultList, hit: Hit) -> None:
            super().__init__()
            self.listing = listing
            self.hit = hit

        @property
        def control(self) -> SearchResultList:
            return self.listing

    def __init__(self, hint: Content, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.results: SearchResults | None = None
        # Shown when there is no result, in the list's place: the list stays on screen, so that
        # results coming or going lay nothing out (a widget shown or hidden lays the screen out).
        self._hint: Content | None = hint
        self._hint_strips: list[Strip] = []
        self._corpus: Corpus | None = None
        self._scenarios: dict[str, ScenarioFile] = {}
        self._hits: list[Hit | None] = []  # one per row; None for a scenario header
        self._groups: list[HitGroup] = []  # the group of every header row, by row
        self._tops: list[int] = []  # the first line of every row
        self._lines = 0
        self._highlighted: int | None = None
        self._styles: dict[str, Style] = {}
        # Put together and drawn when first shown, until the results, the width or the look change.
        self._prompts: dict[int, list[Content]] = {}  # a row's lines
        self._strips: dict[tuple[int, str], list[Strip]] = {}
        self._drawn_width = 0

    # -- what the screen uses ------------------------------------------------------

    def show_results(self, results: SearchResults, corpus: Corpus, keep: HitKey | None = None) -> None:
        """List the hits, the cursor on the first; or, given `keep`, on that hit if it is still found, else at the same place."""
        if corpus is not self._corpus:
            self._corpus = corpus
            self._scenarios = {e.scenario.scenario.id: e.scenario for e in corpus.scenarios if e.scenario is not None}
        self.results = results
        self._hint = None
        self._build(keep)

    def show_hint(self, hint: Content) -> None:
        """No result to list: say `hint` instead (wrapped to the width, cut at the bottom)."""
        self.results = None
        self._hint, self._hint_strips = hint, []
        self._set_rows([], [], [], 0)
        self._highlighted = None

    @property
    def option_count(self) -> int:
        """How many rows: every header and every hit."""
        return len(self._hits)

    @property
    def highlighted(self) -> int | None:
        """The row of the highlighted hit, if any."""
        return self._highlighted

    @highlighted.setter
    def highlighted(self, row: int | None) -> None:
        if row is not None:
            row = max(0, min(row, len(self._hits) - 1)) if self._hits else None
        if row != self._highlighted:
            self._highlighted = row
            self.refresh()
        if row is not None and self._hits[row] is not None:
            self.scroll_to_highlight()

    @property
    def current(self) -> Hit | None:
        if self._highlighted is None or self._highlighted >= len(self._hits):
            return None
        return self._hits[self._highlighted]

    @property
    def hits(self) -> list[Hit]:
        return [hit for hit in self._hits if hit is not None]

    def is_header(self, row: int) -> bool:
        return self._hits[row] is None

    def line_of(self, row: int) -> int:
        """The first line of row `row`, from the top of the list (not of the view)."""
        return self._tops[row]

    def prompt(self, row: int) -> Content:
        """The text of one row as drawn (a header or a hit)."""
        return Content("\n").join(self._row_lines(row))

    def _row_lines(self, row: int) -> list[Content]:
        if (lines := self._prompts.get(row)) is None:
            if not self._styles:
                self._styles = self._resolve_styles()
            width = self._width()
            hit = self._hits[row]
            if hit is None:
                lines = self._header(self._groups[row], width, first=row == 0)
            else:
                lines = self._prompt(hit, width)
            self._prompts[row] = lines
        return lines

    def move(self, delta: int) -> None:
        """The next or previous hit, round from the last to the first, as an OptionList's cursor goes."""
        count = len(self._hits)
        if not count:
            return
        if self._highlighted is None:
            rows = range(count) if delta > 0 else range(count - 1, -1, -1)
        else:
            step = 1 if delta > 0 else -1
            rows = range(self._highlighted + step, self._highlighted + step * (count + 1), step)
        self.highlighted = next((row % count for row in rows if self._hits[row % count] is not None), self._highlighted)

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_page_up(self) -> None:
        self._move_page(-1)

    def scroll_to_highlight(self) -> None:
        row = self._highlighted
        if row is None or not self.is_mounted:
            return
        if not self.scrollable_content_region.height:
            self.call_after_refresh(self.scroll_to_highlight)  # not laid out yet: its height is not known
            return
        top = self._tops[row]
        self.scroll_to_region(
            Region(0, top, self.scrollable_content_region.width, self._height(row)), force=True, animate=False, immediate=True
        )

    # -- rows ----------------------------------------------------------------------

    def _height(self, row: int) -> int:
        end = self._tops[row + 1] if row + 1 < len(self._tops) else self._lines
        return end - self._tops[row]

    def _row_at_line(self, line: int) -> int | None:
        if not 0 <= line < self._lines:
            return None
        return bisect_right(self._tops, line) - 1

    def _move_page(self, direction: int) -> None:
        """About a screenful up or down, onto the hit there (or the nearest past it), as an OptionList pages."""
        hits = self._hits
        if not hits:
            return
        if self._highlighted is None:
            self.move(-direction)  # the last hit for a page down, the first for a page up
            return
        line = self._tops[self._highlighted] + direction * self.scrollable_content_region.height
        row = self._row_at_line(max(0, min(line, self._lines - 1)))
        assert row is not None
        rows = range(row, len(hits)) if direction > 0 else range(row, -1, -1)
        self.highlighted = next((r for r in rows if hits[r] is not None), None)

    def _set_rows(self, hits: list[Hit | None], groups: list[HitGroup], tops: list[int], lines: int) -> None:
        self._hits, self._groups, self._tops, self._lines = hits, groups, tops, lines
        self._prompts.clear()
        self._strips.clear()
        self._hover = None
        self._set_virtual_size()
        self.refresh()

    def _set_virtual_size(self) -> None:
        size = Size(self.scrollable_content_region.width, self._lines)
        if size != self.virtual_size:
            # Not through the reactive, which lays the whole screen out: the list's own size does not
            # follow its lines (the stylesheet sizes it), only its scrollbar does, which this updates,
            # asking for a layout only when the scrollbar comes or goes (as an OptionList does).
            self.set_reactive(SearchResultList.virtual_size, size)
            self._scroll_update(size)

    def _build(self, keep: HitKey | None) -> None:
        results = self.results
        if results is None:
            return
        previous = self._highlighted
        hits: list[Hit | None] = []
        groups: list[HitGroup] = []  # by row: a hit's row holds its group too, which no one reads
        tops: list[int] = []
        line = 0
        chosen: int | None = None
        for number, group in enumerate(results.groups):
            tops.append(line)
            hits.append(None)
            groups.append(group)
            line += 1 + (number > 0)  # a blank line before every group but the first
            for hit in group.hits:
                if chosen is None and keep is not None and hit_key(hit) == keep:
                    chosen = len(hits)
                tops.append(line)
                hits.append(hit)
                groups.append(group)
                line += 2 + (hit.via is not None)
        self._set_rows(hits, groups, tops, line)
        if chosen is None and keep is not None and previous is not None and hits:
            chosen = min(previous, len(hits) - 1)
            if hits[chosen] is None:  # a header: the hit under it
                chosen += 1
        if chosen is None and len(hits) > 1:
            chosen = 1  # the first hit, under the first header
        self._highlighted = None
        self.highlighted = chosen

    # -- mouse ---------------------------------------------------------------------

    def _row_count(self) -> int:
        return len(self._hits)

    def on_click(self, event: events.Click) -> None:
        row = self._row_at(event)
        if row is None:
            return
        event.stop()
        hit = self._hits[row]
        if hit is not None:  # a header is not a result: a click on it does nothing
            self.highlighted = row
            self.post_message(self.Chosen(self, hit))

    # -- drawing -------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self._width() != self._drawn_width:
            self._prompts.clear()
            self._strips.clear()
        self._set_virtual_size()
        self.scroll_to_highlight()

    def _forget_looks(self) -> None:
        """Drop the styles resolved and the rows drawn with them: the next draw resolves and puts them together again."""
        self._styles = {}
        self._prompts.clear()
        self._strips.clear()
        self._hint_strips = []

    def notify_style_update(self) -> None:
        # A style's change (the list shown again, a pseudo-class) may change the look the rows were drawn in,
        # and the styles their text's spans were resolved to.
        self._forget_looks()
        super().notify_style_update()

    def restyle(self) -> None:
        # Highlights and badges carry a background, which a ".component" span cannot: they are
        # resolved in full, so a theme change puts the rows together again with the new colours.
        if self.is_mounted:
            self._forget_looks()
            self.refresh()

    def _width(self) -> int:
        return self.scrollable_content_region.width

    def _resolve_styles(self) -> dict[str, Style]:
        # Every class a row's text names, resolved once: a name in a span is looked up on each draw.
        named = {name: self.get_visual_style(name[1:], partial=True) for name in (_GROUP, _COUNT, _WHAT, _WHERE, _KIND, _VIA, _UNCHECKED)}
        return named | {name: self.get_visual_style(name) for name in (_MATCH, *_BADGES)}

    def _look(self, row: int) -> str:
        if self._hits[row] is None:
            return _HEADER
        if row == self._highlighted:
            return _HIGHLIGHTED
        return _HOVER if row == self._hover else ""

    def render_line(self, y: int) -> Strip:
        width = self._width()
        if self._hint is not None:
            return self._hint_line(y, width)
        line = self.scroll_offset.y + y
        row = self._row_at_line(line)
        if row is None:
            return Strip.blank(width, self.get_visual_style().rich_style)
        return self._row_strips(row, self._look(row), width)[line - self._tops[row]]

    def _hint_line(self, y: int, width: int) -> Strip:
        if width != self._drawn_width:
            self._hint_strips = []
            self._drawn_width = width
        style = self.get_visual_style(_HINT)
        if not self._hint_strips and self._hint is not None:
            # A line above and a cell before it, and one less to wrap in: the list's own padding is 0 1
            # and its gutter one cell, so the hint's text lies where a Static's with a padding of 1 2 would.
            options = RenderOptions(self._get_style, _HINT_RULES, None, None)  # type: ignore[arg-type]
            lines = self._hint.render_strips(max(width - 1, 1), None, style, options)
            indent = Strip.blank(1, style.rich_style)
            self._hint_strips = [Strip.blank(width, style.rich_style)] + [
                Strip.join([indent, line]).extend_cell_length(width, style.rich_style) for line in lines
            ]
        if y < len(self._hint_strips):
            return self._hint_strips[y]
        return Strip.blank(width, style.rich_style)

    def _row_strips(self, row: int, look: str, width: int) -> list[Strip]:
        if width != self._drawn_width:
            self._prompts.clear()
            self._strips.clear()
            self._drawn_width = width
        if (strips := self._strips.get((row, look))) is None:
            style = self.get_visual_style(*([look] if look else []))
            # Each line is cut to the width already: its segments are made straight from its spans, not
            # through Content.render_strips (Textual 8.2.8), which wraps, aligns and gives every segment
            # its own offset for text selection (which a Line-API list has not), about 1 ms a row.
            # Every segment carries the row, for the mouse (RowHover).
            meta = RichStyle.from_meta({"row": row})
            rich: dict[Style, RichStyle] = {}
            strips = []
            for line in self._row_lines(row):
                segments = []
                for text, text_style in line.render(style, end=""):
                    if (drawn := rich.get(text_style)) is None:
                        drawn = rich[text_style] = (style + text_style).rich_style + meta  # the base twice, as to_strip has it
                    segments.append(Segment(text, drawn))
                strips.append(Strip(segments, line.cell_length).extend_cell_length(width, style.rich_style + meta))
            self._strips[(row, look)] = strips
        return strips

    def _header(self, group: HitGroup, width: int, *, first: bool) -> list[Content]:
        styles = self._styles
        year = f"{group.year} · " if group.year is not None else ""
        title = group.title if group.scenario_id is not None else f"{group.title} (a document no scenario lists)"
        count = Content.styled(f"  {counted(len(group.hits), 'result')}", styles[_COUNT])
        # A long title gives way to the count, which is cut only on a terminal too narrow for both.
        heading = Content.styled(f"{year}{visible(title)}", styles[_GROUP]).truncate(max(width - count.cell_length, 12), ellipsis=True)
        heading = (heading + count).truncate(width, ellipsis=True)
        return [heading] if first else [Content(""), heading]  # a blank line before every group but the first

    def _prompt(self, hit: Hit, width: int) -> list[Content]:
        styles = self._styles
        # A quote its document could not be checked against says so before where it is, so a cut line keeps it.
        unchecked = ("✖ not checked · ", styles[_UNCHECKED]) if hit.quote is not None and hit.quote.span is None else ""
        what = Content.assemble((f"{WHAT[hit.kind]:<9}", styles[_WHAT]), unchecked)
        label = (what + Content.assemble(*self._where(hit, width - what.cell_length))).truncate(width, ellipsis=True)
        line, marks = hit.excerpt(max(width - _INDENT, 10))
        excerpt = Content(" " * _INDENT + line, [Span(a + _INDENT, b + _INDENT, self._styles[_MATCH]) for a, b in marks])
        excerpt = excerpt.truncate(width, ellipsis=True)  # wide characters: the excerpt counts characters, not cells
        lines = [label, excerpt]
        if hit.via is not None:
            lines.append(Content.styled(f"{' ' * _INDENT}matched via {visible(hit.via)}", styles[_VIA]).truncate(width, ellipsis=True))
        return lines

    def _where(self, hit: Hit, room: int) -> list[str | tuple[str, str | Style]]:
        """Where the hit is: its step (kind, stance, actor), option or figure; or its document and how far
        in (in `room` cells, where a long title of a document gives way to how far in)."""
        corpus = self._corpus
        assert corpus is not None
        if hit.kind == "source":
            doc = corpus.sources.get(hit.source_id or "")
            if doc is None:
                return [(hit.source_id or "", self._styles[_WHERE])]
            through = round(100 * (hit.offset or 0) / max(len(doc.text or ""), 1))
            after = f" · {through}% into the document"
            name = shorten(visible(doc.meta.outlet or doc.meta.title), max(room - len(after), 12))
            return [(name, self._styles[_WHERE]), after]
        scenario = self._scenarios.get(hit.scenario_id or "")
        if scenario is None or hit.index is None:
            return []
        count = ""
        if hit.holder == "step":
            step = scenario.steps[hit.index]
            if hit.kind == "quote" and len(step.quotes) > 1 and hit.quote_index is not None:
                count = f" · quote {hit.quote_index + 1} of {len(step.quotes)}"
            if step.kind == "pressure" and step.stance:
                badge: tuple[str, str | Style] = (f" {STANCE_WORD[step.stance]} ", self._styles[f"search-result-list--{step.stance}"])
            else:
                badge = (step.kind.upper(), self._styles[_KIND])
            return [
                f"Step {hit.index + 1} ",
                (f"{KIND_MARK[step.kind]} ", self._styles[_KIND]),
                badge,
                " ",
                (step_title(step, corpus.actors), self._styles[_WHERE]),
                count,
            ]
        if hit.holder == "option":
            option = scenario.options[hit.index]
            if hit.quote_index is not None and len(option.quotes) > 1:
                count = f" · quote {hit.quote_index + 1} of {len(option.quotes)}"
            return ["Option ", (f"“{visible(option.label)}”", self._styles[_WHERE]), count]
        figure = scenario.figures[hit.index]
        return ["Figure ", (f"“{visible(figure.label)}”", self._styles[_WHERE])]
