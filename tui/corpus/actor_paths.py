"""An actor's path through the corpus: one id, every spelling, every step in date order.

Steps are ordered by their scenario's date (corpus order: date, then scenario id), then by the
step's own `date` where the document gives one, then by file order. A step without a date keeps
its place after the step before it in the file: it sorts as if it had the date of the nearest
dated step above it (or before every dated step when none is above it), so a scenario's
narrative order survives wherever the documents give no dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .load import Corpus
from .model import Actor, ScenarioFile, Step
from .spellings import actor_spellings, spellings_in


@dataclass(frozen=True, slots=True)
class PathStep:
    scenario_id: str
    scenario_title: str
    scenario_date: dt.date
    index: int  # step index in the scenario file
    step: Step
    spellings: tuple[str, ...]  # the actor's spellings printed in this step's quotes


@dataclass(frozen=True, slots=True)
class ActorPath:
    actor: Actor
    home: str | None  # the scenario that defines the actor; None when shared
    spellings: tuple[str, ...]  # name, then aliases
    steps: tuple[PathStep, ...]

    @property
    def scenario_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(step.scenario_id for step in self.steps))

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({step.scenario_date.year for step in self.steps}))

    @property
    def spellings_printed(self) -> tuple[str, ...]:
        """The spellings the quoted documents actually print, in catalog order."""
        printed = {s for step in self.steps for s in step.spellings}
        return tuple(s for s in self.spellings if s in printed)


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """One line of the Actors list."""

    actor: Actor
    home: str | None
    scenarios: int
    steps: int
    years: tuple[int, ...]


def years_text(years: tuple[int, ...], compact: bool) -> str:
    """The years an actor is named in: every one, or (compact) the span of more than two."""
    if not years:
        return "—"
    if compact and len(years) > 2:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(year) for year in years)


def step_order(scenario: ScenarioFile) -> list[int]:
    """Step indices of a scenario in date order (see the module docstring for undated steps)."""
    keys: list[tuple[dt.date, int]] = []
    carried = dt.date.min
    for index, step in enumerate(scenario.steps):
        if step.date is not None:
            carried = step.date
        keys.append((carried, index))
    return [index for _, index in sorted(keys)]


def actor_path(corpus: Corpus, actor_id: str) -> ActorPath | None:
    actor = corpus.actors.get(actor_id)
    if actor is None:
        return None
    spellings = actor_spellings(actor)
    steps: list[PathStep] = []
    for entry in corpus.scenarios:
        scenario = entry.scenario
        if scenario is None:
            continue
        meta = scenario.scenario
        for index in step_order(scenario):
            step = scenario.steps[index]
            if step.actor == actor_id:
                printed = spellings_in((quote.text for quote in step.quotes), spellings)
                steps.append(PathStep(meta.id, meta.title, meta.date, index, step, printed))
    return ActorPath(actor, corpus.actor_home.get(actor_id), spellings, tuple(steps))


def actor_listing(corpus: Corpus) -> list[ActorSummary]:
    """Every actor of the corpus, with how many scenarios and steps name it, sorted by name."""
    steps: dict[str, int] = {}
    scenarios: dict[str, set[str]] = {}
    years: dict[str, set[int]] = {}
    for entry in corpus.scenarios:
        if entry.scenario is None:
            continue
        meta = entry.scenario.scenario
        for step in entry.scenario.steps:
            if step.actor is None:
                continue
            steps[step.actor] = steps.get(step.actor, 0) + 1
            scenarios.setdefault(step.actor, set()).add(meta.id)
            years.setdefault(step.actor, set()).add(meta.date.year)
    listing = [
        ActorSummary(
            actor,
            corpus.actor_home.get(actor_id),
            len(scenarios.get(actor_id, ())),
            steps.get(actor_id, 0),
            tuple(sorted(years.get(actor_id, ()))),
        )
        for actor_id, actor in corpus.actors.items()
    ]
    listing.sort(key=lambda summary: (summary.actor.name.casefold(), summary.actor.id))
    return listing
