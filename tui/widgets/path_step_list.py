"""An actor's path: its steps in date order, under a heading for each scenario they belong to."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.style import Style
from textual.widgets.option_list import Option

from ..corpus.actor_paths import ActorPath, PathStep
from ..corpus.control_chars import visible
from ..corpus.load import Corpus
from ..corpus.model import troops_text
from ..step_labels import BADGE_WIDTH, CARD_TEXT_LIMIT, KIND_MARK, STANCE_WORD, one_line
from .handled_at_once import SelectsAtOnce
from .theme_follower import FollowsTheme

_BADGE_CLASSES = ("path-steps--public", "path-steps--private", "path-steps--reported")
_HEADING = ".path-steps--heading"
_NUMBER = ".path-steps--number"
_MARK = ".path-steps--mark"
_KIND = ".path-steps--kind"
_MUTED = ".path-steps--muted"
_SPELLING = ".path-steps--spelling"


class PathStepList(SelectsAtOnce, FollowsTheme):
    """A scenario heading (year and title), then each of the actor's steps in it: badge, option, summary, spelling."""

    HELP_TITLE: ClassVar[str] = "Path steps"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Next step", id="path-steps.down", show=False, tooltip="The actor's next step"),
        Binding("up", "cursor_up", "Previous step", id="path-steps.up", show=False, tooltip="The actor's previous step"),
        Binding("home", "first", "First step", id="path-steps.first", show=False, tooltip="The actor's first step"),
        Binding("end", "last", "Last step", id="path-steps.last", show=False, tooltip="The actor's last step"),
        Binding("enter", "select", "Open step", id="path-steps.open", tooltip="Open this step in its scenario"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        _HEADING[1:],
        _NUMBER[1:],
        _MARK[1:],
        _KIND[1:],
        _MUTED[1:],
        _SPELLING[1:],
        *_BADGE_CLASSES,
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.path: ActorPath | None = None
        self._corpus: Corpus | None = None
        self._option_step: list[int | None] = []  # for each option, its step in the path (None: a heading)
        self._badges: dict[str, Style] = {}

    def show_path(self, path: ActorPath, corpus: Corpus, current: int) -> None:
        """Show every step of the path, with step number `current` (in path order) highlighted."""
        self.path, self._corpus = path, corpus
        self._rebuild()
        self.current_index = current

    def show_message(self, message: str) -> None:
        """Say why there is no step to list (an actor that no step names)."""
        self._option_step = [None]
        self.set_options([Option(Content.styled(message, _MUTED), disabled=True)])

    @property
    def current_index(self) -> int | None:
        """The highlighted step's place in the path."""
        return self._option_step[self.highlighted] if self.highlighted is not None else None

    @current_index.setter
    def current_index(self, index: int) -> None:
        if index in self._option_step:
            self.highlighted = self._option_step.index(index)

    @property
    def current(self) -> PathStep | None:
        index = self.current_index
        return self.path.steps[index] if self.path is not None and index is not None else None

    def on_click(self, event: events.Click) -> None:
        # A click selects a step, so its quotes show; a click on the selected step opens it, as enter does.
        event.prevent_default()
        clicked: int | None = event.style.meta.get("option")
        if clicked is None or self.get_option_at_index(clicked).disabled:
            return
        if clicked == self.highlighted:
            self.action_select()
        else:
            self.highlighted = clicked

    def restyle(self) -> None:
        # Badges carry a background, which a ".component" span loses: resolved here, rebuilt on a theme change.
        if self.is_mounted and self.path is not None and self._resolve_badges() != self._badges:
            current = self.current_index
            self._rebuild()
            if current is not None:
                self.current_index = current

    def _resolve_badges(self) -> dict[str, Style]:
        return {name: self.get_visual_style(name) for name in _BADGE_CLASSES}

    def _rebuild(self) -> None:
        assert self.path is not None and self._corpus is not None
        self._badges = self._resolve_badges()
        options: list[Option | None] = []
        self._option_step = []
        scenario_id: str | None = None
        for index, step in enumerate(self.path.steps):
            if options:
                options.append(None)
            if step.scenario_id != scenario_id:
                scenario_id = step.scenario_id
                heading = Content.styled(f"{step.scenario_date.year} · {one_line(step.scenario_title)}", _HEADING)
                options.append(Option(heading, disabled=True))
                self._option_step.append(None)
            options.append(Option(self._prompt(step)))
            self._option_step.append(index)
        self.set_options(options)

    def _prompt(self, step: PathStep) -> Content:
        data = step.step
        if data.kind == "pressure" and data.stance:
            badge: tuple[str, str | Style] = (f" {STANCE_WORD[data.stance]:<{BADGE_WIDTH}} ", self._badges[f"path-steps--{data.stance}"])
        else:
            badge = (f" {data.kind.upper():<{BADGE_WIDTH}} ", _KIND)
        first: list[str | Content | tuple[str, str | Style]] = [
            (f"Step {step.index + 1:<3}", _NUMBER),
            (KIND_MARK[data.kind], _MARK),
            badge,
            " ",
            self._option(step),
        ]
        if data.date is not None:
            first.append((f"  {data.date.isoformat()}" + (" (inferred)" if data.date_basis == "inferred" else ""), _MUTED))
        lines = [Content.assemble(*first), Content(one_line(data.summary, CARD_TEXT_LIMIT))]  # a card of a list: cut, so it fits a pane
        if step.spellings:
            printed = Content.assemble(("prints ", _MUTED), *self._spellings(step.spellings))
        elif data.quotes:
            printed = Content.styled("its quotes print none of the actor's spellings", _MUTED)
        else:
            printed = Content.styled("no quote", _MUTED)
        lines.append(printed)
        return Content("\n").join(lines)

    @staticmethod
    def _spellings(spellings: tuple[str, ...]) -> list[tuple[str, str]]:
        parts: list[tuple[str, str]] = []
        for number, spelling in enumerate(spellings):
            if number:
                parts.append((", ", _MUTED))
            parts.append((f"“{one_line(spelling)}”", _SPELLING))
        return parts

    def _option(self, step: PathStep) -> Content:
        """The option a pressure pushes toward, or an outcome puts into effect, with its troop figure."""
        data = step.step
        target, verb = (data.toward, "toward") if data.kind == "pressure" else (data.enacts, "enacts")
        if data.kind == "event":
            return Content("")
        if target is None:
            return Content.styled("no option named" if data.kind == "pressure" else "no option put into effect", _MUTED)
        entry = self._corpus.entry(step.scenario_id) if self._corpus else None
        options = {option.id: option for option in entry.scenario.options} if entry and entry.scenario else {}
        option = options.get(target)
        if option is None:
            return Content.assemble((f"{verb} ", _MUTED), visible(target))
        troops = f"{troops_text(option.troops)} troops" if option.troops is not None else "no troop figure"
        return Content.assemble((f"{verb} ", _MUTED), one_line(option.label), (" · ", _MUTED), (troops, ".screen--strong"))
