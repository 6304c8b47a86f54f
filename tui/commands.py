"""Command palette (ctrl+p): jump to any scenario, step, actor or source of the loaded corpus."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

from .corpus.control_chars import visible
from .corpus.live import LiveCorpus
from .navigation import OpenActor, OpenScenario, OpenSource
from .step_labels import STANCE_WORD, one_line, shorten, step_title

if TYPE_CHECKING:
    from .app import DrawdownApp


@dataclass(frozen=True, slots=True)
class Target:
    text: str  # what the query is matched against; plain text from the files
    detail: str  # a second, dimmer line
    open: Callable[[], None]
    discover: bool  # offered before anything is typed


class CorpusCommands(Provider):
    """Every scenario, step, actor and source, matched on its plain text.

    Hits are built as literal Content: Textual's own `Matcher.highlight` and help
    text would read file text as markup.
    """

    @property
    def live(self) -> LiveCorpus | None:
        return cast("DrawdownApp", self.app).live

    async def discover(self) -> Hits:
        for target in self._targets():
            if target.discover:
                yield DiscoveryHit(self._display(target), target.open, text=target.text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for target in self._targets():
            score, offsets = matcher.fuzzy_search.match(query, target.text)
            if score > 0:
                yield Hit(score, self._display(target, offsets, matcher.match_style), target.open, text=target.text)

    @staticmethod
    def _display(target: Target, offsets: Sequence[int] = (), style: Style | None = None) -> Content:
        title = Content(target.text)
        if style is not None:
            for offset in offsets:
                if not target.text[offset].isspace():
                    title = title.stylize(style, offset, offset + 1)
        return Content("\n").join([title, Content.styled(target.detail, ".command-palette--help-text")])

    def _targets(self) -> Iterator[Target]:
        live = self.live
        if live is None:
            return
        corpus = live.corpus
        for row in live.rows():
            if row.view is None:
                yield Target(f"Scenario: {one_line(row.path.name)}", "has errors: show them", partial(self._open_scenario, row.path, 0), True)
                continue
            scenario = row.view.entry.scenario
            assert scenario is not None
            meta = scenario.scenario
            title = one_line(meta.title)
            yield Target(f"Scenario: {title}", f"{meta.date.year} · {shorten(visible(meta.question), 100)}", partial(self._open_scenario, row.path, 0), True)
            actors = row.view.corpus.actors
            for index, step in enumerate(scenario.steps):
                badge = f" {STANCE_WORD[step.stance]}" if step.kind == "pressure" and step.stance else f" {step.kind.upper()}"
                yield Target(
                    f"Step {index + 1}{badge}: {shorten(step_title(step, actors), 60)}",
                    f"{shorten(title, 40)} · {shorten(visible(step.summary), 60)}",
                    partial(self._open_scenario, row.path, index),
                    False,
                )
        for actor_id, actor in sorted(corpus.actors.items(), key=lambda item: item[1].name.lower()):
            aliases = ", ".join(visible(a) for a in actor.aliases)
            detail = f"{one_line(actor.side)} · {actor.kind}" + (f" · also: {shorten(aliases, 60)}" if aliases else "")
            yield Target(f"Actor: {one_line(actor.name)}", detail, partial(self._open_actor, actor_id), False)
        for source_id, doc in corpus.sources.items():
            meta = doc.meta
            outlet = one_line(meta.outlet) if meta.outlet else "no outlet named"
            yield Target(f"Source: {shorten(visible(meta.title), 90)}", f"{outlet} · {meta.kind}", partial(self._open_source, source_id), True)

    def _open_scenario(self, path: Path, step: int) -> None:
        self.app.post_message(OpenScenario(path, step))

    def _open_source(self, source_id: str) -> None:
        self.app.post_message(OpenSource(source_id))

    def _open_actor(self, actor_id: str) -> None:
        self.app.post_message(OpenActor(actor_id))
