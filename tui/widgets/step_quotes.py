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
_KEPT_AHEAD = 4


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
        # Steps drawn ahead of time (prepare_steps), by their steps' identities: what show_steps sets.
        self._ahead: dict[tuple[object, ...], tuple[ScenarioFile, tuple[StepRef, ...], list[Quote | None], list[int], list[tuple[int, int, int]]]] = {}

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
        ahead = self._ahead.pop(self._steps_key(self.refs, toward), None)
        # The identity checks matter: steps freed since could have left their ids to others.
        if ahead is not None and ahead[0] is scenario and all(a.step is b.step for a, b in zip(ahead[1], self.refs)):
            _, _, entries, self._owner, headings = ahead
        else:
            (entries, self._owner), headings = self._entries(self.refs), None
        self.show_quotes(entries, sources)  # type: ignore[arg-type]  # None marks a step without a quote
        if headings is not None and not self._headings:  # drawn ahead: _before did not record them now
            self._headings = headings
        if current:
            self.set_current(current)

    def prepare_steps(self, refs: Sequence[StepRef], scenario: ScenarioFile, sources: dict[str, SourceDoc], *, toward: bool = False) -> None:
        """Draw these steps ahead of time, so that show_steps of them costs a lookup, not their wrapping."""
        refs = tuple(refs)
        key = self._steps_key(refs, toward)
        if key in self._ahead or self.scrollable_content_region.width <= 2:
            return
        shown = self.refs, self._options, self._toward, self._owner, self._headings
        try:
            self.refs, self._options, self._toward = refs, {option.id: option for option in scenario.options}, toward
            entries, self._owner = self._entries(refs)
            self._headings = []
            self.prepare(entries, sources)  # type: ignore[arg-type]  # draws them, _before recording the headings
            self._ahead[key] = (scenario, refs, entries, self._owner, self._headings)
            while len(self._ahead) > _KEPT_AHEAD:
                del self._ahead[next(iter(self._ahead))]
            # What prepare drew, kept for these only (shown, or left behind, they are not needed).
            drawn, kept = self._drawn.at((sources,), self.scrollable_content_region.width), {id(ahead[2]) for ahead in self._ahead.values()}
            for other in [key for key in drawn if key not in kept]:
                del drawn[other]
        finally:
            self.refs, self._options, self._toward, self._owner, self._headings = shown

    @staticmethod
    def _steps_key(refs: tuple[StepRef, ...], toward: bool) -> tuple[object, ...]:
        return (toward, *(id(ref.step) for ref in refs))

    @staticmethod
    def _entries(refs: tuple[StepRef, ...]) -> tuple[list[Quote | None], list[int]]:
        """Each step's quotes (or a lone None for a step that quotes nothing), and each entry's step in refs."""
        entries: list[Quote | None] = []
        owner: list[int] = []
        for number, ref in enumerate(refs):
            quotes: list[Quote | None] = list(ref.step.quotes) or [None]
            entries.extend(quotes)
            owner.extend([number] * len(quotes))
        return entries, owner

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
