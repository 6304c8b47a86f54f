"""Leftover skeleton text: what `drawdown new` writes for the author to replace.

The skeleton's own fields start with "TODO"; its commented-out example tables, once uncommented,
bring example values that look real. Both are legal TOML and legal values, so they are warnings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from .positions import KeyPath

if TYPE_CHECKING:
    from .scenario_parts import ScenarioParts

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


def may_hold(parts: ScenarioParts) -> bool:
    """Cheap test on a valid file: whether its [scenario] fields still hold the skeleton's TODOs.

    Scanning the whole text would cost a clean load more than a tenth of its checks. The example
    values come in the skeleton's commented-out step with a placeholder actor and quote, which are
    errors, and a file with errors is walked whole anyway."""
    meta = parts.meta
    return meta is not None and (meta.title.startswith(MARK) or meta.question.startswith(MARK) or meta.summary.startswith(MARK))


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
