"""The Actors list: every actor of the corpus, filtered as you type, each leading to its path."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.style import Style
from textual.widgets import Input, Static

from ..corpus.actor_filter import ActorFilter, actor_filter, place
from ..corpus.actor_paths import ActorSummary, years_text
from ..corpus.control_chars import visible
from ..corpus.folding import fold
from ..corpus.live import LiveCorpus
from ..corpus.spellings import actor_spellings
from ..navigation import OpenActor
from ..step_labels import one_line, side_colour
from ..widgets.actor_table import ActorTable, Shown, ShownRows
from ..widgets.filter_input import FilterInput
from ..widgets.title_bar import TitleBar
from ..widgets.key_footer import KeyFooter
from .corpus_screen import HELP_OVER_TEXT, BackScreen
from ..corpus.counted import counted


def where_named(summary: ActorSummary) -> str:
    """"4 steps in 3 scenarios (2011, 2020, 2021)", or that none names it."""
    if summary.steps == 0:
        return "No step of any scenario names this actor: there is no path to follow"
    steps = counted(summary.steps, "step")
    scenarios = counted(summary.scenarios, "scenario")
    return f"Named by {steps} in {scenarios} ({years_text(summary.years, compact=False)})"


class ActorsScreen(BackScreen):
    TYPING_FIELD = "#actor-filter"
    PANES: ClassVar[tuple[tuple[str, str], ...]] = (("#actor-table", "Actors"), ("#actor-preview", "Actor"))
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]
    # Priority: the filter keeps the focus while the reader types, and these act on the list under it.
    BINDINGS: ClassVar[list[BindingType]] = [
        HELP_OVER_TEXT,
        Binding("down", "move(1)", "Next", id="actors-screen.down", key_display="↓", priority=True, tooltip="Highlight the next actor"),
        Binding("up", "move(-1)", "Prev", id="actors-screen.up", key_display="↑", priority=True, tooltip="Highlight the previous actor"),
        Binding("pagedown", "page(1)", "Page down", id="actors-screen.page-down", show=False, priority=True, tooltip="A page of actors down"),
        Binding("pageup", "page(-1)", "Page up", id="actors-screen.page-up", show=False, priority=True, tooltip="A page of actors up"),
        Binding("enter", "open", "Open path", id="actors-screen.open", priority=True, tooltip="Follow the highlighted actor through every scenario"),
    ]

    def one_pane_at_a_time(self) -> bool:
        # The list and the actor's card are stacked already: only a short terminal needs to take turns.
        return self.has_class("-low")

    def __init__(self, live: LiveCorpus) -> None:
        super().__init__(live)
        self.listing: list[ActorSummary] = []
        self._filter_of: ActorFilter | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield FilterInput(placeholder="Type to filter by name or any spelling", id="actor-filter")
        yield ActorTable(id="actor-table")
        yield Static(id="actor-preview")
        yield self.reload_panel()
        yield KeyFooter()

    def on_mount(self) -> None:
        self._load()
        self.query_one("#actor-filter", Input).focus()
        self.app.theme_changed_signal.subscribe(self, lambda _: self._show_preview())  # side colours follow the theme

    async def corpus_changed(self) -> None:
        self._load()

    def _load(self) -> None:
        row = self.query_one(ActorTable).current
        self._filter_of = actor_filter(self.live.corpus)
        self.listing = self._filter_of.listing
        scenarios = sum(1 for entry in self.live.corpus.scenarios if entry.scenario is not None)
        self.query_one(TitleBar).set_path("Actors", f"{counted(len(self.listing), 'actor')} in {counted(scenarios, 'scenario')}")
        # Another corpus numbers its actors anew: the highlight follows its actor by id.
        self._filter(self._filter_of.numbers.get(row.summary.actor.id) if row else None)

    @property
    def query_text(self) -> str:
        return self.query_one("#actor-filter", Input).value

    def _filter(self, current: int | None = None) -> None:
        """List the actors matching the filter, keeping the highlight on the actor numbered
        `current` in the listing (by default the one highlighted) when it is still listed."""
        table = self.query_one(ActorTable)
        folded = fold(self.query_text.strip())
        actors = self._filter_of
        assert actors is not None
        shown = table.rows_shown
        if current is None and shown.listing is self.listing and 0 <= table.cursor_row < len(shown):
            current = shown.number(table.cursor_row)
        found = actors.matching(folded)
        # The highlight stays on its actor while it is listed (found is in listing order).
        cursor = place(found, current) if current is not None else None
        table.show_actors(ShownRows(self.listing, found), cursor or 0, actors.widest)
        total = len(self.listing)
        if folded:
            table.border_title = Content(f"Actors matching “{visible(self.query_text.strip())}”: {len(found):,} of {total:,}")
        else:
            table.border_title = Content(f"Actors, by name: {total:,}")
        unused = actors.unused
        table.border_subtitle = Content("dimmed: named by no step") if any(unused[number] for number, _ in found) else None
        self._show_preview()

    def _show_preview(self) -> None:
        preview = self.query_one("#actor-preview", Static)
        row = self.query_one(ActorTable).current
        if row is None:
            preview.update(Content(f"No actor's name or spelling contains “{visible(self.query_text.strip())}”." if self.listing else "This corpus defines no actors."))
            return
        summary = row.summary
        actor = summary.actor
        colour = side_colour(actor.side, self.app.current_theme.dark)
        # A scenario's own actor appears nowhere else by design; a shared one could.
        where = "defined only in one scenario, not in the shared actors catalog" if summary.home else "from the shared actors catalog"
        aliases = [one_line(alias) for alias in actor_spellings(actor)[1:]]
        lines = [
            Content.assemble(
                ("█ ", Style(foreground=colour)),
                (one_line(actor.name), Style(foreground=colour, bold=True)),
                (f"   {one_line(actor.side)} · {actor.kind}", ".screen--faint"),
            ),
            Content.assemble(("Also  ", ".screen--strong"), " · ".join(aliases) if aliases else ("no other spelling in the catalog", ".screen--faint")),
            Content.assemble(where_named(summary), (f" · {where}", ".screen--faint")),
            Content.styled(visible(actor.description), ".screen--faint"),
        ]
        preview.update(Content("\n").join(lines))

    # -- keys and selection --------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        self._filter()

    def action_open(self) -> None:
        self._open(self.query_one(ActorTable).current)

    def on_actor_table_row_highlighted(self, event: ActorTable.RowHighlighted) -> None:
        # Only the message for where the highlight is now (see tui/stale_highlights.py).
        if event.cursor_row == event.table.cursor_row:
            self._show_preview()

    def on_actor_table_row_selected(self, event: ActorTable.RowSelected) -> None:
        self._open(self.query_one(ActorTable).current)

    def _open(self, row: Shown | None) -> None:
        if row is None:
            self.notify("No actor is highlighted: change the filter to list some.", severity="warning", markup=False)
        elif row.summary.steps == 0:
            self.notify(
                f"Nothing to show: no step of any scenario names {visible(row.summary.actor.name)}.",
                severity="warning",
                markup=False,
            )
        else:
            self.drawdown.open_now(OpenActor(row.summary.actor.id))

    def action_move(self, delta: int) -> None:
        table = self.query_one(ActorTable)
        if table.rows_shown:
            table.move_cursor(row=max(0, min(table.cursor_row + delta, len(table.rows_shown) - 1)))

    def action_page(self, direction: int) -> None:
        table = self.query_one(ActorTable)
        self.action_move(direction * max(1, table.scrollable_content_region.height - 2))
