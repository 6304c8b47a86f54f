"""What a scenario's card on the home screen shows, gathered where the file was checked.

A large corpus is checked in worker processes (batch_load.py) and listed as each batch comes; the
scenarios' models come after the counts and badges are drawn. A card, and the summary under the
list, are drawn from a file's listing, so listing a file never waits for its model. Pure data: it reads a
checked scenario, a model or a plain record alike (plain_records.py), and imports no pydantic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import ScenarioFile


@dataclass(frozen=True, slots=True)
class Listing:
    id: str
    title: str
    question: str
    summary: str
    sources: tuple[str, ...]  # the ids of the sources it lists
    date: dt.date
    actors: int  # distinct actors its steps name
    steps: int
    quotes: int

    @classmethod
    def of(cls, scenario: ScenarioFile) -> Listing:
        meta = scenario.scenario
        return cls(meta.id, meta.title, meta.question, meta.summary, tuple(meta.sources), meta.date, step_actor_count(scenario), len(scenario.steps), quote_count(scenario))


def quote_count(scenario: ScenarioFile) -> int:
    # As many as crossref.scenario_quotes lists, without listing them: every card of the home screen asks.
    return sum(len(step.quotes) for step in scenario.steps) + sum(len(option.quotes) for option in scenario.options) + len(scenario.figures)


def step_actor_count(scenario: ScenarioFile) -> int:
    """How many distinct actors the steps name."""
    return len({step.actor for step in scenario.steps if step.actor})
