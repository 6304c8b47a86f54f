"""One copy of each equal value the models of a loaded corpus hold.

A corpus repeats itself: every quote names its source by id, every pressure its actor and option,
every step its kind and stance, and scenarios that draw on the same document quote the same
sentences. Each file is parsed on its own (and, on two processes, each batch of files is pickled
on its own), so each repetition is a string object of its own: at 3,000 scenarios, 142,200
`Quote.source` strings for a handful of ids (8 MB), and about 80 MB of strings in all. `share`
gives every equal string, date, quote span and set of given field names one object, as each
batch of files comes in, so that the copies are freed while the load is still allocating (and
their memory is taken again by the next batch, rather than left as holes in the heap).

Values only: a model is never replaced, and nothing compares models or values by identity.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel


class SharedValues:
    """The table of values met so far in one load; dropped with the load."""

    def __init__(self) -> None:
        # Kept apart by type: a dict keyed by mixed values would take 1 and True for one value.
        # Each value -> its one object (also filled by packed_scenarios.Unpacker as it rebuilds models).
        self.strings: dict[str, str] = {}
        self.spans: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.dates: dict[dt.date, dt.date] = {}
        self.fields_sets: dict[frozenset[str], frozenset[str]] = {}

    def share(self, model: BaseModel) -> None:
        """Replace each string, date and span that `model` and the models inside it hold by the table's equal one."""
        strings, fields_sets = self.strings, self.fields_sets
        stack: list[BaseModel] = [model]
        while stack:
            item = stack.pop()
            names = item.__pydantic_fields_set__
            key = names if isinstance(names, frozenset) else frozenset(names)
            object.__setattr__(item, "__pydantic_fields_set__", fields_sets.setdefault(key, key))
            values: dict[str, Any] = item.__dict__
            for name, value in values.items():
                if type(value) is str:
                    values[name] = strings.setdefault(value, value)
                elif isinstance(value, list) and value:
                    # A copy of its exact length: lists built item by item keep room to grow (3 MB at 3,000 scenarios).
                    values[name] = exact = list(value)
                    if isinstance(exact[0], BaseModel):
                        stack.extend(exact)
                    else:
                        for index, member in enumerate(exact):
                            if type(member) is str:
                                exact[index] = strings.setdefault(member, member)
                elif isinstance(value, BaseModel):
                    stack.append(value)
                elif type(value) is dt.date:
                    values[name] = self.dates.setdefault(value, value)
                elif type(value) is tuple and all(type(v) is int for v in value):
                    values[name] = self.spans.setdefault(value, value)  # a quote's resolved span
