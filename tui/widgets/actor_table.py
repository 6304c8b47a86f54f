"""The Actors list: one row per actor, with its side, its kind, and how much of the corpus names it.

Cells are Rich `Text` built from plain strings (a DataTable reads a bare string as markup).
The columns are laid out for the table's width: a narrow table drops the kind (the preview
under the list gives it) and shows the years as a span, so the name keeps room to be read.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, NamedTuple, Sequence

from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from ..corpus.actor_paths import ActorSummary
from ..corpus.control_chars import visible
from ..step_labels import side_colour
from .theme_follower import FollowsTheme

_UNUSED = "actor-table--unused"
_MUTED = "actor-table--muted"
_MATCH = "actor-table--match"
_WIDE = 96  # from this many cells the kind and every year get their own columns
_MIN_NAME = 16


class Shown(NamedTuple):
    """One row: the actor, and the spelling the filter matched when it is not the name."""

    summary: ActorSummary
    matched: str | None


def years_text(years: tuple[int, ...], compact: bool) -> str:
    if not years:
        return "—"
    if compact and len(years) > 2:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(year) for year in years)


class ActorTable(DataTable[Text], FollowsTheme):
    HELP_TITLE: ClassVar[str] = "Actors list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "first", "First actor", id="actors.first", show=False, tooltip="Go to the first actor"),
        Binding("end", "last", "Last actor", id="actors.last", show=False, tooltip="Go to the last actor"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {_UNUSED, _MUTED, _MATCH}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.rows_shown: list[Shown] = []
        self._every: Sequence[ActorSummary] = ()
        self._layout: tuple[bool, int] = (True, 0)  # (wide, name width) the columns were made for
        self._dark = True
        self._styles: tuple[bool, RichStyle, RichStyle, RichStyle] | None = None
        self._widest: dict[bool, tuple[int, int]] = {}  # wide or not -> widest side and years of `_every`

    # -- what the screen uses ------------------------------------------------------

    def show_actors(self, rows: Iterable[Shown], current: str | None, every: Sequence[ActorSummary]) -> None:
        """Replace the rows, keeping the cursor on the actor `current` when it is still listed.

        The columns are sized for `every` actor, not only those shown, so they stay put while a filter narrows the rows.
        """
        self.rows_shown = list(rows)
        if every is not self._every:
            self._widest.clear()  # measured over every actor once per listing, not on each key
        self._every = every
        self._rebuild(current)

    @property
    def current(self) -> Shown | None:
        if not self.rows_shown or not 0 <= self.cursor_row < len(self.rows_shown):
            return None
        return self.rows_shown[self.cursor_row]

    def action_first(self) -> None:
        if self.rows_shown:
            self.move_cursor(row=0)

    def action_last(self) -> None:
        if self.rows_shown:
            self.move_cursor(row=len(self.rows_shown) - 1)

    # -- layout --------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self._layout_for_width() != self._layout:
            self._rebuild(self.current.summary.actor.id if self.current else None)

    def restyle(self) -> None:
        # Side colours follow the theme's lightness and the cells carry resolved colours:
        # rebuilt when the new theme changes them.
        if self.is_mounted and self.rows_shown and self._resolve_styles() != self._styles:
            self._rebuild(self.current.summary.actor.id if self.current else None)

    def _resolve_styles(self) -> tuple[bool, RichStyle, RichStyle, RichStyle]:
        get = self.get_component_rich_style
        return self.app.current_theme.dark, get(_MUTED, partial=True), get(_UNUSED, partial=True), get(_MATCH, partial=True)

    def _fixed_widths(self, wide: bool) -> list[tuple[str, str, int]]:
        """(key, header, width) of every column but the name."""
        if wide not in self._widest:
            self._widest[wide] = (
                max((len(visible(summary.actor.side)) for summary in self._every), default=4),
                max((len(years_text(summary.years, not wide)) for summary in self._every), default=5),
            )
        sides, years = self._widest[wide]
        columns = [("side", "Side", min(max(sides, 4), 20 if wide else 15))]
        if wide:
            columns.append(("kind", "Kind", 11))
        columns += [
            ("scenarios", "Scenarios" if wide else "Scen.", 9 if wide else 5),
            ("steps", "Steps", 5),
            ("years", "Years", min(max(years, 5), 24)),
        ]
        return columns

    def _layout_for_width(self) -> tuple[bool, int]:
        width = self.scrollable_content_region.width
        wide = width >= _WIDE
        fixed = sum(w + 2 * self.cell_padding for _, _, w in self._fixed_widths(wide))
        return wide, max(_MIN_NAME, width - fixed - 2 * self.cell_padding)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # Textual 8.2.8 measures every cell of each new row for its column's content width, which
        # only a column without a width of its own uses (Column.get_render_width): 3,000 cells on
        # each filter key, most of the key's time. Every column here is given its width and every
        # row is one line high, so the measure is skipped; the table's size is still recomputed.
        new_rows = tuple(new_rows)
        if any(column.auto_width for column in self.columns.values()) or any(
            (row := self.rows.get(key)) is not None and (row.auto_height or row.label is not None) for key in new_rows
        ):
            super()._update_dimensions(new_rows)
        else:
            super()._update_dimensions(())

    def _rebuild(self, current: str | None) -> None:
        layout = self._layout_for_width()
        if layout == self._layout and self.columns:
            self.clear()  # a filter keystroke: the same columns, other rows
        else:
            self.clear(columns=True)
            self._layout = wide, name_width = layout
            self.add_column(Text("Actor"), width=name_width, key="name")
            for key, header, width in self._fixed_widths(wide):
                numeric = key in ("scenarios", "steps")
                self.add_column(Text(header, justify="right" if numeric else "left"), width=width, key=key)
        wide = self._layout[0]
        self._styles = self._dark, muted, unused, match = self._resolve_styles()
        for row in self.rows_shown:
            self.add_row(*self._cells(row, wide, muted, unused, match), key=row.summary.actor.id)
        ids = [row.summary.actor.id for row in self.rows_shown]
        if current in ids:
            self.move_cursor(row=ids.index(current), animate=False)

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
