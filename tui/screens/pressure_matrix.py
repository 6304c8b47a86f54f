"""The pressure matrix of one scenario: who pushes toward which option, and how openly.

The table on top; below it, the highlighted cell's steps with their quotes. `[` and `]`
switch scenario without leaving the view.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.css.scalar import Unit
from textual.widget import Widget
from textual.widgets import Static

from ..corpus.control_chars import visible
from ..corpus.live import LiveCorpus, ScenarioView
from ..corpus.matrix import Cell, PressureMatrix, pressure_matrix
from ..corpus.model import ScenarioFile, troops_text
from ..corpus.view_data import derived
from ..navigation import OpenScenario, OpenSource
from ..stale_highlights import is_stale
from ..step_labels import actor_name, one_line
from ..widgets.pressure_table import KEPT_LAYOUTS, PressureTable
from ..widgets.step_quotes import StepQuotes
from ..widgets.title_bar import TitleBar
from ..widgets.key_footer import KeyFooter
from .corpus_screen import BackScreen
from ..corpus.counted import counted


def _update(static: Static, content: Content) -> None:
    """Show `content` in a Static sized by its text, laying the screen out only when its height changes."""
    # A Static's update lays the whole screen out by default: on `[` or `]` the question and the cell's
    # heading change, but most often not their number of lines.
    width, height = static.size
    limit = static.styles.max_height
    lines = content.get_height(static.styles, width) if width else 0
    if limit is not None and limit.unit == Unit.CELLS:
        lines = min(lines, int(limit.value))
    static.update(content, layout=not width or lines != height)


def _title(widget: Widget, title: str) -> None:
    # Textual 8.2.8 repaints a widget whenever its border title is set, the same or not: the steps
    # pane, under its steps, is most of the screen, and most switches keep "1 step in this cell".
    if widget.border_title != title:
        widget.border_title = title


class PressureMatrixScreen(BackScreen):
    PANES: ClassVar[tuple[tuple[str, str], ...]] = (("#pressure-table", "Matrix"), ("#matrix-detail", "Steps in the cell"))
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_square_bracket", "scenario(1)", "Other scenario", id="matrix.next-scenario", show=False, tooltip="] the next scenario's matrix, [ the previous one's"),
        Binding("left_square_bracket", "scenario(-1)", "Other scenario", id="matrix.previous-scenario", show=False, tooltip="] the next scenario's matrix, [ the previous one's"),
        Binding("o", "open_source", "Source", id="matrix.open-source", tooltip="Read the current quote in its source document"),
    ]

    def __init__(self, live: LiveCorpus, path: Path) -> None:
        super().__init__(live)
        self._matrices: dict[Path, tuple[ScenarioView, PressureMatrix]] = {}  # this one's and its neighbours'
        view = live.view(path)
        assert view is not None, "the app opens the matrix only on a scenario with something to show"
        self._use(view)
        self._shown: Cell | None = None  # the cell whose steps the detail pane shows

    def _use(self, view: ScenarioView) -> None:
        """Show this version of a scenario from now on: the current one, or its last good one."""
        assert view.entry.scenario is not None
        self.view, self.path = view, view.entry.path
        self.scenario: ScenarioFile = view.entry.scenario
        self.matrix: PressureMatrix = self._matrix_of(view)

    def _matrix_of(self, view: ScenarioView) -> PressureMatrix:
        """The matrix of this version of a scenario, worked out once while it and its neighbours are near."""
        kept = self._matrices.get(view.entry.path)
        if kept is not None and kept[0] is view:
            return kept[1]
        assert view.entry.scenario is not None
        matrix = pressure_matrix(view.entry.scenario)
        self._matrices[view.entry.path] = (view, matrix)
        # More than the table keeps laid out (the current one too): a layout is found by its matrix.
        while len(self._matrices) > KEPT_LAYOUTS + 2:
            del self._matrices[next(iter(self._matrices))]
        return matrix

    @property
    def scenario_path(self) -> Path:
        """The scenario shown: the app reads it, so `m` from here or after it reopens the same one."""
        return self.path

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield Static(id="matrix-question")
        yield PressureTable(id="pressure-table")
        with Vertical(id="matrix-detail"):
            yield Static(id="cell-heading")
            yield StepQuotes(id="cell-steps")
        yield self.reload_panel()
        yield KeyFooter()

    def on_mount(self) -> None:
        step = self._reader_step()
        cell = next((c for c in self.matrix.cells.values() if any(r.index == step for r in c.steps)), None)
        self._show_scenario(place=(cell.actor_id, cell.option_id) if cell else None)
        if step is not None:
            self.query_one(StepQuotes).select_step(step)
        self.query_one(PressureTable).focus()
        self.call_after_refresh(self._prepare, 1, -1)

    def _reader_step(self) -> int | None:
        """The step the reader was on, when the matrix was opened from that scenario's screen."""
        from .scenario import ScenarioScreen

        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 and stack[-1] is self else None
        return below.index if isinstance(below, ScenarioScreen) and below.path == self.path else None

    async def corpus_changed(self) -> None:
        view = self.live.view(self.path)
        if view is not None and view is not self.view:  # else gone, or still its last good version
            self._use(view)
            self._show_scenario(keep=True)

    # -- what is shown ---------------------------------------------------------------

    def _viewable(self) -> tuple[list[Path], dict[Path, int]]:
        """The scenarios [ and ] go through, in order, and where each is among them."""
        # Sorting 3,000 rows on each [ or ] took a tenth of a second: once per corpus is enough. And
        # finding a path in a list of 3,000 (comparing Paths) took up to 5 ms: hence the positions.
        live = self.live

        def build(_: object) -> tuple[list[Path], dict[Path, int]]:
            paths = [row.path for row in live.rows() if row.view is not None]
            return paths, {path: number for number, path in enumerate(paths)}

        return derived(live.corpus, "viewable paths", build)

    def _show_scenario(self, keep: bool = False, place: tuple[str, str | None] | None = None) -> None:
        """Show the scenario's matrix with the cursor on `place`, or on the same cell as before with `keep`."""
        table = self.query_one(PressureTable)
        cell = table.current if keep else None
        if cell is not None:
            place = (cell.actor_id, cell.option_id)
        entry = self.query_one(StepQuotes).current_index if keep else 0
        meta = self.scenario.scenario
        self.query_one(TitleBar).set_path("Pressure matrix", f"{meta.date.year} · {meta.title}")
        _update(self.query_one("#matrix-question", Static), Content.assemble(("Question  ", ".screen--strong"), visible(meta.question)))
        paths, places = self._viewable()
        place_of = places.get(self.path)
        which = f"scenario {place_of + 1} of {len(paths)}" if place_of is not None else "a scenario with errors"
        table.set_title(f"Actors × options · {which} · [ ] another", f"{which.capitalize()} · [ ] another", f"{which.capitalize()} · [ ]")
        table.show_matrix(self.matrix, self.view.corpus.actors, place)
        self._show_cell(entry)

    def _show_cell(self, entry: int = 0) -> None:
        cell = self.query_one(PressureTable).current
        self._shown = cell
        heading = self.query_one("#cell-heading", Static)
        steps = self.query_one(StepQuotes)
        detail = self.query_one("#matrix-detail")
        if cell is None:
            _title(detail, "No pressures")
            _update(heading, Content("No actor in this scenario pushes toward an option: its steps are events and outcomes."))
            steps.show_steps((), self.scenario, self.view.corpus.sources)
            return
        count = len(cell.steps)
        _title(detail, f"{counted(count, 'step')} in this cell" if count else "An empty cell")
        _update(heading, self._cell_heading(cell))
        steps.show_steps(cell.steps, self.scenario, self.view.corpus.sources, current=entry)

    def _cell_heading(self, cell: Cell) -> Content:
        actor = actor_name(self.view.corpus.actors, cell.actor_id)
        option = next((o for o in self.scenario.options if o.id == cell.option_id), None)
        if cell.option_id is None:
            target: list[str | tuple[str, str]] = [("pressures that name no option", ".screen--faint")]
        elif option is None:
            target = [cell.option_id]
        else:
            troops = f" · {troops_text(option.troops)} troops" if option.troops is not None else ""
            target = [(one_line(option.label), ".screen--strong"), (troops, ".screen--faint")]
        parts: list[str | tuple[str, str]] = [(actor, ".screen--strong"), ("  →  ", ".screen--faint"), *target]
        if cell.empty:
            parts.append(("   no step pushes this way", ".screen--faint"))
        return Content.assemble(*parts)

    # -- keys, mouse, messages -------------------------------------------------------

    def on_pressure_table_cell_highlighted(self, event: PressureTable.CellHighlighted) -> None:
        if is_stale(event):
            return
        cell = self.query_one(PressureTable).current
        if cell != self._shown:  # a redraw of the table puts the cursor back where it was
            self._show_cell()

    def on_pressure_table_cell_selected(self, event: PressureTable.CellSelected) -> None:
        steps = self.query_one(StepQuotes)
        if steps.current_step is None:
            self.notify("No step in this cell: pick a marked one.", severity="warning", markup=False)
        steps.action_open_step()

    def on_step_quotes_open_step(self, event: StepQuotes.OpenStep) -> None:
        self.drawdown.open_now(OpenScenario(self.path, event.ref.index))

    def on_quote_list_selected(self, event: StepQuotes.Selected) -> None:
        self.action_open_source()

    def _neighbour(self, delta: int) -> ScenarioView | None:
        """The scenario `delta` places from this one among those [ and ] go through (None: only this one)."""
        paths, places = self._viewable()
        if not paths:
            return None
        here = places.get(self.path, -1)
        there = (here + delta) % len(paths)
        return None if there == here else self.live.view(paths[there])

    def action_scenario(self, delta: int) -> None:
        view = self._neighbour(delta)
        if view is None:
            return
        self._use(view)
        self._show_scenario()
        # The next one the same way, made ready once this frame is drawn; the table keeps the one left,
        # whose first cell's steps are drawn again (the pane keeps only what is drawn ahead).
        self.call_after_refresh(self._prepare, delta, -delta)

    def _prepare(self, *deltas: int, tries: int = 5) -> None:
        """Lay out the matrices of the scenarios `deltas` away and their first cells' steps, so that [ or ] to them swaps them in."""
        if not self.is_attached:
            return
        table, steps = self.query_one(PressureTable), self.query_one(StepQuotes)
        if not (table.laid_out and steps.scrollable_content_region.width):
            # Just opened: the frame after mounting can come before the panes have their sizes.
            if tries:
                self.call_after_refresh(partial(self._prepare, *deltas, tries=tries - 1))
            return
        for delta in deltas:
            view = self._neighbour(delta)
            if view is None:
                continue
            matrix = self._matrix_of(view)
            table.prepare(matrix, view.corpus.actors)
            # And the steps of the cell the cursor starts on there.
            place = table.first_marked(matrix)
            if place is not None and view.entry.scenario is not None:
                steps.prepare_steps(matrix.cell(*place).steps, view.entry.scenario, view.corpus.sources)

    def action_open_source(self) -> None:
        steps = self.query_one(StepQuotes)
        quote = steps.current
        if quote is None:
            message = "This step quotes nothing." if steps.current_step else "No step in this cell."
            self.notify(message, severity="warning", markup=False)
            return
        self.drawdown.open_now(OpenSource(quote.source, quote.span, self.view.corpus))
