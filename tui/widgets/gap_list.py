"""The stance gaps of the corpus, under a heading for each scenario: actor, and what each side pushes toward."""

from __future__ import annotations

from typing import ClassVar, Sequence

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.style import Style
from textual.widgets.option_list import Option

from ..corpus.load import Corpus
from ..corpus.model import Option as ScenarioOption
from ..corpus.stance_gaps import StanceGap
from ..step_labels import BADGE_WIDTH, STANCE_WORD, actor_name, one_line, option_name, shorten, side_colour
from .lazy_prompt import LazyPrompt
from .long_option_list import LongOptionList
from .handled_at_once import SelectsAtOnce
from .theme_follower import FollowsTheme

_BADGE_CLASSES = ("gap-list--public", "gap-list--private", "gap-list--reported")
_SCENARIO = ".gap-list--scenario"
_OPTION = ".gap-list--option"

GapKey = tuple[str, str, str]  # scenario id, actor id, private or reported: what names a gap across reloads


def gap_key(gap: StanceGap) -> GapKey:
    return gap.scenario_id, gap.actor_id, gap.stance


class GapList(SelectsAtOnce, LongOptionList, FollowsTheme):
    HELP_TITLE: ClassVar[str] = "Gaps"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Next gap", id="gaps.down", show=False, tooltip="Show the next gap's two sides"),
        Binding("up", "cursor_up", "Previous gap", id="gaps.up", show=False, tooltip="Show the previous gap's two sides"),
        Binding("home", "first", "First gap", id="gaps.first", show=False, tooltip="The first gap of the corpus"),
        Binding("end", "last", "Last gap", id="gaps.last", show=False, tooltip="The last gap of the corpus"),
        Binding("enter", "select", "Sides", id="gaps.select", tooltip="Move to the public side's steps and quotes"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {*_BADGE_CLASSES, _SCENARIO[1:], _OPTION[1:]}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.gaps: tuple[StanceGap, ...] = ()
        self._corpus: Corpus | None = None
        self._rows: list[int | None] = []  # for each option, its gap (None: a scenario heading)
        self._looks: tuple[dict[str, Style], bool] | None = None  # resolved badges and theme darkness
        self._width = 0  # the width the option names were shortened for
        self._scenario_options: dict[str, dict[str, ScenarioOption]] = {}

    def show_gaps(self, gaps: Sequence[StanceGap], corpus: Corpus, keep: GapKey | None = None) -> None:
        """List `gaps`, highlighting the one named by `keep` if it is still there, else the first."""
        self.gaps, self._corpus = tuple(gaps), corpus
        self._rebuild(keep)

    @property
    def current(self) -> StanceGap | None:
        if self.highlighted is None or self.highlighted >= len(self._rows):
            return None
        row = self._rows[self.highlighted]
        return self.gaps[row] if row is not None else None

    def _list_width(self) -> int:
        """The width the options are laid out in: before the first layout (the screen fills the list
        as it mounts), the terminal's less the list's borders and scroll bar, as the layout will give
        it (the list spans the screen); otherwise each list at 3,000 scenarios was built twice on open."""
        if self.size.width:
            return self.scrollable_content_region.width
        return max(0, self.app.size.width - self.styles.gutter.width - self.styles.scrollbar_size_vertical)

    def on_resize(self) -> None:
        # Option names are cut to one line (the sides below give them in full): recut for the new width.
        if self._corpus is not None and self.scrollable_content_region.width != self._width:
            current = self.current
            self._rebuild(gap_key(current) if current else None)

    def restyle(self) -> None:
        # Badges carry a background and side colours follow the theme: rebuild when either changes.
        if self.is_mounted and self._corpus is not None and self._resolve() != self._looks:
            current = self.current
            self._rebuild(gap_key(current) if current else None)

    def _resolve(self) -> tuple[dict[str, Style], bool]:
        return {name: self.get_visual_style(name) for name in _BADGE_CLASSES}, self.app.current_theme.dark

    def _rebuild(self, keep: GapKey | None) -> None:
        # One row per scenario heading and per gap, each made only when it is drawn or read (as a
        # reader moves): the open costs a screenful of rows at any size of corpus. The list cuts its
        # lines (text-wrap: nowrap in app.tcss), so each row is as high as its lines: a heading one,
        # a gap three.
        assert self._corpus is not None
        self._looks = self._resolve()
        self._width = self._list_width()
        self._rows = []
        self._scenario_options.clear()
        scenario = None
        for number, gap in enumerate(self.gaps):
            if gap.scenario_id != scenario:
                scenario = gap.scenario_id
                self._rows.append(None)
            self._rows.append(number)
        self.show_rows([1 if row is None else 3 for row in self._rows], self._make_option)
        if keep is None or not self.highlight_gap(keep):
            self.highlighted = next((i for i, row in enumerate(self._rows) if row is not None), None)

    def _make_option(self, index: int) -> Option:
        corpus = self._corpus
        assert corpus is not None
        row = self._rows[index]
        if row is None:
            heading = self._heading(corpus, self.gaps[self._rows[index + 1]].scenario_id)  # type: ignore[index]
            return Option(LazyPrompt(lambda: Content.styled(heading, _SCENARIO), (heading,)), disabled=True)
        gap = self.gaps[row]
        return Option(self._prompt(gap, corpus, self._options_of(corpus, gap.scenario_id)))

    def _options_of(self, corpus: Corpus, scenario_id: str) -> dict[str, ScenarioOption]:
        """A scenario's options by id, as its gaps name them (kept for the rows drawn after)."""
        options = self._scenario_options.get(scenario_id)
        if options is None:
            entry = corpus.entry(scenario_id)
            options = self._scenario_options[scenario_id] = {o.id: o for o in entry.scenario.options} if entry and entry.scenario else {}
        return options

    def highlight_gap(self, key: GapKey) -> bool:
        """Highlight the gap named by `key`; False when the list has no such gap."""
        for index, row in enumerate(self._rows):
            if row is not None and gap_key(self.gaps[row]) == key:
                self.highlighted = index
                return True
        return False

    @staticmethod
    def _heading(corpus: Corpus, scenario_id: str) -> str:
        entry = corpus.entry(scenario_id)
        scenario = entry.scenario if entry else None
        if scenario is None:
            return scenario_id
        return f"{scenario.scenario.date.year} · {one_line(scenario.scenario.title)}"

    def _prompt(self, gap: StanceGap, corpus: Corpus, options: dict[str, ScenarioOption]) -> LazyPrompt:
        """Three lines: the actor, then each side's stance and the options it pushes toward, built when drawn."""
        actor = corpus.actors.get(gap.actor_id)
        name = actor_name(corpus.actors, gap.actor_id)
        room = max(self._width - 4 - BADGE_WIDTH - 3, 20)
        sides = [(side.stance, shorten(" · ".join(option_name(options, position) for position in side.positions), room)) for side in (gap.public, gap.other)]
        bar = "▌" if actor else " "

        def build() -> Content:
            assert self._looks is not None
            badges, dark = self._looks
            lines = [Content.assemble((bar, Style(foreground=side_colour(actor.side, dark))) if actor else bar, (name, ".screen--strong"))]
            for stance, names in sides:
                lines.append(
                    Content.assemble("  ", (f" {STANCE_WORD[stance]:<{BADGE_WIDTH}} ", badges[f"gap-list--{stance}"]), " ", (names, _OPTION))
                )
            return Content("\n").join(lines)

        plain = [bar + name, *(f"   {STANCE_WORD[stance]:<{BADGE_WIDTH}}  {names}" for stance, names in sides)]
        return LazyPrompt(build, plain)
