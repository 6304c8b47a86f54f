"""The scenario screen's centre pane: the current step in full."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from ..corpus.control_chars import visible
from ..corpus.model import Actor, Option, ScenarioFile, Step, troops_text
from ..step_labels import KIND_MARK, STANCE_MEANING, STANCE_WORD, STATUS_WORD, actor_name, side_colour

_BADGE_CLASSES = ("step-view--public", "step-view--private", "step-view--reported")
_LABEL = ".step-view--label"
_MUTED = ".step-view--muted"
_LABEL_WIDTH = 9


def _option_text(option: Option | None, option_id: str) -> Content:
    if option is None:
        return Content(option_id)
    troops = f"{troops_text(option.troops)} troops" if option.troops is not None else "no troop figure"
    return Content.assemble(visible(option.label), ("  ·  ", _MUTED), (troops, "bold"))


class StepView(VerticalScroll):
    """Heading, actor, summary, the facts of the step (stance, option, status, date), who the actor is."""

    HELP_TITLE: ClassVar[str] = "Step pane"
    COMPONENT_CLASSES: ClassVar[set[str]] = {"step-view--label", "step-view--muted", *_BADGE_CLASSES}

    def compose(self) -> ComposeResult:
        # The summary comes right after the actor: on a short terminal it is what must not scroll away.
        yield Static(id="step-heading")
        yield Static(id="step-actor")
        yield Static(id="step-summary")
        yield Static(id="step-facts")
        yield Static(id="step-actor-description")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._badges: dict[str, Style] = {}
        self._shown: tuple[ScenarioFile, int, dict[str, Actor]] | None = None
        self._facts_shown: list[tuple[str, Content]] = []

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Stance badges carry a background; see StepList.notify_style_update.
        if self.is_mounted and self._shown is not None and self._resolve_badges() != self._badges:
            self._badges = self._resolve_badges()
            self.show_step(*self._shown)

    def _resolve_badges(self) -> dict[str, Style]:
        return {name: self.get_visual_style(name) for name in _BADGE_CLASSES}

    def show_step(self, scenario: ScenarioFile, index: int, actors: dict[str, Actor]) -> None:
        self._shown = (scenario, index, actors)
        self._badges = self._badges or self._resolve_badges()
        step = scenario.steps[index]
        options = {option.id: option for option in scenario.options}
        self.query_one("#step-heading", Static).update(
            Content.assemble(
                (f"Step {index + 1} of {len(scenario.steps)}", "bold"),
                ("  ·  ", _MUTED),
                f"{KIND_MARK[step.kind]} {step.kind.upper()}",
            )
        )
        self._show_actor(step, actors)
        self._facts_shown = self._facts(step, scenario, options)
        self._render_facts()
        self.query_one("#step-summary", Static).update(Content(visible(step.summary)))
        self.scroll_home(animate=False)

    def on_resize(self) -> None:
        if self._shown is not None:
            self._render_facts()

    def _render_facts(self) -> None:
        # Values wrap under themselves, not under the labels, so the labels stay a column.
        width = max(self.scrollable_content_region.width - _LABEL_WIDTH, 12)
        lines: list[Content] = []
        for label, value in self._facts_shown:
            for number, line in enumerate(value.wrap(width)):
                lines.append(Content.assemble((f"{label if number == 0 else '':<{_LABEL_WIDTH}}", _LABEL), line))
        self.query_one("#step-facts", Static).update(Content("\n").join(lines))

    def _show_actor(self, step: Step, actors: dict[str, Actor]) -> None:
        actor = actors.get(step.actor or "")
        name = self.query_one("#step-actor", Static)
        description = self.query_one("#step-actor-description", Static)
        if actor is None:
            name.update(Content.styled(actor_name(actors, step.actor), _MUTED))
            description.display = False
            return
        name.update(
            Content.assemble(
                ("█ ", Style(foreground=side_colour(actor.side))),
                (visible(actor.name), Style(foreground=side_colour(actor.side), bold=True)),
                ("   ", ""),
                (f"{visible(actor.side)} · {actor.kind}", _MUTED),
            )
        )
        description.display = True
        description.update(Content(visible(actor.description)))

    def _facts(self, step: Step, scenario: ScenarioFile, options: dict[str, Option]) -> list[tuple[str, Content]]:
        facts: list[tuple[str, Content]] = []

        def fact(label: str, *value: str | Content | tuple[str, str | Style]) -> None:
            facts.append((label, Content.assemble(*value)))

        if step.kind == "pressure" and step.stance:
            fact(
                "Stance",
                (f" {STANCE_WORD[step.stance]} ", self._badges[f"step-view--{step.stance}"]),
                (f" {STANCE_MEANING[step.stance]}", _MUTED),
            )
            if step.toward:
                fact("Toward", _option_text(options.get(step.toward), step.toward))
            else:
                fact("Toward", ("no option named", _MUTED))
        if step.kind == "outcome":
            if step.status:
                fact("Status", (STATUS_WORD[step.status], "bold"))
            if step.enacts:
                fact("Enacts", _option_text(options.get(step.enacts), step.enacts))
            else:
                fact("Enacts", ("no option put into effect", _MUTED))
        if step.date is not None:
            basis = " (inferred)" if step.date_basis == "inferred" else ""
            fact("Date", step.date.isoformat(), (basis, _MUTED))
        else:
            meta = scenario.scenario
            fact("Date", ("not dated; the scenario stands at ", _MUTED), meta.date.isoformat(),
                 (" (inferred)" if meta.date_basis == "inferred" else "", _MUTED))
        return facts
