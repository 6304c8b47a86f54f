"""File text as it is put on screen: literal, with control characters made visible.

Every character keeps its offset (one character in, one character out), so a quote's
span, resolved by the loader against the file, still points at the same words.
"""

from __future__ import annotations

from .corpus.control_chars import visible


def shown(text: str) -> str:
    """Control characters as their visible pictures, tabs as single spaces (a tab's width depends on its column)."""
    return visible(text).replace("\t", " ")
