"""A checked scenario as tuples of plain values, to pass between processes, and its models rebuilt from them.

The explorer's workers check scenario files as `drawdown validate` does (a clean table is a plain
record, pydantic only for the rest) and send each scenario back packed: tuples of strings, numbers
and dates, which pickle and unpickle in C. Pickled pydantic models cost a Python call per model each
way (1 to 2 ms per file, on the explorer's own process, against its keys), and validating them in the
workers costs half as much again as the records. The explorer rebuilds the models from the packed
values without validating them again (they were checked in the worker), giving every equal string,
date and quote span one object as it goes, and every equal quote one model (shared_values.py). A rebuilt model is the model pydantic
would have made of the same table: its fields, its set of given fields, its quote span.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from .plain_records import SPECS, Spec

if TYPE_CHECKING:
    from pydantic import BaseModel

    from . import model
    from .shared_values import SharedValues

# A packed model: (the bit mask of its given fields, its fields' values in model.py's order, then its extras).
Packed = tuple[Any, ...]

_new = object.__new__
_set = object.__setattr__
# Kept in a model's __dict__ beside its fields (model.Quote.resolve): sent along, None when unset.
_EXTRAS: dict[str, tuple[str, ...]] = {"Quote": ("resolved_span",)}


@dataclass
class _Kind:
    """How one model of model.py is packed: its fields, which of them hold models, its extras."""

    name: str  # the model's class name in model.py
    names: tuple[str, ...]
    bits: dict[str, int]
    # Field name -> (the kind of model it holds, whether a list of them).
    nested: dict[str, tuple[_Kind, bool]]
    extras: tuple[str, ...]


def _kinds(root: Spec) -> dict[str, _Kind]:
    """Each model's kind, read from its plain record's spec (plain_records.py), which has the model's
    fields in its order (tests/test_plain_records.py): packing needs no pydantic, so the explorer's
    workers are forked before it is imported (batch_load.py). The Unpacker checks the kinds against
    model.py's own fields (_model_layout) before it rebuilds a model."""
    kinds: dict[str, _Kind] = {}

    def kind_of(spec: Spec) -> _Kind:
        if spec.name not in kinds:
            names = tuple(spec.fields)
            kinds[spec.name] = kind = _Kind(spec.name, names, {name: 1 << i for i, name in enumerate(names)}, {}, _EXTRAS.get(spec.name, ()))
            for name, (check, _) in spec.fields.items():
                if isinstance(check, Spec):
                    kind.nested[name] = (kind_of(check), False)
                elif isinstance(getattr(check, "member", None), Spec):
                    kind.nested[name] = (kind_of(check.member), True)  # type: ignore[union-attr]
        return kinds[spec.name]

    kind_of(root)
    return kinds


def _held_model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model a field holds and whether it is a list of them; (None, False) for a plain value."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item, True
    for arg in typing.get_args(annotation):  # a model behind Optional or Union would be packed as a plain value
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            raise TypeError(f"packed_scenarios cannot pack a model inside {annotation!r}")
    return None, False


def _model_layout(root: type[BaseModel]) -> dict[str, tuple[tuple[str, str | None, bool], ...]]:
    """Each model's fields as model.py has them: (name, the model it holds or None, whether a list)."""
    layout: dict[str, tuple[tuple[str, str | None, bool], ...]] = {}
    stack = [root]
    while stack:
        cls = stack.pop()
        if cls.__name__ in layout:
            continue
        fields = []
        for name, info in cls.model_fields.items():
            held, is_list = _held_model(info.annotation)
            fields.append((name, held.__name__ if held is not None else None, is_list))
            if held is not None:
                stack.append(held)
        layout[cls.__name__] = tuple(fields)
    return layout


def _kinds_layout(kinds: dict[str, _Kind]) -> dict[str, tuple[tuple[str, str | None, bool], ...]]:
    return {
        kind.name: tuple((name, kind.nested[name][0].name if name in kind.nested else None, kind.nested[name][1] if name in kind.nested else False) for name in kind.names)
        for kind in kinds.values()
    }


def pack(scenario: Any, data: dict[str, Any]) -> Packed:
    """A checked scenario (a model or a plain record of model.ScenarioFile) and the TOML table it was
    checked from, packed. The table tells which fields the file gave, as pydantic's set of given fields."""
    return _pack(_KINDS["ScenarioFile"], scenario, data)


def _pack(kind: _Kind, item: Any, table: dict[str, Any]) -> Packed:
    bits = kind.bits
    mask = 0
    for key in table:
        mask |= bits[key]
    values = item.__dict__
    out: list[Any] = [mask]
    nested = kind.nested
    for name in kind.names:
        value = values[name]
        if name in nested:
            inner, is_list = nested[name]
            given = table.get(name)
            if is_list:
                value = tuple(_pack(inner, member, given[i]) for i, member in enumerate(value)) if given is not None else ()
            else:
                value = _pack(inner, value, given)
        out.append(value)
    for extra in kind.extras:
        out.append(values.get(extra))
    return tuple(out)


def _plain_kind(annotation: Any) -> str:
    """How a field's plain value is taken in: "str" (shared), "date" (shared), "strs" (a list of
    strings, shared, in a list of its own), else "other" (a list copied to its exact length)."""
    types: set[Any] = set()
    stack = [annotation]
    while stack:
        item = stack.pop()
        origin = typing.get_origin(item)
        if origin is typing.Annotated:
            stack.append(typing.get_args(item)[0])
        elif origin is typing.Union or origin is types_union:
            stack.extend(typing.get_args(item))
        elif origin is typing.Literal:
            types.update(type(value) for value in typing.get_args(item))
        elif origin is list:
            (member,) = typing.get_args(item)
            types.add("strs" if _plain_kind(member) == "str" else "list")
        elif item is not type(None):
            types.add(item)
    if types == {str}:
        return "str"
    if types == {dt.date}:
        return "date"
    if types == {"strs"}:
        return "strs"
    return "other"


types_union = type(int | None)


def _unpack_source(kind: _Kind) -> str:
    """The source of a function rebuilding one model of `kind` from its packed tuple `p`.

    Written out field by field, then compiled (see Unpacker): a loop over the fields that asks each
    value's type costs as much again as the model, and there are a hundred models to a file."""
    from . import model

    cls = getattr(model, kind.name)
    values = []
    for index, (name, info) in enumerate(cls.model_fields.items(), 1):
        value = f"p[{index}]"
        if name in kind.nested:
            inner, is_list = kind.nested[name]
            call = f"unpack_{inner.name}"
            # From a tuple: a list of exactly its length (one built item by item keeps room to grow).
            value = f"list(tuple(map({call}, {value})))" if is_list else f"{call}({value})"
        else:
            plain = _plain_kind(info.annotation)
            if plain == "str":
                value = f"string({value}, {value})"
            elif plain == "date":
                value = f"date({value}, {value})"
            elif plain == "strs":
                value = f"list(tuple(map(one_string, {value})))"
            else:
                value = f"(list({value}) if type({value}) is list else {value})"
        values.append(f"{name!r}: {value}")
    lines = [f"def unpack_{kind.name}(p):"]
    if kind.name == "Quote":
        # An equal packed quote (the same words, selectors, given fields and span) is the same quote.
        lines += ["    item = quotes.get(p)", "    if item is not None: return item"]
    lines.append(f"    values = {{{', '.join(values)}}}")
    for offset, extra in enumerate(kind.extras, len(kind.names) + 1):
        lines.append(f"    if p[{offset}] is not None: values[{extra!r}] = span(p[{offset}], p[{offset}])")
    lines += [
        f"    item = new({kind.name})",
        "    setattr(item, '__dict__', values)",
        f"    given = given_{kind.name}.get(p[0])",
        f"    setattr(item, '__pydantic_fields_set__', given if given is not None else fields_set({kind.name!r}, p[0]))",
        "    setattr(item, '__pydantic_extra__', None)",  # extra="forbid": pydantic keeps None
        "    setattr(item, '__pydantic_private__', None)",  # no private attributes
    ]
    if kind.name == "Quote":
        lines.append("    quotes[p] = item")
    lines.append("    return item")
    return "\n".join(lines)


_KINDS = _kinds(SPECS["ScenarioFile"])
_SOURCES: list[str] = []  # the rebuilding functions' source, written once (it imports pydantic)


def _unpack_sources() -> str:
    if not _SOURCES:
        from . import model

        if _model_layout(model.ScenarioFile) != _kinds_layout(_KINDS):
            raise TypeError("packed_scenarios: plain_records' specs do not have model.py's fields, in its order")
        _SOURCES.append("\n\n".join(_unpack_source(kind) for kind in _KINDS.values()))
    return _SOURCES[0]


class Unpacker:
    """Rebuilds packed scenarios as models, sharing equal values through one table for the whole load."""

    def __init__(self, shared: SharedValues) -> None:
        from . import model

        self._fields_sets = shared.fields_sets
        self._given: dict[str, dict[int, frozenset[str]]] = {name: {} for name in _KINDS}
        strings = shared.strings
        scope: dict[str, Any] = {
            "string": strings.setdefault,
            "one_string": lambda value: strings.setdefault(value, value),
            "date": shared.dates.setdefault,
            "span": shared.spans.setdefault,
            "quotes": shared.packed_quotes,
            "new": _new,
            "setattr": _set,
            "fields_set": self._given_fields,
            **{name: getattr(model, name) for name in _KINDS},
            **{f"given_{name}": given for name, given in self._given.items()},
        }
        exec(_unpack_sources(), scope)  # noqa: S102 - our own source, written from model.py's fields above
        self.scenario: Callable[[Packed], model.ScenarioFile] = scope["unpack_ScenarioFile"]

    def _given_fields(self, kind: str, mask: int) -> frozenset[str]:
        names = frozenset(name for name, bit in _KINDS[kind].bits.items() if mask & bit)
        found = self._given[kind][mask] = self._fields_sets.setdefault(names, names)
        return found
