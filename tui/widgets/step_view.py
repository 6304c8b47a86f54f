"""The scenario screen's centre pane: the current step in full.

Drawn line by line (the Line API) at a size fixed by the layout: a new step changes
only what this widget paints, never the size of anything, so stepping costs one
frame and no re-layout of the screen.
"""

from __future__ import annotations

from typing import ClassVar, Union

from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from ..corpus.control_chars import visible
from .scroll_keys import scroll_bindings
from ..corpus.model import Actor, Option, ScenarioFile, Step, troops_text
from ..step_labels import KIND_MARK, STANCE_MEANING, STANCE_WORD, STATUS_WORD, actor_name, one_line, side_colour
from .line_pane import DrawnLines, LinePane
from .theme_follower import FollowsTheme

_BADGE_CLASSES = ("step-view--public", "step-view--private", "step-view--reported")
_LABEL = ".step-view--label"
_MUTED = ".step-view--muted"
_DESCRIPTION = ".step-view--description"
_LABEL_WIDTH = 9

Part = Union[str, Content, tuple[str, Union[str, Style]]]
# A block is a paragraph (label None) or a fact: a label with its value wrapped beside it.
Block = tuple[Union[str, None], Content]


def _option_text(option: Option | None, option_id: str) -> Content:
    if option is None:
        return Content(option_id)
    troops = f"{troops_text(option.troops)} troops" if option.troops is not None else "no troop figure"
    return Content.assemble(one_line(option.label), ("  ·  ", _MUTED), (troops, ".screen--strong"))


class StepView(LinePane, FollowsTheme, can_focus=True):
    """Heading, actor, summary, the facts of the step (stance, option, status, date), who the actor is."""

    HELP_TITLE: ClassVar[str] = "Step pane"
    FOOTER_OWN_KEYS: ClassVar[bool] = True  # its arrows scroll it (key_footer.OWN_KEYS)
    BINDINGS: ClassVar[list[BindingType]] = scroll_bindings("step-view")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        _LABEL[1:],
        _MUTED[1:],
        _DESCRIPTION[1:],
        *_BADGE_CLASSES,
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[ScenarioFile, int, dict[str, Actor]] | None = None
        self._message: list[list[Block]] = []  # what show_message says, when no step is shown
        self._heading: Content | None = None
        self._strips: list[Strip] = []
        self._built_width = 0  # the width the strips were drawn for; 0 when they must be redrawn
        self._drawn: DrawnLines[int, list[Strip]] = DrawnLines()  # steps by index

    @property
    def text(self) -> str:
        """What the pane shows, its heading on the border first, as plain lines (for tests and for reading back)."""
        heading = [self._heading.plain] if self._heading is not None else []
        return "\n".join(heading + [strip.text.rstrip() for strip in self._strips])

    def show_step(self, scenario: ScenarioFile, index: int, actors: dict[str, Actor]) -> None:
        self._shown = (scenario, index, actors)
        self._heading = self._heading_of(scenario, index)
        # The heading rides on the border: on a 24-line terminal the two lines it would
        # take (and its gap) are two more lines of the summary.
        self.border_title = self._heading
        self._built_width = 0
        self._build()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def prepare(self, scenario: ScenarioFile, index: int, actors: dict[str, Actor]) -> None:
        """Draw a step ahead of time, so that showing it costs a lookup, not a frame's worth of wrapping.

        The scenario screen calls this, once a step's frame is drawn, for the step the reader
        is likely to go to next.
        """
        width = self.scrollable_content_region.width
        if width > 0 and 0 <= index < len(scenario.steps):
            self._lines_of(scenario, index, actors, width)

    def show_message(self, message: str) -> None:
        """Say why there is no step to show (a scenario drafted without steps)."""
        self._shown = None
        self._heading = None
        self.border_title = None
        self._message = [[(None, Content.styled(message, _MUTED))]]
        self._built_width = 0
        self._build()

    def on_resize(self, event: events.Resize) -> None:
        self._build()

    def restyle(self) -> None:
        if self.is_mounted:
            # A theme change restyles the badges (a resolved background) and the side colour.
            self._drawn.clear()
            self._built_width = 0
            self._build()

    def _build(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._built_width:
            return
        self._built_width = width
        if self._shown is None:
            self._strips = self._wrap(self._message, width)
        else:
            self._strips = self._lines_of(*self._shown, width)
        self.set_line_count(width, len(self._strips))
        self.refresh()

    def _lines_of(self, scenario: ScenarioFile, index: int, actors: dict[str, Actor], width: int) -> list[Strip]:
        """A step's lines at `width`, drawn once and kept while the scenario, actors and width stay the same."""
        drawn = self._drawn.at((scenario, actors), width)
        lines = drawn.get(index)
        if lines is None:
            lines = drawn[index] = self._wrap(self._describe(scenario, index, actors), width)
        return lines

    def _wrap(self, groups: list[list[Block]], width: int) -> list[Strip]:
        base = self.visual_style
        badges = {name: self.get_visual_style(name) for name in _BADGE_CLASSES}
        strips: list[Strip] = []
        for group in groups:
            if strips:
                strips.append(Strip.blank(width, base.rich_style))
            for label, content in group:
                content = self._with_badges(content, badges)
                if label is None:
                    strips.extend(Visual.to_strips(self, content, width, None, base, pad=True))
                    continue
                for number, line in enumerate(content.wrap(max(width - _LABEL_WIDTH, 8))):
                    prefix = (f"{label if number == 0 else '':<{_LABEL_WIDTH}}", _LABEL)
                    strips.extend(Visual.to_strips(self, Content.assemble(prefix, line), width, 1, base, pad=True))
        return strips

    @staticmethod
    def _with_badges(content: Content, badges: dict[str, Style]) -> Content:
        # Badge spans are named by component class and swapped for the resolved style here:
        # a ".component" span style would lose the badge's background.
        spans = [span._replace(style=badges[span.style]) if span.style in badges else span for span in content.spans]
        return Content(content.plain, spans) if spans != list(content.spans) else content

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        number = y + scroll_y
        base = self.visual_style.rich_style
        if number >= len(self._strips):
            return Strip.blank(width, base)
        return self._strips[number].crop_extend(scroll_x, scroll_x + width, base)

    # -- what the step says ---------------------------------------------------------

    @staticmethod
    def _heading_of(scenario: ScenarioFile, index: int) -> Content:
        step = scenario.steps[index]
        return Content.assemble(
            (f"Step {index + 1} of {len(scenario.steps)}", "bold"),
            " · ",
            f"{KIND_MARK[step.kind]} {step.kind.upper()}",
        )

    def _describe(self, scenario: ScenarioFile, index: int, actors: dict[str, Actor]) -> list[list[Block]]:
        step = scenario.steps[index]
        options = {option.id: option for option in scenario.options}
        groups: list[list[Block]] = []
        actor = actors.get(step.actor or "")
        if actor is None:
            groups.append([(None, Content.styled(actor_name(actors, step.actor), _MUTED))])
        else:
            colour = side_colour(actor.side, self.app.current_theme.dark)
            groups.append(
                [
                    (
                        None,
                        Content.assemble(("█ ", Style(foreground=colour)), (one_line(actor.name), Style(foreground=colour, bold=True))),
                    ),
                    # On a line of its own: after the name it would break mid-phrase in a narrow pane.
                    (None, Content.styled(f"  {one_line(actor.side)} · {actor.kind}", _MUTED)),
                ]
            )
        # The summary comes right after the actor: on a short terminal it is what must not scroll away.
        groups.append([(None, Content(visible(step.summary)))])
        groups.append(self._facts(step, scenario, options))
        if actor is not None:
            groups.append([(None, Content.styled(visible(actor.description), _DESCRIPTION))])
        return groups

    def _facts(self, step: Step, scenario: ScenarioFile, options: dict[str, Option]) -> list[Block]:
        facts: list[Block] = []

        def fact(label: str, *value: Part) -> None:
            facts.append((label, Content.assemble(*value)))

        if step.kind == "pressure" and step.stance:
            fact(
                "Stance",
                (f" {STANCE_WORD[step.stance]} ", f"step-view--{step.stance}"),
                (f" {STANCE_MEANING[step.stance]}", _MUTED),
            )
            if step.toward:
                fact("Toward", _option_text(options.get(step.toward), step.toward))
            else:
                fact("Toward", ("no option named", _MUTED))
        if step.kind == "outcome":
            if step.status:
                fact("Status", (STATUS_WORD[step.status], ".screen--strong"))
            if step.enacts:
                fact("Enacts", _option_text(options.get(step.enacts), step.enacts))
            else:
                fact("Enacts", ("no option put into effect", _MUTED))
        if step.date is not None:
            fact("Date", step.date.isoformat(), (" (inferred)" if step.date_basis == "inferred" else "", _MUTED))
        else:
            meta = scenario.scenario
            fact(
                "Date",
                ("not dated; the scenario stands at ", _MUTED),
                meta.date.isoformat(),
                (" (inferred)" if meta.date_basis == "inferred" else "", _MUTED),
            )
        return facts
