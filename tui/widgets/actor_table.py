"""The Actors list: one row per actor, with its side, its kind, and how much of the corpus names it.

A virtual list (Textual's Line API): the rows are plain data, and only the lines on screen are
drawn, each when it is shown. A DataTable built a row object and its cells for every actor on each
filter key, which at 3,000 scenarios (some 21,000 actors) took seconds; here a key costs the
filter and a screenful of lines, however many actors match, so every actor is listed.

Cells are Rich `Text` built from plain strings, never markup. The columns are laid out for the
table's width: a narrow table drops the kind (the preview under the list gives it) and shows the
years as a span, so the name keeps room to be read. The header stays put as the rows scroll.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple, Sequence, overload

from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..corpus.actor_paths import ActorSummary, years_text
from ..corpus.control_chars import visible
from ..step_labels import side_colour
from .row_hover import RowHover
from .theme_follower import FollowsTheme

_UNUSED = "actor-table--unused"
_MUTED = "actor-table--muted"
_MATCH = "actor-table--match"
_HEADER = "actor-table--header"
_CURSOR = "actor-table--cursor"
_HOVER = "actor-table--hover"
_WIDE = 96  # from this many cells the kind and every year get their own columns
_MIN_NAME = 16
_PADDING = 1  # cells of space each side of a column's text
_HEADER_LINES = 1


class Shown(NamedTuple):
    """One row: the actor, and the spelling the filter matched when it is not the name."""

    summary: ActorSummary
    matched: str | None


class Column(NamedTuple):
    key: str
    header: str
    width: int  # of the text, without the padding
    justify: str


class ShownRows(Sequence[Shown]):
    """The rows of a filter's matches, each made when it is asked for: a key that matches 21,000
    actors costs no 21,000 rows, only those drawn."""

    def __init__(self, listing: Sequence[ActorSummary], found: Sequence[tuple[int, str | None]]) -> None:
        self.listing = listing
        self.found = found

    def __len__(self) -> int:
        return len(self.found)

    @overload
    def __getitem__(self, index: int) -> Shown: ...
    @overload
    def __getitem__(self, index: slice) -> list[Shown]: ...
    def __getitem__(self, index: int | slice) -> Shown | list[Shown]:
        if isinstance(index, slice):
            return [Shown(self.listing[number], matched) for number, matched in self.found[index]]
        number, matched = self.found[index]
        return Shown(self.listing[number], matched)

    def number(self, index: int) -> int:
        """The place in the listing of row `index`'s actor."""
        return self.found[index][0]


class ActorTable(ScrollView, RowHover, FollowsTheme, can_focus=True):
    HELP_TITLE: ClassVar[str] = "Actors list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "first", "First actor", id="actors.first", show=False, tooltip="Go to the first actor"),
        Binding("end", "last", "Last actor", id="actors.last", show=False, tooltip="Go to the last actor"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {_UNUSED, _MUTED, _MATCH, _HEADER, _CURSOR, _HOVER}

    class RowHighlighted(Message):
        """The highlight moved to `cursor_row`."""

        def __init__(self, table: ActorTable, cursor_row: int) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = cursor_row

        @property
        def control(self) -> ActorTable:
            return self.table

    class RowSelected(RowHighlighted):
        """The highlighted row was chosen (a click on it)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows_shown: ShownRows = ShownRows((), ())
        self.cursor_row = 0
        self._hover: int | None = None  # the row under the mouse
        self._widest: dict[bool, tuple[int, int]] = {}  # compact or not -> widest side and years of every actor
        self._columns: list[Column] = []
        self._layout: tuple[bool, int] = (True, 0)  # (wide, name width) the columns were made for
        self._dark = True
        self._styles: tuple[bool, RichStyle, RichStyle, RichStyle] | None = None
        # Drawn rows by actor, highlight, hover and focus (a filter key that keeps an actor on screen
        # does not draw it again), until the columns or the look change.
        self._lines: dict[tuple[str, str | None, bool, bool, bool], Strip] = {}

    # -- what the screen uses ------------------------------------------------------

    def show_actors(self, rows: ShownRows, cursor: int, widest: dict[bool, tuple[int, int]]) -> None:
        """Replace the rows and highlight row `cursor`.

        The columns are sized by `widest` (compact or not: the widest side and years of every
        actor, not only those shown), so they stay put while a filter narrows the rows.
        """
        if rows.listing is not self.rows_shown.listing:
            self._lines.clear()  # another corpus: its actors' counts may differ under the same ids
        self.rows_shown = rows
        self._widest = widest
        self._rebuild()
        self.move_cursor(row=cursor)

    @property
    def row_count(self) -> int:
        return len(self.rows_shown)

    @property
    def current(self) -> Shown | None:
        if not self.rows_shown or not 0 <= self.cursor_row < len(self.rows_shown):
            return None
        return self.rows_shown[self.cursor_row]

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        """Highlight `row` (kept within the rows), scroll it into view, and say so with RowHighlighted."""
        row = max(0, min(row, len(self.rows_shown) - 1))
        self.cursor_row = row
        self.refresh()
        if self.scrollable_content_region.height:
            self._scroll_to_cursor()
        else:
            self.call_after_refresh(self._scroll_to_cursor)  # not laid out yet: its height is not known
        if self.rows_shown:
            self.post_message(self.RowHighlighted(self, row))

    def cells_of(self, row: int) -> list[Text]:
        """The cells row `row` is drawn from, as the columns now are."""
        muted, unused, match = self._current_styles()[1:]
        return self._cells(self.rows_shown[row], self._layout[0], muted, unused, match)

    def action_first(self) -> None:
        if self.rows_shown:
            self.move_cursor(row=0)

    def action_last(self) -> None:
        if self.rows_shown:
            self.move_cursor(row=len(self.rows_shown) - 1)

    def _scroll_to_cursor(self) -> None:
        visible_rows = max(1, self.scrollable_content_region.height - _HEADER_LINES)
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + visible_rows:
            self.scroll_to(y=self.cursor_row - visible_rows + 1, animate=False)

    # -- mouse ---------------------------------------------------------------------

    def _row_count(self) -> int:
        return len(self.rows_shown)

    def on_click(self, event: events.Click) -> None:
        row = self._row_at(event)
        if row is None:
            return
        event.stop()
        # As a DataTable does: a click highlights a row, and a click on the highlighted row chooses it.
        if row == self.cursor_row:
            self.post_message(self.RowSelected(self, row))
        else:
            self.move_cursor(row=row)

    # -- layout --------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._lines.clear()  # drawn to the old width
        if self._layout_for_width() != self._layout:
            self._rebuild()
        self._scroll_to_cursor()

    def restyle(self) -> None:
        # Side colours follow the theme's lightness and the cells carry resolved colours.
        if self.is_mounted:
            self._styles = None
            self._lines.clear()
            self.refresh()

    def _resolve_styles(self) -> tuple[bool, RichStyle, RichStyle, RichStyle]:
        get = self.get_component_rich_style
        return self.app.current_theme.dark, get(_MUTED, partial=True), get(_UNUSED, partial=True), get(_MATCH, partial=True)

    def _current_styles(self) -> tuple[bool, RichStyle, RichStyle, RichStyle]:
        if self._styles is None:
            self._styles = self._resolve_styles()
            self._dark = self._styles[0]
        return self._styles

    def _fixed_widths(self, wide: bool) -> list[Column]:
        """Every column but the name."""
        sides, years = self._widest.get(not wide, (4, 5))
        columns = [Column("side", "Side", min(max(sides, 4), 20 if wide else 15), "left")]
        if wide:
            columns.append(Column("kind", "Kind", 11, "left"))
        columns += [
            Column("scenarios", "Scenarios" if wide else "Scen.", 9 if wide else 5, "right"),
            Column("steps", "Steps", 5, "right"),
            Column("years", "Years", min(max(years, 5), 24), "left"),
        ]
        return columns

    def _layout_for_width(self) -> tuple[bool, int]:
        width = self.scrollable_content_region.width
        wide = width >= _WIDE
        fixed = sum(column.width + 2 * _PADDING for column in self._fixed_widths(wide))
        return wide, max(_MIN_NAME, width - fixed - 2 * _PADDING)

    def _rebuild(self) -> None:
        self._layout = wide, name_width = self._layout_for_width()
        columns = [Column("name", "Actor", name_width, "left"), *self._fixed_widths(wide)]
        if columns != self._columns:
            self._columns = columns
            self._lines.clear()
        elif len(self._lines) > 4000:
            self._lines.clear()  # kept for the actors a reader goes back and forth over, not for ever
        self._hover = None
        width = sum(column.width + 2 * _PADDING for column in self._columns)
        self.virtual_size = Size(width, len(self.rows_shown) + _HEADER_LINES)
        self.refresh()

    # -- drawing -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y < _HEADER_LINES:
            header = self.get_component_rich_style(_HEADER)
            cells = [Text(column.header, justify=column.justify) for column in self._columns]
            segments = self._segments(cells, base + header, RichStyle(), width)
        else:
            row = y - _HEADER_LINES + round(self.scroll_y)
            if not 0 <= row < len(self.rows_shown):
                return Strip.blank(width, base)
            shown = self.rows_shown[row]
            key = (shown.summary.actor.id, shown.matched, row == self.cursor_row, row == self._hover, self.has_focus)
            strip = self._lines.get(key)
            if strip is None:
                pre, post = base, RichStyle()
                if key[3]:
                    pre += self.get_component_rich_style(_HOVER)
                if key[2]:
                    cursor = self.get_component_rich_style(_CURSOR)
                    # The cursor's colours win over the cells' own, as in a DataTable.
                    pre, post = pre + cursor, RichStyle(color=cursor.color, bgcolor=cursor.bgcolor)
                muted, unused, match = self._current_styles()[1:]
                strip = self._lines[key] = Strip(self._segments(self._cells(shown, self._layout[0], muted, unused, match), pre, post, width))
            segments = list(strip.apply_meta({"row": row}))
        scroll_x = round(self.scroll_x)
        return Strip(segments).crop(scroll_x, scroll_x + width).adjust_cell_length(width, base)

    def _segments(self, cells: list[Text], pre: RichStyle, post: RichStyle, width: int) -> list[Segment]:
        line = Text(no_wrap=True, end="")
        for column, cell in zip(self._columns, cells):
            cell = cell.copy()
            cell.truncate(column.width, overflow=cell.overflow or "ellipsis")
            padding = column.width - cell.cell_len
            left = padding if column.justify == "right" else 0
            line.append(" " * (_PADDING + left))
            line.append_text(cell)
            line.append(" " * (_PADDING + padding - left))
        if line.cell_len < width:
            line.append(" " * (width - line.cell_len))  # the row's colours reach the table's edge
        segments = list(line.render(self.app.console))
        return list(Segment.apply_style(segments, pre, post))

    def _cells(self, row: Shown, wide: bool, muted: RichStyle, unused: RichStyle, match: RichStyle) -> list[Text]:
        summary = row.summary
        actor = summary.actor
        dim = summary.steps == 0
        colour = RichStyle(color=side_colour(actor.side, self._dark).rich_color)
        # The side's colour marks a bar and the side's name, not the actor's: a coloured name
        # would lose its contrast on the cursor row.
        name = Text.assemble(("▌", colour), (visible(actor.name), unused if dim else RichStyle(bold=True)), overflow="ellipsis", no_wrap=True)
        if row.matched is not None:
            name.append(f"  {visible(row.matched)}", match)
        cells = [name, Text(visible(actor.side), style=unused if dim else colour, overflow="ellipsis", no_wrap=True)]
        if wide:
            cells.append(Text(actor.kind, style=unused if dim else muted))
        number_style = unused if dim else RichStyle()
        cells += [
            Text(str(summary.scenarios), style=number_style, justify="right"),
            Text(str(summary.steps), style=number_style, justify="right"),
            Text(years_text(summary.years, not wide), style=unused if dim else muted, overflow="ellipsis", no_wrap=True),
        ]
        return cells
