"""The pressure matrix as a table: actors in rows, options in columns, stance marks with step numbers.

Each cell lists the steps of that actor toward that option, one line a stance
(PUB 8 · PRIV 19, 20 · REP 9), in the stance colours of the scenario screen. Column
widths follow the pane's width; names and option labels wrap rather than disappear.

A table of its own on Textual's Line API, drawn as a DataTable draws (header, row labels,
zebra stripes, a cell cursor, a hover cell, the header and the names fixed while it
scrolls). Textual 8.2.8's DataTable built a row object, its renderables and its cells'
layout for every actor on each `[` or `]`, then worked out its styles again for every line:
most of a switch. Here a switch sets the new rows (their heights, from plain text) and a
row's cells are made only when one of its lines is drawn, so it costs one screenful.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.content import Content
from textual.coordinate import Coordinate
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle

from ..corpus.control_chars import visible
from ..corpus.matrix import STANCES, Cell, PressureMatrix, Stance
from ..corpus.model import Actor, Option, troops_text
from ..step_labels import STANCE_SHORT, STANCE_WORD, actor_name
from .handled_at_once import handle_now
from .theme_follower import FollowsTheme

_BADGES = {stance: f"pressure-table--{stance}" for stance in STANCES}
_EMPTY = "pressure-table--empty"
_FIGURE = "pressure-table--figure"
_HEADER = "pressure-table--header"
_CURSOR = "pressure-table--cursor"
_HOVER = "pressure-table--hover"
_HEADER_CURSOR = "pressure-table--header-cursor"
_HEADER_HOVER = "pressure-table--header-hover"
_EVEN = "pressure-table--even-row"
_ODD = "pressure-table--odd-row"
BADGE = max(len(word) for word in STANCE_SHORT.values())
_NAME_LINES = 2  # an actor's name: a longer one is cut with an ellipsis, so every row stays a glance tall
_HEADER_LINES = 3  # an option's label, then its troop figure when any option of the scenario has one
_PADDING = 1  # cells of space each side of a column's text
_SHORT_BELOW = 16  # terminal lines: below this the header's labels take one line
_LABEL = -1  # the column of actor names, and the row of option labels

KEPT_LAYOUTS = 4  # the scenarios on each side, the one switched away from, and one more
# What a layout of one matrix is made of (the first one, its matrix, is what it is checked against;
# the fourth and fifth, what it was made for), kept to swap in again.
_LAYOUT_STATE = (
    "matrix", "_actors", "option_ids", "_drawn_for", "_drawn_marks", "_names", "_heights", "_tops",
    "_lines_of", "_header", "header_height", "_label_width", "_column_width", "_rows", "_strips",
)

def _fitting(texts: list[Content], width: int) -> Content:
    """The first of `texts` that a border `width` cells wide has room for, or the last (Textual cuts it)."""
    room = width - 6  # the corners, and a line and a space each side
    return next((text for text in texts if text.cell_length <= room), texts[-1])


CellLine = tuple[Stance | None, str]  # a cell's line: the stance its badge shows (None: numbers carried on), then the numbers


class Looks(NamedTuple):
    """The styles a frame draws with (resolved once a frame: they cannot change within one)."""

    base: Style
    header: Style
    even: Style
    odd: Style
    cursor: Style
    hover: Style
    header_cursor: Style
    header_hover: Style
    background: Color


class PressureTable(ScrollView, FollowsTheme, can_focus=True):
    HELP_TITLE: ClassVar[str] = "Matrix"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open step", id="matrix.open-step", tooltip="Open the cell's current step in the scenario screen"),
        Binding("up", "cursor_up", "Actor above", id="matrix.up", show=False, tooltip="The same option, for the actor above"),
        Binding("down", "cursor_down", "Actor below", id="matrix.down", show=False, tooltip="The same option, for the actor below"),
        Binding("left", "cursor_left", "Option to the left", id="matrix.left", show=False, tooltip="The same actor, toward the option to the left"),
        Binding("right", "cursor_right", "Option to the right", id="matrix.right", show=False, tooltip="The same actor, toward the option to the right"),
        Binding("pageup", "page_up", "Page up", id="matrix.page-up", show=False, tooltip="Actors a page up"),
        Binding("pagedown", "page_down", "Page down", id="matrix.page-down", show=False, tooltip="Actors a page down"),
        Binding("ctrl+home", "first_actor", "First actor", id="matrix.first-actor", show=False, tooltip="The same option, for the first actor"),
        Binding("ctrl+end", "last_actor", "Last actor", id="matrix.last-actor", show=False, tooltip="The same option, for the last actor"),
        Binding("home", "first_option", "First option", id="matrix.first-option", show=False, tooltip="The same actor, toward the first option"),
        Binding("end", "last_option", "Last option", id="matrix.last-option", show=False, tooltip="The same actor, toward the last option"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *_BADGES.values(),
        _EMPTY,
        _FIGURE,
        _HEADER,
        _CURSOR,
        _HOVER,
        _HEADER_CURSOR,
        _HEADER_HOVER,
        _EVEN,
        _ODD,
    }

    class CellHighlighted(Message):
        """The cursor moved to `coordinate` (row, column)."""

        def __init__(self, table: PressureTable, coordinate: Coordinate) -> None:
            super().__init__()
            self.table = table
            self.coordinate = coordinate

        @property
        def control(self) -> PressureTable:
            return self.table

    class CellSelected(CellHighlighted):
        """The cell under the cursor was chosen (enter, or a click on it)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.matrix: PressureMatrix | None = None
        self.option_ids: tuple[str | None, ...] = ()  # the columns shown, in order
        self._actors: dict[str, Actor] = {}
        self._cursor = Coordinate(0, 0)
        self._hover: Coordinate | None = None  # the cell under the mouse, shown until a key is pressed
        self._drawn_for: tuple[int, int, bool] | None = None  # (label width, column width, short) of the current layout
        self._cursor_to: tuple[str, str | None] | None = None  # where the cursor goes once the table has a size
        self._drawn_marks: list[Style] = []
        # The layout: the names' lines, each row's height, the header's lines, and which row each line shows.
        self._names: list[list[str]] = []
        self._heights: list[int] = []
        self._tops: list[int] = []  # the first line of each row, under the header
        self._lines_of: list[tuple[int, int]] = []  # (row, line in the row) for each line under the header
        self._header: list[Text] = []  # each column's label and figure, one Text a column
        self.header_height = 1
        self._label_width = 0  # of the names' column, with its padding
        self._column_width = 0  # of each option's column, with its padding
        self._wrapped_cache: dict[tuple[str, int, int | None], list[str]] = {}
        # Made when drawn: each row's cells cut into lines, and each row line as drawn with the
        # cursor or the mouse on one of its cells (or none), until the layout or the look changes.
        self._rows: dict[int, list[list[list[Segment]]]] = {}
        self._strips: dict[tuple[int, int, int | None, int | None, Looks, int, int], Strip] = {}
        self._looks: Looks | None = None  # while a frame is drawn
        self._metas: dict[tuple[int, int], Style] = {}
        self._prepared: dict[int, tuple[object, ...]] = {}  # layouts made ahead of time, by their matrix's id
        self._titles: tuple[str, ...] = ()

    # -- what the screen uses ------------------------------------------------------

    def show_matrix(self, matrix: PressureMatrix, actors: dict[str, Actor], at: tuple[str, str | None] | None = None) -> None:
        """Show `matrix`, with the cursor on the cell of (actor id, option id) if it is still there."""
        place = at if at is not None else self.first_marked(matrix)
        if self.matrix is not None and self._drawn_for is not None and self.matrix is not matrix:
            self._keep(self.matrix)
        self.matrix, self._actors = matrix, actors
        self.option_ids = self._columns(matrix)
        self._drawn_for = None
        self._cursor_to = place
        self._draw(place)
        if not self.border_subtitle:  # the same for every matrix: a theme's change (restyle) draws it again
            self._show_legend()

    @staticmethod
    def _columns(matrix: PressureMatrix) -> tuple[str | None, ...]:
        # The "no option" column is only shown when some pressure names no option.
        return tuple(o for o in matrix.option_ids if o is not None or matrix.column_used(None))

    @property
    def laid_out(self) -> bool:
        """Whether the table has been laid out for its width (it has one)."""
        return self._drawn_for is not None

    @property
    def row_count(self) -> int:
        return len(self.matrix.actors) if self.matrix is not None else 0

    @property
    def cursor_coordinate(self) -> Coordinate:
        return self._cursor

    @cursor_coordinate.setter
    def cursor_coordinate(self, coordinate: Coordinate) -> None:
        self._move_cursor(coordinate)

    def _move_cursor(self, coordinate: Coordinate, scroll: bool = True) -> None:
        # Kept within the table, as a DataTable keeps its cursor.
        row = max(0, min(coordinate.row, self.row_count - 1))
        column = max(0, min(coordinate.column, len(self.option_ids) - 1))
        coordinate = Coordinate(row, column)
        if coordinate == self._cursor:
            return
        self._cursor = coordinate
        self.refresh()
        if scroll:
            self._scroll_cursor_into_view()
        if self.cell_at(coordinate) is not None:
            self.post_message(self.CellHighlighted(self, coordinate))

    @property
    def current(self) -> Cell | None:
        """The cell under the cursor (or where it goes, before the table is first drawn)."""
        if self._drawn_for is None and self.matrix is not None and self._cursor_to is not None:
            return self.matrix.cell(*self._cursor_to)
        return self.cell_at(self.cursor_coordinate)

    def cell_at(self, coordinate: Coordinate) -> Cell | None:
        matrix = self.matrix
        if matrix is None or not matrix.actors or not self.option_ids:
            return None
        row = min(coordinate.row, len(matrix.actors) - 1)
        column = min(coordinate.column, len(self.option_ids) - 1)
        return matrix.cell(matrix.actors[row], self.option_ids[column])

    def move_to(self, actor_id: str, option_id: str | None) -> bool:
        """Put the cursor on a cell; False when the matrix has no such cell."""
        if self.matrix is None or actor_id not in self.matrix.actors or option_id not in self.option_ids:
            return False
        self.cursor_coordinate = Coordinate(self.matrix.actors.index(actor_id), self.option_ids.index(option_id))
        return True

    def cell_text(self, actor_id: str, option_id: str | None) -> Text:
        """A cell as drawn, for the column width of the current layout."""
        assert self.matrix is not None
        return self._cell_text(self._cell_lines(self.matrix.cell(actor_id, option_id), self._column_width - 2 * _PADDING))

    def name_text(self, actor_id: str) -> Text:
        """An actor's name as drawn in its row."""
        assert self.matrix is not None
        return Text("\n".join(self._names[self.matrix.actors.index(actor_id)]))

    def header_text(self, option_id: str | None) -> Text:
        """An option's column heading as drawn: its label, then its troop figure."""
        return self._header[self.option_ids.index(option_id)]

    def set_title(self, *titles: str) -> None:
        """Title the table with the first of `titles` that its border has room for (longest first)."""
        self._titles = titles
        self._fit_title()

    def _fit_title(self) -> None:
        if self._titles:
            title = _fitting([Content(title) for title in self._titles], self.outer_size.width)
            if title != self.border_title:
                self.border_title = title

    def _show_legend(self) -> None:
        """Say under the table what the marks mean, styled as the cells are, in as many words as its border has room for."""
        badges = {stance: self.get_visual_style(_BADGES[stance]) for stance in STANCES}

        def legend(words: str, gap: str, tail: str) -> Content:
            pieces: list[tuple[str, VisualStyle | str]] = []
            for stance in STANCES:
                pieces += [(f" {STANCE_SHORT[stance]} ", badges[stance]), (words.format(STANCE_WORD[stance].lower()) + gap, "")]
            return Content.assemble(*pieces, tail)

        # From "PUB public  PRIV private  REP reported  · numbers are steps" down to the badges: in a
        # narrow terminal each stance's word is on its step's heading in the steps pane, and "Step 8" there.
        legends = [legend(" {}", "  ", "· numbers are steps"), legend(" {}", " ", ""), legend("", " ", " numbers: steps")]
        self.border_subtitle = _fitting(legends, self.outer_size.width)

    # -- keys ------------------------------------------------------------------------
    # As a DataTable with a cell cursor answers them; a key hides the mouse's hover cell.

    def _key_moves(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def action_cursor_up(self) -> None:
        self._key_moves()
        self.cursor_coordinate = self.cursor_coordinate.up()

    def action_cursor_down(self) -> None:
        self._key_moves()
        self.cursor_coordinate = self.cursor_coordinate.down()

    def action_cursor_left(self) -> None:
        self._key_moves()
        self.cursor_coordinate = self.cursor_coordinate.left()
        self._scroll_cursor_into_view(animate=True)

    def action_cursor_right(self) -> None:
        self._key_moves()
        self.cursor_coordinate = self.cursor_coordinate.right()
        self._scroll_cursor_into_view(animate=True)

    def action_first_actor(self) -> None:
        self._key_moves()
        self.cursor_coordinate = Coordinate(0, self.cursor_coordinate.column)

    def action_last_actor(self) -> None:
        self._key_moves()
        self.cursor_coordinate = Coordinate(self.row_count - 1, self.cursor_coordinate.column)

    def action_first_option(self) -> None:
        self._key_moves()
        self.cursor_coordinate = Coordinate(self.cursor_coordinate.row, 0)

    def action_last_option(self) -> None:
        self._key_moves()
        self.cursor_coordinate = Coordinate(self.cursor_coordinate.row, len(self.option_ids) - 1)

    def action_page_down(self) -> None:
        self._key_moves()
        self._page(1)

    def action_page_up(self) -> None:
        self._key_moves()
        self._page(-1)

    def _page(self, direction: int) -> None:
        """Scroll a page of lines, and move the cursor by the rows that take them (as a DataTable does)."""
        height = self.scrollable_content_region.height - self.header_height
        row = self.cursor_coordinate.row
        passed = offset = 0
        for other in range(row, self.row_count) if direction > 0 else range(row, -1, -1):
            offset += self._heights[other]
            passed += 1
            if offset > height:
                break
        self.scroll_relative(y=direction * height, animate=False, force=True)
        cursor = self._cursor
        self._cursor = Coordinate(max(0, min(row + direction * (passed - 1), self.row_count - 1)), cursor.column)
        if self._cursor != cursor:
            self.refresh()
            self.post_message(self.CellHighlighted(self, self._cursor))

    def action_select_cursor(self) -> None:
        self._key_moves()
        if self.row_count:
            handle_now(self, self.CellSelected(self, self.cursor_coordinate))

    def _tail(self) -> int:
        """Room after the last option, when the options scroll sideways, so that the table can scroll
        by whole columns to its end: the first option in view is never cut."""
        view = self.content_region.width - 1 - self._label_width  # less the vertical scrollbar, if it comes
        options = len(self.option_ids) * self._column_width
        if options <= view:
            return 0
        return (self._column_width - (options - view) % self._column_width) % self._column_width + 1

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        if self._drawn_for is None or not self.row_count:
            return
        row, column = self.cursor_coordinate
        x = round(self.scroll_x)
        region = Region(x + self._label_width, self.header_height + self._tops[row], 1, self._heights[row])
        self.scroll_to_region(region, animate=animate, spacing=Spacing(self.header_height, 0, 0, self._label_width), force=True)
        # Down by whole actors: a name cut at the header ("Obama" for President Obama) names someone else.
        top = round(self.scroll_y)
        if 0 < top < len(self._lines_of) and (at := self._lines_of[top])[1] and at[0] < row:
            view = self.scrollable_content_region.height - self.header_height
            after = self._tops[at[0] + 1]
            if after + view >= self._tops[row] + self._heights[row]:
                self.scroll_to(y=after, animate=False, force=True)
        # Sideways by whole columns: a column cut at the names reads as a different word ("omplete").
        width = self._column_width
        view = self.scrollable_content_region.width - self._label_width
        if len(self.option_ids) * width <= view:
            return
        fits = max(1, view // width)
        first = -(-x // width)
        if column < first:
            first = column
        elif column >= first + fits:
            first = column - fits + 1
        if first * width != x:
            self.scroll_to(x=first * width, animate=animate, force=True)

    # -- mouse -----------------------------------------------------------------------

    @staticmethod
    def _place_of(event: events.MouseEvent) -> Coordinate | None:
        meta = event.style.meta
        if "row" not in meta or "column" not in meta or meta.get("out_of_bounds", False):
            return None
        return Coordinate(meta["row"], meta["column"])

    def on_mouse_move(self, event: events.MouseMove) -> None:
        place = self._place_of(event)
        if place != self._hover:
            self._hover = place
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        self._key_moves()

    def on_click(self, event: events.Click) -> None:
        place = self._place_of(event)
        self._hover = place
        self.refresh()
        # A click on a heading or a name chooses nothing; on a cell it highlights it, and on the highlighted one it opens it.
        if place is None or place.row == _LABEL or place.column == _LABEL:
            return
        event.stop()
        again = place == self.cursor_coordinate
        self.cursor_coordinate = place
        if again:
            self.post_message(self.CellSelected(self, place))
        self._scroll_cursor_into_view(animate=True)

    # -- layout ----------------------------------------------------------------------

    @staticmethod
    def first_marked(matrix: PressureMatrix) -> tuple[str, str | None] | None:
        """Where the cursor starts: the first actor's first marked cell."""
        if not matrix.actors:
            return None
        actor = matrix.actors[0]
        cell = next(cell for cell in matrix.row(actor) if not cell.empty)
        return actor, cell.option_id

    def on_resize(self, event: events.Resize) -> None:
        self._draw(self._place())
        if self.matrix is not None:
            self._fit_title()
            self._show_legend()

    def on_focus(self, event: events.Focus) -> None:
        self.refresh()  # the cursor's colours differ with focus

    def on_blur(self, event: events.Blur) -> None:
        self.refresh()

    def restyle(self) -> None:
        # The marks carry resolved colours: redraw when the theme changes them.
        if self.is_mounted and self.matrix is not None and self._marks() != self._drawn_marks:
            place = self._place()
            self._drawn_for = None
            self._draw(place)
            self._show_legend()
        self._strips.clear()
        self._prepared.clear()
        self.refresh()

    def _marks(self) -> list[Style]:
        return [self.get_component_rich_style(name, partial=True) for name in (*_BADGES.values(), _EMPTY, _FIGURE)]

    def _place(self) -> tuple[str, str | None] | None:
        """Where the cursor is, or is to go when the table is first laid out."""
        if self._drawn_for is None:
            return self._cursor_to
        current = self.current
        return (current.actor_id, current.option_id) if current else None

    def _widths(self) -> tuple[int, int]:
        """The width of the actor names and of each option column, for the room the pane has."""
        matrix = self.matrix
        assert matrix is not None
        room = self.content_region.width - 1  # a vertical scrollbar may come with a short pane: leave it room
        longest = max((len(actor_name(self._actors, a)) for a in matrix.actors), default=8)
        label = min(longest, 24 if room >= 100 else 14)
        columns = max(len(self.option_ids), 1)
        # Each column also takes two cells of padding; below nine cells a column reads badly, so the table scrolls.
        column = max(9, min((room - label - 2) // columns - 2, 26))
        spare = room - (label + 2) - columns * (column + 2)
        return min(longest, label + max(spare, 0)), column

    def _draw(self, place: tuple[str, str | None] | None) -> None:
        """Lay the table out for the pane's width: every row's height, no row's cells."""
        matrix = self.matrix
        if matrix is None or self.content_region.width <= 1:
            return
        fit = self._fit()
        if fit == self._drawn_for:
            return
        if not self._swap_in(matrix, fit):
            self._lay_out(fit)
        self._hover = None
        self._cursor = Coordinate(0, 0)
        self._set_virtual_size(self._table_size())
        self.refresh()
        actors = matrix.actors
        if place is not None and place[0] in actors and place[1] in self.option_ids:
            self._move_cursor(Coordinate(actors.index(place[0]), self.option_ids.index(place[1])), scroll=False)
        # Once laid out again, as a DataTable does: a new height may bring a scrollbar, which takes a column from the view.
        self.call_after_refresh(self._scroll_cursor_into_view)

    def _fit(self) -> tuple[int, int, bool]:
        """(label width, column width, short): what the layout of the current matrix depends on besides it."""
        label_width, column_width = self._widths()
        # In a short terminal an option's label takes one line, so that the header leaves room for actors.
        return label_width, column_width, self.app.size.height < _SHORT_BELOW

    def _table_size(self) -> Size:
        return Size(self._label_width + len(self.option_ids) * self._column_width + self._tail(), self.header_height + len(self._lines_of))

    def _lay_out(self, fit: tuple[int, int, bool]) -> None:
        """Every row's height and the header's lines for the current matrix; no row's cells."""
        matrix = self.matrix
        assert matrix is not None
        label_width, column_width, short = fit
        self._drawn_for = fit
        self._drawn_marks = self._marks()
        self._rows, self._strips = {}, {}  # new ones: a prepared layout (below) keeps the old ones
        options = {option.id: option for option in matrix.options if option is not None}
        figures = any(option.troops is not None for option in options.values())
        labels = [self._label(options.get(option_id or ""), option_id, column_width, figures, short) for option_id in self.option_ids]
        # Labels take the same number of lines in every column, so the troop figures line up below them.
        block = max((len(label) for label, _ in labels), default=1)
        self.header_height = block + max((len(figure) for _, figure in labels), default=0)
        figure_style = self.get_component_rich_style(_FIGURE, partial=True)
        self._header = []
        for label, figure in labels:
            header = Text("\n".join(label + [""] * (block - len(label))))
            for line in figure:
                header.append("\n")
                header.append(line, figure_style)
            self._header.append(header)
        self._names = [self._wrapped(actor_name(self._actors, actor), label_width, _NAME_LINES) for actor in matrix.actors]
        inner = column_width
        self._heights = [
            max(len(name), *(len(self._cell_lines(matrix.cell(actor, option_id), inner)) for option_id in self.option_ids))
            for actor, name in zip(matrix.actors, self._names)
        ]
        self._tops, self._lines_of, top = [], [], 0
        for row, height in enumerate(self._heights):
            self._tops.append(top)
            self._lines_of += [(row, line) for line in range(height)]
            top += height
        # As a DataTable sizes its names' column: the longest line of any name, and its padding.
        self._label_width = max((cell_len(line) for name in self._names for line in name), default=0) + 2 * _PADDING if matrix.actors else 0
        self._column_width = column_width + 2 * _PADDING

    # -- layouts made ahead of time --------------------------------------------------
    # `[` and `]` go to the scenario next to this one: the screen has the table lay that one out and
    # draw its first screenful once a frame is drawn, and a switch then swaps it in. The one switched
    # away from is kept too, so that going back is a swap as well.

    def prepare(self, matrix: PressureMatrix, actors: dict[str, Actor]) -> None:
        """Lay `matrix` out and draw the lines it first shows, for the current width, to show it later at once."""
        if self._drawn_for is None or matrix is self.matrix or id(matrix) in self._prepared:
            return
        shown = self._layout_state(), self._cursor, self._hover
        try:
            self.matrix, self._actors = matrix, actors
            self.option_ids = self._columns(matrix)
            self._lay_out(self._fit())
            self._hover = None
            place = self.first_marked(matrix)
            self._cursor = Coordinate(matrix.actors.index(place[0]), self.option_ids.index(place[1])) if place else Coordinate(0, 0)
            if round(self.scroll_x) == 0 and round(self.scroll_y) == 0:  # where a new matrix shows from, most often
                looks = self._resolve_looks()
                self._looks = looks
                for y in range(min(self.size.height, self.header_height + len(self._lines_of))):
                    self.render_line(y)
            self._keep(matrix)
        finally:
            self._looks = None
            state, self._cursor, self._hover = shown
            self._set_layout_state(state)

    def _keep(self, matrix: PressureMatrix) -> None:
        """Keep the current layout (of `matrix`) to swap in again; the oldest go past a few."""
        self._prepared[id(matrix)] = self._layout_state()
        while len(self._prepared) > KEPT_LAYOUTS:
            del self._prepared[next(iter(self._prepared))]

    def _swap_in(self, matrix: PressureMatrix, fit: tuple[int, int, bool]) -> bool:
        """Take a layout made ahead of time for `matrix` at this fit and look, if there is one."""
        state = self._prepared.pop(id(matrix), None)
        # The identity check matters: a matrix freed since could have left its id to another. A theme
        # that changes the marks (restyle) drops every prepared layout, so the current marks are theirs.
        if state is None or state[0] is not matrix or state[3] != fit or state[4] != self._drawn_marks:
            return False
        self._set_layout_state(state)
        return True

    def _layout_state(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in _LAYOUT_STATE)

    def _set_layout_state(self, state: tuple[object, ...]) -> None:
        for name, value in zip(_LAYOUT_STATE, state):
            setattr(self, name, value)

    def _set_virtual_size(self, size: Size) -> None:
        """Make the table this size, laying the screen out only when the table's own height changes."""
        old, shown = self.virtual_size, self.content_region.height
        if size == old:
            return
        # Textual 8.2.8's virtual_size reactive lays the whole screen out on any change: on `[` or `]`
        # every widget placed and drawn again though only the table changed. The table's height follows
        # its lines (height: auto) up to its max-height (app.tcss), so it stays the same when the lines
        # do, or when there are more of them than it shows, before and after; its width fills the pane.
        if shown and (size.height == old.height or min(size.height, old.height) > shown):
            self.set_reactive(PressureTable.virtual_size, size)
            # Private to Textual (pinned in pyproject.toml): the scrollbars and scroll limits as a
            # layout sets them; it asks for a layout only when a scrollbar comes or goes.
            self._scroll_update(size)
            self.refresh()
        else:
            self.virtual_size = size

    def _wrapped(self, text: str, width: int, most: int | None = None) -> list[str]:
        """`text` in lines of at most `width` cells, cut to `most` lines with an ellipsis."""
        # The same names come back scenario after scenario: wrapping them is a tenth of a millisecond each.
        key = (text, width, most)
        if (cached := self._wrapped_cache.get(key)) is not None:
            return cached
        if len(self._wrapped_cache) > 20_000:
            self._wrapped_cache.clear()
        lines = [line.plain.rstrip() for line in Text(text).wrap(self.app.console, width)]
        if most is not None and len(lines) > most:
            last = lines[most - 1]
            lines = lines[: most - 1] + [(last[: width - 1].rstrip() if len(last) >= width else last) + "…"]
        self._wrapped_cache[key] = lines = lines or [""]
        return lines

    def _label(self, option: Option | None, option_id: str | None, width: int, figures: bool, short: bool = False) -> tuple[list[str], list[str]]:
        """An option's label (up to three lines, two when the scenario has troop figures; one when `short`) and its figure's lines."""
        most = 1 if short else _HEADER_LINES - figures
        if option_id is None:
            return self._wrapped("No option named", width, most), []
        if option is None:
            return self._wrapped(option_id, width, most), []
        label = self._wrapped(visible(option.label), width, most)
        if not figures:
            return label, []
        troops = option.troops
        if troops is None:
            return label, ["no figure"]
        figure = troops_text(troops)
        if len(figure) > width and isinstance(troops, list):
            if short:
                return label, [f"{troops[0]:,}–…"]  # the cell's heading below the table gives the whole range
            return label, [f"{troops[0]:,}–", f"{troops[1]:,}"]  # a range breaks after its dash, not inside a number
        return label, [figure]

    @staticmethod
    def _cell_lines(cell: Cell, width: int) -> list[CellLine]:
        """One line per stance, the badge then the step numbers; numbers that do not fit go on under them."""
        if cell.empty:
            return [(None, "·")]
        lines: list[CellLine] = []
        indent = BADGE + 2
        for stance in STANCES:
            numbers = [str(ref.index + 1) for ref in cell.by_stance(stance)]
            if not numbers:
                continue
            line, badge = "", stance
            for number, value in enumerate(numbers):
                piece = value + ("," if number < len(numbers) - 1 else "")
                if line and indent + 1 + len(line) + 1 + len(piece) > width:
                    lines.append((badge, " " + line))
                    line, badge = piece, None
                else:
                    line = f"{line} {piece}" if line else piece
            lines.append((badge, " " + line))
        return lines

    def _cell_text(self, lines: list[CellLine]) -> Text:
        if lines == [(None, "·")]:
            return Text("·", self.get_component_rich_style(_EMPTY, partial=True))
        text = Text()
        for number, (stance, numbers) in enumerate(lines):
            if number:
                text.append("\n")
            if stance is None:
                text.append(" " * (BADGE + 2))
            else:
                text.append(f" {STANCE_SHORT[stance]:<{BADGE}} ", self.get_component_rich_style(_BADGES[stance], partial=True))
            text.append(numbers)
        return text

    # -- drawing ---------------------------------------------------------------------

    def _build_row(self, row: int) -> list[list[list[Segment]]]:
        """A row's cells (its name first), each as its lines of unstyled segments, padded to the row's height."""
        assert self.matrix is not None
        actor = self.matrix.actors[row]
        inner = self._column_width - 2 * _PADDING
        height = self._heights[row]
        name = self._padded([[Segment(line)] for line in self._names[row]], self._label_width, height)
        cells = [self._cell_block(self._cell_lines(self.matrix.cell(actor, option), inner), height) for option in self.option_ids]
        return [name, *cells]

    def _cell_block(self, lines: list[CellLine], height: int) -> list[list[Segment]]:
        """A cell's lines as segments, made from its plain lines without Rich's layout (a fifth of a millisecond a cell)."""
        width = self._column_width
        if any(BADGE + 2 + len(numbers) > width - 2 * _PADDING for _, numbers in lines):
            return self._fitted(self._cell_text(lines), width, height)  # a number wider than a narrow column: Rich wraps it
        if lines == [(None, "·")]:
            return self._padded([[Segment("·", self.get_component_rich_style(_EMPTY, partial=True))]], width, height)
        blank = " " * (BADGE + 2)
        segments = [
            [Segment(blank + numbers)] if stance is None else [Segment(f" {STANCE_SHORT[stance]:<{BADGE}} ", self.get_component_rich_style(_BADGES[stance], partial=True)), Segment(numbers)]
            for stance, numbers in lines
        ]
        return self._padded(segments, width, height)

    @staticmethod
    def _padded(lines: list[list[Segment]], width: int, height: int) -> list[list[Segment]]:
        """Lines that fit, with a column's padding each side, and blank lines under them to `height`."""
        inner = width - 2 * _PADDING
        padded = [[Segment(" " * _PADDING), *line, Segment(" " * (inner - Segment.get_line_length(line) + _PADDING))] for line in lines[:height]]
        return padded + [[Segment(" " * width)] for _ in range(height - len(padded))]

    def _build_header(self) -> list[list[list[Segment]]]:
        """The header's cells as a row's: a blank over the names, then each option's label and figure."""
        height = self.header_height
        return [[[Segment(" " * self._label_width)]] * height, *(self._fitted(header, self._column_width, height) for header in self._header)]

    def _fitted(self, cell: Text, width: int, height: int) -> list[list[Segment]]:
        """A cell's lines, padded to `width` and `height` (a line too long is wrapped, as Rich would)."""
        inner = width - 2 * _PADDING
        console = self.app.console
        lines: list[list[Segment]] = []
        for line in cell.split("\n", allow_blank=True) if cell.plain else []:
            for part in line.wrap(console, inner) if line.cell_len > inner else [line]:
                segments = [Segment(" " * _PADDING)]
                segments += [segment for segment in part.render(console) if segment.text]
                segments.append(Segment(" " * (inner - part.cell_len + _PADDING)))
                lines.append(segments)
        lines = lines[:height]
        lines += [[Segment(" " * width)] for _ in range(height - len(lines))]
        return lines

    def _resolve_looks(self) -> Looks:
        get = self.get_component_rich_style
        return Looks(
            self.rich_style,
            get(_HEADER),
            get(_EVEN),
            get(_ODD),
            get(_CURSOR),
            get(_HOVER),
            get(_HEADER_CURSOR),
            get(_HEADER_HOVER),
            self.background_colors[1],
        )

    def render_lines(self, crop: Region) -> list[Strip]:
        self._looks = self._resolve_looks()
        try:
            return super().render_lines(crop)
        finally:
            self._looks = None

    def render_line(self, y: int) -> Strip:
        looks = self._looks or self._resolve_looks()
        width = self.size.width
        if self._drawn_for is None:
            return Strip.blank(width, looks.base)
        if y < self.header_height:
            row, line = _LABEL, y
        else:
            at = y - self.header_height + round(self.scroll_y)
            if not 0 <= at < len(self._lines_of):
                return Strip.blank(width, looks.base)
            row, line = self._lines_of[at]
        cursor = self._cursor.column if self._cursor.row == row and row != _LABEL else None
        hover = self._hover.column if self._hover is not None and self._hover.row == row else None
        scroll_x = round(self.scroll_x)
        key = (row, line, cursor, hover, looks, scroll_x, width)
        if (strip := self._strips.get(key)) is None:
            if len(self._strips) > 4000:
                self._strips.clear()
            names, cells = self._row_line(row, line, cursor, hover, looks, width)
            # The names stay put as the options scroll sideways, as a DataTable's row labels do.
            whole = Strip([*names, *cells]) if not scroll_x else Strip.join([Strip(names), Strip(cells).crop(scroll_x, scroll_x + width)])
            strip = whole.crop(0, width) if whole.cell_length > width else whole.adjust_cell_length(width, looks.base)
            self._strips[key] = strip
        return strip

    def _meta(self, row: int, column: int) -> Style:
        """What a click or the mouse finds on a cell: its row and column (made once a cell: Rich pickles it)."""
        if (meta := self._metas.get((row, column))) is None:
            meta = self._metas[(row, column)] = Style.from_meta({"row": row, "column": column})
        return meta

    def _row_line(self, row: int, line: int, cursor: int | None, hover: int | None, looks: Looks, width: int) -> tuple[list[Segment], list[Segment]]:
        """One line of a row (or of the header): its name's part, and the options' part (as wide as the pane, at least)."""
        if (cells := self._rows.get(row)) is None:
            cells = self._rows[row] = self._build_header() if row == _LABEL else self._build_row(row)
        row_style = looks.header if row == _LABEL else looks.even if row % 2 == 0 else looks.odd
        parts: list[list[Segment]] = []
        for column, lines in enumerate(cells, start=_LABEL):
            pre = (looks.header if column == _LABEL else row_style) + self._meta(row, column)
            component = Style()
            heading = row == _LABEL or column == _LABEL
            if hover == column:
                component += looks.hover + (looks.header_hover if heading else Style())
            if cursor == column:
                component += looks.cursor + (looks.header_cursor if heading else Style())
            # As a DataTable's defaults have it: the cursor's text colour wins over the cell's, its background does not.
            post = Style.from_color(component.color)
            parts.append(list(Segment.apply_style(lines[line] if lines else [], pre + component, post)))
        table_width = self._label_width + len(self.option_ids) * self._column_width
        # The row's colours reach the pane's edge, faded, as a DataTable draws them.
        if row_style.bgcolor is not None:
            faded = Color.from_rich_color(row_style.bgcolor).blend(looks.background, factor=0.25)
            extend = Style.from_color(color=row_style.color, bgcolor=faded.rich_color)
        else:
            extend = Style.from_color(row_style.color, row_style.bgcolor)
        extend += Style.from_meta({"row": row, "column": 0, "out_of_bounds": True})
        scrolled = [segment for part in parts[1:] for segment in part] + [Segment(" " * max(0, width - table_width, self._tail() + width), extend)]
        return parts[0], scrolled
