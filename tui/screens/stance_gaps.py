"""Stance gaps: actors whose public position differs from their private or reported one.

The gaps of every scenario on top, by scenario; below, the highlighted gap's two sides
side by side (stacked on a narrow terminal), each with its steps and their quotes.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import OptionList, Static

from ..corpus.live import LiveCorpus
from ..corpus.load import Corpus
from ..corpus.stance_gaps import Side, StanceGap, corpus_gaps
from ..navigation import OpenScenario, OpenSource
from ..stale_highlights import is_stale
from ..step_labels import STANCE_WORD, actor_name, one_line
from ..widgets.gap_list import GapList, gap_key
from ..widgets.step_quotes import StepQuotes
from ..widgets.title_bar import TitleBar
from ..widgets.key_footer import KeyFooter
from .corpus_screen import BackScreen
from ..corpus.counted import counted


NO_GAPS = Content.assemble(
    ("No stance gaps.", ".screen--strong"),
    " In every scenario that loads, each actor's private and reported steps push toward an option the same "
    "actor also pushes toward in public, or the actor has no public step to compare them with.",
)


class StanceGapsScreen(BackScreen):
    # Two sides of quotes need about 100 cells to give each a readable 48.
    PANES: ClassVar[tuple[tuple[str, str], ...]] = (("#gap-list", "Gaps"), ("#gap-public", "Public side"), ("#gap-other", "Other side"))
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]
    AUTO_FOCUS = ""  # the list, when there are gaps; nothing when the screen only says there are none
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_source", "Source", id="gaps.open-source", tooltip="Read the current quote in its source document"),
    ]

    def __init__(self, live: LiveCorpus) -> None:
        super().__init__(live)
        self.corpus: Corpus = live.corpus
        self.gaps: list[StanceGap] = corpus_gaps(self.corpus)
        self._shown: StanceGap | None = None
        self._side: StepQuotes | None = None  # the side the reader last moved in: what `o` opens

    @property
    def scenario_path(self) -> Path | None:
        """The highlighted gap's scenario: the pressure matrix opens on it."""
        view = self.live.view_by_id(self._shown.scenario_id) if self._shown else None
        return view.entry.path if view else None

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield GapList(id="gap-list")
        yield Static(NO_GAPS, id="gaps-empty")
        yield Static(id="gap-heading")
        with Horizontal(id="gap-sides"):
            for pane_id, title in (("gap-public", "Public side"), ("gap-other", "Private or reported side")):
                side = StepQuotes(id=pane_id, classes="gap-side")
                side.HELP_TITLE = title  # type: ignore[misc]  # help lists each side's keys under its own name
                yield side
        yield self.reload_panel()
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()

    async def corpus_changed(self) -> None:
        if self.live.corpus is self.corpus:
            return
        current = self.query_one(GapList).current
        self.corpus = self.live.corpus
        self.gaps = corpus_gaps(self.corpus)
        self._shown = None
        self._show(gap_key(current) if current else None)

    def _show(self, keep: tuple[str, str, str] | None = None) -> None:
        count = len(self.gaps)
        scenarios = len({gap.scenario_id for gap in self.gaps})
        summary = f"{counted(count, 'gap')} in {counted(scenarios, 'scenario')}" if count else "no gaps"
        self.query_one(TitleBar).set_path("Stance gaps", summary)
        gap_list = self.query_one(GapList)
        gap_list.border_title = "Public against private or reported, by scenario"
        gap_list.show_gaps(self.gaps, self.corpus, keep)
        self.set_class(not self.gaps, "-empty")
        if not self.gaps:
            self.set_focus(None)  # the panes are hidden: their keys would be offered for nothing
        elif self.focused is None:
            gap_list.focus()
        self._show_gap()
        self.refresh_bindings()  # `o` comes and goes with the gaps

    def _show_gap(self) -> None:
        gap = self.query_one(GapList).current
        self._shown = gap
        heading = self.query_one("#gap-heading", Static)
        public, other = self.query_one("#gap-public", StepQuotes), self.query_one("#gap-other", StepQuotes)
        if gap is None:
            return  # the screen says there are none (the -empty class)
        entry = self.corpus.entry(gap.scenario_id)
        scenario = entry.scenario if entry else None
        assert scenario is not None, "gaps come only from scenarios that load"
        meta = scenario.scenario
        heading.update(
            Content.assemble(
                (actor_name(self.corpus.actors, gap.actor_id), ".screen--strong"),
                ("  in  ", ".screen--faint"),
                f"{meta.date.year} · {one_line(meta.title)}",
            )
        )
        for pane, side in ((public, gap.public), (other, gap.other)):
            pane.border_title = self._side_title(side)
            pane.show_steps(side.steps, scenario, self.corpus.sources, toward=True)

    @staticmethod
    def _side_title(side: Side) -> Content:
        count = len(side.steps)
        return Content(f"{STANCE_WORD[side.stance].capitalize()} · {counted(count, 'step')}")

    # -- keys, mouse, messages -------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if not is_stale(event) and self.query_one(GapList).current is not self._shown:
            self._show_gap()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # At once, not through Widget.focus (a callback come round later): the keys typed with enter move the side.
        self.set_focus(self.query_one("#gap-public", StepQuotes))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(self.focused, StepQuotes):
            self._side = self.focused

    def on_step_quotes_open_step(self, event: StepQuotes.OpenStep) -> None:
        gap = self._shown
        view = self.live.view_by_id(gap.scenario_id) if gap else None
        if view is not None:
            self.drawdown.open_now(OpenScenario(view.entry.path, event.ref.index))

    def on_quote_list_selected(self, event: StepQuotes.Selected) -> None:
        self.action_open_source()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_source":
            return bool(self.gaps)
        return super().check_action(action, parameters)

    def action_open_source(self) -> None:
        side = self._side or self.query_one("#gap-public", StepQuotes)
        quote = side.current
        if quote is None:
            self.notify("No quote here to open.", severity="warning", markup=False)
            return
        self.drawdown.open_now(OpenSource(quote.source, quote.span, self.corpus))
