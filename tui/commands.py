"""Command palette (ctrl+p): jump to any scenario, step, actor or source of the loaded corpus."""

from __future__ import annotations

import re
from array import array
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Literal, Sequence, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

from .corpus.control_chars import visible
from .corpus.live import LiveCorpus
from .corpus.view_data import derived
from .navigation import OpenActor, OpenScenario, OpenSource
from .step_labels import CARD_TEXT_LIMIT, STANCE_WORD, one_line, step_title

if TYPE_CHECKING:
    from .app import DrawdownApp
    from .corpus.model import Actor, ScenarioFile


# At 3,000 scenarios the palette has some 100,000 targets: each query offers at most this many
# hits (and discovery this many of each kind), the best first, so that the palette can list them at once.
HIT_LIMIT = 100


@dataclass(frozen=True, slots=True)
class Target:
    text: str  # what the query is matched against; plain text from the files
    detail: str  # a second, dimmer line
    kind: Literal["scenario", "actor", "source"]
    key: Path | str  # the scenario's file, the actor's id or the source's id
    step: int  # for a scenario: the step it opens on
    discover: bool  # offered before anything is typed


@dataclass(frozen=True, slots=True)
class ScenarioSteps:
    """One scenario's steps as palette targets, each made from its step when it is shown or matched.

    At 3,000 scenarios there are some 70,000 steps: a text, a detail and a Target kept for each
    held 40 MB, for the hundred a query shows.
    """

    path: Path
    scenario: ScenarioFile
    actors: dict[str, Actor]

    def __len__(self) -> int:
        return len(self.scenario.steps)

    def target(self, index: int) -> Target:
        step = self.scenario.steps[index]
        badge = f" {STANCE_WORD[step.stance]}" if step.kind == "pressure" and step.stance else f" {step.kind.upper()}"
        return Target(
            f"Step {index + 1}{badge}: {one_line(step_title(step, self.actors))}",
            f"{one_line(self.scenario.scenario.title)} · {one_line(step.summary, CARD_TEXT_LIMIT)}",
            "scenario", self.path, index, False,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class ActorTargets:
    """The corpus's actors as palette targets, in the order given, each made from its actor when it is
    shown or matched: at 3,000 scenarios some 21,000 actors, whose texts and Targets held 6 MB."""

    actors: tuple[tuple[str, Actor], ...]  # (id, actor)

    def __len__(self) -> int:
        return len(self.actors)

    def target(self, index: int) -> Target:
        actor_id, actor = self.actors[index]
        aliases = ", ".join(visible(a) for a in actor.aliases)
        detail = f"{one_line(actor.side)} · {actor.kind}" + (f" · also: {one_line(aliases)}" if aliases else "")
        return Target(f"Actor: {one_line(actor.name)}", detail, "actor", actor_id, 0, False)


TargetGroup = ScenarioSteps | ActorTargets  # targets made when shown, from the corpus's models


class PaletteTargets:
    """Every target of one loaded corpus, lower-cased once; each query narrowed from the one it extends.

    What is matched is kept in one piece: every target's lower-cased text, UTF-8 encoded, end to
    end in one bytes object (one byte a character for most text, where a str holding one "…" takes
    two for all of it), each target's bounds in an array. A character's encoding never matches
    inside another's, so matching the encoded query finds what matching the text would.
    """

    def __init__(self, targets: Iterable[Target | TargetGroup]) -> None:
        # Texts repeat (actors' sides and kinds, copies of a scenario): each distinct one is kept once.
        shared: dict[str, str] = {}
        self._whole: list[Target] = []  # the scenarios and sources, kept whole (a few thousand)
        self._groups: list[TargetGroup] = []
        # For target number n: its group in _groups and its place there, or -1 and its place in _whole.
        self._group = array("i")
        self._index = array("I")
        self._bounds = array("Q", [0])  # target n's text is _lowered[_bounds[n]:_bounds[n + 1]]
        lowered: list[bytes] = []
        end = 0
        for item in targets:
            if not isinstance(item, Target):
                made = [item.target(index) for index in range(len(item))]
                self._group.extend([len(self._groups)] * len(made))
                self._index.extend(range(len(made)))
                self._groups.append(item)
            else:
                made = [replace(item, text=shared.setdefault(item.text, item.text), detail=shared.setdefault(item.detail, item.detail))]
                self._group.append(-1)
                self._index.append(len(self._whole))
                self._whole.extend(made)
            for target in made:
                text = target.text.lower().encode()
                lowered.append(text)
                end += len(text)
                self._bounds.append(end)
        self._lowered = b"".join(lowered)
        # query -> the targets holding its letters in order; arrays, as a list of 100,000 numbers holds as many int objects
        self._recent: OrderedDict[str, array[int]] = OrderedDict()
        discovered: dict[str, list[Target]] = {}
        for target in self._whole:
            if target.discover:
                discovered.setdefault(target.kind, []).append(target)
        self.discovered = [target for found in discovered.values() for target in found[:HIT_LIMIT]]

    def __len__(self) -> int:
        return len(self._group)

    def target(self, number: int) -> Target:
        """Target `number`, in the order they were given (a step's made afresh from the step)."""
        group = self._group[number]
        if group < 0:
            return self._whole[self._index[number]]
        return self._groups[group].target(self._index[number])

    def every(self) -> Iterator[Target]:
        return (self.target(number) for number in range(len(self)))

    def lowered(self, number: int) -> str:
        """Target `number`'s text, lower-cased, as it is matched."""
        return self._lowered[self._bounds[number] : self._bounds[number + 1]].decode()

    def _in_order(self, query: str) -> array[int]:
        """The targets whose text holds the query's characters in order (Textual's fuzzy matches no more)."""
        found = self._recent.get(query)
        if found is not None:
            return found
        lowered, bounds = self._lowered, self._bounds
        shorter = next((self._recent[query[:end]] for end in range(len(query) - 1, 0, -1) if query[:end] in self._recent), None)
        candidates: Iterable[int] = shorter if shorter is not None else range(len(self))
        if len(query) == 1:
            encoded = query.encode()
            found = array("I", [number for number in candidates if lowered.find(encoded, bounds[number], bounds[number + 1]) >= 0])
        else:
            pattern = re.compile(b".*?".join(re.escape(char.encode()) for char in query), re.DOTALL)
            found = array("I", [number for number in candidates if pattern.search(lowered, bounds[number], bounds[number + 1])])
        self._recent[query] = found
        if len(self._recent) > 32:
            self._recent.popitem(last=False)
        return found

    def best(self, query: str) -> list[tuple[float, list[int], Target]]:
        """At most HIT_LIMIT (score, offsets of the matched characters, target): those holding the query whole first."""
        query = query.lower()
        if not query:
            return []
        candidates = self._in_order(query)
        lowered, bounds, encoded = self._lowered, self._bounds, query.encode()
        whole = [number for number in candidates if lowered.find(encoded, bounds[number], bounds[number + 1]) >= 0][:HIT_LIMIT]
        if len(whole) < HIT_LIMIT:
            chosen = set(whole)
            whole += [number for number in candidates if number not in chosen][: HIT_LIMIT - len(whole)]
        found = []
        for number in whole:
            target = self.target(number)
            score, offsets = _score(query, self.lowered(number))
            found.append((score, _in_original(target.text, offsets), target))
        return found


def _in_original(text: str, offsets: list[int]) -> list[int]:
    """Offsets into `text.lower()` as offsets into `text`: a few characters lower-case to two ("İ"
    to "i" and a combining dot), and a highlight past them would fall on the wrong letter or past the end."""
    if len(text.lower()) == len(text):  # no character lower-cases to fewer than one: each to one
        return offsets
    origin = [index for index, char in enumerate(text) for _ in char.lower()]
    return sorted({origin[offset] for offset in offsets})


def _score(query: str, text: str) -> tuple[float, list[int]]:
    """How well `text` (lower-cased, holding the query's characters in order) matches, and where."""
    at = text.find(query)
    if at >= 0:
        # The query whole: best as a whole word ("Iraq" before "Iraqi"), then at a word's start, then
        # the earlier in what follows the kind ("Scenario: ", "Actor: "), however long the text.
        end = at + len(query)
        starts_word = at == 0 or not text[at - 1].isalnum()
        ends_word = end == len(text) or not text[end].isalnum()
        into = min(max(at - text.find(": ") - 2, 0), 100)
        return 2.0 + 0.5 * starts_word + 0.25 * (starts_word and ends_word) - into / 1000, list(range(at, end))
    # Its characters apart: the last one found first, then each before it as late as it can be, so they sit close.
    end = -1
    for char in query:
        end = text.find(char, end + 1)
    offsets = [end]
    for char in reversed(query[:-1]):
        offsets.append(text.rfind(char, 0, offsets[-1]))
    offsets.reverse()
    starts = sum(1 for o in offsets if o == 0 or not text[o - 1].isalnum())
    return len(query) / (offsets[-1] - offsets[0] + 1) + 0.5 * starts / len(query), offsets


def palette_targets(live: LiveCorpus) -> PaletteTargets:
    """The palette's targets for the loaded corpus, built once per corpus (in the background after a load)."""
    return derived(live.corpus, "palette targets", lambda _: PaletteTargets(_targets(live)))


def _targets(live: LiveCorpus) -> Iterator[Target | TargetGroup]:
    corpus = live.corpus
    for row in live.rows():
        if row.view is None:
            yield Target(f"Scenario: {one_line(row.path.name)}", "has errors: show them", "scenario", row.path, 0, True)
            continue
        scenario = row.view.entry.scenario
        assert scenario is not None
        meta = scenario.scenario
        title = one_line(meta.title)
        yield Target(f"Scenario: {title}", f"{meta.date.year} · {one_line(meta.question, CARD_TEXT_LIMIT)}", "scenario", row.path, 0, True)
        yield ScenarioSteps(row.path, scenario, row.view.corpus.actors)
    yield ActorTargets(tuple(sorted(corpus.actors.items(), key=lambda item: item[1].name.lower())))
    for source_id, doc in corpus.sources.items():
        meta = doc.meta
        outlet = one_line(meta.outlet) if meta.outlet else "no outlet named"
        yield Target(f"Source: {one_line(meta.title)}", f"{outlet} · {meta.kind}", "source", source_id, 0, True)


class CorpusCommands(Provider):
    """Every scenario, step, actor and source, matched on its plain text.

    Hits are built as literal Content: Textual's own `Matcher.highlight` and help
    text would read file text as markup. Matching is the palette's own (PaletteTargets):
    Textual 8.2.8's fuzzy matcher tries every way a query's letters fit a text, which over a
    large corpus took seconds, once a minute, for one key.
    """

    @property
    def live(self) -> LiveCorpus | None:
        return cast("DrawdownApp", self.app).live

    async def discover(self) -> Hits:
        live = self.live
        if live is None:
            return
        for target in palette_targets(live).discovered:
            yield DiscoveryHit(self._display(target), self._opener(target), text=target.text)

    async def search(self, query: str) -> Hits:
        live = self.live
        if live is None:
            return
        style = self.matcher(query).match_style
        for score, offsets, target in palette_targets(live).best(query):
            yield Hit(score, self._display(target, offsets, style), self._opener(target), text=target.text)

    @staticmethod
    def _display(target: Target, offsets: Sequence[int] = (), style: Style | None = None) -> Content:
        title = Content(target.text)
        if style is not None:
            for offset in offsets:
                if not target.text[offset].isspace():
                    title = title.stylize(style, offset, offset + 1)
        return Content("\n").join([title, Content.styled(target.detail, ".command-palette--help-text")])

    def _opener(self, target: Target) -> Callable[[], None]:
        if target.kind == "scenario":
            return partial(self._open_scenario, cast(Path, target.key), target.step)
        if target.kind == "actor":
            return partial(self._open_actor, cast(str, target.key))
        return partial(self._open_source, cast(str, target.key))

    def _open_scenario(self, path: Path, step: int) -> None:
        self.app.post_message(OpenScenario(path, step))

    def _open_source(self, source_id: str) -> None:
        self.app.post_message(OpenSource(source_id))

    def _open_actor(self, actor_id: str) -> None:
        self.app.post_message(OpenActor(actor_id))
