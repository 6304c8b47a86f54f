"""Stance gaps: actors whose public position and private or reported position differ.

Read off each scenario's pressure matrix, in corpus order (scenario date, then id).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .load import Corpus
from .matrix import PressureMatrix, StepRef, pressure_matrix
from .model import ScenarioFile
from .view_data import derived

HiddenStance = Literal["private", "reported"]


@dataclass(frozen=True, slots=True)
class Side:
    stance: Literal["public", "private", "reported"]
    steps: tuple[StepRef, ...]  # file order; each step carries its quotes

    @property
    def positions(self) -> tuple[str | None, ...]:
        """The options these steps push toward, each once, in step order (None: no option)."""
        return tuple(dict.fromkeys(ref.step.toward for ref in self.steps))


@dataclass(frozen=True, slots=True)
class StanceGap:
    scenario_id: str
    actor_id: str
    public: Side
    other: Side  # private or reported

    @property
    def stance(self) -> HiddenStance:
        return self.other.stance  # type: ignore[return-value]


def scenario_gaps(scenario: ScenarioFile, matrix: PressureMatrix | None = None) -> list[StanceGap]:
    """The gaps of one scenario: actors in row order, then private before reported.

    What counts when an actor has several public steps: the public side is everything the actor
    says in public in this scenario, and its public positions are the options those steps push
    toward. A private (or reported) step opens a gap when it pushes toward an option that none of
    the public steps pushes toward, so an actor who says A and B in public and B in private has no
    gap, while one who says A in public and B in private has one. A pressure without `toward` is a
    position of its own that equals nothing, not even another pressure without `toward` (as the
    format spec says, "or one has no `toward`" is a gap): the reader judges from the quotes.
    The gap shows every public step against the private (or reported) steps that differ; the ones
    that agree with a public step are left out. An actor with no public step has no gap.
    """
    matrix = matrix or pressure_matrix(scenario)
    gaps: list[StanceGap] = []
    for actor in matrix.actors:
        row = matrix.row(actor)
        public = tuple(sorted((ref for cell in row for ref in cell.public), key=lambda ref: ref.index))
        if not public:
            continue
        # None never counts as said openly: a pressure without `toward` equals no other.
        said_openly = {cell.option_id for cell in row if cell.public and cell.option_id is not None}
        for stance in ("private", "reported"):
            differing = [ref for cell in row if cell.option_id not in said_openly for ref in cell.by_stance(stance)]
            if differing:
                other = Side(stance, tuple(sorted(differing, key=lambda ref: ref.index)))
                gaps.append(StanceGap(matrix.scenario_id, actor, Side("public", public), other))
    return gaps


def stance_gaps(corpus: Corpus) -> list[StanceGap]:
    """Every gap of every valid scenario, in scenario date order."""
    return [gap for entry in corpus.scenarios if entry.scenario for gap in scenario_gaps(entry.scenario)]


def corpus_gaps(corpus: Corpus) -> list[StanceGap]:
    """`stance_gaps(corpus)`, computed once per corpus (in the background after a load; see view_data.py)."""
    return derived(corpus, "stance gaps", stance_gaps)
