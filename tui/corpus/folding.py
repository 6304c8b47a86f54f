"""Text folded for matching: normalised as quotes are, then lower-cased, one character per character.

Search and the actor views compare text the way the quote checker does (whitespace runs are one
space, curly quotes equal straight ones) and without regard to case. Folding never changes the
length of a normalised text, so an offset into the folded text is an offset into
`NormalisedText.text`, which maps back to the original document.
"""

from __future__ import annotations

from .quotes import normalise

# The one character whose lower case is two characters long ("İ" -> "i̇"); it would shift every
# offset after it, so it folds to a plain "i".
_DOTTED_I = "\u0130"


def fold_normalised(text: str) -> str:
    """Lower-case an already normalised text, keeping its length."""
    if _DOTTED_I in text:
        text = text.replace(_DOTTED_I, "i")
    return text.lower()


def fold(text: str) -> str:
    """Normalise then lower-case: what two texts are compared as."""
    return fold_normalised(normalise(text))


def occurrences(folded: str, needle: str) -> list[int]:
    """Start offsets of `needle` in `folded`, left to right, not overlapping."""
    found: list[int] = []
    if not needle:
        return found
    at = folded.find(needle)
    while at >= 0:
        found.append(at)
        at = folded.find(needle, at + len(needle))
    return found
