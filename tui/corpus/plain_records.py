"""A clean table as a plain record, its shape checked without pydantic.

`drawdown validate` only reports: it never keeps a model. Importing pydantic and building the
models costs 100 to 250 ms at every start, about as much as checking a hundred files, and
nearly every file of a corpus is clean. So `validate` first checks each table here against the
same rules as model.py, and asks pydantic only about a table this check does not accept.

The check is one-sided on purpose: it accepts a value only when model.py accepts it unchanged
(strict mode: a TOML value is taken as it is, never converted), and gives it the attributes the
model would have, defaults included. Anything else, including a value pydantic might still accept,
goes to pydantic, whose errors are the diagnostics. So every diagnostic is pydantic's, as on the
explorer's path, and a record is never something model.py would refuse.
(tests/test_plain_records.py holds the specs below against model.py's fields, and both paths
against each other on every fixture and on mutated files.)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Union

_BAD = object()  # what a check returns for a value it does not accept
_REQUIRED = object()

# The value as the record holds it, or _BAD; or the strings allowed (checked inline by Spec).
Check = Union[Callable[[Any], Any], frozenset]


class Record:
    """A table that passed its check: each of its model's fields as an attribute."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


class QuoteRecord(Record):
    """A quote, which the loader resolves to its place in the document, as model.Quote is."""

    @property
    def span(self) -> tuple[int, int] | None:
        return self.__dict__.get("resolved_span")

    def resolve(self, start: int, end: int) -> None:
        self.__dict__["resolved_span"] = (start, end)


# -- values ---------------------------------------------------------------------------
# model.py's patterns, written for fullmatch (pydantic's `$` is the end of the text only).
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*").fullmatch
_URL = re.compile(r"https?://[!-~]+").fullmatch  # `\S+` narrowed to printable ASCII: the rest goes to pydantic
_SHA256 = re.compile(r"[0-9a-f]{64}").fullmatch
_INT_LIMIT = 2**63  # pydantic's integers beyond this are left to pydantic


def _text(value: Any) -> Any:
    return value if type(value) is str else _BAD


def _non_empty(value: Any) -> Any:
    return value if type(value) is str and value else _BAD


# Slugs seen to match: a corpus names the same few ids thousands of times.
_SLUGS: set[str] = set()


def _new_slug(value: str) -> bool:
    if _SLUG(value) is None:
        return False
    _SLUGS.add(value)
    return True


def _slug(value: Any) -> Any:
    return value if type(value) is str and (value in _SLUGS or _new_slug(value)) else _BAD


def _date(value: Any) -> Any:
    return value if type(value) is dt.date else _BAD


def _matching(match: Callable[[str], Any]) -> Callable[[Any], Any]:
    return lambda value: value if type(value) is str and match(value) else _BAD


def _one_of(*choices: str) -> frozenset[str]:
    """One of these strings (a Literal of model.py); Spec checks it inline."""
    return frozenset(choices)


def _whole(value: Any) -> bool:
    return type(value) is int and -_INT_LIMIT < value < _INT_LIMIT


def _troops(value: Any) -> Any:
    """A whole number >= 0, or [low, high] with low <= high (model.Troops)."""
    if _whole(value):
        return value if value >= 0 else _BAD
    if type(value) is list and len(value) == 2 and _whole(value[0]) and _whole(value[1]) and value[0] <= value[1]:
        return list(value)
    return _BAD


def _format(value: Any) -> Any:
    return value if type(value) is int and value == 1 else _BAD


def _list(item: Callable[[Any], Any], *, min_length: int = 0) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not list or len(value) < min_length:
            return _BAD
        out = [item(element) for element in value]
        return out if _BAD not in out else _BAD

    check.member = item  # type: ignore[attr-defined]  # what the list holds, read by packed_scenarios
    return check


_BASIS = _one_of("stated", "inferred")

# -- tables ---------------------------------------------------------------------------


class Spec:
    """One model of model.py: each field's check and its default (_REQUIRED when it has none)."""

    def __init__(self, name: str, fields: dict[str, tuple[Check, Any]], record: type[Record] = Record) -> None:
        self.name = name
        self.fields = fields
        self.record = record
        self._checks = {key: check for key, (check, _) in fields.items()}
        self._keys = frozenset(fields)
        self._required = frozenset(key for key, (_, default) in fields.items() if default is _REQUIRED)
        # Defaults other than a list, shared by every record; each record gets lists of its own.
        self._base = {key: default for key, (_, default) in fields.items() if default is not _REQUIRED and default is not list}
        self._lists = tuple(key for key, (_, default) in fields.items() if default is list)

    def __call__(self, data: Any) -> Any:
        # Runs for every table of every file (most of them quotes): set operations for the keys,
        # the commonest checks inline (a call per value costs more than the check).
        if type(data) is not dict:
            return _BAD
        keys = data.keys()
        if not keys <= self._keys or not self._required <= keys:
            return _BAD  # a key the model does not have, or a required one missing
        checks = self._checks
        values = {**self._base, **data}
        for key, value in data.items():
            check = checks[key]
            if check is _non_empty:
                if type(value) is not str or not value:
                    return _BAD
            elif check is _slug:
                if type(value) is not str or (value not in _SLUGS and not _new_slug(value)):
                    return _BAD
            elif type(check) is frozenset:
                if type(value) is not str or value not in check:
                    return _BAD
            elif check is _text:
                if type(value) is not str:
                    return _BAD
            else:
                value = check(value)
                if value is _BAD:
                    return _BAD
                values[key] = value
        for key in self._lists:
            if key not in values:
                values[key] = []
        out = object.__new__(self.record)
        out.__dict__ = values
        return out


def _optional(check: Check) -> tuple[Check, Any]:
    return check, None


def _required(check: Check) -> tuple[Check, Any]:
    return check, _REQUIRED


def _listed(check: Check) -> tuple[Check, Any]:
    return _list(check), list


QUOTE = Spec(
    "Quote",
    {"source": _required(_slug), "text": _required(_non_empty), "prefix": _optional(_text), "suffix": _optional(_text)},
    QuoteRecord,
)
SOURCE = Spec(
    "Source",
    {
        "id": _required(_slug),
        "file": _required(_non_empty),
        "title": _required(_non_empty),
        "title_basis": (_BASIS, "stated"),
        "outlet": _optional(_non_empty),
        "author": _optional(_non_empty),
        "published": _optional(_date),
        "published_basis": _optional(_BASIS),
        "kind": _required(_one_of("news", "opinion", "aggregation", "analysis")),
        "note": _optional(_text),
        "url": _optional(_matching(_URL)),
        "sha256": _optional(_matching(_SHA256)),
    },
)
ACTOR = Spec(
    "Actor",
    {
        "id": _required(_slug),
        "name": _required(_non_empty),
        "aliases": _listed(_non_empty),
        "side": _required(_slug),
        "kind": _required(_one_of("person", "institution", "group", "state", "commentator")),
        "description": _required(_non_empty),
    },
)
SERIES = Spec(
    "Series",
    {"id": _required(_slug), "label": _required(_non_empty), "unit": (_non_empty, "troops"), "description": _optional(_text)},
)
SCENARIO_META = Spec(
    "ScenarioMeta",
    {
        "id": _required(_slug),
        "title": _required(_non_empty),
        "date": _required(_date),
        "date_basis": _required(_BASIS),
        "question": _required(_non_empty),
        "summary": _required(_non_empty),
        "sources": _required(_list(_slug, min_length=1)),
        "tags": _listed(_non_empty),
    },
)
OPTION = Spec(
    "Option",
    {"id": _required(_slug), "label": _required(_non_empty), "troops": _optional(_troops), "summary": _optional(_text), "quotes": _listed(QUOTE)},
)
STEP = Spec(
    "Step",
    {
        "kind": _required(_one_of("event", "pressure", "outcome")),
        "actor": _optional(_slug),
        "date": _optional(_date),
        "date_basis": _optional(_BASIS),
        "stance": _optional(_one_of("public", "private", "reported")),
        "toward": _optional(_slug),
        "status": _optional(_one_of("reported", "confirmed", "denied", "unresolved")),
        "enacts": _optional(_slug),
        "summary": _required(_non_empty),
        "quotes": _listed(QUOTE),
    },
)
FIGURE = Spec(
    "Figure",
    {
        "series": _required(_slug),
        "value": _required(_troops),
        "as_of": _optional(_date),
        "as_of_basis": _optional(_BASIS),
        "label": _required(_non_empty),
        "quote": _required(QUOTE),
    },
)
SCENARIO_FILE = Spec(
    "ScenarioFile",
    {
        "format": _required(_format),
        "scenario": _required(SCENARIO_META),
        "options": _listed(OPTION),
        "steps": _listed(STEP),
        "figures": _listed(FIGURE),
        "actors": _listed(ACTOR),
        "series": _listed(SERIES),
    },
)
SPECS = {spec.name: spec for spec in (QUOTE, SOURCE, ACTOR, SERIES, SCENARIO_META, OPTION, STEP, FIGURE, SCENARIO_FILE)}


def record(model_name: str, data: Any) -> Record | None:
    """`data` as a record of model.py's `model_name` when that model accepts it as it is; else None."""
    out = SPECS[model_name](data)
    return None if out is _BAD else out
