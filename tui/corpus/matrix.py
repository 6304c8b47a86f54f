"""The pressure matrix of one scenario: who pushes toward what, and how openly.

Rows are the actors that exert at least one pressure, in the order they first appear among the
scenario's steps (any kind of step: the order a reader meets them stepping through). Columns are
the options in file order, then one "no option" column (`None`) for pressures without `toward`.
Each cell holds the pressure steps of that actor toward that option, by stance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import Option, ScenarioFile, Step

Stance = Literal["public", "private", "reported"]
STANCES: tuple[Stance, ...] = ("public", "private", "reported")


@dataclass(frozen=True, slots=True)
class StepRef:
    """A step together with its index in the scenario file (what the scenario screen jumps to)."""

    index: int
    step: Step


@dataclass(frozen=True, slots=True)
class Cell:
    actor_id: str
    option_id: str | None  # None: the "no option" column
    public: tuple[StepRef, ...] = ()
    private: tuple[StepRef, ...] = ()
    reported: tuple[StepRef, ...] = ()

    def by_stance(self, stance: Stance) -> tuple[StepRef, ...]:
        return getattr(self, stance)

    @property
    def steps(self) -> tuple[StepRef, ...]:
        """Every step of the cell, in file order."""
        return tuple(sorted(self.public + self.private + self.reported, key=lambda ref: ref.index))

    @property
    def empty(self) -> bool:
        return not (self.public or self.private or self.reported)


@dataclass(frozen=True, slots=True)
class PressureMatrix:
    scenario_id: str
    actors: tuple[str, ...]  # row order
    options: tuple[Option | None, ...]  # column order; None is the "no option" column, always last
    cells: dict[tuple[str, str | None], Cell]  # only the cells that hold a step

    @property
    def option_ids(self) -> tuple[str | None, ...]:
        return tuple(option.id if option else None for option in self.options)

    def cell(self, actor_id: str, option_id: str | None) -> Cell:
        return self.cells.get((actor_id, option_id)) or Cell(actor_id, option_id)

    def row(self, actor_id: str) -> tuple[Cell, ...]:
        return tuple(self.cell(actor_id, option_id) for option_id in self.option_ids)

    def column_used(self, option_id: str | None) -> bool:
        """Whether any pressure points at this column (the UI may fold an empty "no option" column)."""
        return any(key[1] == option_id for key in self.cells)


def pressure_matrix(scenario: ScenarioFile) -> PressureMatrix:
    first_seen: dict[str, int] = {}
    for index, step in enumerate(scenario.steps):
        if step.actor is not None:
            first_seen.setdefault(step.actor, index)
    grouped: dict[tuple[str, str | None], dict[Stance, list[StepRef]]] = {}
    for index, step in enumerate(scenario.steps):
        # A valid pressure always has an actor and a stance; the guard keeps a hand-built model honest.
        if step.kind != "pressure" or step.actor is None or step.stance is None:
            continue
        stances = grouped.setdefault((step.actor, step.toward), {s: [] for s in STANCES})
        stances[step.stance].append(StepRef(index, step))
    actors = sorted({actor for actor, _ in grouped}, key=lambda actor: first_seen[actor])
    cells = {
        key: Cell(key[0], key[1], *(tuple(stances[s]) for s in STANCES)) for key, stances in grouped.items()
    }
    return PressureMatrix(
        scenario_id=scenario.scenario.id,
        actors=tuple(actors),
        options=(*scenario.options, None),
        cells=cells,
    )
