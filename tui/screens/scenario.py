"""The scenario screen: steps on the left, the current step in the centre, its quotes on the right."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.widgets import OptionList, Static

from ..corpus.control_chars import visible
from ..corpus.crossref import quote_with_citation, step_matches
from ..corpus.live import LiveCorpus, ScenarioView
from ..corpus.model import Quote, ScenarioFile, Step
from ..navigation import OpenActor, OpenSource
from ..stale_highlights import is_stale
from ..step_labels import KIND_LEGEND
from ..widgets.quote_list import QuoteList
from ..widgets.step_list import StepList
from ..widgets.step_view import StepView
from ..widgets.title_bar import TitleBar
from ..widgets.key_footer import KeyFooter
from .corpus_screen import BackScreen


class ScenarioScreen(BackScreen):
    # Three columns need about 110 cells to give the step and its quotes 36 each.
    PANES: ClassVar[tuple[tuple[str, str], ...]] = (("#step-list", "Steps"), ("#step-view", "Step"), ("#quote-list", "Quotes"))
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (110, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j,n", "next_step", "Next", id="scenario.next-step", key_display="↓", tooltip="Next step"),
        Binding("up,k,p", "previous_step", "Prev", id="scenario.previous-step", key_display="↑", tooltip="Previous step"),
        Binding("1", "jump(1)", "Step", id="scenario.jump-1", key_display="1-9", tooltip="Jump to step 1 to 9"),
        *[Binding(str(n), f"jump({n})", "Step", id=f"scenario.jump-{n}", show=False, tooltip="Jump to step 1 to 9") for n in range(2, 10)],
        Binding("o", "open_source", "Source", id="scenario.open-source", tooltip="Read the current quote in its source document"),
        Binding("c", "copy_quote", "Copy", id="scenario.copy-quote", tooltip="Copy the current quote with its citation"),
        Binding("u", "open_url", "Open link", id="scenario.open-url", tooltip="Open the current quote's source on the web"),
        Binding("A,shift+a", "actor_path", "Actor", id="scenario.actor-path", key_display="A", tooltip="Follow the current step's actor through every scenario"),
    ]

    def __init__(self, live: LiveCorpus, path: Path, step: int = 0) -> None:
        super().__init__(live)
        self.path = path
        view = live.view(path)
        assert view is not None, "the app opens only scenarios with something to show"
        self.view: ScenarioView = view
        self.index = self._clamp(step)
        self._linked = False  # whether the current quote's source has a web address (the u key)
        self._direction = 1  # the way the reader last stepped: where the next step is drawn ahead
        self._gone = False  # its file was removed (the reader has been told)

    @property
    def opened_on(self) -> Path:
        """What this screen shows, so the app does not open it twice on a double tap."""
        return self.path.resolve()

    @property
    def scenario_path(self) -> Path:
        """The scenario the analysis views open on (the pressure matrix)."""
        return self.path

    @property
    def scenario(self) -> ScenarioFile:
        scenario = self.view.entry.scenario
        assert scenario is not None
        return scenario

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield Static(id="scenario-question")
        with Horizontal(id="scenario-body"):
            yield StepList(id="step-list")
            with Container(id="step-detail"):
                yield StepView(id="step-view")
                yield QuoteList(id="quote-list")
        yield self.reload_panel()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(StepList).border_subtitle = KIND_LEGEND
        self._show_scenario()
        self.query_one(StepList).focus()

    async def corpus_changed(self) -> None:
        view = self.live.view(self.path)
        gone = self.live.entry(self.path) is None
        if gone and not self._gone:
            # Kept on screen (the reader may be reading it), but said: nothing else shows it went.
            self.notify(
                f"{visible(self.path.name)} is no longer in the corpus (removed or moved): shown as it last loaded.",
                title="Scenario file gone", severity="warning", timeout=30, markup=False,
            )
        self._gone = gone
        if view is None or view is self.view:
            return  # removed, or broken with the same last good version: keep what is on screen
        old_steps = self.scenario.steps
        old_step = old_steps[self.index] if old_steps else None
        self.view = view
        self.index = self._same_step(old_step)
        self._show_scenario()

    def _same_step(self, old_step: Step | None) -> int:
        """The index of the step shown before a reload: the same step if it is still there, else the same number."""
        steps = self.scenario.steps
        if old_step is not None:
            matches = [i for i, step in enumerate(steps) if step_matches(old_step, step)]
            if matches:
                return min(matches, key=lambda i: abs(i - self.index))
        return self._clamp(self.index)

    def _clamp(self, index: int) -> int:
        steps = self.view.entry.scenario.steps if self.view.entry.scenario else []
        return max(0, min(index, len(steps) - 1))

    def _show_scenario(self) -> None:
        meta = self.scenario.scenario
        basis = " (inferred)" if meta.date_basis == "inferred" else ""
        self.query_one(TitleBar).set_path(f"{meta.date.isoformat()}{basis}", meta.title)
        self.query_one("#scenario-question", Static).update(Content.assemble(("Question  ", ".screen--strong"), visible(meta.question)))
        step_list = self.query_one(StepList)
        step_list.border_title = f"Steps ({len(self.scenario.steps)})"
        step_list.show_steps(self.scenario.steps, self.view.corpus.actors, self.index)
        self._show_step()

    def _show_step(self) -> None:
        """Update the centre and the side pane; the step list already shows the highlight."""
        if not self.scenario.steps:
            self.query_one(StepView).show_message("This scenario has no steps yet: add [[steps]] to its file.")
            self.query_one(QuoteList).border_title = "No quotes"
            return
        step = self.scenario.steps[self.index]
        self.query_one(StepView).show_step(self.scenario, self.index, self.view.corpus.actors)
        quotes = self.query_one(QuoteList)
        quotes.border_title = f"Quotes ({len(step.quotes)})" if step.quotes else "No quotes for this step"
        quotes.show_quotes(step.quotes, self.view.corpus.sources)
        self._update_link_key()
        self.call_after_refresh(self._prepare_next)

    def _prepare_next(self) -> None:
        """Draw the step the reader will most likely go to next, while they read this one.

        Wrapping a step and its quotes costs about 4 ms, a quarter of a 60 Hz frame; done
        here, after this step's frame is drawn, a key that moves on only swaps lines.
        """
        index = self.index + self._direction
        if self.is_current and 0 <= index < len(self.scenario.steps):
            corpus = self.view.corpus
            self.query_one(StepView).prepare(self.scenario, index, corpus.actors)
            self.query_one(QuoteList).prepare(self.scenario.steps[index].quotes, corpus.sources)

    def _update_link_key(self) -> None:
        # Refreshing the bindings rebuilds the footer: do it only when `u` comes or goes.
        linked = self._current_url() is not None
        if linked != self._linked:
            self._linked = linked
            self.refresh_bindings()

    def go_to(self, index: int) -> None:
        index = self._clamp(index)
        if index == self.index:
            return
        self._direction = 1 if index > self.index else -1
        self.index = index
        self.query_one(StepList).highlighted = index
        self._show_step()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # The step list is the screen's only option list. go_to moves its highlight too:
        # answering a stale message would move it back, for ever (see stale_highlights).
        if not is_stale(event):
            self.go_to(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # At once, not through Widget.focus (a callback come round later): the keys typed with enter move the quotes.
        self.set_focus(self.query_one(QuoteList))

    def on_quote_list_highlighted(self, event: QuoteList.Highlighted) -> None:
        self._update_link_key()

    def on_quote_list_selected(self, event: QuoteList.Selected) -> None:
        self.action_open_source()

    def action_next_step(self) -> None:
        self.go_to(self.index + 1)

    def action_previous_step(self) -> None:
        self.go_to(self.index - 1)

    def action_jump(self, number: int) -> None:
        if number <= len(self.scenario.steps):
            self.go_to(number - 1)
        else:
            self.notify(f"This scenario has {len(self.scenario.steps)} steps.", severity="warning", markup=False)

    def _current_quote(self) -> Quote | None:
        quote = self.query_one(QuoteList).current
        if quote is None:
            self.notify("This step has no quote.", severity="warning", markup=False)
        return quote

    def action_open_source(self) -> None:
        quote = self._current_quote()
        if quote is not None:
            self.drawdown.open_now(OpenSource(quote.source, quote.span, self.view.corpus))

    def action_copy_quote(self) -> None:
        quote = self._current_quote()
        if quote is None:
            return
        doc = self.view.corpus.sources.get(quote.source)
        if doc is None:
            return
        if doc.text is None or quote.span is None:
            # A citation vouches for the words: words never checked against the document get none.
            self.notify(f"Not copied: this quote could not be checked ({doc.problem or 'not located in the source'}).", severity="warning", markup=False)
            return
        words = doc.text[quote.span[0] : quote.span[1]]
        self.app.copy_to_clipboard(quote_with_citation(words, doc.meta))
        self.notify("Copied the quote and its citation.", markup=False)

    def action_actor_path(self) -> None:
        actor = self.scenario.steps[self.index].actor if self.scenario.steps else None
        if actor is None:
            self.notify("This step names no actor.", severity="warning", markup=False)
        else:
            self.drawdown.open_now(OpenActor(actor))

    def action_open_url(self) -> None:
        url = self._current_url()
        if url:
            self.app.open_url(url)

    def _current_url(self) -> str | None:
        quote = self.query_one(QuoteList).current
        doc = self.view.corpus.sources.get(quote.source) if quote else None
        return doc.meta.url if doc else None

    def unavailable(self, action: str) -> str | None:
        if action == "open_url" and not self._linked:
            if self.query_one(QuoteList).current is None:
                return "This step quotes no source: there is no url to open."
            return "This quote's source has no url to open."
        return super().unavailable(action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_url":
            return self._linked
        return super().check_action(action, parameters)
