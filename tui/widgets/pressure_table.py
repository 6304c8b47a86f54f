"""The pressure matrix as a table: actors in rows, options in columns, stance marks with step numbers.

Each cell lists the steps of that actor toward that option, one line a stance
(PUB 8 · PRIV 19, 20 · REP 9), in the stance colours of the scenario screen. Column
widths follow the pane's width, so the table is drawn again when the pane resizes;
names and option labels wrap rather than disappear.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widgets import DataTable

from ..corpus.control_chars import visible
from ..corpus.matrix import STANCES, Cell, PressureMatrix
from ..corpus.model import Actor, Option, troops_text
from ..step_labels import STANCE_SHORT, STANCE_WORD, actor_name
from .theme_follower import FollowsTheme

_BADGES = {stance: f"pressure-table--{stance}" for stance in STANCES}
_EMPTY = "pressure-table--empty"
_FIGURE = "pressure-table--figure"
BADGE = max(len(word) for word in STANCE_SHORT.values())
_NO_OPTION_KEY = "__no-option__"  # option ids are slugs: no underscore, no clash
_NAME_LINES = 2  # an actor's name: a longer one is cut with an ellipsis, so every row stays a glance tall
_HEADER_LINES = 3  # an option's label, then its troop figure when any option of the scenario has one


class PressureTable(DataTable[Text], FollowsTheme):
    HELP_TITLE: ClassVar[str] = "Matrix"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open step", id="matrix.open-step", tooltip="Open the cell's current step in the scenario screen"),
        Binding("up", "cursor_up", "Actor above", id="matrix.up", show=False, tooltip="The same option, for the actor above"),
        Binding("down", "cursor_down", "Actor below", id="matrix.down", show=False, tooltip="The same option, for the actor below"),
        Binding("left", "cursor_left", "Option to the left", id="matrix.left", show=False, tooltip="The same actor, toward the option to the left"),
        Binding("right", "cursor_right", "Option to the right", id="matrix.right", show=False, tooltip="The same actor, toward the option to the right"),
        Binding("pageup", "page_up", "Page up", id="matrix.page-up", show=False, tooltip="Actors a page up"),
        Binding("pagedown", "page_down", "Page down", id="matrix.page-down", show=False, tooltip="Actors a page down"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {*_BADGES.values(), _EMPTY, _FIGURE}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", header_height=_HEADER_LINES, zebra_stripes=True)
        self.matrix: PressureMatrix | None = None
        self.option_ids: tuple[str | None, ...] = ()  # the columns shown, in order
        self._actors: dict[str, Actor] = {}
        self._drawn_for: tuple[int, int] | None = None  # (label width, column width) of the current drawing
        self._cursor_to: tuple[str, str | None] | None = None  # where the cursor goes once the table has a size
        self._drawn_marks: list[Style] = []
        self._frame_styles: dict[object, Style] | None = None  # while a frame is drawn: the styles it uses

    # -- what the screen uses ------------------------------------------------------

    def show_matrix(self, matrix: PressureMatrix, actors: dict[str, Actor], at: tuple[str, str | None] | None = None) -> None:
        """Show `matrix`, with the cursor on the cell of (actor id, option id) if it is still there."""
        place = at if at is not None else self._first_marked(matrix)
        self.matrix, self._actors = matrix, actors
        # The "no option" column is only shown when some pressure names no option.
        self.option_ids = tuple(o for o in matrix.option_ids if o is not None or matrix.column_used(None))
        self._drawn_for = None
        self._cursor_to = place
        self._draw(place)
        self._show_legend()

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

    def _show_legend(self) -> None:
        """Say under the table what the marks mean, styled as the cells are."""
        pieces: list[tuple[str, VisualStyle | str]] = []
        for stance in STANCES:
            pieces += [(f" {STANCE_SHORT[stance]} ", self.get_visual_style(_BADGES[stance])), (f" {STANCE_WORD[stance].lower()}  ", "")]
        self.border_subtitle = Content.assemble(*pieces, "· numbers are steps")

    # -- drawing -------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual 8.2.8 works out the table's style and each row's from the CSS of every ancestor,
        # for each line it draws (a sixth of a millisecond each): they cannot change within a frame.
        self._frame_styles = {}
        try:
            return super().render_lines(crop)
        finally:
            self._frame_styles = None

    @property
    def rich_style(self) -> Style:
        if self._frame_styles is None:
            return super().rich_style
        if (style := self._frame_styles.get("table")) is None:
            style = self._frame_styles["table"] = super().rich_style
        return style

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        if self._frame_styles is None:
            return super()._get_row_style(row_index, base_style)
        kind = "header" if row_index == -1 else "fixed" if row_index < self.fixed_rows else row_index % 2 if self.zebra_stripes else None
        if (style := self._frame_styles.get((kind, base_style))) is None:
            style = self._frame_styles[(kind, base_style)] = super()._get_row_style(row_index, base_style)
        return style

    def _render_cell(
        self, row_index: int, column_index: int, base_style: Style, width: int, cursor: bool = False, hover: bool = False
    ) -> list[list[Segment]]:
        # Textual 8.2.8 lays out every cell through Rich (console.render_lines of a padded, styled
        # renderable), about a quarter millisecond a cell: a scenario switch draws a hundred of them,
        # most of the key's time. Every cell and label here is cut into lines that fit already
        # (see _draw), so its lines are laid side by side with their padding, as Rich would lay them.
        is_header = row_index == -1
        row_key = self._header_row_key if is_header else self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        cache_key = (row_key, column_key, base_style, cursor, hover, self._show_hover_cursor, self._update_count, self._pseudo_class_state)
        if (lines := self._cell_render_cache.get(cache_key)) is not None:
            return lines
        label, cells = self._get_row_renderables(row_index)
        cell = (label if label is not None else Text()) if column_index == -1 else cells[column_index]
        height = self.header_height if is_header else self.rows[row_key].height
        lines = self._fitted_lines(cell, width, height) if height else None
        if lines is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component_style, post_style = self._get_styles_to_render_cell(
            is_header,
            column_index == -1,
            not is_header and column_index != -1 and (row_index < self.fixed_rows or column_index < self.fixed_columns),
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        styled = [list(Segment.apply_style(line, pre_style, post_style)) for line in lines]
        self._cell_render_cache[cache_key] = styled
        return styled

    def _fitted_lines(self, cell: object, width: int, height: int) -> list[list[Segment]] | None:
        """A cell's lines, padded to `width` and `height`; None if a line needs wrapping (or the cell is no Text)."""
        if not isinstance(cell, Text) or cell.justify not in (None, "default", "left"):
            return None
        padding = self.cell_padding
        inner = width - 2 * padding
        console = self.app.console
        lines: list[list[Segment]] = []
        for line in cell.split("\n", allow_blank=True)[:height] if cell.plain else []:
            if line.cell_len > inner or "\t" in line.plain:
                return None
            segments = [Segment(" " * padding)] if padding else []
            segments += [segment for segment in line.render(console) if segment.text]
            segments.append(Segment(" " * (inner - line.cell_len + padding)))
            lines.append(segments)
        lines += [[Segment(" " * width)] for _ in range(height - len(lines))]
        return lines

    @staticmethod
    def _first_marked(matrix: PressureMatrix) -> tuple[str, str | None] | None:
        """Where the cursor starts: the first actor's first marked cell."""
        if not matrix.actors:
            return None
        actor = matrix.actors[0]
        cell = next(cell for cell in matrix.row(actor) if not cell.empty)
        return actor, cell.option_id

    def on_resize(self, event: events.Resize) -> None:
        self._draw(self._place())

    def restyle(self) -> None:
        # The marks carry resolved colours: redraw when the theme changes them.
        if self.is_mounted and self.matrix is not None and self._marks() != self._drawn_marks:
            place = self._place()
            self._drawn_for = None
            self._draw(place)
            self._show_legend()

    def _marks(self) -> list[Style]:
        return [self.get_component_rich_style(name, partial=True) for name in (*_BADGES.values(), _EMPTY, _FIGURE)]

    def _place(self) -> tuple[str, str | None] | None:
        """Where the cursor is, or is to go when the table is first drawn."""
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
        matrix = self.matrix
        if matrix is None or self.content_region.width <= 1:
            return
        widths = self._widths()
        if widths == self._drawn_for:
            return
        self._drawn_for = widths
        self._drawn_marks = self._marks()
        label_width, column_width = widths
        options = {option.id: option for option in matrix.options if option is not None}
        figures = any(option.troops is not None for option in options.values())
        self.clear(columns=True)
        labels = [self._label(options.get(option_id or ""), option_id, column_width, figures) for option_id in self.option_ids]
        # Labels take the same number of lines in every column, so the troop figures line up below them.
        block = max((len(label) for label, _ in labels), default=1)
        self.header_height = block + max((len(figure) for _, figure in labels), default=0)
        figure_style = self.get_component_rich_style(_FIGURE, partial=True)
        for option_id, (label, figure) in zip(self.option_ids, labels):
            header = Text("\n".join(label + [""] * (block - len(label))))
            for line in figure:
                header.append("\n")
                header.append(line, figure_style)
            self.add_column(header, width=column_width, key=option_id or _NO_OPTION_KEY)
        for actor in matrix.actors:
            name = self._wrapped(actor_name(self._actors, actor), label_width, _NAME_LINES)
            cells = [self._cell(matrix.cell(actor, option_id), column_width) for option_id in self.option_ids]
            height = max(len(name), *(cell.plain.count("\n") + 1 for cell in cells))
            self.add_row(*cells, height=height, key=actor, label=Text("\n".join(name)))
        if place is None or not self.move_to(*place):
            self.cursor_coordinate = Coordinate(0, 0)

    def _wrapped(self, text: str, width: int, most: int | None = None) -> list[str]:
        """`text` in lines of at most `width` cells, cut to `most` lines with an ellipsis."""
        lines = [line.plain.rstrip() for line in Text(text).wrap(self.app.console, width)]
        if most is not None and len(lines) > most:
            last = lines[most - 1]
            lines = lines[: most - 1] + [(last[: width - 1].rstrip() if len(last) >= width else last) + "…"]
        return lines or [""]

    def _label(self, option: Option | None, option_id: str | None, width: int, figures: bool) -> tuple[list[str], list[str]]:
        """An option's label (up to three lines, two when the scenario has troop figures) and its figure's lines."""
        if option_id is None:
            return self._wrapped("No option named", width), []
        if option is None:
            return self._wrapped(option_id, width), []
        label = self._wrapped(visible(option.label), width, _HEADER_LINES - figures)
        if not figures:
            return label, []
        troops = option.troops
        if troops is None:
            return label, ["no figure"]
        figure = troops_text(troops)
        if len(figure) > width and isinstance(troops, list):
            return label, [f"{troops[0]:,}–", f"{troops[1]:,}"]  # a range breaks after its dash, not inside a number
        return label, [figure]

    def _cell(self, cell: Cell, width: int) -> Text:
        """One line per stance, the badge then the step numbers; numbers that do not fit go on under them."""
        if cell.empty:
            return Text("·", self.get_component_rich_style(_EMPTY, partial=True))
        text = Text()
        indent = BADGE + 2
        for stance in STANCES:
            numbers = [str(ref.index + 1) for ref in cell.by_stance(stance)]
            if not numbers:
                continue
            if text:
                text.append("\n")
            text.append(f" {STANCE_SHORT[stance]:<{BADGE}} ", self.get_component_rich_style(_BADGES[stance], partial=True))
            line = ""
            for number, value in enumerate(numbers):
                piece = value + ("," if number < len(numbers) - 1 else "")
                if line and indent + 1 + len(line) + 1 + len(piece) > width:
                    text.append(" " + line + "\n" + " " * indent)
                    line = piece
                else:
                    line = f"{line} {piece}" if line else piece
            text.append(" " + line)
        return text
