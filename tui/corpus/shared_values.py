"""One copy of each equal value the models of a loaded corpus hold.

A corpus repeats itself: every quote names its source by id, every pressure its actor and option,
every step its kind and stance, and scenarios that draw on the same document quote the same
sentences. Each file is parsed on its own (and, on two processes, each batch of files is pickled
on its own), so each repetition is a string object of its own: at 3,000 scenarios, 142,200
`Quote.source` strings for a handful of ids (8 MB), and about 80 MB of strings in all. `share`
gives every equal string, date, quote span and set of given field names one object, as each
batch of files comes in, so that the copies are freed while the load is still allocating (and
their memory is taken again by the next batch, rather than left as holes in the heap).

Equal quotes are one model too: a quote is a value (its words, selectors, given fields and where
they were found), and a model costs 260 bytes however short its words (at 3,000 scenarios, 142,200
quotes held 37 MB). Nothing assigns to a quote after the load checked it, and nothing compares
quotes by identity. Every other model is kept as it was made: steps, options and figures are
places in one file (the palette, the lists and the screens go by their index, not their value).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from .model import Quote


class SharedValues:
    """The table of values met so far in one load; dropped with the load."""

    def __init__(self) -> None:
        # Kept apart by type: a dict keyed by mixed values would take 1 and True for one value.
        # Each value -> its one object (also filled by packed_scenarios.Unpacker as it rebuilds models).
        self.strings: dict[str, str] = {}
        self.spans: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.dates: dict[dt.date, dt.date] = {}
        self.fields_sets: dict[frozenset[str], frozenset[str]] = {}
        # A quote by what makes it: its given fields and values (share), or its packed tuple (packed_scenarios.Unpacker).
        self.quotes: dict[tuple[Any, ...], Quote] = {}
        self.packed_quotes: dict[tuple[Any, ...], Quote] = {}

    def share(self, model: BaseModel) -> None:
        """Replace each string, date, span and quote that `model` and the models inside it hold by the table's equal one."""
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
                    if type(exact[0]) is Quote:
                        exact[:] = map(self._quote, exact)
                    elif isinstance(exact[0], BaseModel):
                        stack.extend(exact)
                    else:
                        for index, member in enumerate(exact):
                            if type(member) is str:
                                exact[index] = strings.setdefault(member, member)
                elif type(value) is Quote:
                    values[name] = self._quote(value)
                elif isinstance(value, BaseModel):
                    stack.append(value)
                elif type(value) is dt.date:
                    values[name] = self.dates.setdefault(value, value)
                elif type(value) is tuple and all(type(v) is int for v in value):
                    values[name] = self.spans.setdefault(value, value)  # a quote's resolved span

    def _quote(self, quote: Quote) -> Quote:
        """The one model of the quotes equal to `quote` (its values shared first)."""
        self.share(quote)
        key = (quote.__pydantic_fields_set__, *quote.__dict__.items())
        return self.quotes.setdefault(key, quote)
