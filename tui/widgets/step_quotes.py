"""Steps with their quotes: each step's number, stance and summary, then its quotes in their passage.

The detail pane of the analysis views (a pressure-matrix cell, each side of a stance gap).
It is the scenario screen's quotes pane with a heading above each step's quotes, so a
quote looks the same here as there; one quote is current (what `o` opens), and its step
is what enter opens in the scenario screen. A step that quotes nothing still gets one
entry, so it can be selected and opened.
"""

from __future__ import annotations

from typing import ClassVar, Sequence

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from ..corpus.control_chars import visible
from ..corpus.load import SourceDoc
from ..corpus.matrix import StepRef
from ..corpus.model import Option, Quote, ScenarioFile, troops_text
from ..step_labels import STANCE_WORD, option_name
from .handled_at_once import handle_now
from .quote_list import QuoteList

_BADGE_CLASSES = ("step-quotes--public", "step-quotes--private", "step-quotes--reported")
_NUMBER = ".step-quotes--number"
_SUMMARY = ".step-quotes--summary"
_MUTED = ".step-quotes--muted"


class StepQuotes(QuoteList):
    HELP_TITLE: ClassVar[str] = "Steps and quotes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_step", "Open step", id="step-quotes.open-step", tooltip="Open this step in its scenario"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {*_BADGE_CLASSES, _NUMBER[1:], _SUMMARY[1:], _MUTED[1:]}

    class OpenStep(Message):
        """The reader asked to open a step in the scenario screen."""

        def __init__(self, ref: StepRef) -> None:
            super().__init__()
            self.ref = ref

    def __init__(self, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id)
        self.add_class(*classes.split())
        self.refs: tuple[StepRef, ...] = ()
        self._options: dict[str, Option] = {}
        self._toward = False
        self._owner: list[int] = []  # for each entry (a quote, or a step's lone None), its step in refs
        self._headings: list[tuple[int, int, int]] = []  # first line, line count, first entry of each step

    def show_steps(
        self,
        refs: Sequence[StepRef],
        scenario: ScenarioFile,
        sources: dict[str, SourceDoc],
        *,
        toward: bool = False,
        current: int = 0,
    ) -> None:
        """Show these steps of `scenario`; `toward` adds the option each pushes toward to its heading."""
        self.refs = tuple(refs)
        self._options = {option.id: option for option in scenario.options}
        self._toward = toward
        entries: list[Quote | None] = []
        self._owner = []
        for number, ref in enumerate(self.refs):
            quotes: list[Quote | None] = list(ref.step.quotes) or [None]
            entries.extend(quotes)
            self._owner.extend([number] * len(quotes))
        self.show_quotes(entries, sources)  # type: ignore[arg-type]  # None marks a step without a quote
        if current:
            self.set_current(current)

    @property
    def text(self) -> str:
        """Everything the pane holds, scrolled into view or not, as plain lines."""
        return "\n".join(strip.text.rstrip() for strip in self._strips)

    @property
    def current_step(self) -> StepRef | None:
        return self.refs[self._owner[self._current]] if self._owner else None

    def select_step(self, index: int) -> None:
        """Make the first quote of the step at `index` in the scenario file current."""
        number = next((n for n, ref in enumerate(self.refs) if ref.index == index), None)
        if number is not None:
            self.set_current(self._owner.index(number))

    def action_open_step(self) -> None:
        ref = self.current_step
        if ref is not None:
            handle_now(self, self.OpenStep(ref))

    def on_click(self, event: events.Click) -> None:
        line = event.y + self.scroll_offset.y
        for first, count, entry in self._headings:
            if first <= line < first + count:
                event.stop()
                self.set_current(entry)
                if event.chain >= 2:
                    self.action_open_step()
                return
        super().on_click(event)

    # -- drawing: QuoteList's, with a heading above each step ---------------------------

    def _prompt(self, quote: Quote | None, quoted: Style, sources: dict[str, SourceDoc]) -> Content:  # type: ignore[override]
        if quote is None:
            return Content.styled("This step quotes nothing: open it to read it in its scenario.", ".quote-list--context")
        return super()._prompt(quote, quoted, sources)

    def _heading(self, ref: StepRef, badges: dict[str, Style]) -> Content:
        step = ref.step
        parts: list[str | tuple[str, str | Style]] = [(f"Step {ref.index + 1}", _NUMBER)]
        if step.stance:
            parts += ["  ", (f" {STANCE_WORD[step.stance]} ", badges[f"step-quotes--{step.stance}"])]
        if self._toward:
            option = self._options.get(step.toward or "")
            troops = f" · {troops_text(option.troops)} troops" if option and option.troops is not None else ""
            parts += [("  → ", _MUTED), (option_name(self._options, step.toward) + troops, _NUMBER if option else _MUTED)]
        return Content("\n").join([Content.assemble(*parts), Content.styled(visible(step.summary), _SUMMARY)])

    def _build(self) -> None:
        if self.scrollable_content_region.width != self._built_width:
            self._headings = []  # _before records them afresh as the lines are drawn
        super()._build()

    def _before(self, index: int, line: int, rule: Strip, base: Style) -> list[Strip]:
        owner = self._owner[index]
        if index and self._owner[index - 1] == owner:
            return [rule]  # another quote of the same step
        badges = {name: self.get_visual_style(name) for name in _BADGE_CLASSES}
        gap = [Strip.blank(rule.cell_length, base.rich_style)] if index else []
        heading = Visual.to_strips(self, self._heading(self.refs[owner], badges), rule.cell_length, None, base, pad=True)
        self._headings.append((line + len(gap), len(heading), index))
        return gap + heading

    def _scroll_to_current(self) -> None:
        if self._current >= len(self._blocks):
            return
        first, count = self._blocks[self._current]
        # The first quote of a step brings its heading into view with it.
        heading = next((h for h in self._headings if h[2] == self._current), None)
        if heading is not None:
            count += first - heading[0]
            first = heading[0]
        height = self.scrollable_content_region.height
        self.scroll_to_region(
            Region(0, first, self.scrollable_content_region.width, count), animate=False, immediate=True, top=count > height
        )
