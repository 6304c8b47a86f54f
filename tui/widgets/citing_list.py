"""In the source reader: the steps, in any scenario, that cite the current passage."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.style import Style
from textual.widgets.option_list import Option

from ..corpus.control_chars import visible
from ..corpus.crossref import Citation
from ..corpus.load import Corpus
from ..step_labels import KIND_MARK, STANCE_WORD, one_line, shorten, side_colour, step_title
from .handled_at_once import SelectsAtOnce
from .theme_follower import FollowsTheme

_SCENARIO = ".citing-list--scenario"
_MUTED = ".citing-list--muted"


class CitingList(SelectsAtOnce, FollowsTheme):
    HELP_TITLE: ClassVar[str] = "Citing steps"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Next citation", id="citing.down", show=False),
        Binding("up", "cursor_up", "Previous citation", id="citing.up", show=False),
        Binding("enter", "select", "Open step", id="citing.open", tooltip="Open the scenario at the step that cites this passage"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {_SCENARIO[1:], _MUTED[1:]}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.citations: tuple[Citation, ...] = ()
        self._corpus: Corpus | None = None
        self._dark = True

    def restyle(self) -> None:
        if self.is_mounted and self._corpus is not None and self.app.current_theme.dark != self._dark:
            highlighted = self.highlighted
            self.show_citations(self.citations, self._corpus)  # side colours follow the theme
            self.highlighted = highlighted

    def show_citations(self, citations: tuple[Citation, ...], corpus: Corpus) -> None:
        self.citations, self._corpus = citations, corpus
        self._dark = self.app.current_theme.dark
        options: list[Option | None] = []
        for index, citation in enumerate(citations):
            if index:
                options.append(None)
            options.append(Option(self._prompt(citation, corpus)))
        self.set_options(options)
        self.highlighted = 0 if citations else None

    @property
    def current(self) -> Citation | None:
        if not self.citations or self.highlighted is None:
            return None
        return self.citations[self.highlighted]

    def _prompt(self, citation: Citation, corpus: Corpus) -> Content:
        entry = corpus.entry(citation.scenario_id)
        scenario = entry.scenario if entry else None
        year = f"{scenario.scenario.date.year} · " if scenario else ""
        heading = Content.styled(f"{year}{one_line(citation.scenario_title)}", _SCENARIO)
        if citation.kind == "step" and scenario is not None:
            step = scenario.steps[citation.index]
            actor = corpus.actors.get(step.actor or "")
            what = Content.assemble(
                f"Step {citation.index + 1}  {KIND_MARK[step.kind]} ",
                (STANCE_WORD[step.stance] + " " if step.kind == "pressure" and step.stance else step.kind.upper() + " ", ".screen--strong"),
                ("▌", Style(foreground=side_colour(actor.side, self._dark))) if actor else "",
                (step_title(step, corpus.actors), ".screen--strong"),
            )
            detail = Content.styled(shorten(visible(step.summary), 160), _MUTED)
        else:
            what = Content.assemble((f"{citation.kind.capitalize()}: ", ".screen--strong"), one_line(citation.label))
            detail = Content.styled("shown with the scenario's options" if citation.kind == "option" else "a cited figure", _MUTED)
        return Content("\n").join([heading, what, detail])
