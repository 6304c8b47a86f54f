"""The scenario screen's left pane: every step, its kind and, for a pressure, its stance."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.style import Style
from textual.widgets.option_list import Option

from ..corpus.model import Actor, Step
from ..step_labels import BADGE_WIDTH, KIND_MARK, STANCE_WORD, side_colour, step_title
from .handled_at_once import SelectsAtOnce
from .theme_follower import FollowsTheme

_BADGE_CLASSES = ("step-list--public", "step-list--private", "step-list--reported")


class StepList(SelectsAtOnce, FollowsTheme):
    """One line per step: number, kind mark, stance badge (or kind word), actor."""

    HELP_TITLE: ClassVar[str] = "Steps pane"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Next step", id="steps.down", show=False),
        Binding("up", "cursor_up", "Previous step", id="steps.up", show=False),
        Binding("home", "first", "First step", id="steps.first", show=False),
        Binding("end", "last", "Last step", id="steps.last", show=False),
        Binding("pagedown", "page_down", "Page down", id="steps.page-down", show=False),
        Binding("pageup", "page_up", "Page up", id="steps.page-up", show=False),
        Binding("enter", "select", "Read the quotes", id="steps.select", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "step-list--number",
        "step-list--mark",
        "step-list--kind",
        "step-list--actor",
        "step-list--summary",
        *_BADGE_CLASSES,
    }

    # The list is the one pane that stays the same from step to step: a new highlight
    # repaints the two rows it moved between, not every row (see watch_highlighted).
    highlighted: reactive[int | None] = reactive(None, repaint=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._steps: list[Step] = []
        self._actors: dict[str, Actor] = {}
        self._badges: dict[str, Style] = {}
        self._dark = True

    def show_steps(self, steps: list[Step], actors: dict[str, Actor], current: int) -> None:
        self._steps, self._actors = steps, actors
        self._rebuild()
        self.highlighted = current if steps else None

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            line = self._index_to_line.get(index) if index is not None else None
            if line is not None:
                self.refresh_lines(line, self._heights.get(index, 1))
        super().watch_highlighted(new)

    def restyle(self) -> None:
        # Badges carry a background, which a ".component" span style cannot (the partial
        # style drops it), and side colours follow the theme's lightness: both are resolved
        # here, so the prompts are rebuilt when a theme changes them.
        if self.is_mounted and self._steps and (self._resolve_badges(), self.app.current_theme.dark) != (self._badges, self._dark):
            self._rebuild()

    def _resolve_badges(self) -> dict[str, Style]:
        return {name: self.get_visual_style(name) for name in _BADGE_CLASSES}

    def _rebuild(self) -> None:
        self._badges = self._resolve_badges()
        self._dark = self.app.current_theme.dark
        width = len(str(len(self._steps)))
        highlighted = self.highlighted
        self.set_options(Option(self._prompt(index, step, width)) for index, step in enumerate(self._steps))
        if highlighted is not None and self._steps:
            self.highlighted = min(highlighted, len(self._steps) - 1)

    def _prompt(self, index: int, step: Step, width: int) -> Content:
        if step.kind == "pressure" and step.stance:
            badge: tuple[str, str | Style] = (f" {STANCE_WORD[step.stance]:<{BADGE_WIDTH}} ", self._badges[f"step-list--{step.stance}"])
        else:
            badge = (f" {step.kind.upper():<{BADGE_WIDTH}} ", ".step-list--kind")
        actor = self._actors.get(step.actor or "")
        # The side's colour marks a bar before the name, not the name itself: a coloured name
        # would lose its contrast on the highlighted row.
        side = ("▌", Style(foreground=side_colour(actor.side, self._dark))) if actor else " "
        return Content.assemble(
            (f"{index + 1:>{width}} ", ".step-list--number"),
            (KIND_MARK[step.kind], ".step-list--mark"),
            badge,
            side,
            (step_title(step, self._actors), ".step-list--actor" if actor else ".step-list--summary"),
        )

    def on_resize(self) -> None:
        # A pane made shorter (a reload panel coming up, a narrow terminal) keeps the current step in sight.
        self.call_after_refresh(self.scroll_to_highlight)
