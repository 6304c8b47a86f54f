"""The parts of a scenario file that the checks between values look at, each with its index in the file.

A file that validates as a whole gives all its parts. A file that does not is taken apart: each
option, step, figure, actor and series that has the right shape is still checked (its ids, its
quotes, its dates), so one bad item costs only itself and every error of the file shows in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import control_chars
from .model import Actor, Figure, Option, ScenarioFile, ScenarioMeta, Series, Step

ARRAYS: tuple[tuple[str, Any], ...] = (("options", Option), ("steps", Step), ("figures", Figure), ("actors", Actor), ("series", Series))
_KIND = {"options": "option", "actors": "actor", "series": "series"}


@dataclass
class ScenarioParts:
    meta: ScenarioMeta | None
    listed: list[Any]  # [scenario] sources as written (the meta's, or the raw array when the meta is broken)
    options: list[tuple[int, Option]]
    steps: list[tuple[int, Step]]
    figures: list[tuple[int, Figure]]
    actors: list[tuple[int, Actor]]
    series: list[tuple[int, Series]]
    has_steps: bool
    # kind ("option", "actor", "series") -> id -> index of the item of that id whose shape is wrong
    broken: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, scenario: ScenarioFile) -> ScenarioParts:
        return cls(
            scenario.scenario,
            scenario.scenario.sources,
            list(enumerate(scenario.options)),
            list(enumerate(scenario.steps)),
            list(enumerate(scenario.figures)),
            list(enumerate(scenario.actors)),
            list(enumerate(scenario.series)),
            bool(scenario.steps),
        )

    @classmethod
    def lenient(cls, data: dict[str, Any], *, screen: bool) -> ScenarioParts:
        """The parts of a file that failed validation as a whole (its errors are already reported).

        `screen`: leave out items holding a control character (already reported too).
        """
        from pydantic import ValidationError

        raw_meta = data.get("scenario")
        meta = None
        if isinstance(raw_meta, dict) and not (screen and _holds_control(raw_meta)):
            try:
                meta = ScenarioMeta.model_validate(raw_meta)
            except ValidationError:
                pass
        listed: list[Any] = []
        if meta is not None:
            listed = meta.sources
        elif isinstance(raw_meta, dict) and isinstance(raw_meta.get("sources"), list):
            listed = [item for item in raw_meta["sources"] if isinstance(item, str)]
        arrays: dict[str, list[tuple[int, Any]]] = {}
        broken: dict[str, dict[str, int]] = {}
        for key, model in ARRAYS:
            raw = data.get(key)
            arrays[key] = []
            if not isinstance(raw, list):
                continue
            for index, item in enumerate(raw):
                if screen and _holds_control(item):
                    continue
                try:
                    arrays[key].append((index, model.model_validate(item)))
                except ValidationError:
                    if key in _KIND and isinstance(item, dict) and isinstance(item.get("id"), str):
                        broken.setdefault(_KIND[key], {}).setdefault(item["id"], index)
        steps = data.get("steps")
        return cls(
            meta,
            listed,
            arrays["options"],
            arrays["steps"],
            arrays["figures"],
            arrays["actors"],
            arrays["series"],
            isinstance(steps, list) and bool(steps),
            broken,
        )


def _holds_control(item: Any) -> bool:
    return next(control_chars.find_in(item), None) is not None
