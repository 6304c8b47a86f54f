"""The parts of a scenario file that the checks between values look at, each with its index in the file.

A file that validates as a whole gives all its parts. A file that does not is taken apart: each
option, step, figure, actor and series that has the right shape is still checked (its ids, its
quotes, its dates), so one bad item costs only itself and every error of the file shows in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from . import control_chars

if TYPE_CHECKING:
    from .model import Actor, Figure, Option, ScenarioFile, ScenarioMeta, Series, Step

# Each array of a scenario file and the model of its items (model.py), in the order they are checked.
ARRAYS: tuple[tuple[str, str], ...] = (("options", "Option"), ("steps", "Step"), ("figures", "Figure"), ("actors", "Actor"), ("series", "Series"))
_KIND = {"options": "option", "actors": "actor", "series": "series"}


@dataclass
class ScenarioParts:
    meta: ScenarioMeta | None
    listed: list[Any]  # [scenario] sources as written (the meta's, or the raw array when the meta is broken)
    # Each array's items of the right shape: for a valid file the model's own lists, not copies.
    options: list[Option]
    steps: list[Step]
    figures: list[Figure]
    actors: list[Actor]
    series: list[Series]
    has_steps: bool
    # array -> the index in the file of each item kept, when some were left out
    positions: dict[str, list[int]] = field(default_factory=dict)
    # kind ("option", "actor", "series") -> id -> index of the item of that id whose shape is wrong
    broken: dict[str, dict[str, int]] = field(default_factory=dict)
    # (array, index) -> keys of that item left out for their wrong shape: present, so never "missing"
    dropped: dict[tuple[str, int], frozenset[str]] = field(default_factory=dict)

    # (array, index) -> positions in the file of the quotes kept, when some were left out
    kept_quotes: dict[tuple[str, int], tuple[int, ...]] = field(default_factory=dict)

    def each(self, key: str) -> Iterable[tuple[int, Any]]:
        """(index in the file, item) of each item of an array."""
        items = getattr(self, key)
        kept = self.positions.get(key) if self.positions else None
        return enumerate(items) if kept is None else zip(kept, items)

    def left_out(self, key: str, index: int) -> frozenset[str]:
        return self.dropped.get((key, index), frozenset()) if self.dropped else frozenset()

    def quote_positions(self, key: str, index: int, count: int) -> Iterable[int]:
        return self.kept_quotes.get((key, index), range(count)) if self.kept_quotes else range(count)

    @classmethod
    def of(cls, scenario: ScenarioFile) -> ScenarioParts:
        return cls(
            scenario.scenario,
            scenario.scenario.sources,
            scenario.options,
            scenario.steps,
            scenario.figures,
            scenario.actors,
            scenario.series,
            bool(scenario.steps),
        )

    @classmethod
    def lenient(cls, data: dict[str, Any], *, screen: bool) -> ScenarioParts:
        """The parts of a file that failed validation as a whole (its errors are already reported).

        `screen`: leave out items holding a control character (already reported too).
        """
        from pydantic import ValidationError

        from . import model

        raw_meta = data.get("scenario")
        meta = None
        if isinstance(raw_meta, dict) and not (screen and _holds_control(raw_meta)):
            try:
                meta = model.ScenarioMeta.model_validate(raw_meta)
            except ValidationError:
                pass
        listed: list[Any] = []
        if meta is not None:
            listed = meta.sources
        elif isinstance(raw_meta, dict) and isinstance(raw_meta.get("sources"), list):
            listed = [item for item in raw_meta["sources"] if isinstance(item, str)]
        arrays: dict[str, list[Any]] = {}
        positions: dict[str, list[int]] = {}
        broken: dict[str, dict[str, int]] = {}
        dropped: dict[tuple[str, int], frozenset[str]] = {}
        kept_quotes: dict[tuple[str, int], tuple[int, ...]] = {}
        for key, model_name in ARRAYS:
            raw = data.get(key)
            arrays[key] = []
            positions[key] = []
            if not isinstance(raw, list):
                continue
            for index, item in enumerate(raw):
                if screen and _holds_control(item):
                    continue
                parsed, left_out, kept = salvage(getattr(model, model_name), item)
                if parsed is not None:
                    arrays[key].append(parsed)
                    positions[key].append(index)
                    if left_out:
                        dropped[(key, index)] = left_out
                    if kept is not None:
                        kept_quotes[(key, index)] = kept
                elif key in _KIND and isinstance(item, dict) and isinstance(item.get("id"), str):
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
            positions,
            broken,
            dropped,
            kept_quotes,
        )


# Required text that no check reads: an item missing it, or with it of the wrong shape, is still checked.
_FILLERS = {"summary": "-", "label": "-", "description": "-"}


Salvaged = tuple[Any | None, frozenset[str], "tuple[int, ...] | None"]


def salvage(model: Any, item: Any) -> Salvaged:
    """The item as a model without the keys of the wrong shape (and the quotes of the wrong shape
    in a list of quotes), which keys were left out, and the positions of the quotes kept (None when
    all were); None for the model when what is left is no item."""
    from pydantic import ValidationError

    nothing: Salvaged = (None, frozenset(), None)
    try:
        return model.model_validate(item), frozenset(), None
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    if not isinstance(item, dict):
        return nothing
    cleaned = dict(item)
    left_out: set[str] = set()
    bad_elements: dict[str, set[int]] = {}
    for error in errors:
        loc = error["loc"]
        if not loc or not isinstance(loc[0], str):
            return nothing
        name = loc[0]
        if name == "quotes" and len(loc) > 1 and isinstance(loc[1], int) and isinstance(item.get(name), list):
            bad_elements.setdefault(name, set()).add(loc[1])
        elif error["type"] == "missing" and name in _FILLERS:
            cleaned[name] = _FILLERS[name]
        else:
            cleaned.pop(name, None)
            left_out.add(name)
    kept: tuple[int, ...] | None = None
    if "quotes" in bad_elements and "quotes" not in left_out:
        kept = tuple(position for position in range(len(item["quotes"])) if position not in bad_elements["quotes"])
        cleaned["quotes"] = [item["quotes"][position] for position in kept]
    for name in left_out:
        field_info = model.model_fields.get(name)
        if field_info is not None and field_info.is_required():
            if name not in _FILLERS:
                return nothing
            cleaned[name] = _FILLERS[name]
    try:
        return model.model_validate(cleaned), frozenset(left_out), kept
    except ValidationError:
        return nothing


def _holds_control(item: Any) -> bool:
    return next(control_chars.find_in(item), None) is not None
