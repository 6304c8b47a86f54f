"""Paragraphs in a text from a file: a blank line starts a new one.

Any other line break is the writer wrapping a long line, so it reads as a space, as it
does in Markdown; every export and the explorer split texts by this one rule.
"""

from __future__ import annotations

import re

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs, each with its white space folded to single spaces; none when blank."""
    return [folded for part in _BLANK_LINE.split(text) if (folded := " ".join(part.split()))]
