"""An actor's path: who the actor is and every spelling of it, then its steps in date order, with their quotes."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.style import Style
from textual.widgets import OptionList, Static

from ..corpus.actor_paths import ActorPath, PathStep, actor_path
from ..corpus.control_chars import visible
from ..corpus.crossref import step_matches
from ..corpus.live import LiveCorpus
from ..navigation import OpenScenario, OpenSource
from ..stale_highlights import is_stale
from ..step_labels import one_line, side_colour
from ..widgets.path_step_list import PathStepList
from ..widgets.quote_list import QuoteList
from ..widgets.title_bar import TitleBar
from ..widgets.key_footer import KeyFooter
from .corpus_screen import BackScreen
from ..corpus.counted import counted


def _same_place(path: ActorPath, old: PathStep | None, index: int) -> int:
    """Where the reader was before a reload: the same step if it is still on the path, else the same place."""
    if old is not None:
        for number, step in enumerate(path.steps):
            if step.scenario_id == old.scenario_id and step_matches(old.step, step.step):
                return number
    return max(0, min(index, len(path.steps) - 1))


class ActorPathScreen(BackScreen):
    PANES: ClassVar[tuple[tuple[str, str], ...]] = (("#path-steps", "Steps"), ("#quote-list", "Quotes"))
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_source", "Source", id="actor-path.open-source", tooltip="Read the current quote in its source document"),
    ]

    def __init__(self, live: LiveCorpus, actor_id: str) -> None:
        super().__init__(live)
        self.actor_id = actor_id
        path = actor_path(live.corpus, actor_id)
        assert path is not None, "the app opens only actors of the corpus"
        self.path: ActorPath = path

    @property
    def opened_on(self) -> str:
        """What this screen shows, so the app does not open it twice on a double tap."""
        return self.actor_id

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield Static(id="actor-header")
        with Horizontal(id="actor-path-body"):
            yield PathStepList(id="path-steps")
            yield QuoteList(id="quote-list")
        yield self.reload_panel()
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show(0)
        self.query_one(PathStepList).focus()
        self.app.theme_changed_signal.subscribe(self, lambda _: self._theme_changed())

    def _theme_changed(self) -> None:
        self.query_one("#actor-header", Static).update(self._header())  # the side colour follows the theme

    async def corpus_changed(self) -> None:
        path = actor_path(self.live.corpus, self.actor_id)
        if path is None:
            return  # the actor left the catalog (or its catalog is broken): keep the last good path
        steps = self.query_one(PathStepList)
        old, index = steps.current, steps.current_index or 0
        self.path = path
        self._show(_same_place(path, old, index))

    @property
    def current(self) -> PathStep | None:
        return self.query_one(PathStepList).current

    def _show(self, index: int) -> None:
        path = self.path
        actor = path.actor
        self.query_one(TitleBar).set_path("Actors", actor.name)
        self.query_one("#actor-header", Static).update(self._header())
        steps = self.query_one(PathStepList)
        count = len(path.steps)
        scenarios = len(path.scenario_ids)
        if count:
            steps.border_title = Content(f"Steps in date order: {count:,} in {counted(scenarios, 'scenario')}")
        else:
            steps.border_title = Content("No steps")
        steps.show_path(path, self.live.corpus, index)
        if not count:
            steps.show_message(f"No step of any scenario names {visible(actor.name)}: there is nothing to show.")
        self._show_quotes()

    def _header(self) -> Content:
        path = self.path
        actor = path.actor
        colour = side_colour(actor.side, self.app.current_theme.dark)
        home = self.live.corpus.entry(path.home) if path.home else None
        where = f"defined only in “{one_line(home.scenario.scenario.title)}”" if home and home.scenario else "shared across scenarios"
        printed = set(path.spellings_printed)
        spellings: list[str | tuple[str, str]] = [("Spellings  ", ".screen--strong")]
        for number, spelling in enumerate(path.spellings):
            if number:
                spellings.append((" · ", ".screen--faint"))
            spellings.append((f"“{one_line(spelling)}”", ".screen--strong") if spelling in printed else (one_line(spelling), ".screen--faint"))
        # Quotation marks say a document prints the spelling; a legend only when some are not printed.
        if not path.steps or len(printed) == len(path.spellings):
            legend = ""
        elif printed:
            legend = "   plain: printed in no quote"
        else:
            legend = "   none printed in the quotes"
        spellings.append((legend, ".screen--faint"))
        return Content("\n").join(
            [
                Content.assemble(
                    ("█ ", Style(foreground=colour)),
                    (one_line(actor.name), Style(foreground=colour, bold=True)),
                    (f"   {one_line(actor.side)} · {actor.kind} · {where}", ".screen--faint"),
                ),
                Content.assemble(*spellings),
                Content.styled(visible(actor.description), ".screen--faint"),
            ]
        )

    def _show_quotes(self) -> None:
        quotes = self.query_one(QuoteList)
        step = self.current
        if step is None:
            quotes.border_title = "No quotes"
            quotes.show_quotes([], self.live.corpus.sources)
            return
        quotes.border_title = Content(f"Quotes of step {step.index + 1}: {len(step.step.quotes)}" if step.step.quotes else f"Step {step.index + 1} has no quote")
        quotes.show_quotes(step.step.quotes, self.live.corpus.sources)

    # -- keys and selection --------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if not is_stale(event):
            self._show_quotes()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        step = self.current
        if step is None:
            return
        view = self.live.view_by_id(step.scenario_id)
        if view is not None:
            self.drawdown.open_now(OpenScenario(view.entry.path, step.index))

    def on_quote_list_selected(self, event: QuoteList.Selected) -> None:
        self.action_open_source()

    def action_open_source(self) -> None:
        quote = self.query_one(QuoteList).current
        if quote is None:
            self.notify("This step has no quote.", severity="warning", markup=False)
            return
        self.drawdown.open_now(OpenSource(quote.source, quote.span, self.live.corpus))
