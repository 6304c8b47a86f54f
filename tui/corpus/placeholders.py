"""Leftover skeleton text: what `drawdown new` writes for the author to replace.

The skeleton's own fields start with "TODO"; its commented-out example tables, once uncommented,
bring example values that look real. Both are legal TOML and legal values, so they are warnings.
"""

from __future__ import annotations

from typing import Any, Iterator

from .positions import KeyPath

MARK = "TODO"
# The example values of the skeleton's commented-out [[options]] and [[steps]] (skeleton.py).
EXAMPLES = frozenset(
    {
        "actor-id",
        "Keep troops in the country",
        "What the actor pushes for, in neutral words",
        "words copied exactly from the document",
    }
)


def may_hold(text: str) -> bool:
    """Cheap test on a file's text: a clean file holds none of the placeholders."""
    return MARK in text or any(example in text for example in EXAMPLES)


def find(data: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """(key path, text) of each string value that is a skeleton placeholder."""
    if isinstance(data, str):
        if data.startswith(MARK) or data in EXAMPLES:
            yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from find(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from find(value, path + (index,))
