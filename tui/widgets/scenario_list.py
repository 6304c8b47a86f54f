"""The home screen's time line of scenarios: one card per scenario file, in date order.

Before the corpus is checked, a card shows a first look at its file (year, title,
question) with "checking…" where the counts and any error badge will go.

The cards are options of one OptionList, each a two-column grid (the year, then the
text wrapped under itself), not a widget each: the list is part of the first frame,
and thirty small widgets cost more to style than the rest of that frame.
"""

from __future__ import annotations

import bisect
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Sequence

from rich._wrap import divide_line  # Rich's line breaking, which Text.wrap uses (not exported)
from rich.cells import cell_len
from rich.control import strip_control_codes
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.css.styles import RulesMap
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import RenderOptions, RichVisual
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import DuplicateID, Option

from ..corpus.control_chars import visible
from ..corpus.counted import counted
from .theme_follower import FollowsTheme
from ..step_labels import CARD_TEXT_LIMIT, one_line

if TYPE_CHECKING:
    from ..corpus.first_look import Glimpse
    from ..corpus.live import CatalogRow, Row

_STYLES = ("year", "year-muted", "title", "muted", "badge", "checking")
# The year column (4 cells) and the gap after it (2): the text column is the rest.
_TEXT_OFFSET = 6
_NARROW = 20  # below this many cells a card is drawn to know its height


class _Card(RichVisual):
    """A card made (a Rich table) only when it is drawn, whose height comes from wrapping its text
    column alone, once per width.

    Textual 8.2.8's OptionList asks every option for its height whenever its options are set,
    and a Rich table answers by rendering itself: about 2 ms a card, seconds for a corpus of
    thousands listed in batches. Wrapping the text is an eighth of that, and each width is
    asked once; the lines drawn are held to that height, so a miscount could never index past them.
    Making the table and its texts for every card was in turn a tenth of the explorer's work before
    a first open's counts (1,000 cards, a screenful shown): the height needs only the plain text.
    """

    def __init__(self, widget: Widget, build: Callable[[], Table], lines: list[str]) -> None:
        """`build()` makes the table; `lines` are its text column's lines, as Rich's Text holds them."""
        # RichVisual's own __init__ would need the table made.
        self._widget = widget
        self._build = build
        self._table: Table | None = None
        self._measurement = None
        self._lines = lines
        self._widest = max(map(cell_len, lines), default=0)
        self._heights: dict[int, int] = {}

    @property
    def _renderable(self) -> Table:  # type: ignore[override]  # what RichVisual draws and measures
        if self._table is None:
            self._table = self._build()
        return self._table

    @property
    def is_built(self) -> bool:
        return self._table is not None

    def get_height(self, rules: RulesMap, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            if width < _NARROW:
                height = super().get_height(rules, width)  # Rich squeezes the year column too: render it
            elif self._widest <= width - _TEXT_OFFSET:
                height = len(self._lines) + 1  # no line wraps (the usual case), and the blank line after
            else:
                lines = wrapped_height(self._lines, width - _TEXT_OFFSET)
                if lines is None:  # a tab's width depends on where it falls: Rich wraps it
                    lines = len(Text("\n".join(self._lines)).wrap(self._widget.app.console, width - _TEXT_OFFSET))
                height = lines + 1
            self._heights[width] = height
        return height

    def render_strips(self, width: int, height: int | None, style: VisualStyle, options: RenderOptions) -> list[Strip]:
        strips = super().render_strips(width, height, style, options)
        lines = self.get_height({}, width) if height is None else height  # type: ignore[arg-type]
        if len(strips) < lines:
            strips += [Strip.blank(width, style.rich_style)] * (lines - len(strips))
        return strips[:lines]


def wrapped_height(lines: Sequence[str], width: int) -> int | None:
    """How many lines Rich's `Text.wrap` makes of Texts of `lines` joined by newlines, counted without
    making them.

    When the home screen's chart joins after a load, or the terminal is resized, every card is
    measured at the new width: through `Text.wrap`, which builds each wrapped line as a Text, that
    was two thirds of a resize at 3,000 cards (2.2 s of 3.2 s, profiled). The count is what Rich's own line breaking
    (`rich._wrap.divide_line`, which `Text.wrap` calls) gives, asked only of the lines too long to fit.
    None for a text with a tab, whose width depends on where it falls.
    """
    plain = "\n".join(lines)
    if "\t" in plain:
        return None
    # Joined, the lines wrap by the joining Text's rules (Text.join copies the separator's): fold.
    return sum(1 if cell_len(part) <= width else len(divide_line(part, width, fold=True)) + 1 for part in plain.split("\n"))


def _why(row: Row) -> str:
    """What the errors of a scenario that opens are about: quotes its documents could not check."""
    from ..corpus.checks import UNCHECKED

    unchecked = sum(d.code == UNCHECKED for d in row.current.diagnostics)
    if not unchecked or row.held:
        return ""
    if unchecked == sum(d.is_error for d in row.current.diagnostics):
        return f": {counted(unchecked, 'quote')} not checked (a document cannot be read)"
    return f", {unchecked} of them quotes not checked (a document cannot be read)"


def _card_key(item: Row | CatalogRow | Glimpse) -> object:
    """What a card is drawn from: the same key, the same card."""
    from ..corpus.first_look import Glimpse

    if isinstance(item, Glimpse):
        return item  # frozen: equal glimpses are the same text
    # What a checked card shows: its scenario's listing (kept with its entry until the entry is given
    # another scenario; the card cache holds the item, so its id is not reused while the key is kept),
    # its diagnostics and whether it is held.
    view = item.view
    listing = view.entry.listing if view is not None else None
    return (item.path, id(listing), tuple(item.current.diagnostics), item.held)


class ScenarioList(OptionList, FollowsTheme):
    BINDINGS: ClassVar[list[BindingType]] = [
        # The home screen's: it opens the scenario as the key is run (DrawdownApp.open_now).
        Binding("enter", "screen.open", "Open", id="scenarios.open", tooltip="Open the highlighted scenario"),
        Binding("down,j", "cursor_down", "Next scenario", id="scenarios.down", show=False),
        Binding("up,k", "cursor_up", "Previous scenario", id="scenarios.up", show=False),
        Binding("home", "first", "First scenario", id="scenarios.first", show=False),
        Binding("end", "last", "Last scenario", id="scenarios.last", show=False),
    ]
    HELP_TITLE: ClassVar[str] = "Scenario list"
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"scenario-list--{name}" for name in _STYLES}

    def __init__(self, items: Sequence[Row | CatalogRow | Glimpse] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: list[Row | CatalogRow | Glimpse] = list(items)
        self._styles: dict[str, Style] = {}
        # Each card's option, kept while its item is listed: a batch of new rows costs only the new cards.
        self._cards: dict[object, tuple[object, Option]] = {}
        self._measured_at: int | None = None  # the width place_rows last measured cards at
        self._drawn_at: int | None = None  # the width the cards were last drawn at

    def on_mount(self) -> None:
        self._rebuild()

    def restyle(self) -> None:
        # Rich styles are resolved when the cards are built: a new theme needs new cards.
        if self.is_mounted and self._items and self._resolve_styles() != self._styles:
            self._rebuild()

    def set_rows(self, rows: Sequence[Row | CatalogRow | Glimpse]) -> None:
        """Replace the cards (checked rows, or a first look), keeping the highlight on the same file,
        at the same place on screen: rows read while the reader looks come in above and below it."""
        current = self.highlighted_path
        paths = [row.path for row in rows]
        index = paths.index(current) if current in paths else min(self.highlighted or 0, max(len(rows) - 1, 0))
        offset = self._highlight_offset()
        self._items = list(rows)
        self._rebuild(keep_cards=True)
        self.highlighted = index if rows else None
        self._pin_highlight(offset)

    def place_rows(self, rows: Sequence[Row | CatalogRow], order: Callable[[Row | CatalogRow | Glimpse], Any]) -> None:
        """Put `rows` among the cards, each where `order` puts it (the cards are in that order already),
        in place of the card of the same file if there is one (its first look), and leave every other
        card as it is: a batch costs its own cards and the lines after the first of them, not a re-listing.
        The highlight stays on the same file, at the same place on screen."""
        if not rows:
            return
        current = self.highlighted_path
        offset = self._highlight_offset()
        placed = {row.path for row in rows}
        items = self._items
        first = len(items)
        replaced = [index for index, item in enumerate(items) if item.path in placed]
        if replaced:
            for index in replaced:
                self._cards.pop(_card_key(items[index]), None)
            first = replaced[0]
            items = [item for item in items if item.path not in placed]
        # Each item's place asked once, not at each comparison of each row's search (ten a row at 1,000).
        places = [order(item) for item in items]
        for place, row in sorted(((order(row), row) for row in rows), key=lambda placed: placed[0]):
            index = bisect.bisect_right(places, place)
            places.insert(index, place)
            items.insert(index, row)
            first = min(first, index)
        self._items = items
        self._relist_from(first)
        paths = self.paths
        self.highlighted = paths.index(current) if current in paths else min(self.highlighted or 0, len(items) - 1)
        self._pin_highlight(offset)

    def _relist_from(self, first: int) -> None:
        """The options from `first` on made again from the items, the cards before it left alone.

        Textual 8.2.8's OptionList can only add options at its end (set_options starts from nothing,
        and measures every card again; add_options measures each card it adds, through the visual and
        the styles). Its own tables are cut back to `first` here and put back from the items, each card
        that only moved keeping the height it was measured at: a batch measures only its own cards."""
        options = self._options
        listed = len(options)
        cache = self._line_cache
        region = self.scrollable_content_region
        width = region.width - self._get_left_gutter_width() - self.get_component_styles("option-list--option").padding.width
        start = cache.index_to_line.get(first)
        if start is None and first == len(options) and (first == 0 or cache.heights.get(first - 1) is not None):
            start = len(cache.lines)  # every card measured, and these go after the last
        if width != self._measured_at:
            start = None  # a scroll bar came or went (no resize is sent for it): every card measured again
        kept_heights = {options[index]: cache.heights[index] for index in range(first, len(options)) if index in cache.heights} if start is not None and region else {}
        for option in options[first:]:
            del self._option_to_index[option]
            if option._id is not None:
                del self._id_to_option[option._id]
        del options[first:]
        for item in self._items[first:]:
            key = _card_key(item)
            card = self._cards.get(key)
            if card is None:
                card = self._cards[key] = (item, Option(self._card_visual(item), id=str(item.path)))
            option = card[1]
            if option._id in self._id_to_option:
                raise DuplicateID(f"two cards for {option._id}")
            self._option_to_index[option] = len(options)
            self._id_to_option[option._id] = option  # type: ignore[index]
            options.append(option)
        if first < listed or start is None:
            # A card's drawing carries its index (for clicks): the cards that moved are drawn again
            # (and all of them at a new width).
            self._option_render_cache.clear()
        for table in (cache.heights, cache.index_to_line):
            for index in [index for index in table if index >= first]:
                del table[index]
        if start is None or not region:
            cache.clear()  # never measured, or only up to before `first`: measured afresh
        else:
            del cache.lines[start:]
            # Measured as OptionList._update_lines measures a card (the cards have no dividers).
            line = start
            for index in range(first, len(options)):
                option = options[index]
                height = kept_heights.get(option)
                if height is None:
                    height = self._get_visual(option).get_height(self.styles, width)
                cache.index_to_line[index] = line
                cache.heights[index] = height
                cache.lines.extend([(index, offset) for offset in range(height)])
                line += height
        self.refresh(layout=self.styles.auto_dimensions)
        self._update_lines()  # the virtual size, from the lines
        self._measured_at = width

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual 8.2.8 draws a frame at a widget's new size before the widget has its Resize: the
        # cards, measured and drawn at the old width, were cut at the new one (the chart joining the
        # home screen), and on a busy machine that frame could stay. Measured again here instead.
        # (A scroll bar that comes or goes changes the width too, with no Resize at all.) The
        # highlighted card stays where it was on screen, as on a resize.
        width = self.scrollable_content_region.width
        if width != self._drawn_at:
            if self._drawn_at is not None:
                offset = self._highlight_offset()
                self._option_render_cache.clear()
                self._line_cache.clear()
                self._pin_highlight(offset)
            self._drawn_at = width
        return super().render_lines(crop)

    def _on_resize(self) -> None:
        # Narrower (the home screen's chart joins once the corpus is in), cards wrap onto more lines:
        # the highlighted one stays where it was on screen.
        # Measured once per width: a frame drawn before this Resize came may have measured them already
        # (render_lines), and a change of height alone changes no card's lines.
        width = self.scrollable_content_region.width
        if width == self._drawn_at:
            return
        offset = self._highlight_offset()
        super()._on_resize()
        self._drawn_at = width
        self._pin_highlight(offset)

    def _pin_highlight(self, offset: int | None) -> None:
        index = self.highlighted
        if offset is None or index is None or not self.is_mounted:
            return
        line = self._index_to_line.get(index)
        if line is not None:
            self.scroll_to(y=max(0, line - offset), animate=False, immediate=True)

    def _highlight_offset(self) -> int | None:
        """How far below the top of the view the highlighted card starts, when it is in view."""
        index = self.highlighted
        if index is None or not self.is_mounted or not self.scrollable_content_region:
            return None
        line = self._index_to_line.get(index)
        if line is None:
            return None
        offset = line - round(self.scroll_y)
        return offset if 0 <= offset < self.scrollable_content_region.height else None

    def _rebuild(self, keep_cards: bool = False) -> None:
        styles = self._resolve_styles()
        if not keep_cards or styles != self._styles:
            self._cards.clear()
        self._styles = styles
        highlighted = self.highlighted
        cards: dict[object, tuple[object, Option]] = {}
        for item in self._items:
            key = _card_key(item)
            card = self._cards.get(key) or (item, Option(self._card_visual(item), id=str(item.path)))
            cards[key] = card
        self._cards = cards
        self.set_options(cards[_card_key(item)][1] for item in self._items)
        if self._items:
            self.highlighted = min(highlighted or 0, len(self._items) - 1)

    def _card_visual(self, item: Row | CatalogRow | Glimpse) -> _Card:
        return self._card(item)

    def _resolve_styles(self) -> dict[str, Style]:
        return {name: self.get_component_rich_style(f"scenario-list--{name}", partial=True) for name in _STYLES}

    @property
    def highlighted_item(self) -> Row | CatalogRow | Glimpse | None:
        index = self.highlighted
        return self._items[index] if index is not None and 0 <= index < len(self._items) else None

    @property
    def highlighted_path(self) -> Path | None:
        item = self.highlighted_item
        return item.path if item is not None else None

    @property
    def highlighted_row(self) -> Row | CatalogRow | None:
        """The highlighted scenario once checked; None during the first look."""
        from ..corpus.first_look import Glimpse  # not live.Row: that would import pydantic

        item = self.highlighted_item
        return None if isinstance(item, Glimpse) else item

    @property
    def paths(self) -> list[Path]:
        return [item.path for item in self._items]

    def action_first(self) -> None:
        if self._items:
            self.highlighted = 0

    def action_last(self) -> None:
        if self._items:
            self.highlighted = len(self._items) - 1

    # -- cards -------------------------------------------------------------------------

    def _card(self, item: Row | CatalogRow | Glimpse) -> _Card:
        from ..corpus.first_look import Glimpse

        if isinstance(item, Glimpse):
            return self._glimpse_card(item)
        from ..corpus.live import CatalogRow  # once checked, the data layer is loaded

        if isinstance(item, CatalogRow):
            return self._catalog_card(item)
        return self._row_card(item)

    def _catalog_card(self, row: CatalogRow) -> _Card:
        errors = [d for d in row.report.diagnostics if d.is_error]
        lines = [
            (visible(errors[0].format()), "title"),
            ("A shared file: the scenarios that draw on it fail until it is fixed. Open it to see every error.", "muted"),
            (f"✖ {counted(len(errors), 'error')}", "badge"),
        ]
        return self._grid("!", "year-muted", lines)

    def _grid(self, year: str, year_style: str, lines: list[tuple[str, str]]) -> _Card:
        """A card of `lines` (each a text and the name of its style) beside `year`."""
        return _Card(self, partial(self._table, year, year_style, lines), [strip_control_codes(text) for text, _ in lines])

    def _table(self, year: str, year_style: str, lines: list[tuple[str, str]]) -> Table:
        # The styles when drawn (a new theme makes new cards: restyle).
        styles = self._styles
        grid = Table.grid(padding=(0, 2, 0, 0))
        grid.add_column(width=4, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(year, styles[year_style]), Text("\n").join(Text(text, styles[style]) for text, style in lines))
        grid.add_row()  # a blank line between cards (OptionList leaves out an option's vertical padding)
        return grid

    def _glimpse_card(self, glimpse: Glimpse) -> _Card:
        lines = [(one_line(glimpse.title or glimpse.path.name), "title")]
        if glimpse.question:
            lines.append((one_line(glimpse.question, CARD_TEXT_LIMIT), "muted"))
        lines.append(("checking…", "checking"))
        return self._grid(str(glimpse.date.year) if glimpse.date else "—", "year", lines)

    def _row_card(self, row: Row) -> _Card:
        errors = sum(d.is_error for d in row.current.diagnostics)
        badge = f"✖ {counted(errors, 'error')}{_why(row)}"
        if row.view is None:
            lines = [
                (visible(row.path.name), "title"),
                ("This file has errors and no good version to show: open it to see them.", "muted"),
                (badge, "badge"),
            ]
            return self._grid("—", "year-muted", lines)
        listing = row.view.entry.listing  # not its model, which may be rebuilt after the cards are listed
        assert listing is not None
        counts = " · ".join([counted(listing.actors, "actor"), counted(listing.steps, "step"), counted(listing.quotes, "quote")])
        lines = [(one_line(listing.title), "title"), (one_line(listing.question, CARD_TEXT_LIMIT), "muted"), (counts, "muted")]
        if row.held:
            badge += " in the saved file - showing the last good version"
        if errors:
            lines.append((badge, "badge"))
        return self._grid(str(listing.date.year), "year", lines)
